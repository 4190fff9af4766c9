using Cross.Core.Devices;

namespace Cross.Devices.Tests.Support;

/// <summary>An MMIO window that records every access, to prove a device never touched it.</summary>
public sealed class RecordingDevice : IMmioDevice
{
    public List<(bool Write, ulong Offset, int Size)> Accesses { get; } = new();

    public ulong Read(ulong offset, int size)
    {
        Accesses.Add((false, offset, size));
        return 0;
    }

    public void Write(ulong offset, int size, ulong value) => Accesses.Add((true, offset, size));
}
