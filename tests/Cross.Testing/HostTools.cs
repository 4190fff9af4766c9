namespace Cross.Testing;

/// <summary>Where the reference tools live (installed by .ci/setup), and whether they are there.</summary>
public static class HostTools
{
    public const string RiscV64Gcc = "/usr/bin/riscv64-linux-gnu-gcc";
    public const string QemuRiscV64 = "/usr/bin/qemu-riscv64";
    public const string Aarch64Gcc = "/usr/bin/aarch64-linux-gnu-gcc";
    public const string QemuAarch64 = "/usr/bin/qemu-aarch64";

    /// <summary>Debian's busybox-static:arm64, unpacked by .ci/setup.</summary>
    public const string BusyboxArm64 = "/var/cache/cross/busybox-arm64/bin/busybox";

    public static bool Exists(string path) => File.Exists(path);

    /// <summary>A message for a test that cannot run, naming the missing tool and how to get it.</summary>
    public static string? Missing(params string[] paths)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToArray();
        return missing.Length == 0 ? null : $"missing {string.Join(", ", missing)}: run .ci/setup to install the reference tools";
    }
}
