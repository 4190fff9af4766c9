using Cross.Machines.Boards;
using Cross.Machines.Dtb;
using Cross.Machines.Tests.Support;
using Xunit.Abstractions;

namespace Cross.Machines.Tests.Dtb;

/// <summary>
/// Our virt-riscv64 tree against QEMU 7.2's own (-machine dumpdtb) for the same devices, both
/// decompiled by dtc. QEMU runs with the CPU options that give our ISA string. Differences we
/// make on purpose, and only these, are allowed:
/// - QEMU-only nodes we do not model yet: /pmu, /fw-cfg@10100000, /flash@20000000,
///   /platform-bus@4000000 and /soc/pci@30000000;
/// - /chosen/rng-seed: QEMU fills it with fresh random bytes; we add it only when asked;
/// - mmu-type: riscv,sv39 for our CPU (see BuiltInBoards.RiscV64Mmu) where QEMU's says sv48;
/// - #address-cells = 0 in each hart's interrupt-controller, which dtc's interrupt_provider check
///   wants (QEMU 7.2's own tree fails that check).
/// </summary>
public class VirtDeviceTreeTests(ITestOutputHelper output)
{
    private static readonly string[] QemuOnlyNodes = ["/pmu", "/fw-cfg@10100000", "/flash@20000000", "/platform-bus@4000000", "/soc/pci@30000000"];
    private const string QemuCpu = "rv64,h=false,Zihintpause=false,zbc=false,sstc=false";

    private static byte[] OurBlob(int harts, ChosenOptions? chosen = null)
    {
        using var machine = Machine.Create(BuiltInBoards.VirtRiscV64, new MachineOptions { HartCount = harts, RamSize = 128UL << 20 });
        return machine.DeviceTreeBlob(chosen);
    }

    private static byte[] QemuBlob(int harts, params string[] extra)
    {
        HostTool.Require(HostTool.QemuRiscV64, "qemu-system-misc");
        var path = Path.Combine(Path.GetTempPath(), $"cross-qemu-{Guid.NewGuid():N}.dtb");
        try
        {
            var result = HostTool.Run(HostTool.QemuRiscV64,
            [
                "-M", $"virt,dumpdtb={path}", "-cpu", QemuCpu, "-m", "128M", "-smp", harts.ToString(),
                "-nographic", "-nodefaults", "-net", "none", .. extra,
            ]);
            Assert.True(result.ExitCode == 0 && File.Exists(path), $"qemu-system-riscv64 failed: {result.Error}");
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void DtcDecompilesOurTreeWithoutWarnings(int harts)
    {
        var (_, warnings) = HostTool.Decompile(OurBlob(harts, new ChosenOptions { BootArgs = "console=ttyS0", InitrdStart = 0x8420_0000, InitrdEnd = 0x8430_0000, RngSeed = new byte[32] }));
        Assert.True(warnings.Trim().Length == 0, warnings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void MatchesQemuForTheDevicesWeModel(int harts)
    {
        Compare(DtsSource.Parse(HostTool.Decompile(OurBlob(harts)).Source), DtsSource.Parse(HostTool.Decompile(QemuBlob(harts)).Source));
    }

    [Fact]
    public void ChosenMatchesQemuForADirectKernelBoot()
    {
        var kernel = Path.Combine(Path.GetTempPath(), $"cross-kernel-{Guid.NewGuid():N}.bin");
        var initrd = Path.Combine(Path.GetTempPath(), $"cross-initrd-{Guid.NewGuid():N}.img");
        try
        {
            File.WriteAllBytes(kernel, new byte[4096]);
            File.WriteAllBytes(initrd, new byte[3]);
            var qemu = DtsSource.Parse(HostTool.Decompile(QemuBlob(1, "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyS0 root=/dev/vda")).Source);
            // QEMU puts the initrd at kernel + min(RAM/2, 128 MiB) = 0x84200000 here.
            var ours = DtsSource.Parse(HostTool.Decompile(OurBlob(1, new ChosenOptions
            {
                BootArgs = "console=ttyS0 root=/dev/vda", InitrdStart = 0x8420_0000, InitrdEnd = 0x8420_0003,
            })).Source);
            Compare(ours, qemu);
            Assert.Equal("<0x84200000>", ours.Nodes["/chosen"]["linux,initrd-start"]);
        }
        finally
        {
            File.Delete(kernel);
            File.Delete(initrd);
        }
    }

    private void Compare(DtsSource ours, DtsSource qemu)
    {
        var problems = new List<string>();
        foreach (var path in qemu.Nodes.Keys.Except(ours.Nodes.Keys))
            if (!QemuOnlyNodes.Any(n => path == n || path.StartsWith(n + "/"))) problems.Add($"missing node {path}");
        foreach (var path in ours.Nodes.Keys.Except(qemu.Nodes.Keys)) problems.Add($"extra node {path}");
        foreach (var path in ours.Nodes.Keys.Intersect(qemu.Nodes.Keys))
        {
            var mine = ours.Nodes[path];
            var theirs = qemu.Nodes[path];
            foreach (var name in theirs.Keys.Union(mine.Keys))
            {
                if (Allowed(path, name)) continue;
                var a = mine.GetValueOrDefault(name);
                var b = theirs.GetValueOrDefault(name);
                if (a != b) problems.Add($"{path} {name}: ours {a ?? "(absent)"}, QEMU {b ?? "(absent)"}");
            }
        }
        output.WriteLine($"compared {ours.Nodes.Count} nodes");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Allowed(string path, string property) => (path, property) switch
    {
        ("/chosen", "rng-seed") => true,
        (_, "mmu-type") when path.StartsWith("/cpus/cpu@") => true,
        (_, "#address-cells") when path.StartsWith("/cpus/cpu@") && path.EndsWith("/interrupt-controller") => true,
        _ => false,
    };

    [Fact]
    public void OurIntendedValuesForTheAllowedDifferences()
    {
        var tree = FdtReader.Read(OurBlob(1)).Root;
        Assert.Equal("riscv,sv39", tree.Find("/cpus/cpu@0")!.Property("mmu-type")!.AsString());
        Assert.Equal(0u, tree.Find("/cpus/cpu@0/interrupt-controller")!.Property("#address-cells")!.AsU32());
        Assert.Null(tree.Find("/chosen")!.Property("rng-seed"));
        Assert.Equal("/soc/serial@10000000", tree.Find("/chosen")!.Property("stdout-path")!.AsString());
    }

    [Fact]
    public void SpikeTreeAndUserDevicesPassDtcToo()
    {
        using var spike = Machine.Create(BuiltInBoards.SpikeRiscV64);
        var (source, warnings) = HostTool.Decompile(spike.DeviceTreeBlob());
        Assert.True(warnings.Trim().Length == 0, warnings);
        Assert.Contains("ucb,htif0", source);

        using var extended = Machine.Create(BuiltInBoards.VirtRiscV64, new MachineOptions
        {
            Devices = [DeviceOptionParser.Parse("pl011,addr=0x10100000,irq=12"), DeviceOptionParser.Parse("virtio-rng-device")],
        });
        (source, warnings) = HostTool.Decompile(extended.DeviceTreeBlob());
        Assert.True(warnings.Trim().Length == 0, warnings);
        Assert.Contains("pl011@10100000 {", source);
        Assert.Contains("apb-pclk {", source);
    }
}
