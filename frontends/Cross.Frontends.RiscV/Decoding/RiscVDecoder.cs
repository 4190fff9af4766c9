
namespace Cross.Frontends.RiscV.Decoding;

/// <summary>
/// Finds the encoding of an instruction word. Encodings are bucketed by the bits every encoding
/// of a bucket fixes: opcode bits [6:2] for 32-bit words, quadrant [1:0] and funct3 [15:13] for
/// compressed ones. Within a bucket, more specific masks come first and the first encoding that
/// <see cref="RiscVEncoding.Accepts"/> the word wins.
/// </summary>
public sealed class RiscVDecoder
{
    private const uint WideKeyMask = 0x7F;
    private const uint CompressedKeyMask = 0xE003;

    private readonly RiscVEncoding[][] _wide = new RiscVEncoding[32][];
    private readonly RiscVEncoding[][] _compressed = new RiscVEncoding[24][];

    /// <summary>RV64GC with Zba, Zbb and Zbs.</summary>
    public static RiscVDecoder Rv64gc { get; } = new(RiscVEncodings.All);

    /// <summary>RV64GC with Zba, Zbb and Zbs plus the privileged instructions: the system-mode decoder.</summary>
    public static RiscVDecoder Rv64gcSystem { get; } = new([.. RiscVEncodings.All, .. RiscVEncodings.Privileged]);

    /// <summary>Every encoding this decoder knows, in table order.</summary>
    public IReadOnlyList<RiscVEncoding> Encodings { get; }

    public RiscVDecoder(IEnumerable<RiscVEncoding> encodings)
    {
        Encodings = encodings.ToArray();
        var wide = new List<RiscVEncoding>[32];
        var compressed = new List<RiscVEncoding>[24];
        foreach (var encoding in Encodings)
        {
            var keyMask = encoding.IsCompressed ? CompressedKeyMask : WideKeyMask;
            if ((encoding.Mask & keyMask) != keyMask)
                throw new ArgumentException($"{encoding.Mnemonic}: mask 0x{encoding.Mask:x} does not fix the bucket bits 0x{keyMask:x}");
            var lists = encoding.IsCompressed ? compressed : wide;
            var key = encoding.IsCompressed ? CompressedKey(encoding.Match) : WideKey(encoding.Match);
            (lists[key] ??= new()).Add(encoding);
        }
        Fill(_wide, wide);
        Fill(_compressed, compressed);
    }

    private static void Fill(RiscVEncoding[][] buckets, List<RiscVEncoding>?[] lists)
    {
        for (var i = 0; i < buckets.Length; i++)
        {
            // Stable: more fixed bits first, then table order.
            buckets[i] = (lists[i] ?? []).Select((encoding, index) => (encoding, index))
                .OrderByDescending(pair => System.Numerics.BitOperations.PopCount(pair.encoding.Mask))
                .ThenBy(pair => pair.index)
                .Select(pair => pair.encoding)
                .ToArray();
        }
    }

    private static int WideKey(uint bits) => (int)(bits >> 2) & 31;

    private static int CompressedKey(uint bits) => (int)(bits & 3) * 8 + (int)(bits >> 13 & 7);

    /// <summary>2 or 4, from the low bits of the first 16-bit parcel.</summary>
    public static int InstructionLength(uint firstParcel) => (firstParcel & 3) == 3 ? 4 : 2;

    /// <summary>The candidates that share <paramref name="bits"/>' bucket, in match order.</summary>
    public IReadOnlyList<RiscVEncoding> Candidates(uint bits) =>
        (bits & 3) == 3 ? _wide[WideKey(bits)] : _compressed[CompressedKey(bits)];

    /// <summary>The encoding of <paramref name="bits"/>, or null for an illegal or unknown instruction.</summary>
    public RiscVEncoding? Find(uint bits)
    {
        if ((bits & 3) != 3)
        {
            if (bits > 0xFFFF) return null;
        }
        else if ((bits & 0x1C) == 0x1C)
        {
            return null; // 48-bit and longer encodings
        }
        foreach (var encoding in (bits & 3) == 3 ? _wide[WideKey(bits)] : _compressed[CompressedKey(bits)])
            if (encoding.Accepts(bits)) return encoding;
        return null;
    }

    public bool TryDecode(uint bits, out DecodedInstruction instruction)
    {
        var encoding = Find(bits);
        instruction = encoding is null ? default : new DecodedInstruction(encoding, bits);
        return encoding is not null;
    }
}
