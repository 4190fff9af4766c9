using System.Text;
using Cross.Machines.Boot;
using Cross.Machines.Running;

namespace Cross.Machines.Tests.Support;

/// <summary>A machine with images placed, a runner on one backend, and its console output collected.</summary>
public sealed class BootedMachine : IDisposable
{
    private readonly MemoryStream _output = new();

    public BootedMachine(string backend, BootImages images, MachineOptions? options = null, string board = "virt-riscv64",
        ClockMode clock = ClockMode.InstructionCount, TimeSpan? timeout = null)
    {
        Machine = Machine.Create(board, options);
        Layout = RiscVBootLoader.Load(Machine, images);
        Runner = new SystemRunner(Machine, new SystemRunOptions
        {
            Backend = TestBackends.Create(backend),
            Clock = clock,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });
        Runner.Reset(Layout.ResetVector);
        Console = new ConsoleBridge(Machine.Console!, _output, onInput: Runner.Wake);
        Runner.Console = Console;
    }

    public Machine Machine { get; }

    public BootLayout Layout { get; }

    public SystemRunner Runner { get; }

    public ConsoleBridge Console { get; }

    public string Output
    {
        get
        {
            Console.Flush();
            return Encoding.UTF8.GetString(_output.ToArray());
        }
    }

    public RunOutcome Run() => Runner.Run();

    /// <summary>Runs to the guest's shutdown and asserts it passed.</summary>
    public RunOutcome RunToPass()
    {
        var outcome = Run();
        Assert.True(outcome.End == RunEnd.Shutdown && outcome.GuestExitCode == 0, $"{outcome}\nconsole:\n{Output}");
        return outcome;
    }

    public ulong Read(ulong address, int size = 8) => Machine.Bus.Read(address, size);

    public void Dispose() => Machine.Dispose();
}
