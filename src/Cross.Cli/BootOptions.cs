using System.Globalization;
using Cross.Machines;
using Cross.Machines.Boot;
using Cross.Machines.Boards;

namespace Cross.Cli;

/// <summary>
/// What <c>cross boot</c> and <c>cross dtb</c> were asked to do, in QEMU's words: -M, -m, -smp,
/// -bios, -kernel, -initrd, -append, -drive, -device, plus Cross's --jit, --timeout, --icount.
/// Options may be spelled with one dash or two, and take their value as the next argument or
/// after '=' (--timeout=30).
/// </summary>
public sealed record BootOptions
{
    public string Board { get; init; } = BuiltInBoards.VirtRiscV64;

    /// <summary>-m: bytes; a number without a suffix is MiB, as in QEMU.</summary>
    public ulong? RamSize { get; init; }

    public int? HartCount { get; init; }

    /// <summary>-bios; null for none (the default: Cross bundles no firmware).</summary>
    public string? Bios { get; init; }

    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? Append { get; init; }

    /// <summary>-device and -drive, in command-line order, as -device text.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>--jit: "interp" or "llvm"; the default is cross run's.</summary>
    public string Jit { get; init; } = new JitSettings().Jit;

    public double? TimeoutSeconds { get; init; }

    public bool InstructionCount { get; init; }

    public bool Verbose { get; init; }

    /// <summary>cross dtb's -o.</summary>
    public string? Output { get; init; }

    public MachineOptions MachineOptions => new()
    {
        RamSize = RamSize,
        HartCount = HartCount,
        Devices = Devices.Select(d => DeviceOptionParser.Parse(d)).ToArray(),
    };

    public BootImages Images => new() { Bios = Bios, Kernel = Kernel, Initrd = Initrd, BootArgs = Append };

