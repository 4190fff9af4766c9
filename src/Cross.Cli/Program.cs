namespace Cross.Cli;

public static class Program
{
    public static int Main(string[] args) => CommandLine.Execute(args, Console.Out, Console.Error, forwardHostSignals: true);
}
