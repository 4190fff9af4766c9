using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// binary32 &lt;-&gt; binary64, float -&gt; integer (x86 indefinite and saturating), integer -&gt; float and round to
/// integral against the x86 hardware in all four rounding modes.
/// </summary>
public sealed class ConversionOracleTests : IClassFixture<NativeOracle>
{
    private const int CasesPerMode = 5000;

    private readonly NativeOracle _oracle;

    public ConversionOracleTests(NativeOracle oracle) => _oracle = oracle;

    private delegate ulong IntConversion(ulong a, in FpEnv env, IntOverflow overflow, ref FpExceptions flags);

    private delegate ulong FromInt(ulong v, in FpEnv env, ref FpExceptions flags);

    [OracleFact]
    public void F32ToF64()
    {
        int seed = OracleChecker.Seed(3001);
        var g = new OperandGenerator(TestFormat.F32, seed);
        List<OracleCase> cases = Cases(g, "f32tof64", withDaz: true, gen => gen.Any());
        OracleChecker.Check(_oracle, seed, cases, (c, r) => VerifyFloatConversion(TestFormat.F64, c, r,
            (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32ToF64((uint)a, e, ref fl)));
    }

    [OracleFact]
    public void F64ToF32()
    {
        int seed = OracleChecker.Seed(3002);
        var g = new OperandGenerator(TestFormat.F64, seed);
        List<OracleCase> cases = Cases(g, "f64tof32", withDaz: true, gen => gen.NarrowingOperand());
        OracleChecker.Check(_oracle, seed, cases, (c, r) => VerifyFloatConversion(TestFormat.F32, c, r,
            (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64ToF32(a, e, ref fl)));
    }

    [OracleFact]
    public void F32ToInt()
    {
        TestFormat f = TestFormat.F32;
        CheckToInt(f, "f32toi32", 3011, 32, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (uint)SoftFloat.F32ToInt32((uint)a, e, o, ref fl));
        CheckToInt(f, "f32toi64", 3012, 64, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (ulong)SoftFloat.F32ToInt64((uint)a, e, o, ref fl));
        CheckToInt(f, "f32toi32s", 3013, 32, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (uint)SoftFloat.F32ToInt32((uint)a, e, o, ref fl));
        CheckToInt(f, "f32toi64s", 3014, 64, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (ulong)SoftFloat.F32ToInt64((uint)a, e, o, ref fl));
        CheckToInt(f, "f32tou32s", 3015, 32, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F32ToUInt32((uint)a, e, o, ref fl));
        CheckToInt(f, "f32tou64s", 3016, 64, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F32ToUInt64((uint)a, e, o, ref fl));
        if (_oracle.HasAvx512)
        {
            CheckToInt(f, "f32tou32x", 3017, 32, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F32ToUInt32((uint)a, e, o, ref fl));
            CheckToInt(f, "f32tou64x", 3018, 64, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F32ToUInt64((uint)a, e, o, ref fl));
        }
    }

    [OracleFact]
    public void F64ToInt()
    {
        TestFormat f = TestFormat.F64;
        CheckToInt(f, "f64toi32", 3021, 32, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (uint)SoftFloat.F64ToInt32(a, e, o, ref fl));
        CheckToInt(f, "f64toi64", 3022, 64, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (ulong)SoftFloat.F64ToInt64(a, e, o, ref fl));
        CheckToInt(f, "f64toi32s", 3023, 32, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (uint)SoftFloat.F64ToInt32(a, e, o, ref fl));
        CheckToInt(f, "f64toi64s", 3024, 64, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => (ulong)SoftFloat.F64ToInt64(a, e, o, ref fl));
        CheckToInt(f, "f64tou32s", 3025, 32, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F64ToUInt32(a, e, o, ref fl));
        CheckToInt(f, "f64tou64s", 3026, 64, IntOverflow.Saturate, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F64ToUInt64(a, e, o, ref fl));
        if (_oracle.HasAvx512)
        {
            CheckToInt(f, "f64tou32x", 3027, 32, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F64ToUInt32(a, e, o, ref fl));
            CheckToInt(f, "f64tou64x", 3028, 64, IntOverflow.Indefinite, (ulong a, in FpEnv e, IntOverflow o, ref FpExceptions fl) => SoftFloat.F64ToUInt64(a, e, o, ref fl));
        }
    }

    [OracleFact]
    public void IntToF32()
    {
        TestFormat f = TestFormat.F32;
        CheckFromInt(f, "i32tof32", 3031, 32, true, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.Int32ToF32((int)v, e, ref fl));
        CheckFromInt(f, "u32tof32", 3032, 32, false, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.UInt32ToF32((uint)v, e, ref fl));
        CheckFromInt(f, "i64tof32", 3033, 64, true, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.Int64ToF32((long)v, e, ref fl));
        CheckFromInt(f, "u64tof32", 3034, 64, false, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.UInt64ToF32(v, e, ref fl));
    }

    [OracleFact]
    public void IntToF64()
    {
        TestFormat f = TestFormat.F64;
        CheckFromInt(f, "i32tof64", 3041, 32, true, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.Int32ToF64((int)v, e, ref fl));
        CheckFromInt(f, "u32tof64", 3042, 32, false, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.UInt32ToF64((uint)v, e, ref fl));
        CheckFromInt(f, "i64tof64", 3043, 64, true, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.Int64ToF64((long)v, e, ref fl));
        CheckFromInt(f, "u64tof64", 3044, 64, false, (ulong v, in FpEnv e, ref FpExceptions fl) => SoftFloat.UInt64ToF64(v, e, ref fl));
    }

    [OracleFact]
    public void F32RoundToIntegral()
    {
        TestFormat f = TestFormat.F32;
        CheckRound(f, "f32rint", 3051, (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32RoundToIntegral((uint)a, e, true, ref fl));
        CheckRound(f, "f32nearbyint", 3052, (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F32RoundToIntegral((uint)a, e, false, ref fl));
    }

    [OracleFact]
    public void F64RoundToIntegral()
    {
        TestFormat f = TestFormat.F64;
        CheckRound(f, "f64rint", 3061, (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64RoundToIntegral(a, e, true, ref fl));
        CheckRound(f, "f64nearbyint", 3062, (ulong a, in FpEnv e, ref FpExceptions fl) => SoftFloat.F64RoundToIntegral(a, e, false, ref fl));
    }

    private static List<OracleCase> Cases(OperandGenerator g, string op, bool withDaz, Func<OperandGenerator, ulong> operand)
    {
        var cases = new List<OracleCase>(4 * CasesPerMode);
        for (int rm = 0; rm < 4; rm++)
        {
            for (int i = 0; i < CasesPerMode; i++)
            {
                int mode = withDaz ? ArithmeticOracleTests.Mode(g, rm) : rm;
                cases.Add(new OracleCase(op, mode, operand(g)));
            }
        }

        return cases;
    }

    /// <summary>Float to float conversion: X86 exact; Propagate keeps the payload like x86; others default NaN.</summary>
    private static string? VerifyFloatConversion(TestFormat to, OracleCase c, OracleResult expected, OracleChecker.UnaryOp op)
    {
        foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.X86, NanPolicy.Propagate, NanPolicy.Canonical, NanPolicy.DefaultNan])
        {
            FpExceptions flags = FpExceptions.None;
            ulong r = op(c.A, OracleChecker.Env(c, policy), ref flags);
            OracleResult want = policy is NanPolicy.X86 or NanPolicy.Propagate || !to.IsNaN(expected.Value)
                ? expected
                : new OracleResult(to.DefaultNaN, expected.Flags);
            string? problem = OracleChecker.Compare(to, want, r, flags, policy + ": ");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private void CheckToInt(TestFormat f, string op, int defaultSeed, int bits, IntOverflow overflow, IntConversion soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        List<OracleCase> cases = Cases(g, op, withDaz: true, gen => gen.IntegerishOperand());
        TestFormat resultFormat = bits == 32 ? TestFormat.F32 : TestFormat.F64; // only used for hex widths
        ulong mask = bits == 32 ? uint.MaxValue : ulong.MaxValue;
        OracleChecker.Check(_oracle, seed, cases, (c, expected) =>
        {
            FpExceptions flags = FpExceptions.None;
            ulong r = soft(c.A, OracleChecker.Env(c), overflow, ref flags) & mask;
            string? problem = OracleChecker.Compare(resultFormat, expected, r, flags, overflow + ": ");
            if (problem is not null || overflow != IntOverflow.Saturate)
            {
                return problem;
            }

            // ARM flavour: identical except that NaN converts to 0.
            flags = FpExceptions.None;
            r = soft(c.A, OracleChecker.Env(c), IntOverflow.SaturateNanZero, ref flags) & mask;
            OracleResult want = f.IsNaN(c.A) ? new OracleResult(0, FpExceptions.Invalid) : expected;
            return OracleChecker.Compare(resultFormat, want, r, flags, "SaturateNanZero: ");
        });
    }

    private void CheckFromInt(TestFormat f, string op, int defaultSeed, int bits, bool signed, FromInt soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        List<OracleCase> cases = Cases(g, op, withDaz: false, gen => gen.Integer(bits, signed, f.Precision));
        OracleChecker.Check(_oracle, seed, cases, (c, expected) =>
        {
            FpExceptions flags = FpExceptions.None;
            ulong r = soft(c.A, OracleChecker.Env(c), ref flags);
            return OracleChecker.Compare(f, expected, r, flags);
        });
    }

    private void CheckRound(TestFormat f, string op, int defaultSeed, OracleChecker.UnaryOp soft)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        List<OracleCase> cases = Cases(g, op, withDaz: true, gen => gen.Coin() ? gen.IntegerishOperand() : gen.Any());
        OracleChecker.Check(_oracle, seed, cases, (c, r) => OracleChecker.VerifyUnary(f, c, r, soft));
    }
}
