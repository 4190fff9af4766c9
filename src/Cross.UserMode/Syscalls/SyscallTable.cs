namespace Cross.UserMode.Syscalls;

/// <summary>Handles one system call; returns the result, or a negative errno.</summary>
public delegate long SyscallHandler(SyscallCall call);

/// <summary>
/// A handler bound to a name. <see cref="Signature"/> describes the arguments for --strace, one
/// character each: d = signed int, u = unsigned, x = hex, p = pointer, s = C string, o = octal
/// mode; an optional ":x" suffix prints the result in hex.
/// </summary>
public sealed record SyscallEntry(string Name, string Signature, SyscallHandler Handler)
{
    public int ArgumentCount => Signature.IndexOf(':') is var colon and >= 0 ? colon : Signature.Length;

    public bool HexResult => Signature.EndsWith(":x", StringComparison.Ordinal);
}

/// <summary>
/// Collects handlers by name. Handlers are shared between architectures; each ABI's numbering
/// (name by number) then decides which number reaches which handler.
/// </summary>
public sealed class SyscallTableBuilder
{
    private readonly Dictionary<string, SyscallEntry> _entries = new(StringComparer.Ordinal);

    public SyscallTableBuilder Add(string name, string signature, SyscallHandler handler)
    {
        _entries[name] = new SyscallEntry(name, signature, handler);
        return this;
    }

    /// <summary>A syscall answered with a fixed result and no warning (rseq: -ENOSYS, which glibc expects).</summary>
    public SyscallTableBuilder AddFixed(string name, string signature, long result) => Add(name, signature, _ => result);

    public SyscallTable Build(IReadOnlyDictionary<int, string> numbering)
    {
        var byNumber = new Dictionary<int, SyscallEntry>();
        foreach (var (number, name) in numbering)
            if (_entries.TryGetValue(name, out var entry)) byNumber[number] = entry;
        return new SyscallTable(byNumber, numbering);
    }
}

/// <summary>One architecture's system calls: number to handler, and number to name for the ones not implemented.</summary>
public sealed class SyscallTable
{
    private readonly Dictionary<int, SyscallEntry> _entries;
    private readonly IReadOnlyDictionary<int, string> _names;

    internal SyscallTable(Dictionary<int, SyscallEntry> entries, IReadOnlyDictionary<int, string> names)
    {
        _entries = entries;
        _names = names;
    }

    public SyscallEntry? Lookup(int number) => _entries.GetValueOrDefault(number);

    /// <summary>The syscall's name, or null when the number is not in the architecture's table.</summary>
    public string? NameOf(int number) => _names.GetValueOrDefault(number);

    public bool IsImplemented(string name) => _entries.Values.Any(e => e.Name == name);
}
