using System.Text;
using Cross.Core.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>System information and the rest: uname, sysinfo, getrandom, getcpu, rseq, membarrier.</summary>
internal static class MiscSyscalls
{
    /// <summary>struct utsname: six 65-byte fields (sysname, nodename, release, version, machine, domainname).</summary>
    private const int UtsFieldSize = 65, UtsnameSize = 6 * UtsFieldSize, UtsMachineOffset = 4 * UtsFieldSize;

    /// <summary>struct sysinfo: 112 bytes with the same layout for every 64-bit guest and host.</summary>
    private const int SysinfoSize = 112;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("uname", "p", Uname)
            .Add("sysinfo", "p", call =>
                call.TryBuffer(call[0], SysinfoSize, MemoryAccessType.Write, out var info) ? SyscallCall.HostResult(Libc.Sysinfo(info)) : -Errno.EFAULT)
            .Add("getrandom", "pux", call =>
                call.TryBuffer(call[0], call[1], MemoryAccessType.Write, out var buffer)
                    ? SyscallCall.HostResult(Libc.Getrandom(buffer, (nuint)call[1], call.UInt(2)))
                    : -Errno.EFAULT)
            .Add("getcpu", "ppp", Getcpu)
            .Add("membarrier", "dxd", call => call.Int(0) == 0 ? 0 : -Errno.EINVAL)
            // glibc registers rseq at startup and carries on without it when the kernel says ENOSYS.
            .AddFixed("rseq", "puxx", -Errno.ENOSYS);
    }

    /// <summary>The host's uname with the machine field naming the guest architecture, as qemu-user reports it.</summary>
    private static long Uname(SyscallCall call)
    {
        var buffer = new byte[UtsnameSize];
        if (Libc.Uname(buffer) < 0) return -Libc.Errno;
        var machine = buffer.AsSpan(UtsMachineOffset, UtsFieldSize);
        machine.Clear();
        Encoding.ASCII.GetBytes(call.Process.Abi.UnameMachine).CopyTo(machine);
        return call.WriteOut(call[0], buffer);
    }

    private static long Getcpu(SyscallCall call)
    {
        var zero = new byte[4];
        if (call[0] != 0 && call.WriteOut(call[0], zero) < 0) return -Errno.EFAULT;
        if (call[1] != 0 && call.WriteOut(call[1], zero) < 0) return -Errno.EFAULT;
        return 0;
    }
}
