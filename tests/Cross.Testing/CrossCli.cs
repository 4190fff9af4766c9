namespace Cross.Testing;

/// <summary>Runs the real <c>cross</c> command (the CLI assembly built next to the tests).</summary>
public static class CrossCli
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "cross.dll");

    public static ProcessResult Run(IEnumerable<string> arguments, TimeSpan timeout, byte[]? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        ProcessRunner.Run("dotnet", [AssemblyPath, .. arguments], timeout, standardInput, environment, workingDirectory);
}
