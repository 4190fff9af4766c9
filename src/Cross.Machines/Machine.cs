using Cross.Core.Devices;
using Cross.Core.Memory;
using Cross.Devices;
using Cross.Devices.Power;
using Cross.Devices.Serial;
using Cross.Devices.Timers;
using Cross.Machines.Boards;
using Cross.Machines.DeviceTypes;
using Cross.Machines.Dtb;

namespace Cross.Machines;

/// <summary>
/// A built board: the physical bus with RAM and every device mapped, the virtual clock the
/// devices run on, each hart's interrupt pins, and the guest's device tree, all from one
/// resolved <see cref="BoardDescription"/>. A machine holds no global state; several can live in
/// one process. Its devices are single-threaded: call into them (bus accesses,
/// <see cref="Poll"/>, clock advances) from the machine's run loop only.
/// </summary>
public sealed class Machine : IDisposable
{
    private readonly List<IDisposable> _owned = new();
    private readonly Dictionary<string, object> _devices = new();
    private readonly List<IPolledDevice> _polled = new();
    private readonly List<(string Name, ISerialPort Port)> _serialPorts = new();
    private readonly DeviceCatalog _catalog;

    private Machine(BoardDescription board, MachineOptions options, DeviceCatalog catalog)
    {
        Board = board;
        _catalog = catalog;
        Bus = new PhysicalBus();
        Ram = Bus.AddRam("ram", board.RamBase, board.RamSize);
        Harts = Enumerable.Range(0, board.HartCount).Select(id => new HartPins(id)).ToArray();
        var context = new MachineBuildContext(board, options, catalog, Bus, Clock, Harts, _owned);
        try
        {
            // Interrupt controllers first: everything else asks them for lines.
            foreach (var device in board.Devices.OrderBy(d => catalog.Get(d.Type).IsInterruptController ? 0 : 1))
                Register(device, catalog.Get(device.Type).Create(context, device));
        }
        catch
        {
            Dispose();
            throw;
        }
        if (BoardResolver.ConsoleDevice(board, catalog) is { } console) Console = _devices[console.Name] as ISerialPort;
    }

    /// <summary>Builds a built-in board by name ("virt-riscv64") or a board file (a path to .json).</summary>
    public static Machine Create(string board, MachineOptions? options = null, DeviceCatalog? catalog = null)
    {
        var description = BuiltInBoards.Find(board)
            ?? (File.Exists(board) ? BoardFile.Load(board, catalog)
                : throw new BoardException($"unknown board '{board}': built-in boards are {string.Join(", ", BuiltInBoards.Names)}, or give a .json board file"));
        return Create(description, options, catalog);
    }

    public static Machine Create(BoardDescription board, MachineOptions? options = null, DeviceCatalog? catalog = null)
    {
        options ??= new MachineOptions();
        catalog ??= DeviceCatalog.Default;
        return new Machine(BoardResolver.Resolve(board, options, catalog), options, catalog);
    }

    /// <summary>The board as built, after options: what the DTB describes.</summary>
    public BoardDescription Board { get; }

    public PhysicalBus Bus { get; }

    public PhysicalBus.RamRegion Ram { get; }

    /// <summary>Guest time for every device; the runner advances it.</summary>
    public VirtualClock Clock { get; } = new();

    /// <summary>Interrupt pins per hart ID, for the CPU models to attach to.</summary>
    public IReadOnlyList<HartPins> Harts { get; }

    /// <summary>Device objects by description name ("serial@10000000", "htif").</summary>
    public IReadOnlyDictionary<string, object> Devices => _devices;

    /// <summary>Serial-like ports (UARTs, HTIF, virtio consoles) in board order.</summary>
    public IReadOnlyList<(string Name, ISerialPort Port)> SerialPorts => _serialPorts;

    /// <summary>The console: the device /chosen/stdout-path names (HTIF on Spike), or null.</summary>
    public ISerialPort? Console { get; private set; }

    /// <summary>The timer the RISC-V time CSR reads (mtime), or null on a board without one.</summary>
    public Clint? Clint => DevicesOf<Clint>().FirstOrDefault();

    /// <summary>Spike's HTIF, for the runner to bind to the ELF's tohost/fromhost symbols.</summary>
    public Htif? Htif => DevicesOf<Htif>().FirstOrDefault();

    /// <summary>Raised when the guest asks to power off, fail or reset through any power device.</summary>
    public event Action<ShutdownRequest>? ShutdownRequested;

    /// <summary>The first shutdown request, for a runner that checks between time slices.</summary>
    public ShutdownRequest? PendingShutdown { get; private set; }

    public T Device<T>(string name) where T : class =>
        _devices.TryGetValue(name, out var device) ? device as T ?? throw new InvalidCastException($"{name} is a {device.GetType().Name}, not a {typeof(T).Name}")
            : throw new KeyNotFoundException($"{Board.Name} has no device {name}");

    public IEnumerable<T> DevicesOf<T>() => _devices.Values.OfType<T>();

    /// <summary>Lets devices take host input (console bytes, HTIF mailboxes). Call between time slices.</summary>
    public void Poll()
    {
        foreach (var device in _polled) device.Poll();
    }

    /// <summary>The device tree for this machine; <paramref name="chosen"/> fills /chosen.</summary>
    public FdtNode DeviceTree(ChosenOptions? chosen = null) => DeviceTreeGenerator.Generate(Board, _catalog, chosen);

    /// <summary>The DTB blob to place in guest memory.</summary>
    public byte[] DeviceTreeBlob(ChosenOptions? chosen = null) => FdtWriter.Write(DeviceTree(chosen));

    public void Dispose()
    {
        foreach (var resource in _owned) resource.Dispose();
        _owned.Clear();
    }

    private void Register(DeviceDescription description, object device)
    {
        _devices[description.Name] = device;
        if (device is IPolledDevice polled) _polled.Add(polled);
        if (device is IPowerController power) power.ShutdownRequested += OnShutdown;
        var port = device as ISerialPort ?? (device as Cross.Devices.Virtio.VirtioMmioTransport)?.Device as ISerialPort;
        if (port is null) return;
        _serialPorts.Add((description.Name, port));
    }

    private void OnShutdown(ShutdownRequest request)
    {
        PendingShutdown ??= request;
        ShutdownRequested?.Invoke(request);
    }
}
