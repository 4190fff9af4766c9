using System.Reflection;
using System.Runtime.InteropServices;

namespace Cross.Backends.Llvm.Interop;

/// <summary>
/// Loads the LLVM shared library for the bindings' <c>LibraryImport("LLVM-19")</c>: Debian's
/// libLLVM-19, or the library named by <see cref="EnvironmentVariable"/> (a name or a path), so a
/// test or a user can point Cross at another build, or at nothing, to see the interpreter
/// fallback. A failure is a <see cref="DllNotFoundException"/> with a one-line message.
/// </summary>
internal static class LlvmLibrary
{
    public const string EnvironmentVariable = "CROSS_LLVM_LIBRARY";

    /// <summary>Called once, by <see cref="LlvmApi"/>'s static constructor, before the first LLVM call binds.</summary>
    internal static void InstallResolver() => NativeLibrary.SetDllImportResolver(typeof(LlvmLibrary).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LlvmApi.Library) return 0;
        var requested = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(requested)) requested = null;
        if (NativeLibrary.TryLoad(requested ?? name, assembly, searchPath, out var handle)) return handle;
        throw new DllNotFoundException(requested is null
            ? "libLLVM-19 is not installed (Debian package libllvm19)"
            : $"{requested} (from {EnvironmentVariable}) could not be loaded");
    }
}
