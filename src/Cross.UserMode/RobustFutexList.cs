using Cross.Core.Memory;

namespace Cross.UserMode;

/// <summary>
/// What Linux does with a dying thread's robust futex list (set_robust_list; see the kernel's
/// robust-futex-ABI document): every lock on the list, and the one in list_op_pending, whose owner
/// TID is the thread's gets FUTEX_OWNER_DIED set (keeping FUTEX_WAITERS), and one waiter is woken
/// when there were waiters. The list lives in guest memory and may be garbage: the walk stops at
/// the first unreadable entry and after <see cref="MaxEntries"/> entries, so a cyclic or corrupt
/// list can neither hang nor crash the host.
/// </summary>
internal static class RobustFutexList
{
    /// <summary>struct robust_list_head on a 64-bit guest: next pointer, futex_offset, list_op_pending.</summary>
    public const int HeadSize = 24;

    /// <summary>The kernel's ROBUST_LIST_LIMIT.</summary>
    public const int MaxEntries = 2048;

    public const uint Waiters = 0x8000_0000, OwnerDied = 0x4000_0000, TidMask = 0x3FFF_FFFF;

    /// <summary>Releases every robust lock <paramref name="thread"/> still holds; errors stop the walk quietly, as in Linux.</summary>
    public static void Release(UserModeProcess process, GuestThread thread)
    {
        var head = thread.RobustList;
        if (head == 0) return;
        var memory = process.Memory.Space;
        try
        {
            var entry = memory.Read(head, 8);
            var futexOffset = (long)memory.Read(head + 8, 8);
            var pending = memory.Read(head + 16, 8) & ~1UL;
            for (var count = 0; entry != head && count < MaxEntries; count++)
            {
                // Bit 0 of a list pointer marks a PI futex; the entry itself is the pointer without it.
                var current = entry & ~1UL;
                if (current == 0) break;
                var next = memory.Read(current, 8);
                // The lock being taken or released when the thread died is handled after the list.
                if (current != pending) MarkOwnerDead(process, thread.Tid, current + (ulong)futexOffset);
                entry = next;
            }
            if (pending != 0) MarkOwnerDead(process, thread.Tid, pending + (ulong)futexOffset);
        }
        catch (GuestMemoryFaultException)
        {
        }
    }

    private static void MarkOwnerDead(UserModeProcess process, int tid, ulong address)
    {
        if ((address & 3) != 0) return;
        var memory = process.Memory.Space;
        while (true)
        {
            var word = (uint)memory.Read(address, 4);
            if ((word & TidMask) != (uint)tid) return;
            var updated = (word & Waiters) | OwnerDied;
            if ((uint)memory.CompareExchange(address, 4, word, updated) != word) continue;
            if ((word & Waiters) != 0) process.Futexes.Wake(address, 1);
            return;
        }
    }
}
