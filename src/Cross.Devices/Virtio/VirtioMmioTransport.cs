using Cross.Core.Devices;
using Cross.Core.Memory;
using Cross.Devices.Memory;
using Cross.Devices.Registers;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Virtio;

/// <summary>
/// The virtio-mmio transport, version 2 (virtio 1.2, 4.2.2), putting one <see cref="IVirtioDevice"/>
/// on the bus. With no device it still answers the magic, the version and DeviceID 0, which is
/// how an empty slot of the virt board looks to a driver. Legacy (version 1) is not offered.
/// The transport adds VERSION_1, INDIRECT_DESC and EVENT_IDX to the device's features because
/// <see cref="Virtqueue"/> implements them for every device.
/// </summary>
public sealed partial class VirtioMmioTransport : IMmioDevice, IVirtioQueueHost, IPolledDevice
{
    public const ulong Size = 0x1000;
    public const ulong ConfigOffset = 0x100;

    private readonly IInterruptLine _irq;
    private readonly IVirtioDevice? _device;
    private readonly RegisterBank _registers;
    private readonly QueueSetup[] _queues;
    private uint _deviceFeaturesSel, _driverFeaturesSel, _queueSel, _status, _interruptStatus;
    private ulong _driverFeatures;
    private bool _active;

    private sealed class QueueSetup
    {
        public ushort Num;
        public ulong Descriptors, Driver, Device;
        public Virtqueue? Live;
    }

    public VirtioMmioTransport(PhysicalBus bus, IInterruptLine irq, IVirtioDevice? device)
    {
        Memory = new GuestRam(bus);
        _irq = irq;
        _device = device;
        _queues = new QueueSetup[device?.QueueCount ?? 0];
        for (var i = 0; i < _queues.Length; i++) _queues[i] = new QueueSetup();
        _registers = DeclareRegisters();
    }

    public IVirtioDevice? Device => _device;

    public GuestRam Memory { get; }

    public uint Status => _status;

    public uint InterruptStatus => _interruptStatus;

    /// <summary>Features offered to the driver: the device's plus the ring features this transport implements.</summary>
    public ulong OfferedFeatures => _device is null ? 0 :
        _device.DeviceFeatures | Bit(FeatureVersion1) | Bit(FeatureIndirectDesc) | Bit(FeatureEventIdx);

    public ulong NegotiatedFeatures => _driverFeatures & OfferedFeatures;

    public ulong Read(ulong offset, int size)
    {
        if (offset >= ConfigOffset)
        {
            var configOffset = offset - ConfigOffset;
            return _device is not null && configOffset < (ulong)_device.ConfigSize ? _device.ReadConfig((uint)configOffset, size) : 0;
        }
        // Registers below the config space are 32-bit only (4.2.2.2).
        return size == 4 && (offset & 3) == 0 ? _registers.Read(offset, 4) : 0;
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if (_device is null) return;
        if (offset >= ConfigOffset)
        {
            var configOffset = offset - ConfigOffset;
            if (configOffset < (ulong)_device.ConfigSize) _device.WriteConfig((uint)configOffset, size, value);
            return;
        }
        if (size == 4 && (offset & 3) == 0) _registers.Write(offset, 4, value);
    }

    public Virtqueue? Queue(int index) => index >= 0 && index < _queues.Length ? _queues[index].Live : null;

    public void UsedBuffersAdded(Virtqueue queue)
    {
        if (queue.ShouldInterrupt()) Raise(InterruptUsedBuffer);
        CheckBroken(queue);
    }

    public void Poll()
    {
        if (_active && _device is IPolledDevice polled) polled.Poll();
    }

    private void Notify(uint index)
    {
        if (!_active || index >= _queues.Length || _queues[index].Live is not { } queue) return;
        try
        {
            _device!.QueueNotify((int)index);
        }
        catch (GuestMemoryFaultException)
        {
            // Devices catch faults per request; one that escapes means the ring itself is bad.
            NeedsReset();
        }
        CheckBroken(queue);
    }

    private void CheckBroken(Virtqueue queue)
    {
        if (queue.IsBroken && (_status & StatusNeedsReset) == 0) NeedsReset();
    }

    /// <summary>The device can go on no longer: tell the driver through status and a config interrupt (2.1.2).</summary>
    private void NeedsReset()
    {
        _status |= StatusNeedsReset;
        Raise(InterruptConfigChange);
    }

    private void Raise(uint bits)
    {
        _interruptStatus |= bits;
        _irq.Set(_interruptStatus != 0);
    }

    private void Acknowledge(uint bits)
    {
        _interruptStatus &= ~bits;
        _irq.Set(_interruptStatus != 0);
    }

    private void WriteStatus(uint value)
    {
        if (value == 0)
        {
            Reset();
            return;
        }
        var added = value & ~_status;
        // FEATURES_OK only sticks if the driver accepted VERSION_1 and nothing we did not offer (3.1.1).
        if ((added & StatusFeaturesOk) != 0 && !FeaturesAcceptable()) value &= ~StatusFeaturesOk;
        _status = value | (_status & StatusNeedsReset);
        if ((added & StatusDriverOk) != 0 && (_status & StatusFeaturesOk) != 0 && !_active)
        {
            _active = true;
            _device!.Activate(NegotiatedFeatures, this);
        }
    }

    private bool FeaturesAcceptable() =>
        (_driverFeatures & ~OfferedFeatures) == 0 && (_driverFeatures & Bit(FeatureVersion1)) != 0;

    private void Reset()
    {
        if (_active) _device!.Reset();
        _active = false;
        _status = 0;
        _driverFeatures = 0;
        _deviceFeaturesSel = _driverFeaturesSel = _queueSel = 0;
        foreach (var queue in _queues)
        {
            queue.Num = 0;
            queue.Descriptors = queue.Driver = queue.Device = 0;
            queue.Live = null;
        }
        Acknowledge(uint.MaxValue);
    }

    private QueueSetup? Selected => _queueSel < _queues.Length ? _queues[_queueSel] : null;

    private void WriteQueueReady(uint value)
    {
        if (Selected is not { } queue) return;
        if ((value & 1) == 0)
        {
            queue.Live = null;
            return;
        }
        if (queue.Live is not null || !QueueSetupValid(queue)) return;
        queue.Live = new Virtqueue(Memory, (int)_queueSel, queue.Num, queue.Descriptors, queue.Driver, queue.Device, NegotiatedFeatures);
    }

    /// <summary>A power-of-two size within the maximum, and rings at their required alignments (2.7).</summary>
    private bool QueueSetupValid(QueueSetup queue) =>
        queue.Num != 0 && (queue.Num & (queue.Num - 1)) == 0 && queue.Num <= _device!.MaxQueueSize
        && queue.Descriptors % 16 == 0 && queue.Driver % 2 == 0 && queue.Device % 4 == 0;

    /// <summary>Queue parameters are frozen while the queue is ready, as the driver must not change them then.</summary>
    private void SetQueue(Action<QueueSetup> change)
    {
        if (Selected is { Live: null } queue) change(queue);
    }

    private static ulong Low(ulong field, uint value) => field & 0xFFFF_FFFF_0000_0000UL | value;

    private static ulong High(ulong field, uint value) => field & 0xFFFF_FFFFUL | (ulong)value << 32;
}
