using System.Security.Cryptography;
using System.Text;
using Cross.Testing;

namespace Cross.System.Tests.Support;

/// <summary>
/// One program of firmware/riscv64, built the way firmware/CMakeLists.txt builds it (the same
/// flags file, the same runtime) and cached by the sources' contents. How to run it comes from
/// the comment at the top of its source:
/// <code>
/// boot:   arguments for both cross boot and qemu-system-riscv64 ({disk} is the test disk image)
/// qemu:   arguments for QEMU only (its virtio-mmio transports default to legacy)
/// input:  bytes typed on the console once the program has printed its first line
/// disk:   size of a raw disk image filled with the test pattern
/// expect: a line the console must show (repeatable)
/// </code>
/// </summary>
public sealed class FirmwareProgram
{
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cross-firmware");

    private FirmwareProgram(string name, string sourcePath)
    {
        Name = name;
        SourcePath = sourcePath;
        var directives = File.ReadLines(sourcePath).TakeWhile(l => !l.StartsWith("#include", StringComparison.Ordinal))
            .Select(l => l.TrimStart('/', '*', ' ').Trim())
            .Select(l => l.IndexOf(':') is var colon and > 0 ? (Key: l[..colon], Value: l[(colon + 1)..].Trim()) : (Key: "", Value: ""))
            .ToList();
        IEnumerable<string> All(string key) => directives.Where(d => d.Key == key).Select(d => d.Value);
        BootArguments = All("boot").SelectMany(Split).ToArray();
        QemuArguments = All("qemu").SelectMany(Split).ToArray();
        Input = All("input").FirstOrDefault();
        DiskSize = All("disk").FirstOrDefault() is { } size ? Cross.Machines.NumberParser.Parse(size, "disk") : null;
        Expected = All("expect").ToArray();
    }

    /// <summary>firmware/riscv64, copied next to the test assembly.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "firmware", "riscv64");

    public static IEnumerable<string> Names =>
        global::System.IO.Directory.EnumerateFiles(Directory, "*.c").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    public static FirmwareProgram Load(string name) => new(name, Path.Combine(Directory, name + ".c"));

    public string Name { get; }

    public string SourcePath { get; }

    public IReadOnlyList<string> BootArguments { get; }

    public IReadOnlyList<string> QemuArguments { get; }

    public string? Input { get; }

    public ulong? DiskSize { get; }

    public IReadOnlyList<string> Expected { get; }

    /// <summary>The flags of firmware/riscv64/flags.</summary>
    public static IReadOnlyList<string> Flags =>
        File.ReadLines(Path.Combine(Directory, "flags")).Where(l => !l.TrimStart().StartsWith('#')).SelectMany(Split).ToArray();

    /// <summary>Compiles the program with the runtime (cached); returns the ELF's path.</summary>
    public string Build()
    {
        var missing = HostTools.Missing(HostTools.RiscV64Gcc);
        if (missing is not null) throw new InvalidOperationException(missing);
        var runtime = global::System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "runtime"))
            .Where(f => f.EndsWith(".c", StringComparison.Ordinal) || f.EndsWith(".S", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var inputs = runtime.Concat(global::System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "runtime"), "*.h"))
            .Append(SourcePath).Append(Path.Combine(Directory, "link.ld")).Append(Path.Combine(Directory, "flags"));
        var key = new StringBuilder();
        foreach (var input in inputs.Order(StringComparer.Ordinal)) key.Append(Path.GetFileName(input)).Append('\0').Append(File.ReadAllText(input)).Append('\0');
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..20];
        global::System.IO.Directory.CreateDirectory(CacheDirectory);
        var elf = Path.Combine(CacheDirectory, $"{Name}-{hash}.elf");
        if (File.Exists(elf)) return elf;

        var temporary = $"{elf}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        var result = ProcessRunner.Run(HostTools.RiscV64Gcc, [.. Flags, "-o", temporary, .. runtime, SourcePath], TimeSpan.FromMinutes(2),
            workingDirectory: Directory);
        if (result.ExitCode != 0) throw new InvalidOperationException($"building firmware {Name} failed ({result.ExitCode}):\n{result.StandardError}");
        File.Move(temporary, elf, overwrite: true);
        return elf;
    }

    /// <summary>A fresh raw disk image holding the test pattern (byte i = (i / 512) * 31 + i % 512), or null if the program needs none.</summary>
    public string? CreateDisk()
    {
        if (DiskSize is not { } size) return null;
        var image = new byte[size];
        for (var i = 0; i < image.Length; i++) image[i] = (byte)(i / 512 * 31 + i % 512);
        var path = Path.Combine(Path.GetTempPath(), $"cross-disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(path, image);
        return path;
    }

    /// <summary>The boot: arguments with {disk} filled in.</summary>
    public string[] Arguments(string? disk) => BootArguments.Select(a => disk is null ? a : a.Replace("{disk}", disk, StringComparison.Ordinal)).ToArray();

    /// <summary>Asserts that the console shows every expect: line.</summary>
    public void AssertOutput(string output, string where)
    {
        foreach (var line in Expected)
            Assert.True(output.Contains(line, StringComparison.Ordinal), $"{Name} under {where}: expected '{line}' on the console, got:\n{output}");
    }

    public override string ToString() => Name;

    private static IEnumerable<string> Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
