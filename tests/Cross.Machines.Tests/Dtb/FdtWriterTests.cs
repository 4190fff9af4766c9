using System.Buffers.Binary;
using Cross.Machines.Dtb;

namespace Cross.Machines.Tests.Dtb;

public class FdtWriterTests
{
    private static FdtNode Sample()
    {
        var root = new FdtNode("/");
        root.SetCells("#address-cells", 2).SetCells("#size-cells", 2).SetStrings("compatible", "a,b", "c");
        var child = root.AddNode("dev@1000");
        child.SetReg(2, 2, (0x1000, 0x100)).SetEmpty("flag").SetString("status", "okay");
        child.AddNode("sub").SetU64("big", 0x1_2345_6789);
        root.AddNode("other").SetString("status", "okay");
        return root;
    }

    [Fact]
    public void HeaderFollowsTheSpecification()
    {
        var blob = FdtWriter.Write(Sample(), [(0x8000_0000, 0x1000)], bootCpuId: 3);
        uint H(int i) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(4 * i));
        Assert.Equal(0xD00DFEEDu, H(0));
        Assert.Equal((uint)blob.Length, H(1));
        Assert.Equal(17u, H(5));
        Assert.Equal(16u, H(6));
        Assert.Equal(3u, H(7));
        Assert.Equal(0u, H(4) % 8);          // reservation block 8-aligned
        Assert.Equal(0u, H(2) % 4);          // structure block 4-aligned
        Assert.Equal(H(3), H(2) + H(9));     // strings follow the structure
        Assert.Equal(H(1), H(3) + H(8));
        Assert.Equal(0x8000_0000ul, BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan((int)H(4))));
        // "status" appears twice in the tree but once in the strings block.
        var strings = System.Text.Encoding.ASCII.GetString(blob, (int)H(3), (int)H(8));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(strings, "status"));
    }

    [Fact]
    public void ReaderReturnsWhatTheWriterWrote()
    {
        var blob = FdtReader.Read(FdtWriter.Write(Sample(), [(0x8000_0000, 0x1000)], 1));
        Assert.Equal([(0x8000_0000ul, 0x1000ul)], blob.Reservations);
        Assert.Equal(1u, blob.BootCpuId);
        var root = blob.Root;
        Assert.Equal(["a,b", "c"], root.Property("compatible")!.AsStrings());
        var device = root.Find("/dev@1000")!;
        Assert.Equal([0u, 0x1000u, 0u, 0x100u], device.Property("reg")!.AsCells());
        Assert.Empty(device.Property("flag")!.Value);
        Assert.Equal(0x1_2345_6789ul, root.Find("/dev@1000/sub")!.Property("big")!.AsNumber());
        Assert.Equal(["dev@1000", "other"], root.Children.Select(c => c.Name));
        Assert.Equal(FdtWriter.Write(Sample()), FdtWriter.Write(FdtReader.Read(FdtWriter.Write(Sample())).Root));
    }

    [Fact]
    public void DtcAcceptsTheBlob()
    {
        var (source, warnings) = Support.HostTool.Decompile(FdtWriter.Write(Sample()));
        Assert.Contains("dev@1000 {", source);
        Assert.Contains("big = <0x01 0x23456789>;", source);
        Assert.DoesNotContain("ERROR", warnings);
    }

    [Theory]
    [InlineData(0, "shorter than the 40-byte header")]
    [InlineData(1, "bad magic")]
    [InlineData(2, "version")]
    [InlineData(3, "does not fit")]
    [InlineData(4, "unknown token")]
    [InlineData(5, "outside the strings block")]
    public void MalformedBlobsAreRejectedWithAClearMessage(int damage, string message)
    {
        var blob = FdtWriter.Write(Sample());
        uint H(int i) => BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(4 * i));
        switch (damage)
        {
            case 0: blob = blob[..20]; break;
            case 1: blob[0] = 0; break;
            case 2: BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(20), 2); break;
            case 3: BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(36), 0x10000); break;
            case 4: BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan((int)H(2)), 7); break;
            case 5: BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan((int)H(2) + 8 + 8), 0xFFFF); break; // first PROP's name offset
        }
        var error = Assert.Throws<FdtFormatException>(() => FdtReader.Read(blob));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RandomCorruptionOnlyEverRaisesFdtFormatException()
    {
        var original = FdtWriter.Write(Sample());
        var random = new Random(4242);
        for (var i = 0; i < 20_000; i++)
        {
            var blob = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) blob[random.Next(blob.Length)] ^= (byte)(1 << random.Next(8));
            if (random.Next(4) == 0) blob = blob[..random.Next(blob.Length)];
            try
            {
                FdtReader.Read(blob);
            }
            catch (FdtFormatException)
            {
            }
        }
    }

    [Fact]
    public void DeepNestingIsRefusedRatherThanRecursedInto()
    {
        var root = new FdtNode("/");
        var node = root;
        for (var i = 0; i < FdtReader.MaxDepth + 5; i++) node = node.AddNode($"n{i}");
        Assert.Throws<FdtFormatException>(() => FdtReader.Read(FdtWriter.Write(root)));
    }
}
