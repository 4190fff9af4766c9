namespace Cross.Backends.Llvm.Tests;

/// <summary>One LLVM backend shared by a test class. libLLVM-19 is required: without it the tests fail and say so.</summary>
public sealed class LlvmBackendFixture : IDisposable
{
    public LlvmBackend Backend { get; } = CreateBackend(new LlvmBackendOptions());

    public static LlvmBackend CreateBackend(LlvmBackendOptions options)
    {
        if (!LlvmBackend.TryCreate(options, out var backend, out var reason))
            throw new InvalidOperationException($"the LLVM backend tests need libLLVM-19 (Debian package libllvm19, installed by .ci/setup): {reason}");
        return backend;
    }

    public void Dispose() => Backend.Dispose();
}
