using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class ZbaTests
{
    public static TheoryData<string, AluCase> Cases => AluCase.OnAllBackends(
    [
        AluCase.Rr("add.uw", 0xFFFF_FFFF_0000_0001, 10, 11),
        AluCase.Rr("add.uw", 0xFFFF_FFFF, 1, 0x1_0000_0000),
        AluCase.Rr("sh1add", 3, 100, 106),
        AluCase.Rr("sh2add", 3, 100, 112),
        AluCase.Rr("sh3add", 3, 100, 124),
        AluCase.Rr("sh3add", ulong.MaxValue, 8, 0),
        AluCase.Rr("sh1add.uw", 0xFFFF_FFFF_8000_0000, 0, 0x1_0000_0000),
        AluCase.Rr("sh2add.uw", 0x1_0000_0001, 1, 5),
        AluCase.Rr("sh3add.uw", ulong.MaxValue, 0, 0x7_FFFF_FFF8),
        AluCase.Ri("slli.uw", 0xFFFF_FFFF_8000_0001, 4, 0x8_0000_0010),
        AluCase.Ri("slli.uw", 0xFFFF_FFFF_FFFF_FFFF, 63, 0x8000_0000_0000_0000),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Computes(string backend, AluCase test) => Assert.Equal(test.Expected, test.Run(backend));
}
