using Cross.Frontends.RiscV.Tests.TestSupport;

namespace Cross.Frontends.RiscV.Tests.Extensions;

public sealed class RvMTests
{
    private const long Min = long.MinValue;
    private const ulong Ones = ulong.MaxValue;

    public static TheoryData<string, AluCase> Cases => AluCase.OnAllBackends(
    [
        AluCase.Rr("mul", 3, -2, -6),
        AluCase.Rr("mul", 0x1_0000_0001, 0x1_0000_0001, 0x2_0000_0001),
        AluCase.Rr("mulh", -1, -1, 0),
        AluCase.Rr("mulh", Min, 2, -1),
        AluCase.Rr("mulh", Min, Min, 0x4000_0000_0000_0000),
        AluCase.Rr("mulhu", Ones, Ones, 0xFFFF_FFFF_FFFF_FFFE),
        AluCase.Rr("mulhsu", -1, -1, -1),
        AluCase.Rr("mulhsu", 2, -1, 1),

        // Division by zero: quotient all ones, remainder the dividend.
        AluCase.Rr("div", 7, 0, -1),
        AluCase.Rr("divu", 7, 0, -1),
        AluCase.Rr("rem", 7, 0, 7),
        AluCase.Rr("remu", 7, 0, 7),
        AluCase.Rr("rem", -7, 0, -7),
        // Overflow: MIN / -1 = MIN, remainder 0.
        AluCase.Rr("div", Min, -1, Min),
        AluCase.Rr("rem", Min, -1, 0),
        // Truncation toward zero.
        AluCase.Rr("div", -7, 2, -3),
        AluCase.Rr("rem", -7, 2, -1),
        AluCase.Rr("rem", 7, -2, 1),
        AluCase.Rr("divu", Ones, 2, 0x7FFF_FFFF_FFFF_FFFF),
        AluCase.Rr("remu", Ones, 10, 5),

        AluCase.Rr("mulw", 0x7FFF_FFFF, 2, 0xFFFF_FFFF_FFFF_FFFE),
        AluCase.Rr("mulw", 0x1_0000_0003, 0x5_0000_0005, 15),
        AluCase.Rr("divw", 7, 0, Ones),
        AluCase.Rr("divw", 7, 0x1_0000_0000, Ones),
        AluCase.Rr("divw", 0x8000_0000, Ones, 0xFFFF_FFFF_8000_0000),
        AluCase.Rr("divw", 0x1_0000_0007, 2, 3),
        AluCase.Rr("divuw", 7, 0, Ones),
        AluCase.Rr("divuw", 0xFFFF_FFFF, 1, Ones),
        AluCase.Rr("divuw", 0xFFFF_FFFE, 2, 0x7FFF_FFFF),
        AluCase.Rr("remw", 7, 0, 7),
        AluCase.Rr("remw", 0x8000_0000, Ones, 0),
        AluCase.Rr("remw", 0x1_FFFF_FFF9, 0, 0xFFFF_FFFF_FFFF_FFF9),
        AluCase.Rr("remuw", 0xFFFF_FFFF, 0, Ones),
        AluCase.Rr("remuw", 7, 5, 2),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Computes(string backend, AluCase test) => Assert.Equal(test.Expected, test.Run(backend));
}