    /// <summary>Parses the arguments after "boot" (or "dtb" when <paramref name="dtb"/>).</summary>
    public static BootOptions Parse(IReadOnlyList<string> args, bool dtb = false)
    {
        var options = new BootOptions();
        var devices = new List<string>();
        var drives = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-') throw new UsageException($"unexpected argument '{arg}' (options start with -)");
            var name = arg.TrimStart('-');
            string? inline = null;
            var equals = name.IndexOf('=');
            if (equals > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (++i >= args.Count) throw new UsageException($"option '{arg}' needs a value");
                return args[i];
            }

            options = name switch
            {
                "M" or "machine" => options with { Board = Value() },
                "m" => options with { RamSize = ParseMemory(Value()) },
                "smp" => options with { HartCount = ParseHarts(Value()) },
                "device" => Add(devices, Value(), options),
                "drive" => AddDrive(devices, drives, Value(), options),
                "append" => options with { Append = Value() },
                "o" when dtb => options with { Output = Value() },
                "bios" when !dtb => options with { Bios = NoneIsNull(Value()) },
                "kernel" when !dtb => options with { Kernel = Value() },
                "initrd" when !dtb => options with { Initrd = Value() },
                "jit" when !dtb => options with { Jit = ParseJit(Value()) },
                "timeout" when !dtb => options with { TimeoutSeconds = ParseSeconds(Value()) },
                "icount" when !dtb => options with { InstructionCount = true },
                "v" or "verbose" when !dtb => options with { Verbose = true },
                "nographic" when !dtb => options, // the console is always on stdio
                "h" or "help" => throw new HelpRequested(),
                _ => throw new UsageException($"unknown option '{arg}'"),
            };
        }
        options = options with { Devices = devices.Select(d => ResolveDrive(d, drives)).ToArray() };
        if (dtb && options.Output is null) throw new UsageException("cross dtb needs -o FILE");
        if (!dtb && options.Kernel is null && options.Bios is null) throw new UsageException("nothing to boot: give -kernel FILE and/or -bios FILE");
        return options;
    }

    private static string? NoneIsNull(string value) => value == "none" ? null : value;

    private static BootOptions Add(List<string> devices, string device, BootOptions options)
    {
        devices.Add(device);
        return options;
    }

    /// <summary>QEMU's -m: "256", "256M", "1G", "size=256M".</summary>
    public static ulong ParseMemory(string text)
    {
        var value = text.StartsWith("size=", StringComparison.Ordinal) ? text[5..] : text;
        if (value.Length > 0 && char.IsAsciiDigit(value[^1])) value += "M";
        if (!NumberParser.TryParse(value, out var bytes) || bytes == 0) throw new UsageException($"-m: '{text}' is not a memory size (like 256, 256M or 1G)");
        return bytes;
    }

    private static int ParseHarts(string text)
    {
        var value = text.StartsWith("cpus=", StringComparison.Ordinal) ? text[5..] : text;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var harts) || harts < 1)
            throw new UsageException($"-smp: '{text}' is not a hart count");
        return harts;
    }

    private static string ParseJit(string text) =>
        text is "interp" or "llvm" ? text : throw new UsageException($"unknown --jit backend '{text}' (use interp or llvm)");

    private static double ParseSeconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new UsageException($"--timeout: '{text}' is not a positive number of seconds");

    /// <summary>
    /// -drive with if=none only names a backing image for a later -device ...,drive=ID; any other
    /// -drive becomes a virtio-blk device of its own.
    /// </summary>
    private static BootOptions AddDrive(List<string> devices, Dictionary<string, string> drives, string text, BootOptions options)
    {
        var device = DriveToDevice(text, out var id, out var standalone);
        if (standalone) devices.Add(device);
        else if (id is null) throw new UsageException("-drive if=none needs id=NAME (for -device ...,drive=NAME)");
        else drives[id] = device;
        return options;
    }

    /// <summary>Replaces drive=ID in a -device with the named -drive's file= and readonly=.</summary>
    private static string ResolveDrive(string device, Dictionary<string, string> drives)
    {
        var parts = SplitOptions(device).ToList();
        var index = parts.FindIndex(p => p.StartsWith("drive=", StringComparison.Ordinal));
        if (index < 0) return device;
        var id = parts[index][6..];
        if (!drives.TryGetValue(id, out var drive)) throw new UsageException($"-device {parts[0]}: no -drive with id={id}");
        var backing = SplitOptions(drive).Skip(1).Where(p => !p.StartsWith("id=", StringComparison.Ordinal));
        parts.RemoveAt(index);
        parts.InsertRange(index, backing);
        return string.Join(",", parts.Select((p, i) => i == 0 ? p : p.Replace(",", ",,")));
    }

    /// <summary>
    /// QEMU's -drive file=IMG,format=raw[,readonly=on][,if=virtio|none][,id=NAME] as -device text:
    /// a virtio-blk device in the next free virtio-mmio slot (virt's default interface is virtio).
    /// </summary>
    public static string DriveToDevice(string text) => DriveToDevice(text, out _, out _);

    private static string DriveToDevice(string text, out string? id, out bool standalone)
    {
        string? file = null;
        id = null;
        standalone = true;
        var extra = new List<string>();
        foreach (var part in SplitOptions(text))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "on" : part[(equals + 1)..];
            switch (key)
            {
                case "file": file = value; break;
                case "format" when value == "raw": break;
                case "format": throw new UsageException($"-drive: format={value} is not supported (only raw images)");
                case "if" when value == "virtio": break;
                case "if" when value == "none": standalone = false; break;
                case "if": throw new UsageException($"-drive: if={value} is not supported (virtio only)");
                case "readonly": extra.Add($"readonly={value}"); break;
                case "id":
                    id = value;
                    extra.Add($"id={value}");
                    break;
                case "media" when value == "disk": break;
                default: throw new UsageException($"-drive: unknown option '{key}'");
            }
        }
        if (file is null) throw new UsageException("-drive needs file=IMAGE");
        return string.Join(",", ["virtio-blk-device", $"file={file.Replace(",", ",,")}", .. extra]);
    }

    private static IEnumerable<string> SplitOptions(string text)
    {
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != ',') current.Append(text[i]);
            else if (i + 1 < text.Length && text[i + 1] == ',') current.Append(text[++i]);
            else
            {
                yield return current.ToString();
                current.Clear();
            }
        }
        yield return current.ToString();
    }
}
