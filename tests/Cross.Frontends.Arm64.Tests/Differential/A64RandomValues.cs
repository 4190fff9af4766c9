using Cross.Testing;

namespace Cross.Frontends.Arm64.Tests.Differential;

/// <summary>Edge-heavy random register values for the integer and vector registers.</summary>
internal static class A64RandomValues
{
    public static ulong Integer(Random random) => EdgeValues.Integer(random);

    /// <summary>One 64-bit half of a vector register: doubles, pairs of singles, or raw lanes.</summary>
    public static ulong VectorHalf(Random random) => random.Next(7) switch
    {
        0 => EdgeValues.DoubleEdges[random.Next(EdgeValues.DoubleEdges.Count)],
        1 => (ulong)EdgeValues.SingleEdges[random.Next(EdgeValues.SingleEdges.Count)] << 32 | EdgeValues.SingleEdges[random.Next(EdgeValues.SingleEdges.Count)],
        2 => (ulong)BitConverter.SingleToUInt32Bits((float)(random.NextDouble() * 200 - 100)) << 32
             | BitConverter.SingleToUInt32Bits((float)(random.NextDouble() * 200 - 100)),
        3 => BitConverter.DoubleToUInt64Bits(random.NextDouble() * 200 - 100),
        4 => BitConverter.DoubleToUInt64Bits(Math.Round(random.NextDouble() * 1e6) / 4),
        5 => Integer(random),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };
}
