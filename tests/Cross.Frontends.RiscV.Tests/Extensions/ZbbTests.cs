using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class ZbbTests
{
    private const ulong Ones = ulong.MaxValue;

    public static TheoryData<string, AluCase> Cases => AluCase.OnAllBackends(
    [
        AluCase.Rr("andn", 0xFF, 0x0F, 0xF0),
        AluCase.Rr("orn", 0, 0, Ones),
        AluCase.Rr("xnor", 0xF0, 0xFF, 0xFFFF_FFFF_FFFF_FFF0),
        AluCase.Rr("max", -1, 1, 1),
        AluCase.Rr("maxu", -1, 1, -1),
        AluCase.Rr("min", -1, 1, -1),
        AluCase.Rr("minu", -1, 1, 1),
        AluCase.Rr("rol", 0x8000_0000_0000_0001, 1, 3),
        AluCase.Rr("rol", 1, 64, 1),
        AluCase.Rr("ror", 1, 1, 0x8000_0000_0000_0000),
        AluCase.Ri("rori", 1, 4, 0x1000_0000_0000_0000),
        AluCase.Ri("rori", 0x10, 0, 0x10),
        AluCase.Rr("rolw", 0x8000_0001, 1, 3),
        AluCase.Rr("rolw", 0x4000_0000, 1, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("rorw", 1, 1, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("rorw", 0x1_0000_0001, 33, 0xFFFF_FFFF_8000_0000),
        AluCase.Ri("roriw", 0x10, 4, 1),
        AluCase.Ri("roriw", 0x1, 31, 2),

        AluCase.Un("clz", 1, 63),
        AluCase.Un("clz", 0, 64),
        AluCase.Un("clz", Ones, 0),
        AluCase.Un("ctz", 0, 64),
        AluCase.Un("ctz", 0x100, 8),
        AluCase.Un("cpop", Ones, 64),
        AluCase.Un("clzw", 1, 31),
        AluCase.Un("clzw", 0xFFFF_FFFF_0000_0000, 32),
        AluCase.Un("ctzw", 0, 32),
        AluCase.Un("ctzw", 0x1_0000_0000, 32),
        AluCase.Un("cpopw", 0xFFFF_FFFF_0000_000F, 4),
        AluCase.Un("sext.b", 0x80, 0xFFFF_FFFF_FFFF_FF80),
        AluCase.Un("sext.b", 0x17F, 0x7F),
        AluCase.Un("sext.h", 0x8000, 0xFFFF_FFFF_FFFF_8000),
        AluCase.Un("zext.h", Ones, 0xFFFF),
        AluCase.Un("orc.b", 0x0001_0000_8000_0100, 0x00FF_0000_FF00_FF00),
        AluCase.Un("orc.b", Ones, Ones),
        AluCase.Un("orc.b", 0, 0),
        AluCase.Un("rev8", 0x0102_0304_0506_0708, 0x0807_0605_0403_0201),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Computes(string backend, AluCase test) => Assert.Equal(test.Expected, test.Run(backend));
}
