namespace Cross.Elf.Tests.Support;

/// <summary>Shares one <see cref="CompiledBinaries"/> (one round of compiling) across test classes.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledBinariesCollection : ICollectionFixture<CompiledBinaries>
{
    public const string Name = "Compiled binaries";
}
