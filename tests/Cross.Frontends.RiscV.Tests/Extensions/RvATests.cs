using Cross.Core.Engine;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Tests.TestSupport;
using static Cross.Frontends.RiscV.Tests.TestSupport.Asm;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class RvATests
{
    private const ulong Data = RiscVMachine.DataBase;

    private static RiscVMachine Machine(string backend, ulong value, int size = 8) =>
        new RiscVMachine(backend).Poke(Data, size, value).SetX(1, Data).SetX(2, 0x1234);

    [Theory, AllBackends]
    public void LrScSucceedsOnceThenFails(string backend)
    {
        var m = Machine(backend, 0x8000_0000, 4).Load(
            Op("lr.w", rd: 10, rs1: 1, aq: true), Op("sc.w", rd: 11, rs1: 1, rs2: 2, rl: true),
            Op("sc.w", rd: 12, rs1: 1, rs2: 0)).RunToBreak();
        Assert.Equal(0xFFFF_FFFF_8000_0000, m.X(10)); // sign-extended
        Assert.Equal(0UL, m.X(11));
        Assert.Equal(1UL, m.X(12)); // the reservation was consumed
        Assert.Equal(0x1234UL, m.Read(Data, 4));
    }

    [Theory, AllBackends]
    public void ScWithoutReservationFails(string backend)
    {
        var m = Machine(backend, 0).Load(Op("sc.d", rd: 11, rs1: 1, rs2: 2)).RunToBreak();
        Assert.Equal(1UL, m.X(11));
        Assert.Equal(0UL, m.Read(Data, 8));
    }

    [Theory, AllBackends]
    public void ScToAnotherAddressFails(string backend)
    {
        var m = Machine(backend, 0).SetX(3, Data + 8).Load(
            Op("lr.d", rd: 10, rs1: 1), Op("sc.d", rd: 11, rs1: 3, rs2: 2)).RunToBreak();
        Assert.Equal(1UL, m.X(11));
        Assert.Equal(0UL, m.Read(Data + 8, 8));
        Assert.Equal(0UL, m.Read(Data, 8));
    }

    [Theory, AllBackends]
    public void ScFailsAfterTheValueChanged(string backend)
    {
        var m = Machine(backend, 5).SetX(4, 6).Load(
            Op("lr.d", rd: 10, rs1: 1), Store("sd", 4, 1, 0), Op("sc.d", rd: 11, rs1: 1, rs2: 2)).RunToBreak();
        Assert.Equal(5UL, m.X(10));
        Assert.Equal(1UL, m.X(11));
        Assert.Equal(6UL, m.Read(Data, 8));
    }

    [Theory, AllBackends]
    public void ScRdCanBeItsSource(string backend)
    {
        var m = Machine(backend, 5).Load(Op("lr.d", rd: 10, rs1: 1), Op("sc.d", rd: 2, rs1: 1, rs2: 2)).RunToBreak();
        Assert.Equal(0UL, m.X(2));
        Assert.Equal(0x1234UL, m.Read(Data, 8));
    }

    [Theory, AllBackends]
    public void MisalignedLrFaults(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, Data + 2).Load(Op("lr.w", rd: 10, rs1: 1));
        var stop = m.Run();
        Assert.Equal(StopKind.MemoryFault, stop.Kind);
        Assert.Equal(MemoryFaultReason.Misaligned, stop.Fault!.Reason);
        Assert.Equal(RiscVMachine.CodeBase, m.Context.Pc);
    }

    [Theory, AllBackends]
    public void MisalignedAmoFaults(string backend)
    {
        var m = new RiscVMachine(backend).SetX(1, Data + 4).Load(Op("amoadd.d", rd: 10, rs1: 1, rs2: 2));
        Assert.Equal(MemoryFaultReason.Misaligned, m.Run().Fault!.Reason);
    }

    public static TheoryData<string, string, ulong, ulong, ulong, ulong> AmoCases()
    {
        var data = new TheoryData<string, string, ulong, ulong, ulong, ulong>();
        (string Mnemonic, ulong Memory, ulong Operand, ulong Old, ulong New)[] cases =
        [
            ("amoswap.w", 0x8000_0000, 7, 0xFFFF_FFFF_8000_0000, 7),
            ("amoadd.w", 0x7FFF_FFFF, 1, 0x7FFF_FFFF, 0x8000_0000),
            ("amoxor.w", 0xFF, 0x0F, 0xFF, 0xF0),
            ("amoand.w", 0xFF, 0x0F, 0xFF, 0x0F),
            ("amoor.w", 0xF0, 0x0F, 0xF0, 0xFF),
            ("amomin.w", 0xFFFF_FFFF, 1, ulong.MaxValue, 0xFFFF_FFFF),
            ("amomax.w", 0xFFFF_FFFF, 1, ulong.MaxValue, 1),
            ("amominu.w", 0xFFFF_FFFF, 1, ulong.MaxValue, 1),
            ("amomaxu.w", 0xFFFF_FFFF, 1, ulong.MaxValue, 0xFFFF_FFFF),
            ("amominu.w", 5, 0xFFFF_FFFF_0000_0007, 5, 5), // upper operand bits ignored
            ("amoswap.d", 1, ulong.MaxValue, 1, ulong.MaxValue),
            ("amoadd.d", ulong.MaxValue, 2, ulong.MaxValue, 1),
            ("amoxor.d", 0xFF, 0x0F, 0xFF, 0xF0),
            ("amoand.d", 0xFF, 0x0F, 0xFF, 0x0F),
            ("amoor.d", 0xF0, 0x0F, 0xF0, 0xFF),
            ("amomin.d", ulong.MaxValue, 1, ulong.MaxValue, ulong.MaxValue),
            ("amomax.d", ulong.MaxValue, 1, ulong.MaxValue, 1),
            ("amominu.d", ulong.MaxValue, 1, ulong.MaxValue, 1),
            ("amomaxu.d", ulong.MaxValue, 1, ulong.MaxValue, ulong.MaxValue),
        ];
        foreach (var backend in TestBackends.All)
            foreach (var c in cases)
                data.Add(backend, c.Mnemonic, c.Memory, c.Operand, c.Old, c.New);
        return data;
    }

    [Theory]
    [MemberData(nameof(AmoCases))]
    public void AmoReturnsOldValueAndUpdatesMemory(string backend, string mnemonic, ulong memory, ulong operand, ulong old, ulong updated)
    {
        var size = mnemonic.EndsWith(".w", StringComparison.Ordinal) ? 4 : 8;
        var m = new RiscVMachine(backend).Poke(Data, 8, 0xAAAA_AAAA_AAAA_AAAA).Poke(Data, size, memory)
            .SetX(1, Data).SetX(2, operand).Load(Op(mnemonic, rd: 10, rs1: 1, rs2: 2, aq: true, rl: true)).RunToBreak();
        Assert.Equal(old, m.X(10));
        Assert.Equal(updated, m.Read(Data, size));
        if (size == 4) Assert.Equal(0xAAAA_AAAAUL, m.Read(Data + 4, 4));
    }
}
