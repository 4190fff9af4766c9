using System.Buffers.Binary;
using Cross.Elf;
using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.TestSupport;

/// <summary>
/// Assembles A64 source text with GNU as (through aarch64-linux-gnu-gcc -c, cached by
/// <see cref="GuestCompiler"/>) and returns the words of its .text section. Tests write real
/// assembly, so the encodings under test come from the reference assembler, not from our tables.
/// </summary>
public static class A64Assembler
{
    public static uint[] Assemble(string source)
    {
        var missing = HostTools.Missing(HostTools.Aarch64Gcc);
        if (missing is not null) throw new InvalidOperationException(missing);
        var objectFile = GuestCompiler.Compile(HostTools.Aarch64Gcc, "    .text\n" + source + "\n", ".S", "-c");
        var elf = ElfFile.Load(objectFile);
        var text = elf.FindSection(".text") ?? throw new InvalidOperationException("no .text in the assembled object");
        var bytes = elf.Bytes.Span.Slice((int)text.Offset, (int)text.Size);
        var words = new uint[bytes.Length / 4];
        for (var i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
        return words;
    }
}
