using System.Text;
using static Cross.Elf.Parsing.ElfBytes;

namespace Cross.Elf.Parsing;

/// <summary>Parses the note entries packed in a PT_NOTE segment or SHT_NOTE section.</summary>
internal static class ElfNoteReader
{
    private const int NoteHeaderSize = 12;

    /// <param name="data">The container's bytes.</param>
    /// <param name="fileOffset">File offset of <paramref name="data"/>, used to report and identify notes.</param>
    /// <param name="containerAlignment">p_align or sh_addralign of the container.</param>
    /// <param name="where">The container, for messages.</param>
    public static void Read(ReadOnlyMemory<byte> data, ulong fileOffset, ulong containerAlignment, string where, List<ElfNote> into)
    {
        // The gABI says 4-byte alignment, but GNU tools emit 8-byte-aligned notes (e.g.
        // NT_GNU_PROPERTY_TYPE_0 on ELF64) in containers aligned to 8; readelf and the kernel
        // go by the container's alignment the same way.
        var align = containerAlignment == 8 ? 8L : 4L;
        var span = data.Span;
        long length = span.Length;
        long position = 0;
        while (position < length)
        {
            var at = fileOffset + (ulong)position;
            if (length - position < NoteHeaderSize)
            {
                throw new ElfFormatException(
                    $"ELF note at offset 0x{at:x} in {where} is truncated ({length - position} bytes left, note header needs {NoteHeaderSize})");
            }

            var nameSize = U32(span, (int)position);
            var descriptorSize = U32(span, (int)position + 4);
            var type = U32(span, (int)position + 8);

            var nameStart = position + NoteHeaderSize;
            if (nameSize > length - nameStart)
            {
                throw new ElfFormatException(
                    $"ELF note at offset 0x{at:x} in {where} has name size {nameSize}, past the end of the notes ({length - nameStart} bytes left)");
            }

            var descriptorStart = AlignUp(nameStart + nameSize, align);
            if (descriptorSize > 0 && (descriptorStart > length || descriptorSize > length - descriptorStart))
            {
                throw new ElfFormatException(
                    $"ELF note at offset 0x{at:x} in {where} has descriptor size {descriptorSize}, past the end of the notes ({Math.Max(0, length - descriptorStart)} bytes left)");
            }

            // Owner names are NUL-terminated by convention; tolerate a missing terminator since
            // namesz bounds the name anyway.
            var name = span.Slice((int)nameStart, (int)nameSize);
            var nul = name.IndexOf((byte)0);
            if (nul >= 0)
            {
                name = name[..nul];
            }

            into.Add(new ElfNote
            {
                Name = Encoding.UTF8.GetString(name),
                Type = type,
                Descriptor = descriptorSize == 0 ? ReadOnlyMemory<byte>.Empty : data.Slice((int)descriptorStart, (int)descriptorSize),
                Offset = at,
            });

            // Trailing padding of the last note may be missing; the loop simply ends.
            position = AlignUp(descriptorStart + descriptorSize, align);
        }
    }

    private static long AlignUp(long value, long align) => (value + align - 1) & ~(align - 1);
}
