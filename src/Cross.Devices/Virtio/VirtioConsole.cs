using Cross.Core.Memory;
using Cross.Devices.Serial;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Virtio;

/// <summary>
/// virtio-console (virtio 1.2, 5.3) with a single port and no MULTIPORT: queue 0 receives
/// (host to guest), queue 1 transmits. Linux names it hvc0. Host input waits in
/// <see cref="Input"/> until the driver posts receive buffers, so none is lost. Transmit
/// requests must be device-readable only and receive requests device-writable only; a request
/// of the wrong shape is returned with zero length and moves no bytes.
/// </summary>
public sealed class VirtioConsole(ushort queueSize = 64) : IVirtioDevice, ISerialPort, IPolledDevice
{
    public const int ReceiveQueue = 0, TransmitQueue = 1;
    private const int ChunkSize = 4096;

    private readonly byte[] _config = new byte[12]; // cols, rows, max_nr_ports, emerg_wr: unused without features
    private IVirtioQueueHost? _host;

    public event Action<byte>? Transmitted;

    public SerialInput Input { get; } = new();

    public uint DeviceId => DeviceConsole;

    public ulong DeviceFeatures => 0;

    public int QueueCount => 2;

    public ushort MaxQueueSize => queueSize;

    public int ConfigSize => _config.Length;

    public ulong ReadConfig(uint offset, int size) => ConfigSpace.Read(_config, offset, size);

    public void WriteConfig(uint offset, int size, ulong value)
    {
    }

    public void Activate(ulong negotiatedFeatures, IVirtioQueueHost host)
    {
        _host = host;
        Receive();
    }

    public void Reset() => _host = null;

    public void QueueNotify(int queueIndex)
    {
        if (queueIndex == TransmitQueue) Transmit();
        else if (queueIndex == ReceiveQueue) Receive();
    }

    public void Poll() => Receive();

    private void Transmit()
    {
        if (_host?.Queue(TransmitQueue) is not { } queue) return;
        var chunk = new byte[ChunkSize];
        while (queue.TryPop(out var chain))
        {
            if (chain.IsValid && chain.Writable.Count == 0)
            {
                try
                {
                    var reader = new ChainReader(_host.Memory, chain.Readable);
                    for (int count; (count = reader.Read(chunk)) > 0;)
                        foreach (var value in chunk.AsSpan(0, count)) Transmitted?.Invoke(value);
                }
                catch (GuestMemoryFaultException)
                {
                    // The buffer left RAM under us; what was read has been sent, the rest is lost.
                }
            }
            queue.Push(chain, 0);
        }
        _host.UsedBuffersAdded(queue);
    }

    private void Receive()
    {
        if (Input.IsEmpty || _host?.Queue(ReceiveQueue) is not { } queue) return;
        var pushed = false;
        while (!Input.IsEmpty && queue.TryPop(out var chain))
        {
            pushed = true;
            if (!chain.IsValid || chain.Readable.Count > 0)
            {
                queue.Push(chain, 0);
                continue;
            }
            var bytes = new List<byte>();
            while ((ulong)bytes.Count < Math.Min(chain.WritableLength, ChunkSize) && Input.TryTake(out var value)) bytes.Add(value);
            uint written = 0;
            try
            {
                var writer = new ChainWriter(_host.Memory, chain.Writable);
                writer.Write(bytes.ToArray());
                written = (uint)writer.Written;
            }
            catch (GuestMemoryFaultException)
            {
                written = 0;
            }
            queue.Push(chain, written);
        }
        if (pushed) _host.UsedBuffersAdded(queue);
    }
}
