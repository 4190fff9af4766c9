using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Tests.Privileged;

public sealed class PmpRegistersTests
{
    [Fact]
    public void ConfigBytesKeepTheirWarlRules()
    {
        var pmp = new PmpRegisters();
        pmp.WriteConfig(2, 0x8F_1F_02_FF); // entries 8-11: 0xFF (reserved bits dropped), W-only (ignored), NAPOT RWX, locked TOR RWX
        Assert.Equal(0x9FUL | 0x1FUL << 16 | 0x8FUL << 24, pmp.ReadConfig(2));
        Assert.True(pmp.IsLocked(8));
        Assert.True(pmp.IsLocked(11));
        pmp.WriteConfig(2, 0);
        Assert.Equal(0x9FUL | 0x8FUL << 24, pmp.ReadConfig(2)); // locked entries stay
        Assert.Throws<ArgumentOutOfRangeException>(() => pmp.ReadConfig(1));
    }

    [Fact]
    public void AddressesBelowALockedTorEntryAreLockedToo()
    {
        var pmp = new PmpRegisters();
        pmp.WriteConfig(0, 0x8F00); // entry 1: locked TOR
        pmp.WriteAddress(0, 0x1234);
        pmp.WriteAddress(1, 0x1234);
        pmp.WriteAddress(2, ulong.MaxValue);
        Assert.Equal(0UL, pmp.ReadAddress(0));
        Assert.Equal(0UL, pmp.ReadAddress(1));
        Assert.Equal((1UL << 54) - 1, pmp.ReadAddress(2));
        pmp.Reset();
        Assert.False(pmp.IsLocked(1));
    }
}
