using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

/// <summary>Real gcc output, checked against readelf's reading of the same files.</summary>
[Collection(CompiledBinariesCollection.Name)]
public sealed class CompiledBinaryTests(CompiledBinaries binaries)
{
    [ToolFact(HostTools.Gcc, HostTools.ReadElf)]
    public void StaticExecutableMatchesReadElf()
    {
        var file = ElfFile.Load(binaries.X86Static);

        ReadElfComparison.AssertMatches(file, ReadElfReport.For(binaries.X86Static));

        Assert.Equal(ElfClass.Elf64, file.Class);
        Assert.Equal(ElfType.Executable, file.Type);
        Assert.Equal(ElfMachine.X86_64, file.Machine);
        Assert.Null(file.Interpreter);
        Assert.Contains(file.ProgramHeaders, p => p.Type == ElfSegmentType.Tls);
        Assert.True(file.LoadSegments.Count() >= 2);
        Assert.Empty(file.DynamicSymbols);
        Assert.Contains(file.Notes, n => n.Name == ElfNoteTypes.GnuOwner && n.Type == ElfNoteTypes.GnuBuildId);

        var main = file.FindSymbol("main")!;
        Assert.Equal(ElfSymbolType.Func, main.Type);
        Assert.Equal(ElfSymbolBinding.Global, main.Binding);
        var text = file.Sections[main.SectionIndex];
        Assert.Equal(".text", text.Name);
        Assert.InRange(main.Value, text.Address, text.Address + text.Size - 1);

        Assert.Equal(ElfSymbolType.Tls, file.FindSymbol("cross_elf_tls")!.Type);
        Assert.Equal(ElfSymbolBinding.Local, file.FindSymbol("cross_elf_counter")!.Binding);
        AssertGlobalHoldsFortyTwo(file);
    }

    [ToolFact(HostTools.Gcc, HostTools.ReadElf)]
    public void PositionIndependentExecutableMatchesReadElf()
    {
        var file = ElfFile.Load(binaries.X86Pie);

        ReadElfComparison.AssertMatches(file, ReadElfReport.For(binaries.X86Pie));

        Assert.Equal(ElfType.SharedObject, file.Type);
        Assert.StartsWith("/lib", file.Interpreter);
        Assert.Contains(file.ProgramHeaders, p => p.Type == ElfSegmentType.Dynamic);
        Assert.Contains(file.ProgramHeaders, p => p.Type == ElfSegmentType.GnuRelro);
        Assert.Contains(file.ProgramHeaders, p => p.Type == ElfSegmentType.GnuStack && !p.IsExecutable);
        var phdr = file.ProgramHeaders.Single(p => p.Type == ElfSegmentType.Phdr);
        Assert.Equal(phdr.VirtualAddress, file.ProgramHeaderVirtualAddress);

        var printf = file.DynamicSymbols.FirstOrDefault(s => s.Name.StartsWith("printf", StringComparison.Ordinal) || s.Name.StartsWith("__printf_chk", StringComparison.Ordinal));
        Assert.NotNull(printf);
        Assert.False(printf.IsDefined);
        AssertGlobalHoldsFortyTwo(file);
    }

    [ToolFact(HostTools.Gcc, HostTools.ReadElf)]
    public void ObjectFileMatchesReadElf()
    {
        var file = ElfFile.Load(binaries.X86Object);

        ReadElfComparison.AssertMatches(file, ReadElfReport.For(binaries.X86Object));

        Assert.Equal(ElfType.Relocatable, file.Type);
        Assert.Empty(file.ProgramHeaders);
        Assert.Equal(0UL, file.Entry);
        Assert.Contains(file.Sections, s => s.Type == ElfSectionType.Rela);
        Assert.Equal(0UL, file.FindSymbol("cross_elf_function")!.Value);
        Assert.False(file.FindSymbol("printf")!.IsDefined);
    }

    [ToolFact(HostTools.Gcc, HostTools.ReadElf)]
    public void TinyExecutableMatchesReadElf()
    {
        var file = ElfFile.Load(binaries.X86Tiny);

        ReadElfComparison.AssertMatches(file, ReadElfReport.For(binaries.X86Tiny));

        Assert.Equal(file.FindSymbol("_start")!.Value, file.Entry);
        Assert.NotNull(file.ProgramHeaderVirtualAddress);
    }

    [ToolFact(HostTools.RiscVGcc, HostTools.ReadElf)]
    public void RiscVStaticExecutableMatchesReadElf()
    {
        var file = ElfFile.Load(binaries.RiscVStatic);

        ReadElfComparison.AssertMatches(file, ReadElfReport.For(binaries.RiscVStatic));

        Assert.Equal(ElfClass.Elf64, file.Class);
        Assert.Equal(ElfType.Executable, file.Type);
        Assert.Equal(ElfMachine.RiscV, file.Machine);
        Assert.Equal("EM_RISCV (243)", ElfMachineNames.Describe(file.Machine));
        Assert.Null(file.Interpreter);

        // The Debian cross toolchain targets rv64gc with the lp64d ABI.
        var flags = (ElfRiscVFlags)file.Flags;
        Assert.True(flags.HasFlag(ElfRiscVFlags.Rvc));
        Assert.Equal(ElfRiscVFlags.FloatAbiDouble, flags & ElfRiscVFlags.FloatAbiMask);

        var loads = file.LoadSegments.ToList();
        Assert.NotEmpty(loads);
        Assert.Contains(loads, p => p.IsExecutable && file.Entry >= p.VirtualAddress && file.Entry < p.VirtualAddress + p.MemorySize);
        Assert.Contains(loads, p => p.IsWritable && p.MemorySize > p.FileSize);

        var main = file.FindSymbol("main")!;
        Assert.Equal(ElfSymbolType.Func, main.Type);
        Assert.Equal(".text", file.Sections[main.SectionIndex].Name);
        Assert.NotNull(file.FindSymbol("_start"));
        AssertGlobalHoldsFortyTwo(file);
    }

    /// <summary>Follows a symbol to its bytes through the section table: cross_elf_global is 42.</summary>
    private static void AssertGlobalHoldsFortyTwo(ElfFile file)
    {
        var global = file.FindSymbol("cross_elf_global")!;
        Assert.Equal(ElfSymbolType.Object, global.Type);
        Assert.Equal(4UL, global.Size);
        var data = file.Sections[global.SectionIndex];
        var bytes = data.Data.Span.Slice((int)(global.Value - data.Address), 4);
        Assert.Equal(42, BitConverter.ToInt32(bytes));
    }
}
