using System.Buffers.Binary;
using Cross.Devices.Virtio;
using static Cross.Devices.Virtio.VirtioBlock;

namespace Cross.Devices.Tests.Virtio;

public class VirtioBlockTests
{
    private const ulong Header = 0x8001_0000, Data = 0x8002_0000, Status = 0x8003_0000;

    private static void WriteHeader(VirtioBench bench, uint type, ulong sector)
    {
        var header = bench.RamSpan(Header, HeaderSize);
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, type);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], sector);
    }

    private static byte StatusByte(VirtioBench bench) => bench.RamSpan(Status, 1)[0];

    [Fact]
    public void WriteThenReadRoundTripsThroughTheQueueAndFlushReachesTheBackend()
    {
        var disk = new MemoryBlockBackend(new byte[64 * 1024]);
        var bench = new VirtioBench(new VirtioBlock(disk));
        var queue = bench.Start()[0];

        var payload = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7)).ToArray();
        payload.CopyTo(bench.RamSpan(Data, 1024));
        WriteHeader(bench, TypeOut, 3);
        queue.Submit(0, (Header, 16, false), (Data, 1024, false), (Status, 1, true));
        Assert.Equal([(0u, 1u)], queue.TakeUsed());
        Assert.Equal(StatusOk, StatusByte(bench));
        Assert.Equal(payload, disk.Bytes.AsSpan(3 * 512, 1024).ToArray());

        bench.RamSpan(Data, 1024).Clear();
        WriteHeader(bench, TypeIn, 3);
        // Split data across two descriptors, and the status in the same descriptor as the data tail.
        queue.Submit(4, (Header, 16, false), (Data, 600, true), (Data + 600, 425, true));
        Assert.Equal([(4u, 1025u)], queue.TakeUsed());
        Assert.Equal(payload, bench.RamSpan(Data, 1024).ToArray());
        Assert.Equal(StatusOk, bench.RamSpan(Data + 1024, 1)[0]);

        WriteHeader(bench, TypeFlush, 0);
        queue.Submit(8, (Header, 16, false), (Status, 1, true));
        Assert.Equal(StatusOk, StatusByte(bench));
        Assert.Equal(1, disk.FlushCount);
    }

    [Fact]
    public void RawImageFileBackendPersistsWrites()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[4096]);
            using (var image = new RawImageFile(path))
            {
                var bench = new VirtioBench(new VirtioBlock(image));
                var queue = bench.Start()[0];
                "disk!"u8.CopyTo(bench.RamSpan(Data, 512));
                WriteHeader(bench, TypeOut, 7);
                queue.Submit(0, (Header, 16, false), (Data, 512, false), (Status, 1, true));
                Assert.Equal(StatusOk, StatusByte(bench));
                Assert.Equal(8ul, bench.Transport.Read(VirtioMmioTransport.ConfigOffset, 8));
            }
            Assert.Equal("disk!"u8.ToArray(), File.ReadAllBytes(path).AsSpan(7 * 512, 5).ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadOnlyDiskFailsWritesWithIoErrorAndOffersRo()
    {
        var disk = new MemoryBlockBackend(new byte[4096]);
        var device = new VirtioBlock(disk, readOnly: true);
        Assert.NotEqual(0ul, device.DeviceFeatures & (1UL << FeatureReadOnly));
        var bench = new VirtioBench(device);
        var queue = bench.Start()[0];
        bench.RamSpan(Data, 512).Fill(0xAA);
        WriteHeader(bench, TypeOut, 0);
        queue.Submit(0, (Header, 16, false), (Data, 512, false), (Status, 1, true));
        Assert.Equal([(0u, 1u)], queue.TakeUsed());
        Assert.Equal(StatusIoError, StatusByte(bench));
        Assert.All(disk.Bytes, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(TypeIn, 8ul, 512u)]      // one sector past the end of an 8-sector disk
    [InlineData(TypeIn, 7ul, 1024u)]     // straddles the end
    [InlineData(TypeIn, 0ul, 100u)]      // not a whole sector
    [InlineData(TypeIn, ulong.MaxValue, 512u)] // sector arithmetic must not wrap
    [InlineData(TypeOut, 8ul, 512u)]
    public void OutOfRangeOrPartialSectorRequestsFailWithIoError(uint type, ulong sector, uint length)
    {
        var bench = new VirtioBench(new VirtioBlock(new MemoryBlockBackend(new byte[4096])));
        var queue = bench.Start()[0];
        WriteHeader(bench, type, sector);
        queue.Submit(0, (Header, 16, false), (Data, length, type == TypeIn), (Status, 1, true));
        Assert.Equal(StatusIoError, StatusByte(bench));
        Assert.Single(queue.TakeUsed());
    }

    [Fact]
    public void GetIdReturnsTheSerialAndUnknownTypesAreUnsupported()
    {
        var bench = new VirtioBench(new VirtioBlock(new MemoryBlockBackend(new byte[4096]), serial: "cross-disk-0"));
        var queue = bench.Start()[0];
        WriteHeader(bench, TypeGetId, 0);
        queue.Submit(0, (Header, 16, false), (Data, 20, true), (Status, 1, true));
        Assert.Equal([(0u, 21u)], queue.TakeUsed());
        Assert.Equal("cross-disk-0\0\0\0\0\0\0\0\0"u8.ToArray(), bench.RamSpan(Data, 20).ToArray());

        WriteHeader(bench, 99, 0);
        queue.Submit(4, (Header, 16, false), (Status, 1, true));
        Assert.Equal(StatusUnsupported, StatusByte(bench));
    }

    [Fact]
    public void ShortHeaderFailsAndAChainWithoutStatusRoomReturnsZeroLength()
    {
        var bench = new VirtioBench(new VirtioBlock(new MemoryBlockBackend(new byte[4096])));
        var queue = bench.Start()[0];
        queue.Submit(0, (Header, 8, false), (Status, 1, true));
        Assert.Equal(StatusIoError, StatusByte(bench));
        queue.Submit(4, (Header, 16, false), (Data, 512, false));
        Assert.Equal([(0u, 1u), (4u, 0u)], queue.TakeUsed());
    }

    [Fact]
    public void IndirectDescriptorsCarryARequest()
    {
        var disk = new MemoryBlockBackend(new byte[4096]);
        disk.Bytes[512] = 0x42;
        var bench = new VirtioBench(new VirtioBlock(disk));
        var queue = bench.Start()[0];
        const ulong table = 0x8004_0000;
        WriteHeader(bench, TypeIn, 1);
        queue.SetDescriptor(table, 0, Header, 16, VirtioConstants.DescNext, 1);
        queue.SetDescriptor(table, 1, Data, 512, VirtioConstants.DescNext | VirtioConstants.DescWrite, 2);
        queue.SetDescriptor(table, 2, Status, 1, VirtioConstants.DescWrite, 0);
        queue.SetDescriptor(0, table, 48, VirtioConstants.DescIndirect);
        queue.Publish(0);
        queue.Kick();
        Assert.Equal([(0u, 513u)], queue.TakeUsed());
        Assert.Equal(0x42, bench.RamSpan(Data, 1)[0]);
        Assert.Equal(StatusOk, StatusByte(bench));
    }
}
