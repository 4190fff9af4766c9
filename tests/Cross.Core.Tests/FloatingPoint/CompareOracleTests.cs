using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Comparisons (CMPSS/CMPSD predicates) and x86 MINSS/MAXSS against the hardware.</summary>
public sealed class CompareOracleTests : IClassFixture<NativeOracle>
{
    private const int Cases = 20000;

    private readonly NativeOracle _oracle;

    public CompareOracleTests(NativeOracle oracle) => _oracle = oracle;

    private delegate bool Predicate(ulong a, ulong b, ref FpExceptions flags);

    [OracleFact]
    public void F32Compare()
    {
        TestFormat f = TestFormat.F32;
        Check(f, "f32eq", 4001, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32Equal((uint)a, (uint)b, ref fl));
        Check(f, "f32lt", 4002, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32LessThan((uint)a, (uint)b, ref fl));
        Check(f, "f32le", 4003, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32LessOrEqual((uint)a, (uint)b, ref fl));
        Check(f, "f32ltq", 4004, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32LessThanQuiet((uint)a, (uint)b, ref fl));
        Check(f, "f32leq", 4005, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32LessOrEqualQuiet((uint)a, (uint)b, ref fl));
        Check(f, "f32unord", 4006, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32Unordered((uint)a, (uint)b, false, ref fl));
        Check(f, "f32unords", 4007, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F32Unordered((uint)a, (uint)b, true, ref fl));
    }

    [OracleFact]
    public void F64Compare()
    {
        TestFormat f = TestFormat.F64;
        Check(f, "f64eq", 4011, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64Equal(a, b, ref fl));
        Check(f, "f64lt", 4012, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64LessThan(a, b, ref fl));
        Check(f, "f64le", 4013, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64LessOrEqual(a, b, ref fl));
        Check(f, "f64ltq", 4014, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64LessThanQuiet(a, b, ref fl));
        Check(f, "f64leq", 4015, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64LessOrEqualQuiet(a, b, ref fl));
        Check(f, "f64unord", 4016, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64Unordered(a, b, false, ref fl));
        Check(f, "f64unords", 4017, (ulong a, ulong b, ref FpExceptions fl) => SoftFloat.F64Unordered(a, b, true, ref fl));
    }

    [OracleFact]
    public void F32MinMaxX86()
    {
        TestFormat f = TestFormat.F32;
        CheckMinMax(f, "f32min", 4021, (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32MinX86((uint)a, (uint)b, e, ref fl));
        CheckMinMax(f, "f32max", 4022, (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32MaxX86((uint)a, (uint)b, e, ref fl));
    }

    [OracleFact]
    public void F64MinMaxX86()
    {
        TestFormat f = TestFormat.F64;
        CheckMinMax(f, "f64min", 4031, (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64MinX86(a, b, e, ref fl));
        CheckMinMax(f, "f64max", 4032, (ulong a, ulong b, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64MaxX86(a, b, e, ref fl));
    }

    private void Check(TestFormat f, string op, int defaultSeed, Predicate soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var cases = new List<OracleCase>(Cases);
        for (int i = 0; i < Cases; i++)
        {
            (ulong a, ulong b) = g.ComparePair();
            cases.Add(new OracleCase(op, i & 3, a, b));
        }

        OracleChecker.Check(_oracle, seed, cases, (c, expected) =>
        {
            FpExceptions flags = FpExceptions.None;
            bool r = soft(c.A, c.B, ref flags);
            return OracleChecker.Compare(f, expected, r ? 1UL : 0UL, flags);
        });
    }

    private void CheckMinMax(TestFormat f, string op, int defaultSeed, OracleChecker.BinaryOp soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var cases = new List<OracleCase>(Cases);
        for (int i = 0; i < Cases; i++)
        {
            (ulong a, ulong b) = g.ComparePair();
            cases.Add(new OracleCase(op, ArithmeticOracleTests.Mode(g, i & 3), a, b));
        }

        OracleChecker.Check(_oracle, seed, cases, (c, expected) =>
        {
            // The result does not depend on the NaN policy.
            foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.X86, NanPolicy.Canonical])
            {
                FpExceptions flags = FpExceptions.None;
                ulong r = soft(c.A, c.B, OracleChecker.Env(c, policy), ref flags);
                string? problem = OracleChecker.Compare(f, expected, r, flags);
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        });
    }
}
