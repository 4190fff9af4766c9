using Cross.Core.Ir;

namespace Cross.Core.Memory;

/// <summary>
/// A guest's view of memory as generated code sees it (virtual addresses in user mode, the MMU's
/// output in system mode). Every method checks the access and throws
/// <see cref="GuestMemoryFaultException"/> instead of touching anything outside guest memory.
/// </summary>
public interface IGuestMemory
{
    /// <summary>Reads 1, 2, 4 or 8 bytes, little-endian, zero-extended.</summary>
    ulong Read(ulong address, int size);

    UInt128 Read128(ulong address);

    void Write(ulong address, int size, ulong value);

    void Write128(ulong address, UInt128 value);

    ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand);

    ulong CompareExchange(ulong address, int size, ulong expected, ulong desired);

    /// <summary>Reads instruction bytes, checking execute permission.</summary>
    ulong Fetch(ulong address, int size);

    /// <summary>
    /// Marks guest code that has been translated, so that a later write to it raises
    /// <see cref="CodeModified"/>.
    /// </summary>
    void TrackCode(ulong start, ulong end);

    /// <summary>Raised with a [start, end) range when tracked code is written.</summary>
    event Action<ulong, ulong>? CodeModified;
}
