using System.Buffers.Binary;
using System.Text;
using Cross.UserMode.Memory;

namespace Cross.UserMode.Loading;

/// <summary>Where the pieces of a new process's initial stack went.</summary>
public sealed record InitialStack(ulong StackPointer, ulong ArgvAddress, ulong EnvpAddress, ulong AuxvAddress, ulong RandomAddress, ulong ExecFnAddress);

/// <summary>
/// Builds the initial stack exactly as Linux's binfmt_elf does (create_elf_tables), from the top:
/// an 8-byte end marker, the executable's file name (AT_EXECFN), the environment strings, the
/// argument strings (argv[0] lowest), then 16-byte alignment, the AT_PLATFORM string, the 16
/// AT_RANDOM bytes, and at the 16-byte aligned stack pointer: argc, argv[], NULL, envp[], NULL,
/// and the auxiliary vector ending with AT_NULL.
/// </summary>
public static class InitialStackBuilder
{
    public readonly record struct AuxEntry(ulong Type, ulong Value);

    /// <summary>
    /// Writes the stack below <paramref name="stackTop"/>. Entries of <paramref name="auxv"/> whose
    /// type is AT_RANDOM, AT_EXECFN or AT_PLATFORM get their value replaced by the address of what
    /// this builder stored; AT_NULL is appended.
    /// </summary>
    public static InitialStack Build(GuestAddressSpace space, ulong stackTop, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
        string execFn, string? platform, ReadOnlySpan<byte> random, IReadOnlyList<AuxEntry> auxv)
    {
        if (random.Length != 16) throw new ArgumentException("AT_RANDOM needs 16 bytes", nameof(random));

        var p = stackTop - 8;
        var execFnAddress = p = PushString(space, p, execFn);
        var envAddresses = new ulong[envp.Count];
        for (var i = envp.Count - 1; i >= 0; i--) envAddresses[i] = p = PushString(space, p, envp[i]);
        var argAddresses = new ulong[argv.Count];
        for (var i = argv.Count - 1; i >= 0; i--) argAddresses[i] = p = PushString(space, p, argv[i]);

        p &= ~0xFUL;
        ulong platformAddress = 0;
        if (platform is not null) platformAddress = p = PushString(space, p, platform);
        p -= 16;
        var randomAddress = p;
        Write(space, randomAddress, random);

        var entries = auxv.Select(e => e.Type switch
        {
            AuxVector.AtRandom => e with { Value = randomAddress },
            AuxVector.AtExecfn => e with { Value = execFnAddress },
            AuxVector.AtPlatform => e with { Value = platformAddress },
            _ => e,
        }).Where(e => e.Type != AuxVector.AtNull).Append(new AuxEntry(AuxVector.AtNull, 0)).ToList();

        var words = 1 + argv.Count + 1 + envp.Count + 1 + entries.Count * 2;
        var sp = (p - (ulong)words * 8) & ~0xFUL;

        var table = new byte[words * 8];
        var index = 0;
        void Put(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(8 * index++), value);
        Put((ulong)argv.Count);
        foreach (var address in argAddresses) Put(address);
        Put(0);
        foreach (var address in envAddresses) Put(address);
        Put(0);
        foreach (var entry in entries)
        {
            Put(entry.Type);
            Put(entry.Value);
        }
        Write(space, sp, table);

        var argvAddress = sp + 8;
        var envpAddress = argvAddress + (ulong)(argv.Count + 1) * 8;
        var auxvAddress = envpAddress + (ulong)(envp.Count + 1) * 8;
        return new InitialStack(sp, argvAddress, envpAddress, auxvAddress, randomAddress, execFnAddress);
    }

    private static ulong PushString(GuestAddressSpace space, ulong top, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        var address = top - (ulong)bytes.Length;
        Write(space, address, bytes);
        return address;
    }

    private static void Write(GuestAddressSpace space, ulong address, ReadOnlySpan<byte> bytes)
    {
        if (!space.TryWriteBytes(address, bytes))
            throw new UserModeException("the arguments and environment do not fit on the guest stack");
    }
}
