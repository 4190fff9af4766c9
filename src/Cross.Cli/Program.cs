// User mode is Linux-only: guest system calls become host Linux calls.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Cross.Cli;

public static class Program
{
    public static int Main(string[] args) => CommandLine.Execute(args, Console.Out, Console.Error, forwardHostSignals: true);
}
