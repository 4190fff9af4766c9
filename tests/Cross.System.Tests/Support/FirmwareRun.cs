using System.Text;
using Cross.Cli;
using Cross.Machines;
using Cross.Machines.Boot;
using Cross.Machines.Running;

namespace Cross.System.Tests.Support;

/// <summary>Boots a firmware program in this process, the way <c>cross boot</c> would, and collects its console.</summary>
public static class FirmwareRun
{
    public sealed record Result(RunOutcome Outcome, string Output)
    {
        public override string ToString() => $"{Outcome}\n=== console ===\n{Output}";
    }

    /// <param name="arguments">cross boot arguments (the firmware's boot: line, -kernel...).</param>
    /// <param name="input">Console input, queued before the guest starts.</param>
    public static Result Boot(IReadOnlyList<string> arguments, string backend, ClockMode clock, string? input = null, TimeSpan? timeout = null)
    {
        var options = BootOptions.Parse(arguments);
        using var machine = Machine.Create(options.Board, options.MachineOptions);
        var layout = RiscVBootLoader.Load(machine, options.Images);
        var runner = new SystemRunner(machine, new SystemRunOptions
        {
            Backend = TestBackends.Create(backend),
            Clock = clock,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        });
        runner.Reset(layout.ResetVector);
        var output = new MemoryStream();
        using var console = new ConsoleBridge(machine.Console!, output, onInput: runner.Wake);
        runner.Console = console;
        if (input is not null) machine.Console!.Input.Write(input);
        var outcome = runner.Run();
        console.Flush();
        return new Result(outcome, Encoding.UTF8.GetString(output.ToArray()));
    }
}
