using System.Text;
using Cross.Elf;
using Cross.UserMode.Abi;
using Cross.UserMode.Files;
using Cross.UserMode.Loading;
using Cross.UserMode.Native;
using Cross.UserMode.Syscalls;

namespace Cross.UserMode.Processes;

/// <summary>
/// What an execve runs, decided before the point of no return so that failures are the guest's
/// errno and the process goes on: the file must exist (ENOENT), be a regular file the caller may
/// execute (EACCES), and be an ELF file of an architecture we emulate or a "#!" script (ENOEXEC
/// otherwise). Scripts run their interpreter with the script's path, as Linux's binfmt_script
/// does; absolute paths that exist under the sysroot are taken from there, as for open.
/// </summary>
internal static class ExecTarget
{
    private const int ORdonly = 0, OCloexec = 0x80000, XOk = 1;
    private const int ScriptNesting = 4;
    private const int HeaderBytes = 256;

    /// <summary>Resolves <paramref name="path"/> (NUL-terminated) against <paramref name="hostDir"/>; returns 0 with the host program and final argv, or a negative errno.</summary>
    public static int Resolve(UserModeProcess process, int guestDirFd, byte[] path, IReadOnlyList<string> argv, bool emptyPath,
        out string hostPath, out List<string> finalArgv)
    {
        hostPath = "";
        finalArgv = [.. argv];
        var current = path;
        var dirFd = guestDirFd;
        for (var depth = 0; depth <= ScriptNesting; depth++)
        {
            var error = Open(process, dirFd, current, emptyPath && depth == 0, out var fd);
            if (error != 0) return error;
            try
            {
                var header = new byte[HeaderBytes];
                var read = Libc.Pread(fd, header, HeaderBytes, 0);
                if (read < 0) return -Libc.Errno;
                var text = header.AsSpan(0, (int)read);
                hostPath = HostPathOf(fd) ?? "";
                if (text.StartsWith("#!"u8))
                {
                    if (!TryParseInterpreter(text[2..], out var interpreter, out var argument)) return -Errno.ENOEXEC;
                    // Linux: interpreter [argument] script-path argv[1..].
                    var scriptPath = Encoding.UTF8.GetString(current, 0, current.Length - 1);
                    List<string> next = [interpreter];
                    if (argument is not null) next.Add(argument);
                    next.Add(emptyPath && depth == 0 ? $"/dev/fd/{guestDirFd}" : scriptPath);
                    next.AddRange(finalArgv.Skip(1));
                    finalArgv = next;
                    current = GuestPaths.Z(interpreter);
                    dirFd = GuestFileTable.AtFdCwd;
                    continue;
                }
                if (!text.StartsWith((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F'])) return -Errno.ENOEXEC;
                return IsRunnableElf(hostPath) ? 0 : -Errno.ENOEXEC;
            }
            finally
            {
                Libc.Close(fd);
            }
        }
        return -Errno.ELOOP;
    }

    private static int Open(UserModeProcess process, int guestDirFd, byte[] path, bool emptyPath, out int fd)
    {
        fd = -1;
        int hostDir;
        byte[] hostPath;
        if (emptyPath)
        {
            // execveat(fd, "", AT_EMPTY_PATH): the descriptor itself.
            if (!process.Files.TryGetHost(guestDirFd, out hostDir)) return -Errno.EBADF;
            hostPath = GuestPaths.Z($"/proc/self/fd/{hostDir}");
            hostDir = GuestFileTable.AtFdCwd;
        }
        else
        {
            var resolved = GuestPaths.Resolve(process, path);
            if (resolved.Kind == GuestPathKind.NoSuchEntry) return -Errno.ENOENT;
            if (resolved.Kind == GuestPathKind.Maps) return -Errno.EACCES;
            hostPath = resolved.HostPath;
            hostDir = GuestFileTable.AtFdCwd;
            if (!GuestPaths.IsAbsolute(hostPath) && !process.Files.TryGetDirectory(guestDirFd, out hostDir)) return -Errno.EBADF;
        }
        fd = Libc.Openat(hostDir, hostPath, ORdonly | OCloexec, 0);
        if (fd < 0)
        {
            var errno = Libc.Errno;
            // Opening a directory for reading succeeds; exec of one is EACCES (below). Other errors are the guest's.
            return -errno;
        }
        var status = new byte[256];
        if (Libc.Statx(fd, [0], 0x1000, 0x1, status) == 0)
        {
            // stx_mode at offset 0x1c: only regular files can be executed.
            var mode = BitConverter.ToUInt16(status, 0x1c);
            if ((mode & 0xF000) != 0x8000)
            {
                Libc.Close(fd);
                fd = -1;
                return -Errno.EACCES;
            }
        }
        if (Libc.Faccessat(hostDir, hostPath, XOk, 0) < 0)
        {
            var errno = Libc.Errno;
            Libc.Close(fd);
            fd = -1;
            return -errno;
        }
        return 0;
    }

    /// <summary>The "#!" line: the interpreter and at most one argument (the rest of the line), as Linux splits it.</summary>
    private static bool TryParseInterpreter(ReadOnlySpan<byte> line, out string interpreter, out string? argument)
    {
        interpreter = "";
        argument = null;
        var end = line.IndexOf((byte)'\n');
        if (end < 0) end = line.Length;
        var text = Encoding.UTF8.GetString(line[..end]).Trim(' ', '\t', '\r');
        if (text.Length == 0) return false;
        var split = text.IndexOfAny([' ', '\t']);
        interpreter = split < 0 ? text : text[..split];
        if (split >= 0)
        {
            var rest = text[split..].Trim(' ', '\t');
            if (rest.Length > 0) argument = rest;
        }
        return true;
    }

    private static bool IsRunnableElf(string hostPath)
    {
        try
        {
            var elf = ElfFile.Load(hostPath);
            var abi = GuestAbis.ForMachine(elf.Machine);
            if (abi is null) return false;
            ElfImageLoader.Validate(elf, hostPath, abi);
            return true;
        }
        catch (Exception e) when (e is ElfFormatException or UserModeException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The absolute host path of an open descriptor (what the new emulator loads and /proc/self/exe shows).</summary>
    private static string? HostPathOf(int fd)
    {
        var buffer = new byte[4096];
        var length = Libc.Readlinkat(GuestFileTable.AtFdCwd, GuestPaths.Z($"/proc/self/fd/{fd}"), buffer, (nuint)buffer.Length);
        return length <= 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }
}
