using System.Text;
using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

/// <summary>Hand-built images shared by several test classes.</summary>
public static class SampleImages
{
    public const ulong Base = 0x10000;
    public const string InterpreterPath = "/lib/ld-linux-riscv64-lp64d.so.1";

    public static byte[] BuildId => [0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04];

    /// <summary>
    /// An executable with PT_PHDR, PT_INTERP, two PT_LOADs (one with .bss), PT_NOTE, PT_TLS,
    /// PT_GNU_STACK and PT_GNU_RELRO, plus .symtab, .dynsym and a note section.
    /// </summary>
    public static ElfImage Executable(ElfClass elfClass, ElfMachine machine = ElfMachine.RiscV)
    {
        var text = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var data = Encoding.ASCII.GetBytes("data!data");
        var notes = NoteBuilder.Build(4, ("GNU", ElfNoteTypes.GnuBuildId, BuildId), ("GNU", ElfNoteTypes.GnuAbiTag, [0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]));
        var builder = new ElfImageBuilder(elfClass)
        {
            Machine = machine,
            Entry = Base + 0x1000,
            Flags = 0x5,
            OsAbi = ElfOsAbi.Gnu,
            AbiVersion = 2,
        };
        builder
            .AddSection(new SectionSpec(".interp", ElfSectionType.ProgBits, Encoding.ASCII.GetBytes(InterpreterPath + "\0"), ElfSectionFlags.Alloc))
            .AddSection(new SectionSpec(".note.gnu.build-id", ElfSectionType.Note, notes, ElfSectionFlags.Alloc, Alignment: 4))
            .AddSection(new SectionSpec(".text", ElfSectionType.ProgBits, text, ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr, Base + 0x1000, Alignment: 16))
            .AddSection(new SectionSpec(".tdata", ElfSectionType.ProgBits, [1, 2, 3, 4], ElfSectionFlags.Alloc | ElfSectionFlags.Write | ElfSectionFlags.Tls, Base + 0x2000, Alignment: 4))
            .AddSection(new SectionSpec(".data", ElfSectionType.ProgBits, data, ElfSectionFlags.Alloc | ElfSectionFlags.Write, Base + 0x2004, Alignment: 4))
            .AddSection(new SectionSpec(".bss", ElfSectionType.NoBits, new byte[0x100], ElfSectionFlags.Alloc | ElfSectionFlags.Write, Base + 0x2010, Alignment: 16))
            .AddSymbolTable(
            [
                new SymbolSpec("start.c", 0, Type: ElfSymbolType.File, Binding: ElfSymbolBinding.Local, SectionIndex: ElfSectionIndex.Absolute),
                new SymbolSpec("local_helper", Base + 0x1010, 8, ElfSymbolBinding.Local, Section: ".text"),
                new SymbolSpec("main", Base + 0x1020, 32, Section: ".text"),
                new SymbolSpec("_start", Base + 0x1000, 16, Section: ".text"),
                new SymbolSpec("counter", Base + 0x2004, 4, Type: ElfSymbolType.Object, Section: ".data"),
                new SymbolSpec("weak_hook", 0, Binding: ElfSymbolBinding.Weak, Type: ElfSymbolType.NoType),
                new SymbolSpec("hidden_fn", Base + 0x1030, 4, Visibility: ElfSymbolVisibility.Hidden, Section: ".text"),
                new SymbolSpec("tls_var", 0, 4, Type: ElfSymbolType.Tls, Section: ".tdata"),
                new SymbolSpec("buffer", Base + 0x2010, 0x100, Type: ElfSymbolType.Object, Section: ".bss"),
            ])
            .AddSymbolTable(
            [
                new SymbolSpec("puts", 0, Type: ElfSymbolType.Func),
                new SymbolSpec("main", Base + 0x1020, 32, Section: ".text"),
            ], dynamic: true)
            .AddSegment(new SegmentSpec(ElfSegmentType.Phdr, ElfSegmentFlags.Read, Base + (ulong)ElfLayout.HeaderSize(elfClass == ElfClass.Elf64), SegmentSource.ProgramHeaders))
            .AddSegment(new SegmentSpec(ElfSegmentType.Interp, ElfSegmentFlags.Read, 0, SegmentSource.Section, Section: ".interp", Alignment: 1))
            .AddSegment(new SegmentSpec(ElfSegmentType.Load, ElfSegmentFlags.Read | ElfSegmentFlags.Execute, Base, SegmentSource.WholeFile, Alignment: 0x1000))
            .AddSegment(new SegmentSpec(ElfSegmentType.Load, ElfSegmentFlags.Read | ElfSegmentFlags.Write, Base + 0x2004, SegmentSource.Section, Section: ".data", ExtraMemory: 0x10c, Alignment: 0x1000, PhysicalAddress: 0x80002004))
            .AddSegment(new SegmentSpec(ElfSegmentType.Note, ElfSegmentFlags.Read, 0, SegmentSource.Section, Section: ".note.gnu.build-id", Alignment: 4))
            .AddSegment(new SegmentSpec(ElfSegmentType.Tls, ElfSegmentFlags.Read, Base + 0x2000, SegmentSource.Section, Section: ".tdata", ExtraMemory: 4, Alignment: 4))
            .AddSegment(new SegmentSpec(ElfSegmentType.GnuStack, ElfSegmentFlags.Read | ElfSegmentFlags.Write, 0, Data: [], Alignment: 16))
            .AddSegment(new SegmentSpec(ElfSegmentType.GnuRelro, ElfSegmentFlags.Read, Base + 0x2000, SegmentSource.Section, Section: ".tdata", Alignment: 1));
        return builder.Build();
    }

    /// <summary>The smallest useful image: header, one PT_LOAD with code, no sections.</summary>
    public static ElfImage Minimal(ElfClass elfClass)
    {
        var builder = new ElfImageBuilder(elfClass) { WriteSectionHeaders = false, Entry = Base };
        builder.AddSegment(new SegmentSpec(ElfSegmentType.Load, ElfSegmentFlags.Read | ElfSegmentFlags.Execute, Base,
            Data: [0x13, 0x00, 0x00, 0x00, 0x6f, 0x00, 0x00, 0x00], Alignment: 0x1000));
        return builder.Build();
    }
}
