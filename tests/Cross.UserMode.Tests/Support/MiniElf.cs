using System.Buffers.Binary;

namespace Cross.UserMode.Tests.Support;

/// <summary>
/// Builds small ELF64 executables in memory (one PT_LOAD per segment given), for loader and
/// process tests that need no compiler, and for malformed-file tests.
/// </summary>
public sealed class MiniElf
{
    public const ulong DefaultBase = 0x10000;

    public ushort Machine { get; init; } = 243;
    public ushort Type { get; init; } = 2;
    public byte Class { get; init; } = 2;
    public ulong Entry { get; init; } = DefaultBase + 0x1000;
    public List<Segment> Segments { get; init; } = new();

    /// <summary>A PT_LOAD segment (p_flags: 4 = R, 2 = W, 1 = X), or another type such as PT_INTERP (3).</summary>
    public sealed record Segment(ulong VirtualAddress, byte[] Data, ulong MemorySize, uint Flags, uint Type = 1);

    /// <summary>An executable whose code (at <see cref="DefaultBase"/> + 0x1000) is <paramref name="instructions"/>.</summary>
    public static MiniElf WithCode(params uint[] instructions)
    {
        var code = new byte[instructions.Length * 4];
        for (var i = 0; i < instructions.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(code.AsSpan(i * 4), instructions[i]);
        return new MiniElf { Segments = { new Segment(DefaultBase + 0x1000, code, (ulong)code.Length, 5) } };
    }

    public byte[] Build()
    {
        const int headerSize = 64, phentsize = 56;
        var phoff = headerSize;
        var dataStart = (phoff + phentsize * Segments.Count + 0xFFF) & ~0xFFF;
        var offsets = new List<ulong>();
        var cursor = (ulong)dataStart;
        foreach (var segment in Segments)
        {
            // Each segment gets its own file pages, with p_offset congruent to p_vaddr modulo the page size.
            var offset = cursor + (segment.VirtualAddress & 0xFFF);
            offsets.Add(offset);
            cursor = (offset + (ulong)segment.Data.Length + 0xFFF) & ~0xFFFUL;
        }
        var file = new byte[Math.Max((long)cursor, dataStart)];
        file[0] = 0x7F; file[1] = (byte)'E'; file[2] = (byte)'L'; file[3] = (byte)'F';
        file[4] = Class; file[5] = 1; file[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(16), Type);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(18), Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(24), Entry);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(32), (ulong)phoff);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(52), headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(54), phentsize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(56), (ushort)Segments.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(58), 64);
        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            var ph = file.AsSpan(phoff + i * phentsize);
            BinaryPrimitives.WriteUInt32LittleEndian(ph, segment.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], segment.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[8..], offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], segment.VirtualAddress);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], segment.VirtualAddress);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], (ulong)segment.Data.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], segment.MemorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], 0x1000);
            segment.Data.CopyTo(file, (int)offsets[i]);
        }
        return file;
    }

    /// <summary>Writes the file into a fresh temporary path and returns it.</summary>
    public string WriteTemporary(string name = "guest")
    {
        var directory = Directory.CreateTempSubdirectory("cross-elf-").FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Build());
        return path;
    }
}

/// <summary>RV64 instruction encodings for hand-written test programs.</summary>
public static class Rv
{
    public const int Zero = 0, Ra = 1, Sp = 2, A0 = 10, A1 = 11, A2 = 12, A7 = 17, T0 = 5;

    public static uint Addi(int rd, int rs1, int imm) => ((uint)(imm & 0xFFF) << 20) | ((uint)rs1 << 15) | ((uint)rd << 7) | 0x13;

    public static uint Li(int rd, int imm) => Addi(rd, Zero, imm);

    public static uint Lui(int rd, int imm20) => ((uint)imm20 << 12) | ((uint)rd << 7) | 0x37;

    public static uint Ld(int rd, int rs1, int imm) => ((uint)(imm & 0xFFF) << 20) | ((uint)rs1 << 15) | (3u << 12) | ((uint)rd << 7) | 0x03;

    public static uint Sd(int rs2, int rs1, int imm) =>
        ((uint)(imm >> 5 & 0x7F) << 25) | ((uint)rs2 << 20) | ((uint)rs1 << 15) | (3u << 12) | ((uint)(imm & 0x1F) << 7) | 0x23;

    public const uint Ecall = 0x00000073;
    public const uint Ebreak = 0x00100073;
    public const uint Illegal = 0x00000000;

    /// <summary>exit_group(code).</summary>
    public static uint[] Exit(int code) => [Li(A0, code), Li(A7, 94), Ecall];
}
