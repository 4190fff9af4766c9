using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// Extra round-to-nearest-even cases aimed at the boundaries of the host-arithmetic fast paths (operands and results
/// near the smallest normal, near the exactness threshold of FMA residuals around 2^-960 and near overflow), checked
/// bit-exactly against the hardware.
/// </summary>
public sealed class FastPathOracleTests : IClassFixture<NativeOracle>
{
    private const int Cases = 20000;

    private readonly NativeOracle _oracle;

    public FastPathOracleTests(NativeOracle oracle) => _oracle = oracle;

    [OracleFact]
    public void Binary64()
    {
        TestFormat f = TestFormat.F64;
        Run(f, "f64add", 7001, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Add(a, b, e, ref fl));
        Run(f, "f64sub", 7002, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Sub(a, b, e, ref fl));
        Run(f, "f64mul", 7003, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Mul(a, b, e, ref fl));
        Run(f, "f64div", 7004, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Div(a, b, e, ref fl));
        Run(f, "f64sqrt", 7005, (ulong a, ulong _, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64Sqrt(a, e, ref fl));
        Run(f, "f64fma", 7006, (ulong a, ulong b, ulong c, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64MulAdd(a, b, c, e, ref fl));
        Run(f, "f64tof32", 7007, (ulong a, ulong _, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64ToF32(a, e, ref fl), TestFormat.F32);
    }

    [OracleFact]
    public void Binary32()
    {
        TestFormat f = TestFormat.F32;
        Run(f, "f32add", 7011, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Add((uint)a, (uint)b, e, ref fl));
        Run(f, "f32sub", 7012, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Sub((uint)a, (uint)b, e, ref fl));
        Run(f, "f32mul", 7013, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Mul((uint)a, (uint)b, e, ref fl));
        Run(f, "f32div", 7014, (ulong a, ulong b, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Div((uint)a, (uint)b, e, ref fl));
        Run(f, "f32sqrt", 7015, (ulong a, ulong _, ulong _, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32Sqrt((uint)a, e, ref fl));
        Run(f, "f32fma", 7016, (ulong a, ulong b, ulong c, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32MulAdd((uint)a, (uint)b, (uint)c, e, ref fl));
    }

    /// <summary>Unbiased exponents around the fast-path thresholds.</summary>
    private static int[] Targets(TestFormat f)
        => f.TotalBits == 64
            ? [-1022, -1021, -1020, -1019, -961, -960, -959, -958, -940, 992, 993, 994, 1000, 1023]
            : [-126, -125, -124, -123, -100, 100, 126, 127];

    private static ulong Operand(OperandGenerator g, int[] targets)
        => g.Next(3) switch
        {
            0 => g.Any(),
            1 => g.AtExp(targets[g.Next(targets.Length)] + g.Next(-2, 3)),
            _ => g.AtExp(g.Next(-40, 41)),
        };

    private void Run(TestFormat f, string op, int defaultSeed, OracleChecker.TernaryOp soft, TestFormat? resultFormat = null)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        int[] targets = Targets(f);
        string kind = op[3..];
        var cases = new List<OracleCase>(Cases);
        for (int i = 0; i < Cases; i++)
        {
            ulong a = Operand(g, targets);
            int ea = g.ExpOf(a);
            int target = targets[g.Next(targets.Length)] + g.Next(-2, 3);
            ulong b = kind switch
            {
                "add" or "sub" => g.Coin() ? g.AddPartner(a) : g.AtExp(target),
                "mul" or "fma" => g.Coin() ? g.MulPartner(a) : g.AtExp(target - ea),
                "div" => g.Coin() ? g.DivPartner(a) : g.AtExp(ea - target),
                _ => 0,
            };
            if (kind is "sqrt")
            {
                a = g.Coin() ? g.SqrtOperand() : a & ~f.SignBit;
            }

            if (kind == "tof32")
            {
                a = g.Coin() ? g.NarrowingOperand() : a;
            }

            ulong c = kind == "fma" ? (g.Coin() ? g.FmaAddend(a, b) : g.AtExp(targets[g.Next(targets.Length)] + g.Next(-2, 3))) : 0;
            cases.Add(new OracleCase(op, 0, a, b, c));
        }

        TestFormat rf = resultFormat ?? f;
        OracleChecker.Check(_oracle, seed, cases, (c, expected) =>
        {
            foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.X86, NanPolicy.Canonical])
            {
                FpExceptions flags = FpExceptions.None;
                ulong r = soft(c.A, c.B, c.C, OracleChecker.Env(c, policy), ref flags);
                if (kind == "fma" && !_oracle.HasFma && rf.IsNaN(expected.Value) && rf.IsNaN(r))
                {
                    expected = expected with { Value = r };
                }

                OracleResult want = policy != NanPolicy.X86 && rf.IsNaN(expected.Value) ? new OracleResult(rf.DefaultNaN, expected.Flags) : expected;
                string? problem = OracleChecker.Compare(rf, want, r, flags, policy + ": ");
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        });
    }
}
