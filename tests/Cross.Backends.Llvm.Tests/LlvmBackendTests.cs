using Cross.Backends.Tests;
using Cross.Core.Engine;

namespace Cross.Backends.Llvm.Tests;

/// <summary>The backend contract (shared with the interpreter's tests), run on the LLVM backend.</summary>
public class LlvmBackendTests(LlvmBackendFixture fixture) : BackendContractTests, IClassFixture<LlvmBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}

/// <summary>The vector contract (shared with the interpreter's tests), run on the LLVM backend.</summary>
public class LlvmVectorTests(LlvmBackendFixture fixture) : VectorContractTests, IClassFixture<LlvmBackendFixture>
{
    protected override IBackend Backend => fixture.Backend;
}
