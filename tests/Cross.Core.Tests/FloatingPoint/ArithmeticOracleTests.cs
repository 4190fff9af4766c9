using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// add / sub / mul / div / sqrt / fma against the x86 hardware (bit-exact under NanPolicy.X86, and the other NaN
/// policies derived from it), in all four hardware rounding modes, some cases with DAZ.
/// </summary>
public sealed class ArithmeticOracleTests : IClassFixture<NativeOracle>
{
    private const int CasesPerMode = 6000;

    private readonly NativeOracle _oracle;

    public ArithmeticOracleTests(NativeOracle oracle) => _oracle = oracle;

    [OracleFact]
    public void F32Add() => Binary(TestFormat.F32, "f32add", 1001, (g, a) => g.AddPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Add((uint)a, (uint)b, e, ref fl));

    [OracleFact]
    public void F32Sub() => Binary(TestFormat.F32, "f32sub", 1002, (g, a) => g.AddPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Sub((uint)a, (uint)b, e, ref fl));

    [OracleFact]
    public void F32Mul() => Binary(TestFormat.F32, "f32mul", 1003, (g, a) => g.MulPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Mul((uint)a, (uint)b, e, ref fl));

    [OracleFact]
    public void F32Div() => Binary(TestFormat.F32, "f32div", 1004, (g, a) => g.DivPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Div((uint)a, (uint)b, e, ref fl));

    [OracleFact]
    public void F32Sqrt() => Unary(TestFormat.F32, "f32sqrt", 1005, g => g.SqrtOperand(),
        (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Sqrt((uint)a, e, ref fl));

    [OracleFact]
    public void F32MulAdd() => Ternary(TestFormat.F32, "f32fma", 1006,
        (ulong a, ulong b, ulong c, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32MulAdd((uint)a, (uint)b, (uint)c, e, ref fl));

    [OracleFact]
    public void F64Add() => Binary(TestFormat.F64, "f64add", 2001, (g, a) => g.AddPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Add(a, b, e, ref fl));

    [OracleFact]
    public void F64Sub() => Binary(TestFormat.F64, "f64sub", 2002, (g, a) => g.AddPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Sub(a, b, e, ref fl));

    [OracleFact]
    public void F64Mul() => Binary(TestFormat.F64, "f64mul", 2003, (g, a) => g.MulPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Mul(a, b, e, ref fl));

    [OracleFact]
    public void F64Div() => Binary(TestFormat.F64, "f64div", 2004, (g, a) => g.DivPartner(a),
        (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Div(a, b, e, ref fl));

    [OracleFact]
    public void F64Sqrt() => Unary(TestFormat.F64, "f64sqrt", 2005, g => g.SqrtOperand(),
        (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Sqrt(a, e, ref fl));

    [OracleFact]
    public void F64MulAdd() => Ternary(TestFormat.F64, "f64fma", 2006,
        (ulong a, ulong b, ulong c, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64MulAdd(a, b, c, e, ref fl));

    /// <summary>Rounding mode 0..3, with DAZ for about one case in eight.</summary>
    internal static int Mode(OperandGenerator g, int rounding) => rounding | (g.Next(8) == 0 ? 4 : 0);

    private void Unary(TestFormat f, string op, int defaultSeed, Func<OperandGenerator, ulong> operand, OracleChecker.UnaryOp soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var cases = new List<OracleCase>(4 * CasesPerMode);
        for (int rm = 0; rm < 4; rm++)
        {
            for (int i = 0; i < CasesPerMode; i++)
            {
                cases.Add(new OracleCase(op, Mode(g, rm), operand(g)));
            }
        }

        OracleChecker.Check(_oracle, seed, cases, (c, r) => OracleChecker.VerifyUnary(f, c, r, soft));
    }

    private void Binary(TestFormat f, string op, int defaultSeed, Func<OperandGenerator, ulong, ulong> partner, OracleChecker.BinaryOp soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var cases = new List<OracleCase>(4 * CasesPerMode);
        for (int rm = 0; rm < 4; rm++)
        {
            for (int i = 0; i < CasesPerMode; i++)
            {
                (ulong a, ulong b) = g.Pair(partner);
                if (g.Coin())
                {
                    (a, b) = (b, a);
                }

                cases.Add(new OracleCase(op, Mode(g, rm), a, b));
            }
        }

        OracleChecker.Check(_oracle, seed, cases, (c, r) => OracleChecker.VerifyBinary(f, c, r, soft));
    }

    private void Ternary(TestFormat f, string op, int defaultSeed, OracleChecker.TernaryOp soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var cases = new List<OracleCase>(4 * CasesPerMode);
        for (int rm = 0; rm < 4; rm++)
        {
            for (int i = 0; i < CasesPerMode; i++)
            {
                (ulong a, ulong b) = g.Next(3) == 0 ? (g.Any(), g.Any()) : g.Pair((gen, x) => gen.MulPartner(x));
                ulong c = g.FmaAddend(a, b);
                cases.Add(new OracleCase(op, Mode(g, rm), a, b, c));
            }
        }

        OracleChecker.Check(_oracle, seed, cases, (c, r) => OracleChecker.VerifyTernary(f, c, r, soft, _oracle.HasFma));
    }
}
