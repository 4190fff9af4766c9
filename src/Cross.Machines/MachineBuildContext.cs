using Cross.Core.Devices;
using Cross.Core.Memory;
using Cross.Machines.DeviceTypes;

namespace Cross.Machines;

/// <summary>What a <see cref="DeviceType"/> may use while building its device.</summary>
public sealed class MachineBuildContext
{
    private readonly List<IDisposable> _owned;
    private Func<int, IInterruptLine>? _interruptSource;

    internal MachineBuildContext(BoardDescription board, MachineOptions options, DeviceCatalog catalog, PhysicalBus bus,
        VirtualClock clock, IReadOnlyList<HartPins> harts, List<IDisposable> owned)
    {
        Board = board;
        Options = options;
        Catalog = catalog;
        Bus = bus;
        Clock = clock;
        Harts = harts;
        _owned = owned;
    }

    public BoardDescription Board { get; }

    public MachineOptions Options { get; }

    public DeviceCatalog Catalog { get; }

    public PhysicalBus Bus { get; }

    public VirtualClock Clock { get; }

    public IReadOnlyList<HartPins> Harts { get; }

    /// <summary>Called by the interrupt controller's type: how devices get their input lines.</summary>
    public void ProvideInterrupts(Func<int, IInterruptLine> source) => _interruptSource = source;

    /// <summary>The line for the device's <paramref name="index"/>-th interrupt.</summary>
    public IInterruptLine Irq(DeviceDescription device, int index = 0)
    {
        if (index >= device.Irqs.Count) throw new BoardException($"{device.Name} needs irq number {index + 1}");
        return (_interruptSource ?? throw new BoardException($"{device.Name} uses interrupts but the board has no interrupt controller"))(device.Irqs[index]);
    }

    public void Map(DeviceDescription device, IMmioDevice mmio) => Bus.AddMmio(device.Name, device.Address, device.Size, mmio);

    /// <summary>Disposes <paramref name="resource"/> (an image file) with the machine.</summary>
    public T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    /// <summary>
    /// A seed for the <paramref name="index"/>-th entropy user: derived from <see cref="MachineOptions.Seed"/>
    /// when given so runs repeat, random otherwise.
    /// </summary>
    public int Seed(int index) => Options.Seed is { } seed ? unchecked(seed + 7919 * index) & int.MaxValue : Random.Shared.Next();
}
