using System.Runtime.InteropServices;
using Cross.UserMode.Native;

namespace Cross.UserMode.Processes;

/// <summary>
/// Starts or becomes another host process running the emulator. A .NET process cannot fork (only
/// the calling thread would survive it), so a guest fork is a posix_spawn of the emulator (glibc's
/// posix_spawn is a vfork-like clone that only execs, safe in a threaded process) and a guest
/// execve is a host execve of it. The host environment passes through unchanged: the guest's own
/// environment travels in the state file, so it never configures the host runtime.
/// </summary>
internal static class HostLauncher
{
    /// <summary>Bytes reserved for glibc's posix_spawn_file_actions_t (80 bytes on 64-bit glibc).</summary>
    private const int FileActionsSize = 256;

    /// <summary>
    /// Starts <paramref name="command"/> with <paramref name="inherit"/> (host descriptors of this
    /// process) open in the child at the same numbers. Returns the child's pid or a negative errno.
    /// </summary>
    public static unsafe int Spawn(IReadOnlyList<string> command, IEnumerable<int> inherit)
    {
        var actions = (nint)NativeMemory.AllocZeroed(FileActionsSize);
        try
        {
            Libc.PosixSpawnFileActionsInit(actions);
            // dup2(fd, fd) in the child clears close-on-exec there only (POSIX 2017, glibc 2.29+), so the
            // parent's descriptors keep their flag and no other spawn running meanwhile inherits them.
            foreach (var fd in inherit.Distinct())
            {
                var error = Libc.PosixSpawnFileActionsAdddup2(actions, fd, fd);
                if (error != 0) return -error;
            }
            using var argv = new NativeStringArray(command);
            using var envp = new NativeStringArray(HostEnvironment());
            var result = Libc.PosixSpawn(out var pid, System.Text.Encoding.UTF8.GetBytes(Locate(command[0]) + "\0"), actions, 0, argv.Pointer, envp.Pointer);
            return result != 0 ? -result : pid;
        }
        finally
        {
            Libc.PosixSpawnFileActionsDestroy(actions);
            NativeMemory.Free((void*)actions);
        }
    }

    /// <summary>Replaces this process with <paramref name="command"/>; returns only on failure, with a negative errno.</summary>
    public static int Exec(IReadOnlyList<string> command)
    {
        using var argv = new NativeStringArray(command);
        using var envp = new NativeStringArray(HostEnvironment());
        Libc.Execve(System.Text.Encoding.UTF8.GetBytes(Locate(command[0]) + "\0"), argv.Pointer, envp.Pointer);
        return -Libc.Errno;
    }

    /// <summary>A command name without a slash is looked up on the host PATH, as a shell would.</summary>
    private static string Locate(string program)
    {
        if (program.Contains('/')) return program;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
        }
        return program;
    }

    private static IEnumerable<string> HostEnvironment()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            yield return $"{entry.Key}={entry.Value}";
    }
}
