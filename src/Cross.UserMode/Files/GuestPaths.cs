using System.Text;

namespace Cross.UserMode.Files;

/// <summary>What a guest path names once the virtualised parts of /proc are taken into account.</summary>
internal enum GuestPathKind
{
    /// <summary>An ordinary host path (possibly rewritten, e.g. /proc/self/fd/N to the host descriptor).</summary>
    Host,
    /// <summary>/proc/self/exe: the guest executable, not the emulator.</summary>
    Executable,
    /// <summary>/proc/self/maps: the guest's memory map, generated.</summary>
    Maps,
    /// <summary>A /proc/self/fd entry for a descriptor the guest does not have.</summary>
    NoSuchEntry,
}

internal readonly record struct GuestPath(GuestPathKind Kind, byte[] HostPath);

/// <summary>
/// Virtualises the /proc paths that would otherwise describe the emulator instead of the guest:
/// /proc/self/exe (and /proc/&lt;pid&gt;/exe), /proc/self/maps, /proc/self/fd/N and /proc/self/cwd.
/// With a sysroot (<c>--sysroot</c>, qemu's <c>-L</c>), an absolute path that exists under the
/// sysroot names that file instead, so the guest's dynamic loader finds its own libraries.
/// Everything else is passed to the host unchanged.
/// </summary>
internal static class GuestPaths
{
    private static readonly byte[] ProcPrefix = "/proc/"u8.ToArray();

    /// <summary>Resolves a NUL-terminated guest path.</summary>
    public static GuestPath Resolve(UserModeProcess process, byte[] path)
    {
        if (!path.AsSpan().StartsWith(ProcPrefix)) return new GuestPath(GuestPathKind.Host, InSysroot(process.Options.Sysroot, path));
        var text = Encoding.UTF8.GetString(path, 0, path.Length - 1);
        var rest = text["/proc/".Length..];
        var slash = rest.IndexOf('/');
        if (slash < 0) return new GuestPath(GuestPathKind.Host, path);
        var who = rest[..slash];
        if (who != "self" && who != "thread-self" && who != process.Pid.ToString()) return new GuestPath(GuestPathKind.Host, path);
        var entry = rest[(slash + 1)..].TrimEnd('/');

        if (entry == "exe") return new GuestPath(GuestPathKind.Executable, Z(process.ExecutablePath));
        if (entry == "maps") return new GuestPath(GuestPathKind.Maps, path);
        if (entry == "cwd") return new GuestPath(GuestPathKind.Host, Z($"/proc/self/fd/{process.Files.WorkingDirectoryHostFd}"));
        if (entry.StartsWith("fd/", StringComparison.Ordinal))
        {
            var tail = entry[3..];
            var end = tail.IndexOf('/');
            var number = end < 0 ? tail : tail[..end];
            if (!int.TryParse(number, out var guestFd) || !process.Files.TryGetHost(guestFd, out var hostFd))
                return new GuestPath(GuestPathKind.NoSuchEntry, path);
            return new GuestPath(GuestPathKind.Host, Z($"/proc/self/fd/{hostFd}{(end < 0 ? "" : tail[end..])}"));
        }
        return new GuestPath(GuestPathKind.Host, path);
    }

    /// <summary>The sysroot's copy of an absolute NUL-terminated path when it exists there, else the path itself.</summary>
    internal static byte[] InSysroot(string? sysroot, byte[] path)
    {
        if (sysroot is null || !IsAbsolute(path)) return path;
        var text = Encoding.UTF8.GetString(path, 0, Math.Max(0, path.Length - 1));
        var candidate = SysrootPath(sysroot, text);
        return candidate is null ? path : Z(candidate);
    }

    /// <summary>The sysroot's copy of an absolute path, or null when it has none.</summary>
    public static string? SysrootPath(string sysroot, string path)
    {
        var candidate = Path.TrimEndingDirectorySeparator(sysroot) + path;
        return File.Exists(candidate) || Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>NUL-terminated UTF-8.</summary>
    public static byte[] Z(string path) => Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>True for absolute paths, which ignore the dirfd argument.</summary>
    public static bool IsAbsolute(byte[] path) => path.Length > 0 && path[0] == (byte)'/';
}
