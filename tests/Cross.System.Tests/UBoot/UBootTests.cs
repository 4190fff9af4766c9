using System.Globalization;
using System.Text.RegularExpressions;
using Cross.System.Tests.Support;
using Cross.Testing;

namespace Cross.System.Tests.UBoot;

/// <summary>
/// Debian's U-Boot reaches its prompt under <c>cross boot</c> and answers commands typed on
/// stdin: S-mode U-Boot after Debian's OpenSBI fw_jump, and M-mode U-Boot as the firmware.
/// </summary>
public partial class UBootTests
{
    private const string OpenSbiFwJump = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
    private const string OpenSbiFwDynamic = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin";
    private const string UBootSMode = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
    private const string UBootMMode = "/usr/lib/u-boot/qemu-riscv64/u-boot.bin";
    private static readonly TimeSpan PromptLimit = TimeSpan.FromSeconds(90), CommandLimit = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Backends => TestBackends.All;

    [Theory, MemberData(nameof(Backends))]
    public void SModeUBootAfterOpenSbiFwJumpReachesThePromptAndAnswers(string backend)
    {
        Require(OpenSbiFwJump, "opensbi");
        Require(UBootSMode, "u-boot-qemu");
        using var cross = Start(backend, "-bios", OpenSbiFwJump, "-kernel", UBootSMode);
        var banner = cross.WaitFor("=> ", PromptLimit);
        // OpenSBI hands over to U-Boot at 0x80200000 in S-mode, with the FDT it copied to 0x82200000.
        Assert.Contains("OpenSBI v1.1", banner);
        Assert.Contains("Domain0 Next Address      : 0x0000000080200000", banner);
        Assert.Contains("Domain0 Next Arg1         : 0x0000000082200000", banner);
        Assert.Contains("Domain0 Next Mode         : S-mode", banner);
        AssertUBootAnswers(cross, banner);
    }

    [Theory, MemberData(nameof(Backends))]
    public void MModeUBootAsTheFirmwareReachesThePromptAndAnswers(string backend)
    {
        Require(UBootMMode, "u-boot-qemu");
        using var cross = Start(backend, "-bios", UBootMMode);
        var banner = cross.WaitFor("=> ", PromptLimit);
        Assert.DoesNotContain("OpenSBI", banner);
        AssertUBootAnswers(cross, banner);
    }

    [Fact]
    public void OpenSbiFwDynamicFindsTheKernelThroughFwDynamicInfo()
    {
        Require(OpenSbiFwDynamic, "opensbi");
        Require(UBootSMode, "u-boot-qemu");
        using var cross = Start("interp", "-bios", OpenSbiFwDynamic, "-kernel", UBootSMode);
        var banner = cross.WaitFor("=> ", PromptLimit);
        // As under QEMU: next_addr from the ROM's fw_dynamic_info, and the FDT left where the ROM said.
        Assert.Contains("Domain0 Next Address      : 0x0000000080200000", banner);
        Assert.Contains("Domain0 Next Arg1         : 0x0000000087e00000", banner);
        Assert.Contains("Domain0 Next Mode         : S-mode", banner);
        cross.Type("poweroff\n");
        Assert.Equal(0, cross.WaitForExit(CommandLimit));
    }

    [Fact]
    public void OpenSbiStartsEveryHartWithSmp2()
    {
        Require(OpenSbiFwJump, "opensbi");
        Require(UBootSMode, "u-boot-qemu");
        using var cross = new InteractiveProcess("dotnet", [CrossCli.AssemblyPath, "boot", "-M", "virt-riscv64", "-smp", "2",
            "-bios", OpenSbiFwJump, "-kernel", UBootSMode, "--timeout", "240"]);
        var banner = cross.WaitFor("=> ", PromptLimit);
        Assert.Contains("Platform HART Count       : 2", banner);
        Assert.Contains("Domain0 HARTs             : 0*,1*", banner); // the other hart lost the lottery and waits in OpenSBI
        cross.Type("poweroff\n");
        Assert.Equal(0, cross.WaitForExit(CommandLimit));
    }

    private static InteractiveProcess Start(string backend, params string[] images) =>
        new("dotnet", [CrossCli.AssemblyPath, "boot", "-M", "virt-riscv64", .. images, "--jit", backend, "--timeout", "240"]);

    private static void AssertUBootAnswers(InteractiveProcess cross, string banner)
    {
        Assert.Contains("U-Boot 2023.01", banner);
        Assert.Contains("DRAM:  128 MiB", banner);
        Assert.Contains("Model: riscv-virtio,qemu", banner);

        cross.Type("version\n");
        var version = cross.WaitFor("=> ", CommandLimit);
        Assert.Matches(@"U-Boot 2023\.01[^\n]*\(", version);
        Assert.Contains("riscv64-linux-gnu-gcc", version);

        cross.Type("bdinfo\n");
        var bdinfo = cross.WaitFor("=> ", CommandLimit);
        Assert.Contains("DRAM bank   = 0x0000000000000000", bdinfo);
        Assert.Contains("-> start    = 0x0000000080000000", bdinfo);
        Assert.Contains("-> size     = 0x0000000008000000", bdinfo);
        Assert.Contains("memory[0]\t[0x80000000-0x87ffffff], 0x08000000 bytes", bdinfo);
        var fdt = FdtBlob().Match(bdinfo);
        Assert.True(fdt.Success, $"no fdt_blob line in:\n{bdinfo}");
        var address = ulong.Parse(fdt.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.InRange(address, 0x8000_0000UL, 0x87FF_FFFFUL); // U-Boot's relocated copy, inside RAM

        // poweroff goes through SBI SRST to the sifive_test finisher (or straight to it in M-mode).
        cross.Type("poweroff\n");
        Assert.Equal(0, cross.WaitForExit(CommandLimit));
    }

    private static void Require(string path, string package) =>
        Assert.True(File.Exists(path), $"missing {path}: install Debian package {package} (run .ci/setup)");

    [GeneratedRegex(@"fdt_blob\s+= 0x([0-9a-f]{16})")]
    private static partial Regex FdtBlob();
}
