using Cross.Testing;

namespace Cross.UserMode.Tests.Support;

/// <summary>
/// How guest C programs are built and which qemu-user runs them: an architecture's cross
/// compiler, static or dynamic linking, and for dynamic programs the sysroot holding the guest's
/// own loader and libraries (given to both qemu's -L and Cross's --sysroot).
/// </summary>
public sealed record GuestTarget(string Name, string Compiler, string Qemu, string? Sysroot)
{
    public static GuestTarget RiscV64 { get; } = new("riscv64", HostTools.RiscV64Gcc, HostTools.QemuRiscV64, null);

    public static GuestTarget Aarch64 { get; } = new("aarch64", HostTools.Aarch64Gcc, HostTools.QemuAarch64, null);

    /// <summary>aarch64 linked against Debian's libc6-arm64-cross, loaded by its ld-linux-aarch64.so.1.</summary>
    public static GuestTarget Aarch64Dynamic { get; } = new("aarch64-dynamic", HostTools.Aarch64Gcc, HostTools.QemuAarch64, "/usr/aarch64-linux-gnu");

    public bool IsStatic => Sysroot is null;

    /// <summary>The compiler's linking flags for this target.</summary>
    public IReadOnlyList<string> LinkFlags => IsStatic ? ["-static"] : [];

    /// <summary>Null when the tools are installed; otherwise what is missing and how to get it.</summary>
    public string? MissingTools =>
        HostTools.Missing(Sysroot is null ? [Compiler, Qemu] : [Compiler, Qemu, Path.Combine(Sysroot, "lib")]);

    public override string ToString() => Name;
}
