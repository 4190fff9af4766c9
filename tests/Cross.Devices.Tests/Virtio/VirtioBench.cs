using Cross.Core.Devices;
using Cross.Core.Memory;
using Cross.Devices.Tests.Support;
using Cross.Devices.Virtio;
using static Cross.Devices.Virtio.VirtioConstants;
using static Cross.Devices.Virtio.VirtioMmioTransport;

namespace Cross.Devices.Tests.Virtio;

/// <summary>
/// A guest-side virtio driver for tests: a bus with 1 MiB of RAM fenced by recording MMIO windows
/// on both sides, a virtio-mmio transport, and helpers that set up queues and post requests the
/// way a driver does, by writing registers and RAM.
/// </summary>
public sealed class VirtioBench
{
    public const ulong RamBase = 0x8000_0000, RamSize = 0x10_0000, RamEnd = RamBase + RamSize;
    public const ulong TransportBase = 0x1000_1000;

    public VirtioBench(IVirtioDevice device)
    {
        Bus = new PhysicalBus();
        Ram = Bus.AddRam("ram", RamBase, RamSize);
        Bus.AddMmio("below", RamBase - 0x1000, 0x1000, Below);
        Bus.AddMmio("above", RamEnd, 0x1000, Above);
        Transport = new VirtioMmioTransport(Bus, Irq, device);
        Bus.AddMmio("virtio", TransportBase, VirtioMmioTransport.Size, Transport);
        Device = device;
    }

    public PhysicalBus Bus { get; }

    public PhysicalBus.RamRegion Ram { get; }

    public RecordingDevice Below { get; } = new();

    public RecordingDevice Above { get; } = new();

    public InterruptLine Irq { get; } = new();

    public VirtioMmioTransport Transport { get; }

    public IVirtioDevice Device { get; }

    public uint Reg(ulong offset) => Transport.R32(offset);

    public void SetReg(ulong offset, uint value) => Transport.W32(offset, value);

    public Span<byte> RamSpan(ulong address, int length) => Ram.Bytes.AsSpan((int)(address - RamBase), length);

    /// <summary>Reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK; returns whether FEATURES_OK stuck.</summary>
    public bool Negotiate(ulong? features = null)
    {
        SetReg(StatusRegister, 0);
        SetReg(StatusRegister, StatusAcknowledge);
        SetReg(StatusRegister, StatusAcknowledge | StatusDriver);
        var accepted = features ?? Transport.OfferedFeatures;
        SetReg(DriverFeaturesSelRegister, 0);
        SetReg(DriverFeaturesRegister, (uint)accepted);
        SetReg(DriverFeaturesSelRegister, 1);
        SetReg(DriverFeaturesRegister, (uint)(accepted >> 32));
        SetReg(StatusRegister, StatusAcknowledge | StatusDriver | StatusFeaturesOk);
        return (Reg(StatusRegister) & StatusFeaturesOk) != 0;
    }

    public DriverQueue SetupQueue(int index, ushort size, ulong descriptors, ulong avail, ulong used)
    {
        SetReg(QueueSelRegister, (uint)index);
        SetReg(QueueNumRegister, size);
        SetReg(QueueDescLowRegister, (uint)descriptors);
        SetReg(QueueDescHighRegister, (uint)(descriptors >> 32));
        SetReg(QueueDriverLowRegister, (uint)avail);
        SetReg(QueueDriverHighRegister, (uint)(avail >> 32));
        SetReg(QueueDeviceLowRegister, (uint)used);
        SetReg(QueueDeviceHighRegister, (uint)(used >> 32));
        SetReg(QueueReadyRegister, 1);
        return new DriverQueue(this, index, size, descriptors, avail, used);
    }

    public void DriverOk() =>
        SetReg(StatusRegister, StatusAcknowledge | StatusDriver | StatusFeaturesOk | StatusDriverOk);

    /// <summary>The usual bring-up: all features, queue i at 0x8000_0000 + 0x4000*i, DRIVER_OK.</summary>
    public DriverQueue[] Start(ushort size = 16, ulong? features = null)
    {
        Assert.True(Negotiate(features));
        var queues = new DriverQueue[Device.QueueCount];
        for (var i = 0; i < queues.Length; i++)
        {
            var ringBase = RamBase + 0x4000 * (ulong)i;
            queues[i] = SetupQueue(i, size, ringBase, ringBase + 0x1000, ringBase + 0x2000);
        }
        DriverOk();
        return queues;
    }
}

/// <summary>The driver's side of one split virtqueue.</summary>
public sealed class DriverQueue(VirtioBench bench, int index, ushort size, ulong descriptors, ulong avail, ulong used)
{
    private ushort _availIdx, _lastUsed;

    public ushort Size => size;

    public ulong Descriptors => descriptors;

    public ulong Avail => avail;

    public ulong Used => used;

    public void SetDescriptor(ulong table, int slot, ulong address, uint length, ushort flags, ushort next)
    {
        var entry = table + 16 * (ulong)slot;
        bench.Bus.Write(entry, 8, address);
        bench.Bus.Write(entry + 8, 4, length);
        bench.Bus.Write(entry + 12, 2, flags);
        bench.Bus.Write(entry + 14, 2, next);
    }

    public void SetDescriptor(int slot, ulong address, uint length, ushort flags = 0, ushort next = 0) =>
        SetDescriptor(descriptors, slot, address, length, flags, next);

    /// <summary>Puts <paramref name="head"/> in the available ring without publishing the new index.</summary>
    public void Stage(ushort head, int position) => bench.Bus.Write(avail + 4 + 2 * (ulong)(position % size), 2, head);

    public void SetAvailIndex(ushort value)
    {
        _availIdx = value;
        bench.Bus.Write(avail + 2, 2, value);
    }

    public ushort AvailIndex => _availIdx;

    public void Publish(ushort head)
    {
        Stage(head, _availIdx);
        SetAvailIndex((ushort)(_availIdx + 1));
    }

    public void Kick() => bench.SetReg(QueueNotifyRegister, (uint)index);

    public ushort UsedIndex => (ushort)bench.Bus.Read(used + 2, 2);

    /// <summary>Used elements added since the last call.</summary>
    public List<(uint Id, uint Length)> TakeUsed()
    {
        var result = new List<(uint, uint)>();
        var current = UsedIndex;
        for (; _lastUsed != current; _lastUsed++)
        {
            var element = used + 4 + 8 * (ulong)(_lastUsed % size);
            result.Add(((uint)bench.Bus.Read(element, 4), (uint)bench.Bus.Read(element + 4, 4)));
        }
        return result;
    }

    /// <summary>Posts a chain of (address, length, writable) buffers in slots start.. and kicks.</summary>
    public void Submit(int start, params (ulong Address, uint Length, bool Writable)[] buffers)
    {
        for (var i = 0; i < buffers.Length; i++)
        {
            var last = i == buffers.Length - 1;
            var flags = (ushort)((buffers[i].Writable ? DescWrite : 0) | (last ? 0 : DescNext));
            SetDescriptor(start + i, buffers[i].Address, buffers[i].Length, flags, (ushort)((start + i + 1) % size));
        }
        Publish((ushort)start);
        Kick();
    }
}
