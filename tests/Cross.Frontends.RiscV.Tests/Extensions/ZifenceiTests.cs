using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class ZifenceiTests
{
    [Theory, AllBackends]
    public void FenceIMakesStoredCodeVisible(string backend)
    {
        const ulong code = RiscVMachine.CodeBase;
        var m = new RiscVMachine(backend).SetX(1, (long)code).SetX(2, Li(5, 2));
        m.Write(code,
            Li(6, 0),                   // 0
            Op("jal", imm: 4),          // 4: start a block at 8
            Li(5, 1),                   // 8: patched to "li x5, 2" by the first pass
            Branch("bne", 6, 0, 16),    // 12: second pass -> 28
            Store("sw", 2, 1, 8),       // 16: patch the instruction at 8, inside this very block
            Op("fence.i"),              // 20: ends the block
            Op("jal", rd: 6, imm: -16), // 24: x6 = link (non-zero), back to 8
            Ebreak);                    // 28
        m.RunToBreak();
        Assert.Equal(2UL, m.X(5));
        Assert.True(m.Engine.Cache.Invalidations > 0);
    }
}
