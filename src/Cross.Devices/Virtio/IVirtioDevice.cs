using Cross.Devices.Memory;

namespace Cross.Devices.Virtio;

/// <summary>
/// A virtio device model, independent of its transport (virtio-mmio today, PCI later), as in
/// Firecracker. The transport owns feature negotiation, the status machine, queue setup and
/// interrupts; the device only sees negotiated features, ready queues and kicks.
/// </summary>
public interface IVirtioDevice
{
    uint DeviceId { get; }

    /// <summary>Device-specific feature bits (0..23); the transport adds the ring and version bits.</summary>
    ulong DeviceFeatures { get; }

    int QueueCount { get; }

    ushort MaxQueueSize { get; }

    /// <summary>Bytes of device configuration space.</summary>
    int ConfigSize { get; }

    ulong ReadConfig(uint offset, int size);

    void WriteConfig(uint offset, int size, ulong value);

    /// <summary>Changes whenever the device changes its config space, so the driver can re-read it.</summary>
    uint ConfigGeneration => 0;

    /// <summary>The driver set DRIVER_OK; queues it made ready are reachable through <paramref name="host"/>.</summary>
    void Activate(ulong negotiatedFeatures, IVirtioQueueHost host);

    /// <summary>The driver kicked queue <paramref name="queueIndex"/>. Only called while active.</summary>
    void QueueNotify(int queueIndex);

    /// <summary>The driver reset the device: forget the queues and any request in flight.</summary>
    void Reset();
}

/// <summary>What a transport offers an active device.</summary>
public interface IVirtioQueueHost
{
    GuestRam Memory { get; }

    /// <summary>The queue, or null when the driver did not make it ready.</summary>
    Virtqueue? Queue(int index);

    /// <summary>Interrupts the driver for used buffers on <paramref name="queue"/>, unless it suppressed that.</summary>
    void UsedBuffersAdded(Virtqueue queue);
}
