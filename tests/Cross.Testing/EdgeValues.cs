namespace Cross.Testing;

/// <summary>
/// Edge-heavy values for random differential tests, shared by every guest architecture: integer
/// boundaries and the special doubles and singles (zeros, infinities, NaNs, denormals, limits).
/// Each architecture's generator shapes them into its own registers.
/// </summary>
public static class EdgeValues
{
    public static IReadOnlyList<ulong> IntegerEdges { get; } =
    [
        0, 1, 2, ulong.MaxValue, ulong.MaxValue - 1, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFF_8000_0000, 0x1_0000_0000, 0xFF, 0x80, 0xFFFF, 0x8000,
    ];

    public static IReadOnlyList<ulong> DoubleEdges { get; } =
    [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x7FF0_0000_0000_0000,
        0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0x7FF4_0000_0000_0000, 0x0000_0000_0000_0001,
        0x000F_FFFF_FFFF_FFFF, 0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0x4340_0000_0000_0000,
        0x43E0_0000_0000_0000, 0xC3E0_0000_0000_0000, 0x41E0_0000_0000_0000, 0x3FE0_0000_0000_0000,
    ];

    public static IReadOnlyList<uint> SingleEdges { get; } =
    [
        0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7FA0_0000,
        0x0000_0001, 0x007F_FFFF, 0x0080_0000, 0x7F7F_FFFF, 0x4B00_0000, 0x4F00_0000, 0xCF00_0000, 0x3F00_0000,
    ];

    public static ulong Integer(Random random) => random.Next(4) switch
    {
        0 => IntegerEdges[random.Next(IntegerEdges.Count)],
        1 => (ulong)random.Next(-64, 64),
        2 => (ulong)(long)(int)(uint)random.NextInt64(),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };

}
