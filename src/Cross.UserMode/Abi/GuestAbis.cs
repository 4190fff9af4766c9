using Cross.Elf;

namespace Cross.UserMode.Abi;

/// <summary>The guest ABIs user mode supports, by ELF machine.</summary>
public static class GuestAbis
{
    /// <summary>The ABI for <paramref name="machine"/>, or null when it is not supported (yet: x86-64 comes later).</summary>
    public static IGuestAbi? ForMachine(ElfMachine machine) => machine switch
    {
        ElfMachine.RiscV => new RiscV64.RiscV64Abi(),
        ElfMachine.AArch64 => new Arm64.Arm64Abi(),
        _ => null,
    };
}
