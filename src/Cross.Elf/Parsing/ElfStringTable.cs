using System.Text;

namespace Cross.Elf.Parsing;

/// <summary>A string table section: NUL-terminated strings addressed by byte offset.</summary>
internal sealed class ElfStringTable(ReadOnlyMemory<byte> data, string description)
{
    /// <param name="user">What the offset came from, e.g. "symbol [5] name"; used in messages.</param>
    public string Get(uint offset, string user)
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
                $"ELF {user} offset 0x{offset:x} is outside {description} (size 0x{span.Length:x})");
        }

        var tail = span[(int)offset..];
        var length = tail.IndexOf((byte)0);
        if (length < 0)
        {
            throw new ElfFormatException(
                $"ELF {user} at offset 0x{offset:x} in {description} is not NUL-terminated");
        }

        return Encoding.UTF8.GetString(tail[..length]);
    }
}
