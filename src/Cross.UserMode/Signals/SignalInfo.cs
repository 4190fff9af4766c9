using System.Buffers.Binary;
using Sig = Cross.UserMode.Signals.Signal;

namespace Cross.UserMode.Signals;

/// <summary>
/// What the guest's siginfo_t says about a signal. The 128-byte layout is the same on every
/// 64-bit Linux architecture we emulate: si_signo, si_errno, si_code (i32 each), padding, then
/// the union at offset 16 (si_addr for faults; si_pid, si_uid for kill; then si_value).
/// </summary>
public readonly record struct SignalInfo(int Signal, int Code, ulong Address = 0, int Pid = 0, uint Uid = 0, int Errno = 0, ulong Value = 0)
{
    public const int Size = 128;

    /// <summary>A fault signal (SIGSEGV, SIGBUS, SIGILL, SIGTRAP…) that carries an address.</summary>
    public bool IsFault => Code > 0 && Signal is Sig.SIGSEGV or Sig.SIGBUS or Sig.SIGILL or Sig.SIGFPE or Sig.SIGTRAP;

    public void WriteTo(Span<byte> destination)
    {
        destination[..Size].Clear();
        BinaryPrimitives.WriteInt32LittleEndian(destination, Signal);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Errno);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Code);
        if (IsFault)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Address);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[16..], Pid);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Uid);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], Value);
        }
    }
}
