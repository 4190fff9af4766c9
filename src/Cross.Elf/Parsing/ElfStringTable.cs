using System.Text;

namespace Cross.Elf.Parsing;

/// <summary>A string table section: NUL-terminated strings addressed by byte offset.</summary>
internal sealed class ElfStringTable(ReadOnlyMemory<byte> data, string description)
{
    /// <summary>Reads the string at <paramref name="offset"/> for entry <paramref name="index"/> of a table.</summary>
    /// <param name="kind">What holds the offset ("section", "symbol"); messages are only built on failure.</param>
    /// <param name="owner">The table holding that entry, or null.</param>
    public string Get(uint offset, string kind, int index, string? owner = null)
    {
        var span = data.Span;

        // The gABI allows an empty table, in which only index 0 (the empty string) is valid.
        if (offset == 0 && span.IsEmpty)
        {
            return "";
        }

        if (offset >= (uint)span.Length)
        {
            throw new ElfFormatException(
                $"ELF {User(kind, index, owner)} offset 0x{offset:x} is outside {description} (size 0x{span.Length:x})");
        }

        var tail = span[(int)offset..];
        var length = tail.IndexOf((byte)0);
        if (length < 0)
        {
            throw new ElfFormatException(
                $"ELF {User(kind, index, owner)} at offset 0x{offset:x} in {description} is not NUL-terminated");
        }

        return Encoding.UTF8.GetString(tail[..length]);
    }

    private static string User(string kind, int index, string? owner) =>
        owner is null ? $"{kind} [{index}] name" : $"{kind} [{index}] name in {owner}";
}
