using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Decoding;

/// <summary>The privileged instructions: words from GNU as, and only the system-mode decoder knowing them.</summary>
public sealed class PrivilegedEncodingTests
{
    // riscv64-linux-gnu-as: mret; sret; wfi; sfence.vma; sfence.vma a0; sfence.vma a0, a1
    [Theory]
    [InlineData(0x30200073u, "mret", 0, 0)]
    [InlineData(0x10200073u, "sret", 0, 0)]
    [InlineData(0x10500073u, "wfi", 0, 0)]
    [InlineData(0x12000073u, "sfence.vma", 0, 0)]
    [InlineData(0x12050073u, "sfence.vma", 10, 0)]
    [InlineData(0x12B50073u, "sfence.vma", 10, 11)]
    public void DecodesLikeGnuAs(uint word, string mnemonic, int rs1, int rs2)
    {
        Assert.True(RiscVDecoder.Rv64gcSystem.TryDecode(word, out var instruction));
        Assert.Equal(mnemonic, instruction.Mnemonic);
        Assert.Equal((rs1, rs2), (instruction.Rs1, instruction.Rs2));
        Assert.Equal(RiscVExtension.Privileged, instruction.Encoding.Extension);
        Assert.False(RiscVDecoder.Rv64gc.TryDecode(word, out _));
    }

    [Fact]
    public void TheSystemDecoderKnowsEverythingTheUserDecoderDoes()
    {
        Assert.Equal(RiscVEncodings.All.Count + RiscVEncodings.Privileged.Count, RiscVDecoder.Rv64gcSystem.Encodings.Count);
        Assert.DoesNotContain(RiscVEncodings.All, e => e.Extension == RiscVExtension.Privileged);
    }

    [Theory, AllBackends]
    public void AUserProcessCannotRunThem(string backend)
    {
        var m = new RiscVMachine(backend).Load(0x30200073);
        var stop = m.Run();
        Assert.Equal(StopKind.Trap, stop.Kind);
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(0x30200073UL, stop.Detail);
    }
}
