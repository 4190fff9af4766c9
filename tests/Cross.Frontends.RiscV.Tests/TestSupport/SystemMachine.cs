using Cross.Core.Engine;
using Cross.Core.Memory;
using Cross.Elf;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;
using Cross.Frontends.RiscV.SystemMode;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// A one-hart system: a <see cref="PhysicalBus"/> with RAM at <see cref="RamBase"/> and a
/// <see cref="TestFinisher"/> at <see cref="FinisherBase"/>, and a <see cref="RiscVSystemCpu"/> on
/// one backend. The time CSR reads <see cref="Time"/>, which tests set by hand.
/// </summary>
public sealed class SystemMachine
{
    public const ulong RamBase = 0x8000_0000;
    public const ulong RamSize = 4 << 20;
    public const ulong FinisherBase = 0x10_0000;

    /// <summary>Page-table pool for tests: the top MiB of RAM.</summary>
    public const ulong TablePool = RamBase + RamSize - (1 << 20);

    public PhysicalBus Bus { get; } = new();
    public RiscVSystemCpu Cpu { get; }
    public TestFinisher Finisher { get; }
    public ElfFile? Program { get; private set; }

    /// <summary>mtime, as the time CSR and Sstc see it.</summary>
    public ulong Time { get; set; }

    public SystemMachine(string backend, RiscVHartOptions? options = null, EngineOptions? engineOptions = null)
    {
        Bus.AddRam("ram", RamBase, RamSize);
        Cpu = new RiscVSystemCpu(Bus, TestBackends.Create(backend), (options ?? new RiscVHartOptions()) with { TimeSource = () => Time },
            engineOptions);
        Finisher = new TestFinisher(Cpu.RequestStop);
        Bus.AddMmio("finisher", FinisherBase, 0x1000, Finisher);
        Cpu.Reset(RamBase);
    }

    public RiscVHart Hart => Cpu.Hart;

    /// <summary>Assembles <paramref name="body"/> (see <see cref="SystemProgram"/>), loads it and resets the hart to its entry.</summary>
    public SystemMachine Load(string body)
    {
        var elf = SystemProgram.Assemble(body);
        foreach (var segment in elf.LoadSegments)
        {
            Bus.LoadImage(segment.PhysicalAddress, segment.Data.Span);
            for (var i = segment.FileSize; i < segment.MemorySize; i++) Bus.Write(segment.PhysicalAddress + i, 1, 0);
        }
        Program = elf;
        Cpu.Reset(elf.Entry);
        return this;
    }

    public ulong Symbol(string name) =>
        Program?.FindSymbol(name)?.Value ?? throw new ArgumentException($"no symbol {name} in the program");

    /// <summary>Steps until the finisher is written, the hart waits for an interrupt, or the budget is gone.</summary>
    public RiscVStepResult Run(long budget = 100_000)
    {
        long used = 0;
        var last = default(RiscVStepResult);
        while (used < budget && !Finisher.Finished)
        {
            last = Cpu.Step(Math.Min(10_000, budget - used));
            used += last.BudgetUsed;
            if (last.Stop == RiscVStepStop.WaitingForInterrupt) break;
        }
        return last;
    }

    /// <summary>Runs and asserts that the program reached FINISH; returns the machine for chaining.</summary>
    public SystemMachine RunToFinish(long budget = 100_000)
    {
        var result = Run(budget);
        Assert.True(Finisher.Finished,
            $"program did not finish: {result}, pc 0x{Cpu.Pc:x} in {Cpu.Privilege}, mcause 0x{Csr(CsrFile.Mcause):x} mepc 0x{Csr(CsrFile.Mepc):x} mtval 0x{Csr(CsrFile.Mtval):x}");
        return this;
    }

    public ulong X(int register) => Cpu.X(register);

    public SystemMachine SetX(int register, ulong value)
    {
        Cpu.SetX(register, value);
        return this;
    }

    public ulong Csr(int number) => Hart.ReadCsr(number);

    public ulong Read(ulong physicalAddress, int size) => Bus.Read(physicalAddress, size);

    public SystemMachine Poke(ulong physicalAddress, int size, ulong value)
    {
        Bus.Write(physicalAddress, size, value);
        return this;
    }

    public PageTableBuilder PageTables(int levels = 3) => new(Bus, levels, TablePool);
}

/// <summary>ABI register numbers used by the system tests.</summary>
public static class Reg
{
    public const int Ra = 1, Sp = 2, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9;
    public const int A0 = 10, A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17;
    public const int S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, S7 = 23, S8 = 24, S9 = 25, S10 = 26, S11 = 27;
    public const int T3 = 28, T4 = 29, T5 = 30, T6 = 31;
}
