using Cross.Core.Devices;

namespace Cross.Machines;

/// <summary>
/// The interrupt inputs of one RISC-V hart as the board drives them: machine software (MSIP,
/// from the CLINT), machine timer (MTIP, CLINT), machine and supervisor external (MEIP and SEIP,
/// from the PLIC). The CPU side attaches its mip-bit sinks with <see cref="InterruptPin.Attach"/>.
/// </summary>
public sealed class HartPins(int hartId)
{
    public int HartId => hartId;

    public InterruptPin Msip { get; } = new($"hart{hartId}.msip");

    public InterruptPin Mtip { get; } = new($"hart{hartId}.mtip");

    public InterruptPin Meip { get; } = new($"hart{hartId}.meip");

    public InterruptPin Seip { get; } = new($"hart{hartId}.seip");
}

/// <summary>
/// A wire from devices to a CPU pin that the CPU model plugs into later. It remembers its level,
/// so a sink attached after a device has already raised the line still sees it.
/// </summary>
public sealed class InterruptPin(string name) : IInterruptLine
{
    private readonly List<IInterruptLine> _sinks = new();

    public string Name => name;

    public bool Asserted { get; private set; }

    public void Set(bool asserted)
    {
        if (Asserted == asserted) return;
        Asserted = asserted;
        foreach (var sink in _sinks) sink.Set(asserted);
    }

    /// <summary>Connects a sink and tells it the current level at once.</summary>
    public void Attach(IInterruptLine sink)
    {
        _sinks.Add(sink);
        sink.Set(Asserted);
    }

    public void Attach(Action<bool> sink) => Attach(new InterruptLine(sink));

    public override string ToString() => $"{name}={(Asserted ? 1 : 0)}";
}
