using Cross.Testing;

namespace Cross.Frontends.RiscV.Tests.Differential;

/// <summary>Edge-heavy random register values.</summary>
internal static class RandomValues
{
    public static ulong Integer(Random random) => EdgeValues.Integer(random);

    public static ulong FloatRegister(Random random) => random.Next(8) switch
    {
        0 => EdgeValues.DoubleEdges[random.Next(EdgeValues.DoubleEdges.Count)],
        1 => 0xFFFF_FFFF_0000_0000 | EdgeValues.SingleEdges[random.Next(EdgeValues.SingleEdges.Count)],
        2 => 0xFFFF_FFFF_0000_0000 | (uint)random.NextInt64(),
        3 => 0xFFFF_FFFF_0000_0000 | BitConverter.SingleToUInt32Bits((float)(random.NextDouble() * 200 - 100)),
        4 => BitConverter.DoubleToUInt64Bits(random.NextDouble() * 200 - 100),
        5 => BitConverter.DoubleToUInt64Bits(Math.Round(random.NextDouble() * 1e6) / 4),
        6 => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
        _ => 0x0000_0001_0000_0000UL | (uint)random.NextInt64(),  // an improperly NaN-boxed single
    };
}
