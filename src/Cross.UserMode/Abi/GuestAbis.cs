using Cross.Elf;

namespace Cross.UserMode.Abi;

/// <summary>The guest ABIs user mode supports, by ELF machine.</summary>
public static class GuestAbis
{
    /// <summary>The ABI for <paramref name="machine"/>, or null when it is not supported (yet: aarch64 and x86-64 come later).</summary>
    public static IGuestAbi? ForMachine(ElfMachine machine) => machine switch
    {
        ElfMachine.RiscV => new RiscV64.RiscV64Abi(),
        _ => null,
    };
}
