using System.Buffers.Binary;
using Cross.Core.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>
/// Process state: ids, resource limits, scheduling, prctl (threads, exit and futexes are in
/// <see cref="ThreadSyscalls"/> and <see cref="FutexSyscalls"/>). Calls that would change the
/// host process itself (its ids, limits, session) are virtualised or refused.
/// </summary>
internal static class ProcessSyscalls
{
    private const int RusageSize = 144;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("getpid", "", call => call.Process.Pid)
            .Add("getppid", "", _ => Libc.Getppid())
            .Add("getuid", "", _ => Libc.Getuid())
            .Add("geteuid", "", _ => Libc.Geteuid())
            .Add("getgid", "", _ => Libc.Getgid())
            .Add("getegid", "", _ => Libc.Getegid())
            .Add("getresuid", "ppp", call => WriteIds(call, Libc.Getuid(), Libc.Geteuid(), Libc.Geteuid()))
            .Add("getresgid", "ppp", call => WriteIds(call, Libc.Getgid(), Libc.Getegid(), Libc.Getegid()))
            .Add("getgroups", "dp", Getgroups)
            .Add("setuid", "u", call => SameIds(call, 1, Libc.Getuid()))
            .Add("setgid", "u", call => SameIds(call, 1, Libc.Getgid()))
            .Add("setreuid", "uu", call => SameIds(call, 2, Libc.Getuid()))
            .Add("setregid", "uu", call => SameIds(call, 2, Libc.Getgid()))
            .Add("setresuid", "uuu", call => SameIds(call, 3, Libc.Getuid()))
            .Add("setresgid", "uuu", call => SameIds(call, 3, Libc.Getgid()))
            .Add("getpgid", "d", call => SyscallCall.HostResult(Libc.Getpgid(call.Int(0) == 0 ? 0 : call.Int(0))))
            .Add("setpgid", "dd", call => call.Int(0) is 0 || call.Int(0) == call.Process.Pid ? 0 : -Errno.EPERM)
            .Add("getsid", "d", call => SyscallCall.HostResult(Libc.Getsid(call.Int(0))))
            .Add("setsid", "", _ => -Errno.EPERM)
            .Add("umask", "o", call => Libc.Umask(call.UInt(0) & 0x1FF))
            .Add("prlimit64", "ddpp", Prlimit64)
            .Add("getrlimit", "dp", call => Rlimit(call, call.Int(0), 0, call[1]))
            .Add("setrlimit", "dp", call => Rlimit(call, call.Int(0), call[1], 0))
            .Add("getrusage", "dp", Getrusage)
            .Add("sched_getaffinity", "dup", SchedGetaffinity)
            .Add("sched_setaffinity", "dup", _ => 0)
            .Add("sched_yield", "", _ => Libc.SchedYield())
            .Add("sched_getscheduler", "d", _ => 0)
            .Add("sched_setscheduler", "ddp", _ => 0)
            .Add("sched_getparam", "dp", call => call.WriteOut(call[1], new byte[4]))
            .Add("sched_setparam", "dp", _ => 0)
            .Add("sched_get_priority_max", "d", _ => 0)
            .Add("sched_get_priority_min", "d", _ => 0)
            .Add("getpriority", "dd", Getpriority)
            .Add("setpriority", "ddd", _ => 0)
            .Add("prctl", "dxxxx", Prctl)
            .Add("personality", "x", _ => 0);
    }

    private static long WriteIds(SyscallCall call, uint real, uint effective, uint saved)
    {
        var bytes = new byte[4];
        uint[] ids = [real, effective, saved];
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, ids[i]);
            if (call.WriteOut(call[i], bytes) < 0) return -Errno.EFAULT;
        }
        return 0;
    }

    /// <summary>The set*id calls succeed only when they would change nothing (-1 means "unchanged").</summary>
    private static long SameIds(SyscallCall call, int count, uint current)
    {
        for (var i = 0; i < count; i++)
            if (call.UInt(i) != current && call.UInt(i) != uint.MaxValue) return -Errno.EPERM;
        return 0;
    }

    private static long Getgroups(SyscallCall call)
    {
        var size = call.Int(0);
        if (size < 0) return -Errno.EINVAL;
        if (size == 0) return SyscallCall.HostResult(Libc.Getgroups(0, 0));
        if (!call.TryBuffer(call[1], (ulong)size * 4, MemoryAccessType.Write, out var list)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Getgroups(size, list));
    }

    private static long Prlimit64(SyscallCall call)
    {
        var pid = call.Int(0);
        if (pid != 0 && pid != call.Process.Pid) return -Errno.EPERM;
        return Rlimit(call, call.Int(1), call[2], call[3]);
    }

    /// <summary>Reads and/or sets a guest limit (struct rlimit: two u64, the same everywhere).</summary>
    private static long Rlimit(SyscallCall call, int resource, ulong newLimit, ulong oldLimit)
    {
        if (resource < 0 || resource >= ResourceLimits.Count) return -Errno.EINVAL;
        var limits = call.Process.Limits;
        var bytes = new byte[16];
        (ulong Current, ulong Maximum)? requested = null;
        if (newLimit != 0)
        {
            if (!call.TryReadIn(newLimit, bytes)) return -Errno.EFAULT;
            requested = (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        }
        if (oldLimit != 0)
        {
            var (current, maximum) = limits.Get(resource);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, current);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), maximum);
            if (call.WriteOut(oldLimit, bytes) < 0) return -Errno.EFAULT;
        }
        if (requested is { } limit)
        {
            if (limit.Current > limit.Maximum) return -Errno.EINVAL;
            if (!limits.TrySet(resource, limit.Current, limit.Maximum)) return -Errno.EPERM;
            if (resource == ResourceLimits.NoFile) call.Process.Files.Limit = (int)Math.Min(limit.Current, 1 << 20);
        }
        return 0;
    }

    private static long Getrusage(SyscallCall call)
    {
        if (!call.TryBuffer(call[1], RusageSize, MemoryAccessType.Write, out var usage)) return -Errno.EFAULT;
        return SyscallCall.HostResult(Libc.Getrusage(call.Int(0), usage));
    }

    /// <summary>The raw call returns the size of the kernel's CPU mask it copied, not 0 as the libc wrapper does.</summary>
    private static long SchedGetaffinity(SyscallCall call)
    {
        var maskBytes = (ulong)((Environment.ProcessorCount + 63) / 64 * 8);
        var length = call[1];
        if (length < maskBytes || (length & 7) != 0) return -Errno.EINVAL;
        if (!call.TryBuffer(call[2], maskBytes, MemoryAccessType.Write, out var mask)) return -Errno.EFAULT;
        var pid = call.Int(0);
        if (Libc.SchedGetaffinity(pid == call.Process.Pid ? 0 : pid, (nuint)maskBytes, mask) < 0) return -Libc.Errno;
        return (long)maskBytes;
    }

    /// <summary>The raw call returns 20 - nice (1..40) so that it is never negative.</summary>
    private static long Getpriority(SyscallCall call)
    {
        var nice = Libc.Getpriority(call.Int(0), call.UInt(1));
        return nice == -1 && Libc.Errno != 0 ? -Libc.Errno : 20 - nice;
    }

    private static long Prctl(SyscallCall call)
    {
        const int SetPdeathsig = 1, GetPdeathsig = 2, GetDumpable = 3, SetDumpable = 4, SetName = 15, GetName = 16,
            SetNoNewPrivs = 38, GetNoNewPrivs = 39, SetVma = 0x53564d41;
        switch (call.Int(0))
        {
            case SetName:
            {
                var name = call.Memory.TryReadCString(call[1], 4096, out _);
                if (name is null) return -Errno.EFAULT;
                call.Thread.Name = name.Length > 15 ? name[..15] : name;
                return 0;
            }
            case GetName:
            {
                var name = new byte[16];
                call.Thread.Name.CopyTo(name, 0);
                return call.WriteOut(call[1], name);
            }
            case GetDumpable:
                return 1;
            case GetPdeathsig:
                return call.WriteOut(call[1], new byte[4]);
            case SetPdeathsig or SetDumpable or SetNoNewPrivs or SetVma:
                return 0;
            case GetNoNewPrivs:
                return 0;
            default:
                return -Errno.EINVAL;
        }
    }
}
