using Cross.Core.Memory;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Virtio;

/// <summary>
/// virtio-rng (virtio 1.2, 5.4): fills each device-writable request with entropy. The source is
/// a seeded generator so a deterministic run stays deterministic; it is not cryptographic, which
/// is fine for an emulated guest and must not be relied on beyond that. A request with
/// device-readable buffers is malformed (the spec's requests are write-only) and fails.
/// </summary>
public sealed class VirtioRng(Random source, ushort queueSize = 256) : IVirtioDevice
{
    /// <summary>Bytes given per request at most; the spec lets the device return fewer than asked.</summary>
    public const int MaxBytesPerRequest = 64 * 1024;

    private IVirtioQueueHost? _host;

    public VirtioRng(int seed) : this(new Random(seed))
    {
    }

    public uint DeviceId => DeviceEntropy;

    public ulong DeviceFeatures => 0;

    public int QueueCount => 1;

    public ushort MaxQueueSize => queueSize;

    public int ConfigSize => 0;

    public ulong ReadConfig(uint offset, int size) => 0;

    public void WriteConfig(uint offset, int size, ulong value)
    {
    }

    public void Activate(ulong negotiatedFeatures, IVirtioQueueHost host) => _host = host;

    public void Reset() => _host = null;

    public void QueueNotify(int queueIndex)
    {
        if (_host?.Queue(queueIndex) is not { } queue) return;
        while (queue.TryPop(out var chain)) queue.Push(chain, Fill(chain));
        _host.UsedBuffersAdded(queue);
    }

    private uint Fill(DescriptorChain chain)
    {
        if (!chain.IsValid || chain.Readable.Count > 0) return 0;
        var bytes = new byte[(int)Math.Min(chain.WritableLength, MaxBytesPerRequest)];
        source.NextBytes(bytes);
        var writer = new ChainWriter(_host!.Memory, chain.Writable);
        try
        {
            writer.Write(bytes);
        }
        catch (GuestMemoryFaultException)
        {
            return 0;
        }
        return (uint)writer.Written;
    }
}
