using Cross.Core.Engine;
using Cross.Frontends.RiscV.Decoding;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// A RISC-V hart on one backend with flat memory: code at <see cref="CodeBase"/>, data at
/// <see cref="DataBase"/>. Programs end with ebreak; <see cref="Run"/> returns at the first stop.
/// </summary>
public sealed class RiscVMachine
{
    public const ulong MemoryBase = 0x10000;
    public const int MemorySize = 0x10000;
    public const ulong CodeBase = 0x10000;
    public const ulong DataBase = 0x18000;

    public TestMemory Memory { get; }
    public ExecutionEngine Engine { get; }
    public GuestContext Context { get; }

    public RiscVMachine(string backend, EngineOptions? options = null)
    {
        Memory = new TestMemory(MemoryBase, MemorySize);
        Engine = new ExecutionEngine(new RiscVFrontend(), TestBackends.Create(backend), options);
        Engine.Watch(Memory);
        Context = Engine.CreateContext(Memory);
        Context.Pc = CodeBase;
    }

    /// <summary>Writes instructions (16-bit ones as one parcel) from <paramref name="address"/>; returns the end.</summary>
    public ulong Write(ulong address, params uint[] instructions)
    {
        foreach (var instruction in instructions)
        {
            var length = RiscVDecoder.InstructionLength(instruction);
            Memory.Write(address, length, instruction);
            address += (ulong)length;
        }
        return address;
    }

    /// <summary>Loads a program at <see cref="CodeBase"/>, followed by ebreak.</summary>
    public RiscVMachine Load(params uint[] instructions)
    {
        Write(CodeBase, [.. instructions, Asm.Ebreak]);
        return this;
    }

    public StopReason Run(long budget = 10_000) => Engine.Run(Context, budget);

    /// <summary>Runs to the closing ebreak and asserts that it got there.</summary>
    public RiscVMachine RunToBreak(long budget = 10_000)
    {
        var stop = Run(budget);
        Assert.True(stop.Kind == StopKind.Trap && stop.Trap == Core.Ir.TrapKind.Breakpoint,
            $"expected the closing ebreak, got {stop} at 0x{Context.Pc:x}");
        return this;
    }

    public ulong X(int r) => Context.State.Read64(RiscVState.X(r));

    public RiscVMachine SetX(int r, ulong value)
    {
        Context.State.Write64(RiscVState.X(r), value);
        return this;
    }

    public RiscVMachine SetX(int r, long value) => SetX(r, (ulong)value);

    public ulong F(int r) => Context.State.Read64(RiscVState.F(r));

    public RiscVMachine SetF(int r, ulong bits)
    {
        Context.State.Write64(RiscVState.F(r), bits);
        return this;
    }

    public RiscVMachine SetF32(int r, float value) => SetF(r, 0xFFFF_FFFF_0000_0000UL | BitConverter.SingleToUInt32Bits(value));

    public RiscVMachine SetF64(int r, double value) => SetF(r, BitConverter.DoubleToUInt64Bits(value));

    public float F32(int r) => BitConverter.UInt32BitsToSingle((uint)F(r));

    public double F64(int r) => BitConverter.UInt64BitsToDouble(F(r));

    public uint Fcsr
    {
        get => (uint)Context.State.Read(RiscVState.Fcsr, 4);
        set => Context.State.Write(RiscVState.Fcsr, 4, value);
    }

    public uint Fflags => Fcsr & 0x1F;

    public ulong Read(ulong address, int size) => Memory.Read(address, size);

    public RiscVMachine Poke(ulong address, int size, ulong value)
    {
        Memory.Write(address, size, value);
        return this;
    }
}
