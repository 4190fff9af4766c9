using Cross.Elf.Tests.Support;

namespace Cross.Elf.Tests;

public sealed class ElfHeaderTests
{
    [Theory]
    [InlineData(ElfClass.Elf32)]
    [InlineData(ElfClass.Elf64)]
    public void ParsesEveryHeaderField(ElfClass elfClass)
    {
        var image = SampleImages.Executable(elfClass);
        var is64 = elfClass == ElfClass.Elf64;

        var file = ElfFile.Parse(image.Bytes);
        var h = file.Header;

        Assert.Equal(elfClass, file.Class);
        Assert.Equal(is64, file.Is64Bit);
        Assert.Equal(ElfDataEncoding.LittleEndian, file.DataEncoding);
        Assert.Equal(1, h.IdentVersion);
        Assert.Equal(ElfOsAbi.Gnu, file.OsAbi);
        Assert.Equal(2, h.AbiVersion);
        Assert.Equal(ElfType.Executable, file.Type);
        Assert.Equal(ElfMachine.RiscV, file.Machine);
        Assert.Equal(1u, h.Version);
        Assert.Equal(SampleImages.Base + 0x1000, file.Entry);
        Assert.Equal(5u, file.Flags);
        Assert.Equal((ushort)ElfLayout.HeaderSize(is64), h.HeaderSize);
        Assert.Equal(ElfLayout.HeaderSize(is64), h.ClassHeaderSize);
        Assert.Equal((ulong)ElfLayout.HeaderSize(is64), h.ProgramHeaderOffset);
        Assert.Equal((ushort)ElfLayout.ProgramHeaderSize(is64), h.ProgramHeaderEntrySize);
        Assert.Equal(8, h.ProgramHeaderCount);
        Assert.Equal((ulong)image.SectionHeaderOffset, h.SectionHeaderOffset);
        Assert.Equal((ushort)ElfLayout.SectionHeaderSize(is64), h.SectionHeaderEntrySize);
        Assert.Equal(image.SectionCount, h.SectionHeaderCount);
        Assert.Equal(image.SectionCount - 1, h.SectionNameTableIndex);
    }

    [Fact]
    public void RiscVFlagsDecode()
    {
        var file = ElfFile.Parse(SampleImages.Executable(ElfClass.Elf64).Bytes);
        var flags = (ElfRiscVFlags)file.Flags;

        Assert.True(flags.HasFlag(ElfRiscVFlags.Rvc));
        Assert.Equal(ElfRiscVFlags.FloatAbiDouble, flags & ElfRiscVFlags.FloatAbiMask);
        Assert.False(flags.HasFlag(ElfRiscVFlags.Rve));
    }

    [Theory]
    [InlineData((ushort)0, ElfType.None)]
    [InlineData((ushort)1, ElfType.Relocatable)]
    [InlineData((ushort)2, ElfType.Executable)]
    [InlineData((ushort)3, ElfType.SharedObject)]
    [InlineData((ushort)4, ElfType.Core)]
    [InlineData((ushort)0xfe01, (ElfType)0xfe01)]
    public void PreservesType(ushort raw, ElfType expected)
    {
        var bytes = SampleImages.Minimal(ElfClass.Elf64).Bytes.With16(ElfLayout.EType, raw);

        Assert.Equal(expected, ElfFile.Parse(bytes).Type);
    }

    [Theory]
    [InlineData(ElfMachine.X86_64, (ushort)62)]
    [InlineData(ElfMachine.AArch64, (ushort)183)]
    [InlineData(ElfMachine.RiscV, (ushort)243)]
    [InlineData(ElfMachine.I386, (ushort)3)]
    [InlineData(ElfMachine.Arm, (ushort)40)]
    public void MachineValuesMatchTheSpecification(ElfMachine machine, ushort value)
    {
        Assert.Equal(value, (ushort)machine);
        var bytes = SampleImages.Minimal(ElfClass.Elf32).Bytes.With16(ElfLayout.EMachine, value);

        Assert.Equal(machine, ElfFile.Parse(bytes).Machine);
    }

    [Fact]
    public void PreservesUnknownMachine()
    {
        var bytes = SampleImages.Minimal(ElfClass.Elf64).Bytes.With16(ElfLayout.EMachine, 0x1234);

        var file = ElfFile.Parse(bytes);

        Assert.Equal((ElfMachine)0x1234, file.Machine);
        Assert.Equal("unknown (4660)", ElfMachineNames.Describe(file.Machine));
    }

    [Fact]
    public void PreservesUnknownOsAbi()
    {
        var bytes = SampleImages.Minimal(ElfClass.Elf64).Bytes.WithByte(7, 0x42);

        Assert.Equal((ElfOsAbi)0x42, ElfFile.Parse(bytes).OsAbi);
    }

    [Fact]
    public void ParsesFromMemoryThatDoesNotStartAtTheArrayStart()
    {
        var image = SampleImages.Executable(ElfClass.Elf32).Bytes;
        var padded = new byte[image.Length + 100];
        image.CopyTo(padded, 37);

        var file = ElfFile.Parse(padded.AsMemory(37, image.Length));

        Assert.Equal(ElfClass.Elf32, file.Class);
        Assert.Equal("main", file.FindSymbol("main")?.Name);
        Assert.Equal(image.Length, file.Bytes.Length);
    }

    [Fact]
    public void LoadsFromAPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cross-elf-{Guid.NewGuid():N}.elf");
        File.WriteAllBytes(path, SampleImages.Executable(ElfClass.Elf64).Bytes);
        try
        {
            var file = ElfFile.Load(path);

            Assert.Equal(ElfMachine.RiscV, file.Machine);
            Assert.Equal(SampleImages.InterpreterPath, file.Interpreter);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadReportsMissingFilesAsIoErrors()
    {
        Assert.Throws<FileNotFoundException>(() => ElfFile.Load(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}")));
    }

    [Fact]
    public void RecognisesTheMagic()
    {
        Assert.True(ElfFile.HasElfMagic(SampleImages.Minimal(ElfClass.Elf32).Bytes));
        Assert.True(ElfFile.HasElfMagic([0x7f, (byte)'E', (byte)'L', (byte)'F']));
        Assert.False(ElfFile.HasElfMagic([0x7f, (byte)'E', (byte)'L']));
        Assert.False(ElfFile.HasElfMagic("#!/bin/sh\n"u8));
    }
}
