using System.Buffers.Binary;
using Cross.Core.Memory;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Virtio;

/// <summary>
/// virtio-blk (virtio 1.2, 5.2) over an <see cref="IBlockBackend"/>: IN, OUT, FLUSH and GET_ID,
/// one request queue. A request is a 16-byte header in the readable part, data, and a status
/// byte at the very end of the writable part; the device assumes no particular framing across
/// descriptors. A well-formed chain with a bad request (short header, length not a multiple of
/// 512, sectors past the end, a write to a read-only disk, a buffer that vanished from RAM) gets
/// VIRTIO_BLK_S_IOERR; an unknown type gets UNSUPP; a chain with no writable byte has nowhere
/// for a status and goes back with zero length.
/// </summary>
public sealed class VirtioBlock : IVirtioDevice
{
    public const uint TypeIn = 0, TypeOut = 1, TypeFlush = 4, TypeGetId = 8;
    public const byte StatusOk = 0, StatusIoError = 1, StatusUnsupported = 2;
    public const int FeatureSegMax = 2, FeatureReadOnly = 5, FeatureBlockSize = 6, FeatureFlush = 9;
    public const int SectorSize = 512, IdLength = 20, HeaderSize = 16;
    private const int ChunkSize = 64 * 1024;

    private readonly IBlockBackend _backend;
    private readonly byte[] _id;
    private readonly byte[] _config = new byte[0x3C];
    private readonly byte[] _chunk = new byte[ChunkSize];
    private IVirtioQueueHost? _host;
    private bool _writeThrough;

    /// <param name="readOnly">Also read-only when the backend is; writes then fail and VIRTIO_BLK_F_RO is offered.</param>
    /// <param name="serial">What GET_ID returns (up to 20 bytes, as QEMU's serial=).</param>
    public VirtioBlock(IBlockBackend backend, bool readOnly = false, string serial = "", ushort queueSize = 256)
    {
        _backend = backend;
        ReadOnly = readOnly || backend.IsReadOnly;
        MaxQueueSize = queueSize;
        _id = System.Text.Encoding.ASCII.GetBytes(serial.Length > IdLength ? serial[..IdLength] : serial);
        BinaryPrimitives.WriteUInt64LittleEndian(_config.AsSpan(0), CapacitySectors);
        // seg_max: a request fits a ring with room for header and status, as QEMU advertises.
        BinaryPrimitives.WriteUInt32LittleEndian(_config.AsSpan(12), (uint)Math.Max(queueSize - 2, 1));
        BinaryPrimitives.WriteUInt32LittleEndian(_config.AsSpan(20), SectorSize);
    }

    public bool ReadOnly { get; }

    public ulong CapacitySectors => (ulong)_backend.Length / SectorSize;

    public uint DeviceId => DeviceBlock;

    public ulong DeviceFeatures => Bit(FeatureSegMax) | Bit(FeatureBlockSize) | Bit(FeatureFlush) | (ReadOnly ? Bit(FeatureReadOnly) : 0);

    public int QueueCount => 1;

    public ushort MaxQueueSize { get; }

    public int ConfigSize => _config.Length;

    public ulong ReadConfig(uint offset, int size) => ConfigSpace.Read(_config, offset, size);

    public void WriteConfig(uint offset, int size, ulong value)
    {
        // Only the writeback field (with VIRTIO_BLK_F_CONFIG_WCE) is writable, and it is not offered.
    }

    public void Activate(ulong negotiatedFeatures, IVirtioQueueHost host)
    {
        _host = host;
        // A driver that does not know FLUSH expects every write to be durable when it completes (5.2.6.2).
        _writeThrough = (negotiatedFeatures & Bit(FeatureFlush)) == 0;
    }

    public void Reset() => _host = null;

    public void QueueNotify(int queueIndex)
    {
        if (_host?.Queue(queueIndex) is not { } queue) return;
        while (queue.TryPop(out var chain)) queue.Push(chain, chain.IsValid ? Handle(chain) : 0);
        _host.UsedBuffersAdded(queue);
    }

    /// <summary>Runs one request; returns the bytes written into the chain (data plus status).</summary>
    private uint Handle(DescriptorChain chain)
    {
        if (chain.WritableLength == 0) return 0;
        var memory = _host!.Memory;
        var dataLength = chain.WritableLength - 1;
        var data = new ChainWriter(memory, chain.Writable, dataLength);
        byte status;
        try
        {
            status = Execute(new ChainReader(memory, chain.Readable), chain, data);
        }
        catch (Exception error) when (error is GuestMemoryFaultException or IOException)
        {
            status = StatusIoError;
        }
        try
        {
            WriteStatus(memory, chain, status);
        }
        catch (GuestMemoryFaultException)
        {
            return 0;
        }
        return (uint)Math.Min(data.Written + 1, uint.MaxValue);
    }

    private byte Execute(ChainReader request, DescriptorChain chain, ChainWriter data)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        if (request.Read(header) != HeaderSize) return StatusIoError;
        var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var sector = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        switch (type)
        {
            case TypeIn:
                return Transfer(sector, chain.WritableLength - 1, (offset, count) =>
                {
                    _backend.Read(offset, _chunk.AsSpan(0, count));
                    data.Write(_chunk.AsSpan(0, count));
                });
            case TypeOut:
                if (ReadOnly) return StatusIoError;
                var status = Transfer(sector, chain.ReadableLength - HeaderSize, (offset, count) =>
                {
                    request.Read(_chunk.AsSpan(0, count));
                    _backend.Write(offset, _chunk.AsSpan(0, count));
                });
                if (status == StatusOk && _writeThrough) _backend.Flush();
                return status;
            case TypeFlush:
                if (!ReadOnly) _backend.Flush();
                return StatusOk;
            case TypeGetId:
                var id = new byte[IdLength]; // NUL-padded; no terminator when the ID fills all 20 bytes
                _id.CopyTo(id, 0);
                data.Write(id);
                return StatusOk;
            default:
                return StatusUnsupported;
        }
    }

    /// <summary>Moves <paramref name="length"/> bytes at <paramref name="sector"/> in chunks, after checking the range.</summary>
    private byte Transfer(ulong sector, ulong length, Action<long, int> move)
    {
        if (length % SectorSize != 0) return StatusIoError;
        var sectors = length / SectorSize;
        if (sector > CapacitySectors || sectors > CapacitySectors - sector) return StatusIoError;
        var offset = (long)(sector * SectorSize);
        for (ulong done = 0; done < length;)
        {
            var count = (int)Math.Min(ChunkSize, length - done);
            move(offset + (long)done, count);
            done += (ulong)count;
        }
        return StatusOk;
    }

    /// <summary>The status is the last writable byte, wherever the driver's descriptors put it.</summary>
    private static void WriteStatus(Cross.Devices.Memory.GuestRam memory, DescriptorChain chain, byte status)
    {
        for (var i = chain.Writable.Count - 1; i >= 0; i--)
        {
            var buffer = chain.Writable[i];
            if (buffer.Length == 0) continue;
            memory.Write(buffer.Address + buffer.Length - 1, [status]);
            return;
        }
    }
}
