using Cross.Core.Ir;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class ZicsrTests
{
    private static uint Csr(string mnemonic, int rd, int csr, int source) =>
        mnemonic.EndsWith('i') ? Op(mnemonic, rd: rd, csr: csr, imm: source) : Op(mnemonic, rd: rd, csr: csr, rs1: source);

    [Theory, AllBackends]
    public void FcsrViews(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, 0xFFF).SetX(2, 0x3);
        m.Fcsr = 0x45; // frm = 2, fflags = 5
        m.Load(
            Csr("csrrs", 10, CsrFile.Fflags, 0), Csr("csrrs", 11, CsrFile.Frm, 0), Csr("csrrs", 12, CsrFile.Fcsr, 0),
            Csr("csrrw", 13, CsrFile.Fflags, 1),   // fflags = 0x1F, frm kept
            Csr("csrrc", 14, CsrFile.Fflags, 2),   // clear NX|UF
            Csr("csrrwi", 15, CsrFile.Frm, 4),     // frm = RMM
            Csr("csrrsi", 16, CsrFile.Fcsr, 0),
            Csr("csrrw", 0, CsrFile.Fcsr, 1),      // fcsr = 0xFF (bits above 7 dropped)
            Csr("csrrci", 17, CsrFile.Fcsr, 0x10), // clear NV
            Csr("csrrs", 18, CsrFile.Fcsr, 0)).RunToBreak();
        Assert.Equal(5UL, m.X(10));
        Assert.Equal(2UL, m.X(11));
        Assert.Equal(0x45UL, m.X(12));
        Assert.Equal(5UL, m.X(13));
        Assert.Equal(0x1FUL, m.X(14));
        Assert.Equal(2UL, m.X(15));
        Assert.Equal(0x9CUL, m.X(16));
        Assert.Equal(0xFFUL, m.X(17));
        Assert.Equal(0xEFUL, m.X(18));
        Assert.Equal(0xEFu, m.Fcsr);
    }

    [Theory, AllBackends]
    public void FrmWriteAppliesToTheNextInstruction(string backend)
    {
        var m = new RiscVMachine(backend).SetF32(11, 1f).SetF32(12, MathF.Pow(2, -24)).Load(
            Csr("csrrwi", 0, CsrFile.Frm, Rup), Op("fadd.s", rd: 10, rs1: 11, rs2: 12, rm: Dyn),
            Csr("csrrwi", 0, CsrFile.Frm, Rne), Op("fadd.s", rd: 9, rs1: 11, rs2: 12, rm: Dyn)).RunToBreak();
        Assert.Equal(0x3F80_0001u, (uint)m.F(10));
        Assert.Equal(0x3F80_0000u, (uint)m.F(9));
    }

    [Theory, AllBackends]
    public void InstretCountsRetiredInstructions(string backend)
    {
        var m = new RiscVMachine(backend).Load(
            Nop, Op("jal", imm: 4), Nop, Csr("csrrs", 10, CsrFile.Instret, 0), Csr("csrrs", 11, CsrFile.Cycle, 0)).RunToBreak();
        Assert.Equal(3UL, m.X(10));
        Assert.Equal(4UL, m.X(11));
    }

    [Theory, AllBackends]
    public void TimeIsMonotonic(string backend)
    {
        var m = new RiscVMachine(backend).Load(Csr("csrrs", 10, CsrFile.Time, 0), Csr("csrrs", 11, CsrFile.Time, 0)).RunToBreak();
        Assert.NotEqual(0UL, m.X(10));
        Assert.True(m.X(11) >= m.X(10));
    }

    [Theory]
    [InlineData("interp", "csrrw", 0, CsrFile.Cycle, 1)]     // write to a read-only counter
    [InlineData("interp", "csrrs", 10, CsrFile.Time, 1)]     // set with a non-zero source writes
    [InlineData("interp", "csrrwi", 0, CsrFile.Instret, 0)]  // csrrwi always writes
    [InlineData("interp", "csrrs", 10, 0x7C0, 0)]            // unknown CSR
    [InlineData("interp", "csrrs", 10, 0x300, 0)]            // machine CSR
    public void IllegalAccesses(string backend, string mnemonic, int rd, int csr, int source)
    {
        var word = Csr(mnemonic, rd, csr, source);
        var m = new RiscVMachine(backend).Load(Li(5, 1), word);
        var stop = m.Run();
        Assert.Equal(TrapKind.IllegalInstruction, stop.Trap);
        Assert.Equal(RiscVMachine.CodeBase + 4, stop.TrapPc);
        Assert.Equal(word, stop.Detail);
        Assert.Equal(1UL, m.X(5));
    }

    [Theory, AllBackends]
    public void ReadingCountersWithoutWritingIsLegal(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, 5).Load(Csr("csrrc", 10, CsrFile.Cycle, 0), Csr("csrrsi", 11, CsrFile.Instret, 0)).RunToBreak();
        Assert.Equal(0UL, m.X(10));
        Assert.Equal(1UL, m.X(11));
    }
}
