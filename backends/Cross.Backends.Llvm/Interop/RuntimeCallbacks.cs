using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm.Interop;

/// <summary>
/// The managed functions generated code calls: guest-memory slow paths, IR helpers (one
/// trampoline for all), soft-float and 128-bit division. Each is <c>[UnmanagedCallersOnly]</c>
/// and catches every exception: a managed exception must never unwind through JIT frames, so
/// failures are recorded in the runtime block and generated code returns the matching exit.
/// </summary>
internal static unsafe class RuntimeCallbacks
{
    // SAFETY (all pointer properties): taking the address of a static [UnmanagedCallersOnly]
    // method gives a stable native entry point for the life of the process.
    public static nint Load => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, int, ulong>)&LoadSlow;
    public static nint Load128 => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, void>)&Load128Slow;
    public static nint Store => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, int, ulong, void>)&StoreSlow;
    public static nint Store128 => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, ulong, ulong, void>)&Store128Slow;
    public static nint AtomicRmw => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, int, int, ulong, ulong>)&AtomicRmwSlow;
    public static nint CompareExchange => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, int, ulong, ulong, ulong>)&CompareExchangeSlow;
    public static nint Misaligned => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, int, void>)&MisalignedFault;
    public static nint CallHelper => (nint)(delegate* unmanaged<RuntimeBlock*, int, ulong*, int, byte*, ulong>)&CallIrHelper;
    public static nint FloatingPoint => (nint)(delegate* unmanaged<RuntimeBlock*, ulong, ulong, ulong, ulong, int, byte*, ulong>)&FloatingPointOperation;
    public static nint Wide => (nint)(delegate* unmanaged<RuntimeBlock*, int, UInt128*, UInt128*, UInt128*, void>)&WideArithmetic;

    private static ExecutionFrame Frame(RuntimeBlock* runtime) =>
        NativeRuntime.FrameOf(runtime) as ExecutionFrame ?? throw new InvalidOperationException("LLVM block ran without an execution frame");

    /// <summary>Records a failure for generated code to turn into an exit; never throws.</summary>
    private static void Fail(RuntimeBlock* runtime, Exception error)
    {
        try
        {
            Frame(runtime).Fail(error);
            return;
        }
        catch (Exception)
        {
            // The frame is gone: all that is left is to stop the block.
        }
        // SAFETY: runtime is the live block generated code was called with.
        runtime->Status = (long)ExitStatus.ManagedException;
    }

    [UnmanagedCallersOnly]
    private static ulong LoadSlow(RuntimeBlock* runtime, ulong address, int size)
    {
        try
        {
            return Frame(runtime).Context.Memory.Read(address, size);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void Load128Slow(RuntimeBlock* runtime, ulong address)
    {
        try
        {
            var value = Frame(runtime).Context.Memory.Read128(address);
            // SAFETY: runtime is the live block generated code was called with; it reads the
            // value back from these scratch fields right after the call.
            runtime->Scratch0 = (ulong)value;
            runtime->Scratch1 = (ulong)(value >> 64);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
        }
    }

    [UnmanagedCallersOnly]
    private static void StoreSlow(RuntimeBlock* runtime, ulong address, int size, ulong value)
    {
        try
        {
            Frame(runtime).Context.Memory.Write(address, size, value);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
        }
    }

    [UnmanagedCallersOnly]
    private static void Store128Slow(RuntimeBlock* runtime, ulong address, ulong low, ulong high)
    {
        try
        {
            Frame(runtime).Context.Memory.Write128(address, new UInt128(high, low));
        }
        catch (Exception error)
        {
            Fail(runtime, error);
        }
    }

    [UnmanagedCallersOnly]
    private static ulong AtomicRmwSlow(RuntimeBlock* runtime, ulong address, int size, int op, ulong operand)
    {
        try
        {
            return Frame(runtime).Context.Memory.AtomicRmw((AtomicOp)op, address, size, operand);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static ulong CompareExchangeSlow(RuntimeBlock* runtime, ulong address, int size, ulong expected, ulong desired)
    {
        try
        {
            return Frame(runtime).Context.Memory.CompareExchange(address, size, expected, desired);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void MisalignedFault(RuntimeBlock* runtime, ulong address, int access)
    {
        try
        {
            Frame(runtime).FailMisaligned(address, access);
        }
        catch (Exception error)
        {
            Fail(runtime, error);
        }
    }

    /// <summary>
    /// Calls IR helper <paramref name="index"/>. Generated code passes the guest state too, unused
    /// here, so that LLVM knows the helper may read and write it (through the context).
    /// </summary>
    [UnmanagedCallersOnly]
    private static ulong CallIrHelper(RuntimeBlock* runtime, int index, ulong* arguments, int count, byte* state)
    {
        try
        {
            // SAFETY: arguments points at count slots of the calling block's own stack frame.
            return Frame(runtime).CallHelper(index, new ReadOnlySpan<ulong>(arguments, count));
        }
        catch (Exception error)
        {
            Fail(runtime, error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static ulong FloatingPointOperation(RuntimeBlock* runtime, ulong descriptor, ulong a, ulong b, ulong c, int rounding, byte* flags)
    {
        try
        {
            var result = FloatingPointOps.Evaluate(descriptor, a, b, c, rounding, out var raised);
            // SAFETY: flags is a one-byte slot in the calling block's stack frame; the block
            // merges it into the guest's flag register itself.
            *flags = raised;
            return result;
        }
        catch (Exception error)
        {
            Fail(runtime, error);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void WideArithmetic(RuntimeBlock* runtime, int op, UInt128* a, UInt128* b, UInt128* result)
    {
        try
        {
            // SAFETY: the three pointers are 16-byte slots of the calling block's stack frame.
            Unsafe.WriteUnaligned(result, WideOps.Evaluate((Opcode)op, Unsafe.ReadUnaligned<UInt128>(a), Unsafe.ReadUnaligned<UInt128>(b)));
        }
        catch (Exception error)
        {
            Fail(runtime, error);
        }
    }
}
