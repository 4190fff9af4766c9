namespace Cross.Elf;

/// <summary>
/// Thrown for any input that is not a well-formed little-endian ELF file. The message is a single
/// line naming the defect, so callers can show it to users verbatim.
/// </summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException()
        : base("malformed ELF file")
    {
    }

    public ElfFormatException(string message)
        : base(message)
    {
    }

    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
