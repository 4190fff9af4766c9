using System.Numerics;

namespace Cross.Frontends.Arm64.Decoding;

/// <summary>
/// Finds the encoding row of an instruction word. Rows are bucketed by bits [28:25] (the
/// top-level A64 group selector) and tried most-specific mask first, so a row with more fixed
/// bits (an alias or a special case) wins over a general one.
/// </summary>
public sealed class A64Decoder
{
    private readonly A64Encoding[][] _buckets = new A64Encoding[16][];

    public A64Decoder(IEnumerable<A64Encoding> encodings)
    {
        Encodings = encodings.ToArray();
        var ordered = Encodings.OrderByDescending(e => BitOperations.PopCount(e.Mask)).ToArray();
        for (uint group = 0; group < 16; group++)
        {
            var groupBits = group << 25;
            const uint groupMask = 0xFu << 25;
            _buckets[group] = ordered.Where(e => ((e.Match ^ groupBits) & e.Mask & groupMask) == 0).ToArray();
        }
    }

    /// <summary>Every row of the table (the random instruction generator draws from these).</summary>
    public IReadOnlyList<A64Encoding> Encodings { get; }

    /// <summary>The full user-mode instruction set.</summary>
    public static A64Decoder UserMode { get; } = new(Arm64.Encodings.A64Encodings.All);

    public bool TryDecode(uint bits, out A64Instruction instruction)
    {
        foreach (var encoding in _buckets[(bits >> 25) & 0xF])
        {
            if (!encoding.Accepts(bits)) continue;
            instruction = new A64Instruction(bits, encoding);
            return true;
        }
        instruction = default;
        return false;
    }
}
