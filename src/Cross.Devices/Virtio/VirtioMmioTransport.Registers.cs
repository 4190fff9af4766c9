using Cross.Devices.Registers;
using static Cross.Devices.Virtio.VirtioConstants;

namespace Cross.Devices.Virtio;

public sealed partial class VirtioMmioTransport
{
    public const ulong MagicValueRegister = 0x000, VersionRegister = 0x004, DeviceIdRegister = 0x008, VendorIdRegister = 0x00C,
        DeviceFeaturesRegister = 0x010, DeviceFeaturesSelRegister = 0x014, DriverFeaturesRegister = 0x020, DriverFeaturesSelRegister = 0x024,
        QueueSelRegister = 0x030, QueueNumMaxRegister = 0x034, QueueNumRegister = 0x038, QueueReadyRegister = 0x044,
        QueueNotifyRegister = 0x050, InterruptStatusRegister = 0x060, InterruptAckRegister = 0x064, StatusRegister = 0x070,
        QueueDescLowRegister = 0x080, QueueDescHighRegister = 0x084, QueueDriverLowRegister = 0x090, QueueDriverHighRegister = 0x094,
        QueueDeviceLowRegister = 0x0A0, QueueDeviceHighRegister = 0x0A4, ShmSelRegister = 0x0AC, ShmLenLowRegister = 0x0B0,
        ShmLenHighRegister = 0x0B4, ShmBaseLowRegister = 0x0B8, ShmBaseHighRegister = 0x0BC, ConfigGenerationRegister = 0x0FC;

    private RegisterBank DeclareRegisters()
    {
        var bank = new RegisterBank()
            .Constant(MagicValueRegister, "MagicValue", MagicValue)
            .Constant(VersionRegister, "Version", 2)
            .Constant(DeviceIdRegister, "DeviceID", _device?.DeviceId ?? 0)
            .Constant(VendorIdRegister, "VendorID", VendorId);
        if (_device is null) return bank;
        return bank
            .Define(DeviceFeaturesRegister, "DeviceFeatures", () => _deviceFeaturesSel < 2 ? (uint)(OfferedFeatures >> (int)(32 * _deviceFeaturesSel)) : 0)
            .Define(DeviceFeaturesSelRegister, "DeviceFeaturesSel", null, value => _deviceFeaturesSel = value)
            .Define(DriverFeaturesRegister, "DriverFeatures", null, WriteDriverFeatures)
            .Define(DriverFeaturesSelRegister, "DriverFeaturesSel", null, value => _driverFeaturesSel = value)
            .Define(QueueSelRegister, "QueueSel", null, value => _queueSel = value)
            .Define(QueueNumMaxRegister, "QueueNumMax", () => Selected is null ? 0u : _device.MaxQueueSize)
            .Define(QueueNumRegister, "QueueNum", null, value => SetQueue(q => q.Num = (ushort)Math.Min(value, ushort.MaxValue)))
            .Define(QueueReadyRegister, "QueueReady", () => Selected?.Live is null ? 0u : 1u, WriteQueueReady)
            .Define(QueueNotifyRegister, "QueueNotify", null, Notify)
            .Define(InterruptStatusRegister, "InterruptStatus", () => _interruptStatus)
            .Define(InterruptAckRegister, "InterruptACK", null, Acknowledge)
            .Define(StatusRegister, "Status", () => _status, WriteStatus)
            .Define(QueueDescLowRegister, "QueueDescLow", null, value => SetQueue(q => q.Descriptors = Low(q.Descriptors, value)))
            .Define(QueueDescHighRegister, "QueueDescHigh", null, value => SetQueue(q => q.Descriptors = High(q.Descriptors, value)))
            .Define(QueueDriverLowRegister, "QueueDriverLow", null, value => SetQueue(q => q.Driver = Low(q.Driver, value)))
            .Define(QueueDriverHighRegister, "QueueDriverHigh", null, value => SetQueue(q => q.Driver = High(q.Driver, value)))
            .Define(QueueDeviceLowRegister, "QueueDeviceLow", null, value => SetQueue(q => q.Device = Low(q.Device, value)))
            .Define(QueueDeviceHighRegister, "QueueDeviceHigh", null, value => SetQueue(q => q.Device = High(q.Device, value)))
            // No shared memory regions: a length of all ones says "none" (4.2.2).
            .Define(ShmSelRegister, "SHMSel", null, _ => { })
            .Constant(ShmLenLowRegister, "SHMLenLow", uint.MaxValue)
            .Constant(ShmLenHighRegister, "SHMLenHigh", uint.MaxValue)
            .Constant(ShmBaseLowRegister, "SHMBaseLow", uint.MaxValue)
            .Constant(ShmBaseHighRegister, "SHMBaseHigh", uint.MaxValue)
            .Define(ConfigGenerationRegister, "ConfigGeneration", () => _device.ConfigGeneration);
    }

    private void WriteDriverFeatures(uint value)
    {
        // Features are fixed once FEATURES_OK is set (3.1.1).
        if ((_status & StatusFeaturesOk) != 0 || _driverFeaturesSel >= 2) return;
        var shift = (int)(32 * _driverFeaturesSel);
        _driverFeatures = _driverFeatures & ~(0xFFFF_FFFFUL << shift) | (ulong)value << shift;
    }
}
