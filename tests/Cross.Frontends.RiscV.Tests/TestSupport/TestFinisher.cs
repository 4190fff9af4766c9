using Cross.Core.Devices;

namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>A write-only MMIO exit device: the first write records its value and asks the CPU to stop.</summary>
public sealed class TestFinisher(Action onFinish) : IMmioDevice
{
    public bool Finished { get; private set; }

    public ulong Value { get; private set; }

    public ulong Read(ulong offset, int size) => 0;

    public void Write(ulong offset, int size, ulong value)
    {
        if (Finished) return;
        Finished = true;
        Value = value;
        onFinish();
    }
}
