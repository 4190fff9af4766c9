using Cross.Machines;
using Cross.Machines.DeviceTypes;

namespace Cross.Cli;

/// <summary><c>cross dtb -M BOARD [-m SIZE] [-smp N] [-device ...] [-append ARGS] -o FILE</c>: writes the board's generated device tree.</summary>
public static class DtbCommand
{
    public const string Usage = "usage: cross dtb [-M BOARD] [-m SIZE] [-smp N] [-device DEV] [-drive file=IMG,format=raw] [-append ARGS] -o FILE";

    public static string HelpText => $"""
        {Usage}

        Writes the flattened device tree (DTB) that `cross boot` with the same options hands to
        the guest, /chosen/bootargs included. Decompile it with `dtc -I dtb -O dts FILE`.

        """;

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        BootOptions options;
        try
        {
            options = BootOptions.Parse(args, dtb: true);
        }
        catch (HelpRequested)
        {
            stdout.Write(HelpText);
            return 0;
        }
        try
        {
            using var machine = Machine.Create(options.Board, options.MachineOptions);
            File.WriteAllBytes(options.Output!, machine.DeviceTreeBlob(new ChosenOptions { BootArgs = options.Append }));
            return 0;
        }
        catch (Exception e) when (e is BoardException or FormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"cross: {e.Message}");
            return CommandLine.ExitError;
        }
    }
}
