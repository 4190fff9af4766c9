using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class ZbsTests
{
    private const ulong Ones = ulong.MaxValue;

    public static TheoryData<string, AluCase> Cases => AluCase.OnAllBackends(
    [
        AluCase.Rr("bclr", Ones, 63, 0x7FFF_FFFF_FFFF_FFFF),
        AluCase.Rr("bclr", Ones, 64, 0xFFFF_FFFF_FFFF_FFFE),
        AluCase.Rr("bext", 0x8000_0000_0000_0000, 63, 1),
        AluCase.Rr("bext", 0x8000_0000_0000_0000, 62, 0),
        AluCase.Rr("binv", 0, 5, 32),
        AluCase.Rr("binv", 32, 69, 0),
        AluCase.Rr("bset", 0, 70, 64),
        AluCase.Ri("bclri", Ones, 0, 0xFFFF_FFFF_FFFF_FFFE),
        AluCase.Ri("bexti", 4, 2, 1),
        AluCase.Ri("binvi", Ones, 63, 0x7FFF_FFFF_FFFF_FFFF),
        AluCase.Ri("bseti", 0, 32, 0x1_0000_0000),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Computes(string backend, AluCase test) => Assert.Equal(test.Expected, test.Run(backend));
}
