using System.Buffers.Binary;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// futex(2) on the process's <see cref="FutexTable"/>: WAIT, WAKE, their BITSET forms, REQUEUE,
/// CMP_REQUEUE and WAKE_OP, private or not (one process holds all the memory, so both kinds key
/// on the guest address). The priority-inheritance operations answer ENOSYS, which glibc only
/// needs for PTHREAD_PRIO_INHERIT mutexes.
/// </summary>
internal static class FutexSyscalls
{
    private const int Wait = 0, Wake = 1, Requeue = 3, CmpRequeue = 4, WakeOp = 5, WaitBitset = 9, WakeBitset = 10;
    private const int PrivateFlag = 128, ClockRealtime = 256;
    private const int ClockMonotonicId = 1, ClockRealtimeId = 0;

    public static void Register(SyscallTableBuilder table) => table.Add("futex", "pdupux", Futex);

    /// <summary>futex(uaddr, op, val, timeout or val2, uaddr2, val3).</summary>
    private static long Futex(SyscallCall call)
    {
        var op = call.Int(1);
        var command = op & ~(PrivateFlag | ClockRealtime);
        var futexes = call.Process.Futexes;
        var address = call[0];
        if ((op & ClockRealtime) != 0 && command is not (Wait or WaitBitset)) return -Errno.ENOSYS;
        switch (command)
        {
            case Wait:
            case WaitBitset:
            {
                DateTime? deadline = null;
                if (call[3] != 0)
                {
                    var timeout = new byte[16];
                    if (!call.TryReadIn(call[3], timeout)) return -Errno.EFAULT;
                    var seconds = BinaryPrimitives.ReadInt64LittleEndian(timeout);
                    var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(timeout.AsSpan(8));
                    if (seconds < 0 || nanoseconds is < 0 or >= 1_000_000_000) return -Errno.EINVAL;
                    // FUTEX_WAIT's timeout is relative; FUTEX_WAIT_BITSET's is absolute, on
                    // CLOCK_REALTIME with FUTEX_CLOCK_REALTIME and CLOCK_MONOTONIC otherwise.
                    deadline = command == Wait
                        ? DateTime.UtcNow + TimeSyscalls.ToTimeSpan(seconds, nanoseconds)
                        : TimeSyscalls.AbsoluteToUtc((op & ClockRealtime) != 0 ? ClockRealtimeId : ClockMonotonicId, seconds, nanoseconds);
                }
                var bitset = command == Wait ? FutexTable.MatchAny : call.UInt(5);
                return futexes.Wait(call.Thread, address, call.UInt(2), deadline, bitset);
            }
            case Wake:
                return futexes.Wake(address, call.Int(2));
            case WakeBitset:
                return futexes.Wake(address, call.Int(2), call.UInt(5));
            case Requeue:
                return futexes.Requeue(address, call.Int(2), call[4], call.Int(3), expected: null);
            case CmpRequeue:
                return futexes.Requeue(address, call.Int(2), call[4], call.Int(3), expected: call.UInt(5));
            case WakeOp:
                return futexes.WakeOp(address, call.Int(2), call[4], call.Int(3), call.UInt(5));
            default:
                call.Process.WarnOnce($"futex {command}", $"unsupported futex operation {command}");
                return -Errno.ENOSYS;
        }
    }
}
