namespace Cross.Core.Devices;

/// <summary>A level-triggered interrupt wire from a device to an interrupt controller or a CPU pin.</summary>
public interface IInterruptLine
{
    void Set(bool asserted);
}

/// <summary>A line that remembers its level, for tests and for devices that read their own output back.</summary>
public sealed class InterruptLine(Action<bool>? onChange = null) : IInterruptLine
{
    public bool Asserted { get; private set; }

    public void Set(bool asserted)
    {
        if (Asserted == asserted) return;
        Asserted = asserted;
        onChange?.Invoke(asserted);
    }
}
