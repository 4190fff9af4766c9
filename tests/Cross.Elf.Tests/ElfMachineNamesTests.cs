namespace Cross.Elf.Tests;

public sealed class ElfMachineNamesTests
{
    [Theory]
    [InlineData(ElfMachine.I386, "EM_386 (3)")]
    [InlineData(ElfMachine.X86_64, "EM_X86_64 (62)")]
    [InlineData(ElfMachine.AArch64, "EM_AARCH64 (183)")]
    [InlineData(ElfMachine.RiscV, "EM_RISCV (243)")]
    [InlineData(ElfMachine.Arm, "EM_ARM (40)")]
    [InlineData((ElfMachine)9999, "unknown (9999)")]
    public void DescribesMachines(ElfMachine machine, string expected)
    {
        Assert.Equal(expected, ElfMachineNames.Describe(machine));
    }

    [Fact]
    public void EveryNamedMachineHasAConstantName()
    {
        foreach (var machine in Enum.GetValues<ElfMachine>())
        {
            Assert.StartsWith("EM_", ElfMachineNames.GetConstantName(machine));
        }

        Assert.Null(ElfMachineNames.GetConstantName((ElfMachine)0xbeef));
    }

    [Fact]
    public void ReadsNaturallyInAnErrorMessage()
    {
        Assert.Equal("unsupported machine type EM_386 (3)", $"unsupported machine type {ElfMachineNames.Describe(ElfMachine.I386)}");
    }
}
