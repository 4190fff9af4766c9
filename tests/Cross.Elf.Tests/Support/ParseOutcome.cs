namespace Cross.Elf.Tests.Support;

/// <summary>The only two acceptable results of feeding arbitrary bytes to the parser.</summary>
public static class ParseOutcome
{
    /// <summary>
    /// Parses and fully walks <paramref name="bytes"/>; returns the ElfFormatException message, or
    /// null on success. Any other exception type fails the test with <paramref name="context"/>.
    /// </summary>
    public static string? ParseOrReject(ReadOnlyMemory<byte> bytes, string context)
    {
        Exception? unexpected = null;
        try
        {
            ElfExerciser.TouchEverything(ElfFile.Parse(bytes));
            return null;
        }
        catch (ElfFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{context}: empty ElfFormatException message");
            Assert.False(e.Message.Contains('\n', StringComparison.Ordinal), $"{context}: multi-line message: {e.Message}");
            return e.Message;
        }
        catch (Exception e)
        {
            unexpected = e;
        }

        Assert.Fail($"{context}: expected success or ElfFormatException, got {unexpected.GetType().Name}: {unexpected.Message}\n{unexpected.StackTrace}");
        return null;
    }
}
