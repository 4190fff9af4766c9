namespace Cross.Machines.Boards;

/// <summary>
/// The boards Cross knows by name. Both keep QEMU's and Spike's memory maps, so firmware built
/// for those (OpenSBI, U-Boot, Linux, riscv-tests) runs unmodified.
/// </summary>
public static class BuiltInBoards
{
    public const string VirtRiscV64 = "virt-riscv64", SpikeRiscV64 = "spike-riscv64";

    /// <summary>
    /// What the RISC-V frontend implements: RV64GC with Zba/Zbb/Zbs. This is exactly what QEMU 7.2
    /// prints for -cpu rv64,h=false,Zihintpause=false,zbc=false,sstc=false.
    /// </summary>
    public const string RiscV64Isa = "rv64imafdc_zicsr_zifencei_zba_zbb_zbs";

    /// <summary>
    /// Sv39: the one translation mode every RV64 Linux supports. Linux honours mmu-type as a
    /// ceiling, so a CPU that grows Sv48 stays correct; naming Sv48 for a CPU without it would not.
    /// QEMU 7.2 says riscv,sv48 for its own CPU.
    /// </summary>
    public const string RiscV64Mmu = "riscv,sv39";

    public static IReadOnlyList<string> Names => [VirtRiscV64, SpikeRiscV64];

    public static BoardDescription? Find(string name) => name switch
    {
        VirtRiscV64 or "virt" => VirtRiscV64Board(),
        SpikeRiscV64 or "spike" => SpikeRiscV64Board(),
        _ => null,
    };

    /// <summary>QEMU's RISC-V virt board (hw/riscv/virt.c), without PCIe, fw_cfg, flash and the PMU node.</summary>
    public static BoardDescription VirtRiscV64Board()
    {
        var devices = new List<DeviceDescription>
        {
            DeviceDescription.Create("sifive_test", "test@100000", 0x100000, 0x1000),
            DeviceDescription.Create("goldfish_rtc", "rtc@101000", 0x101000, 0x1000, [11]),
            DeviceDescription.Create("clint", "clint@2000000", 0x2000000, 0x10000),
            DeviceDescription.Create("plic", "plic@c000000", 0xC000000, 0x600000, null, ("sources", "96")),
            DeviceDescription.Create("ns16550a", "serial@10000000", 0x10000000, 0x100, [10], ("clock-frequency", "3686400")),
        };
        // Highest slot first, as QEMU lists them: Linux probes in this order and the first
        // -device lands here, so the first disk is vda on both.
        for (var slot = 7; slot >= 0; slot--)
        {
            var address = 0x10001000UL + 0x1000UL * (ulong)slot;
            devices.Add(DeviceDescription.Create("virtio-mmio", $"virtio_mmio@{address:x}", address, 0x1000, [slot + 1]));
        }
        return new BoardDescription(VirtRiscV64, "riscv64", ["riscv-virtio"], "riscv-virtio,qemu",
            RamBase: 0x8000_0000, RamSize: 128UL << 20, HartCount: 1,
            new CpuDescription(RiscV64Isa, RiscV64Mmu, 10_000_000), devices);
    }

    /// <summary>Spike's default platform: DRAM at 0x80000000, a CLINT, and HTIF through tohost/fromhost.</summary>
    public static BoardDescription SpikeRiscV64Board() =>
        new(SpikeRiscV64, "riscv64", ["ucbbar,spike-bare-dev"], "ucbbar,spike-bare",
            RamBase: 0x8000_0000, RamSize: 128UL << 20, HartCount: 1,
            new CpuDescription(RiscV64Isa, RiscV64Mmu, 10_000_000),
            [
                DeviceDescription.Create("clint", "clint@2000000", 0x2000000, 0x10000),
                DeviceDescription.Create("htif", "htif", 0, 0),
            ]);
}
