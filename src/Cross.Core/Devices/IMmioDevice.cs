namespace Cross.Core.Devices;

/// <summary>
/// A memory-mapped device as the bus sees it. Devices see offsets from their own base only;
/// the bus (see <see cref="Memory.PhysicalBus"/>) owns base addresses.
/// </summary>
public interface IMmioDevice
{
    /// <summary>Reads 1, 2, 4 or 8 bytes at <paramref name="offset"/>.</summary>
    ulong Read(ulong offset, int size);

    void Write(ulong offset, int size, ulong value);
}
