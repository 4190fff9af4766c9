namespace Cross.Devices.Virtio;

/// <summary>Numbers from the virtio 1.2 specification that the transport and devices share.</summary>
public static class VirtioConstants
{
    public const uint MagicValue = 0x74726976; // "virt"
    public const uint VendorId = 0x554D4551;   // "QEMU", which drivers print but never check

    // Device status bits (2.1).
    public const uint StatusAcknowledge = 1, StatusDriver = 2, StatusDriverOk = 4, StatusFeaturesOk = 8,
        StatusNeedsReset = 0x40, StatusFailed = 0x80;

    // Reserved feature bits (6) that belong to the ring and transport, not the device.
    public const int FeatureIndirectDesc = 28, FeatureEventIdx = 29, FeatureVersion1 = 32;

    // Split-ring descriptor flags (2.7.5).
    public const ushort DescNext = 1, DescWrite = 2, DescIndirect = 4;

    // Ring flags: avail.flags NO_INTERRUPT, used.flags NO_NOTIFY.
    public const ushort AvailNoInterrupt = 1;

    // Interrupt status bits (4.2.2).
    public const uint InterruptUsedBuffer = 1, InterruptConfigChange = 2;

    // Device IDs (5).
    public const uint DeviceNet = 1, DeviceBlock = 2, DeviceConsole = 3, DeviceEntropy = 4;

    public static ulong Bit(int feature) => 1UL << feature;
}
