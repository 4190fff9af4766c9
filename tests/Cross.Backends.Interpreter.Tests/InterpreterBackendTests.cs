using Cross.Backends.Tests;
using Cross.Core.Engine;

namespace Cross.Backends.Interpreter.Tests;

public class InterpreterBackendTests : BackendContractTests
{
    protected override IBackend Backend { get; } = new InterpreterBackend();
}

public class InterpreterVectorTests : VectorContractTests
{
    protected override IBackend Backend { get; } = new InterpreterBackend();
}
