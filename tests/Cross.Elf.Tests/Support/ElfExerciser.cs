namespace Cross.Elf.Tests.Support;

/// <summary>
/// Walks every lazily parsed part of an <see cref="ElfFile"/> so fuzz tests reach all
/// validation paths, not just the eager header checks.
/// </summary>
public static class ElfExerciser
{
    public static void TouchEverything(ElfFile file)
    {
        var sink = 0L;
        var h = file.Header;
        sink += (long)h.Entry + h.ProgramHeaderCount + h.SectionHeaderCount + (int)file.Machine;
        sink += ElfMachineNames.Describe(file.Machine).Length;
        sink += (long)(file.ProgramHeaderVirtualAddress ?? 0);
        sink += file.Interpreter?.Length ?? 0;

        foreach (var segment in file.ProgramHeaders)
        {
            sink += Touch(segment.Data.Span) + segment.ToString().Length;
            if (segment.Type == ElfSegmentType.Note)
            {
                sink += file.GetNotes(segment).Count;
            }
        }

        foreach (var section in file.Sections)
        {
            sink += Touch(section.Data.Span) + section.ToString().Length;
            if (section.Type == ElfSectionType.Note)
            {
                sink += file.GetNotes(section).Count;
            }
        }

        foreach (var symbol in file.Symbols.Concat(file.DynamicSymbols))
        {
            sink += symbol.ToString().Length + (int)symbol.Visibility;
        }

        foreach (var note in file.Notes)
        {
            sink += note.Name.Length + Touch(note.Descriptor.Span);
        }

        sink += file.FindSymbol("main")?.Index ?? 0;
        sink += file.FindSection(".text")?.Index ?? 0;
        GC.KeepAlive(sink);
    }

    // Reading the first and last byte proves the slice is really inside the file.
    private static long Touch(ReadOnlySpan<byte> span) => span.IsEmpty ? 0 : span[0] + span[^1] + span.Length;
}
