using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

public sealed class ElfSymbolTests
{
    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ParsesTheStaticSymbolTable(ElfClass elfClass)
    {
        var image = SampleImages.Executable(elfClass);
        var file = ElfFile.Parse(image.Bytes);
        var text = (ushort)image.SectionIndices[".text"];

        var symbols = file.Symbols;

        Assert.Equal(10, symbols.Count);
        Assert.Equal(Enumerable.Range(0, 10), symbols.Select(s => s.Index));
        Assert.All(symbols, s => Assert.False(s.IsDynamic));

        var none = symbols[0];
        Assert.Equal("", none.Name);
        Assert.False(none.IsDefined);

        var fileSymbol = symbols[1];
        Assert.Equal("start.c", fileSymbol.Name);
        Assert.Equal(ElfSymbolType.File, fileSymbol.Type);
        Assert.Equal(ElfSymbolBinding.Local, fileSymbol.Binding);
        Assert.Equal(ElfSectionIndex.Absolute, fileSymbol.SectionIndex);

        var main = symbols[3];
        Assert.Equal("main", main.Name);
        Assert.Equal(SampleImages.Base + 0x1020, main.Value);
        Assert.Equal(32UL, main.Size);
        Assert.Equal(ElfSymbolBinding.Global, main.Binding);
        Assert.Equal(ElfSymbolType.Func, main.Type);
        Assert.Equal(ElfSymbolVisibility.Default, main.Visibility);
        Assert.Equal(text, main.SectionIndex);
        Assert.Equal(0x12, main.Info);
        Assert.Equal(0, main.Other);
        Assert.True(main.IsDefined);

        var counter = symbols[5];
        Assert.Equal(ElfSymbolType.Object, counter.Type);
        Assert.Equal((ushort)image.SectionIndices[".data"], counter.SectionIndex);

        var weak = symbols[6];
        Assert.Equal(ElfSymbolBinding.Weak, weak.Binding);
        Assert.Equal(ElfSymbolType.NoType, weak.Type);
        Assert.False(weak.IsDefined);

        Assert.Equal(ElfSymbolVisibility.Hidden, symbols[7].Visibility);
        Assert.Equal(ElfSymbolType.Tls, symbols[8].Type);
        Assert.Equal(0x100UL, symbols[9].Size);
    }

    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ParsesTheDynamicSymbolTable(ElfClass elfClass)
    {
        var file = ElfFile.Parse(SampleImages.Executable(elfClass).Bytes);

        var symbols = file.DynamicSymbols;

        Assert.Equal(["", "puts", "main"], symbols.Select(s => s.Name));
        Assert.All(symbols, s => Assert.True(s.IsDynamic));
        Assert.False(symbols[1].IsDefined);
    }

    [Fact]
    public void FindsSymbolsByName()
    {
        var file = ElfFile.Parse(SampleImages.Executable(ElfClass.Elf64).Bytes);

        var main = file.FindSymbol("main");
        Assert.NotNull(main);
        Assert.False(main.IsDynamic); // .symtab is searched first
        Assert.Equal(SampleImages.Base + 0x1020, main.Value);

        Assert.True(file.FindSymbol("puts")!.IsDynamic);
        Assert.Equal(ElfSymbolBinding.Local, file.FindSymbol("local_helper")!.Binding);
        Assert.Null(file.FindSymbol("no_such_symbol"));
        Assert.Null(file.FindSymbol(""));

        Assert.True(file.TryFindSymbol("counter", out var counter));
        Assert.Equal(4UL, counter.Size);
        Assert.False(file.TryFindSymbol("nope", out _));
    }

    [Fact]
    public void PrefersDefinedGlobalSymbolsWhenNamesRepeat()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".text", ElfSectionType.ProgBits, new byte[16]));
        builder.AddSymbolTable(
        [
            new SymbolSpec("dup", 0x10, Binding: ElfSymbolBinding.Local, Section: ".text"),
            new SymbolSpec("undef_then_defined", 0),
            new SymbolSpec("dup", 0x20, Binding: ElfSymbolBinding.Weak, Section: ".text"),
            new SymbolSpec("dup", 0x30, Section: ".text"),
        ]);
        builder.AddSymbolTable([new SymbolSpec("undef_then_defined", 0x40, Section: ".text")], dynamic: true);

        var file = ElfFile.Parse(builder.Build().Bytes);

        // Weak and global rank equally; the earlier entry wins the tie.
        Assert.Equal(0x20UL, file.FindSymbol("dup")!.Value);
        Assert.Equal(0x40UL, file.FindSymbol("undef_then_defined")!.Value);
    }

    [Fact]
    public void ToleratesZeroEntrySize()
    {
        var image = SampleImages.Executable(ElfClass.Elf32);
        var bytes = image.Bytes.With32(image.SectionHeaderEntry(".symtab") + ElfLayout.ShEntSize(false), 0);

        Assert.Equal(10, ElfFile.Parse(bytes).Symbols.Count);
    }

    [Fact]
    public void HonoursALargerEntrySize()
    {
        // Two 16-byte ELF32 symbols re-described as one 32-byte entry: only the first is read.
        var image = SampleImages.Executable(ElfClass.Elf32);
        var bytes = image.Bytes.With32(image.SectionHeaderEntry(".dynsym") + ElfLayout.ShEntSize(false), 0);
        var entry = image.SectionHeaderEntry(".dynsym");
        bytes = bytes
            .With32(entry + ElfLayout.ShSize(false), 32)
            .With32(entry + ElfLayout.ShEntSize(false), 32);

        var symbols = ElfFile.Parse(bytes).DynamicSymbols;

        Assert.Single(symbols);
    }

    [Fact]
    public void StrippedFilesHaveNoSymbols()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSection(new SectionSpec(".text", ElfSectionType.ProgBits, [1]));

        var file = ElfFile.Parse(builder.Build().Bytes);

        Assert.Empty(file.Symbols);
        Assert.Empty(file.DynamicSymbols);
        Assert.Null(file.FindSymbol("main"));
    }

    [Fact]
    public void DecodesUtf8Names()
    {
        var builder = new ElfImageBuilder(ElfClass.Elf64);
        builder.AddSymbolTable([new SymbolSpec("grüße_λ", 1, SectionIndex: ElfSectionIndex.Absolute)]);

        Assert.Equal(1UL, ElfFile.Parse(builder.Build().Bytes).FindSymbol("grüße_λ")!.Value);
    }
}
