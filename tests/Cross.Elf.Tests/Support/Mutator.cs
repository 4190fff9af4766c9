namespace Cross.Elf.Tests.Support;

/// <summary>Seeded byte corruption for fuzz tests; every change is recorded so a failure can be replayed.</summary>
public sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>
    /// Copies <paramref name="original"/> and changes 1-4 bytes inside the given regions
    /// (start, length), returning the copy and a description like "0x3a=ff 0x40=00".
    /// </summary>
    public (byte[] Bytes, string Changes) Mutate(byte[] original, IReadOnlyList<(int Start, int Length)> regions)
    {
        var bytes = (byte[])original.Clone();
        var changes = new List<string>();
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var (start, length) = regions[_random.Next(regions.Count)];
            var offset = start + _random.Next(Math.Max(1, length));
            if (offset >= bytes.Length)
            {
                continue;
            }

            // Mix boundary values, which hit limit checks, with random bit flips and bytes.
            bytes[offset] = _random.Next(4) switch
            {
                0 => 0x00,
                1 => 0xff,
                2 => (byte)(bytes[offset] ^ (1 << _random.Next(8))),
                _ => (byte)_random.Next(256),
            };
            changes.Add($"0x{offset:x}={bytes[offset]:x2}");
        }

        return (bytes, string.Join(' ', changes));
    }
}
