using Cross.UserMode.Loading;
using Cross.UserMode.Memory;

namespace Cross.UserMode.Tests.Loading;

public sealed class InitialStackBuilderTests : IDisposable
{
    private const ulong StackTop = 0x7000_0000;
    private readonly GuestAddressSpace _space = new(1UL << 32);

    public InitialStackBuilderTests() => _space.Map(StackTop - 0x10000, 0x10000, MemoryProtection.ReadWrite);

    public void Dispose() => _space.Dispose();

    private InitialStack Build(string[] argv, string[] envp, string? platform = null) =>
        InitialStackBuilder.Build(_space, StackTop, argv, envp, "/path/to/prog", platform, Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
        [
            new(AuxVector.AtPagesz, 4096),
            new(AuxVector.AtRandom, 0),
            new(AuxVector.AtExecfn, 0),
            new(AuxVector.AtEntry, 0x10078),
        ]);

    private ulong Word(ulong address) => _space.Read(address, 8);

    [Fact]
    public void LaysOutArgcArgvEnvpAndAuxvLikeLinux()
    {
        var stack = Build(["prog", "one", "two words"], ["A=1", "B=2"]);
        var sp = stack.StackPointer;
        Assert.Equal(0UL, sp % 16);
        Assert.Equal(3UL, Word(sp));
        Assert.Equal(sp + 8, stack.ArgvAddress);
        Assert.Equal("prog", _space.TryReadString(Word(sp + 8)));
        Assert.Equal("one", _space.TryReadString(Word(sp + 16)));
        Assert.Equal("two words", _space.TryReadString(Word(sp + 24)));
        Assert.Equal(0UL, Word(sp + 32));
        Assert.Equal(sp + 40, stack.EnvpAddress);
        Assert.Equal("A=1", _space.TryReadString(Word(sp + 40)));
        Assert.Equal("B=2", _space.TryReadString(Word(sp + 48)));
        Assert.Equal(0UL, Word(sp + 56));
        Assert.Equal(sp + 64, stack.AuxvAddress);

        var auxv = new Dictionary<ulong, ulong>();
        for (var p = stack.AuxvAddress; ; p += 16)
        {
            auxv[Word(p)] = Word(p + 8);
            if (Word(p) == AuxVector.AtNull) break;
        }
        Assert.Equal(4096UL, auxv[AuxVector.AtPagesz]);
        Assert.Equal(0x10078UL, auxv[AuxVector.AtEntry]);
        Assert.Equal(stack.RandomAddress, auxv[AuxVector.AtRandom]);
        Assert.Equal(stack.ExecFnAddress, auxv[AuxVector.AtExecfn]);
        Assert.Equal("/path/to/prog", _space.TryReadString(auxv[AuxVector.AtExecfn]));
        var random = new byte[16];
        _space.ReadBytes(stack.RandomAddress, random);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i), random);
    }

    [Fact]
    public void StringsSitAboveTheTablesInKernelOrder()
    {
        var stack = Build(["a", "b"], ["E=1"]);
        var argv0 = Word(stack.ArgvAddress);
        var argv1 = Word(stack.ArgvAddress + 8);
        var env0 = Word(stack.EnvpAddress);
        Assert.True(argv0 < argv1 && argv1 < env0 && env0 < stack.ExecFnAddress);
        Assert.Equal(argv0 + 2, argv1);
        Assert.True(stack.RandomAddress > stack.AuxvAddress && stack.RandomAddress < argv0);
        Assert.True(stack.ExecFnAddress + (ulong)"/path/to/prog".Length + 1 <= StackTop - 8);
        Assert.Equal(0UL, Word(StackTop - 8));
    }

    [Fact]
    public void PlatformStringIsStoredWhenGiven()
    {
        var stack = InitialStackBuilder.Build(_space, StackTop, ["p"], [], "p", "riscv64", new byte[16], [new(AuxVector.AtPlatform, 0)]);
        var value = Word(stack.AuxvAddress + 8);
        Assert.Equal("riscv64", _space.TryReadString(value));
    }

    [Fact]
    public void EmptyArgumentsAndEnvironmentStillTerminateTheVectors()
    {
        var stack = Build([], []);
        Assert.Equal(0UL, Word(stack.StackPointer));
        Assert.Equal(0UL, Word(stack.ArgvAddress));
        Assert.Equal(0UL, Word(stack.EnvpAddress));
        Assert.Equal(stack.EnvpAddress + 8, stack.AuxvAddress);
    }

    [Fact]
    public void TooMuchForTheStackIsAUserError()
    {
        var huge = new string('x', 0x20000);
        Assert.Throws<UserModeException>(() => Build([huge], []));
    }
}
