using Cross.UserMode.Native;

namespace Cross.UserMode;

/// <summary>The host user and group ids, which the guest sees as its own.</summary>
internal readonly record struct HostIds(uint Uid, uint Euid, uint Gid, uint Egid)
{
    public static HostIds Current => new(Libc.Getuid(), Libc.Geteuid(), Libc.Getgid(), Libc.Getegid());
}
