using Cross.Core.Engine;
using Cross.Core.Memory;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.TestSupport;

/// <summary>
/// An AArch64 CPU on one backend with flat memory: code at <see cref="CodeBase"/>, data at
/// <see cref="DataBase"/>, SP at the top of memory. Programs end with BRK #0, which
/// <see cref="Load(string)"/> appends; <see cref="RunToBreak"/> runs to it.
/// </summary>
public sealed class A64Machine
{
    public const ulong MemoryBase = 0x10000;
    public const int MemorySize = 0x20000;
    public const ulong CodeBase = 0x10000;
    public const ulong DataBase = 0x20000;
    public const ulong StackTop = MemoryBase + MemorySize;

    public FlatMemory Memory { get; }
    public ExecutionEngine Engine { get; }
    public GuestContext Context { get; }

    public A64Machine(string backend, EngineOptions? options = null)
    {
        Memory = new FlatMemory(MemoryBase, MemorySize);
        Engine = new ExecutionEngine(new Arm64Frontend(), TestBackendFactory.Create(backend), options);
        Engine.Watch(Memory);
        Context = Engine.CreateContext(Memory);
        Context.Pc = CodeBase;
        SetSp(StackTop);
    }

    /// <summary>Assembles <paramref name="source"/> (GNU syntax, one instruction per line) at <see cref="CodeBase"/>, followed by BRK #0.</summary>
    public A64Machine Load(string source) => Load(A64Assembler.Assemble(source + "\n    brk #0"));

    /// <summary>Writes raw instruction words at <see cref="CodeBase"/>.</summary>
    public A64Machine Load(params uint[] words)
    {
        for (var i = 0; i < words.Length; i++) Memory.Write(CodeBase + (ulong)(i * 4), 4, words[i]);
        return this;
    }

    public StopReason Run(long budget = 100_000) => Engine.Run(Context, budget);

    /// <summary>Runs to the closing BRK and asserts that it got there.</summary>
    public A64Machine RunToBreak(long budget = 100_000)
    {
        var stop = Run(budget);
        Assert.True(stop.Kind == StopKind.Trap && stop.Trap == Core.Ir.TrapKind.Breakpoint,
            $"expected the closing brk, got {stop} at 0x{Context.Pc:x}");
        return this;
    }

    public ulong X(int r) => Context.State.Read64(Arm64State.X(r));

    public A64Machine SetX(int r, ulong value)
    {
        Context.State.Write64(Arm64State.X(r), value);
        return this;
    }

    public A64Machine SetX(int r, long value) => SetX(r, (ulong)value);

    public ulong Sp => Context.State.Read64(Arm64State.Sp);

    public A64Machine SetSp(ulong value)
    {
        Context.State.Write64(Arm64State.Sp, value);
        return this;
    }

    /// <summary>NZCV as the 4-bit number N:Z:C:V.</summary>
    public uint Nzcv =>
        (uint)((Context.State.Read64(Arm64State.N) & 1) << 3 | (Context.State.Read64(Arm64State.Z) & 1) << 2
             | (Context.State.Read64(Arm64State.C) & 1) << 1 | (Context.State.Read64(Arm64State.V) & 1));

    public A64Machine SetNzcv(uint nzcv)
    {
        Context.State.Write64(Arm64State.N, (nzcv >> 3) & 1);
        Context.State.Write64(Arm64State.Z, (nzcv >> 2) & 1);
        Context.State.Write64(Arm64State.C, (nzcv >> 1) & 1);
        Context.State.Write64(Arm64State.V, nzcv & 1);
        return this;
    }

    /// <summary>Vector register <paramref name="r"/> as 128 bits.</summary>
    public UInt128 V(int r) => Context.State.Read128(Arm64State.Vector(r));

    public A64Machine SetV(int r, UInt128 value)
    {
        Context.State.Write128(Arm64State.Vector(r), value);
        return this;
    }

    public uint Fpcr
    {
        get => (uint)Context.State.Read(Arm64State.Fpcr, 4);
        set => Context.State.Write(Arm64State.Fpcr, 4, value);
    }

    /// <summary>The cumulative FP exception flags in Cross.Core.FloatingPoint.FpExceptions layout.</summary>
    public byte FpFlags => (byte)Context.State.Read(Arm64State.FpsrFlags, 1);

    public ulong Read(ulong address, int size) => Memory.Read(address, size);

    public A64Machine Poke(ulong address, int size, ulong value)
    {
        Memory.Write(address, size, value);
        return this;
    }
}
