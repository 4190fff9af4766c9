using System.Text;
using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Runs case batches through the oracle and compares them with SoftFloat, collecting mismatches.</summary>
public static class OracleChecker
{
    private const int MaxReported = 25;

    public delegate ulong UnaryOp(ulong a, in FpEnv env, ref FpExceptions flags);

    public delegate ulong BinaryOp(ulong a, ulong b, in FpEnv env, ref FpExceptions flags);

    public delegate ulong TernaryOp(ulong a, ulong b, ulong c, in FpEnv env, ref FpExceptions flags);

    /// <summary>
    /// Verifies every case: <paramref name="verify"/> returns null when SoftFloat agrees with the oracle result,
    /// otherwise a description of the mismatch.
    /// </summary>
    public static void Check(NativeOracle oracle, int seed, IReadOnlyList<OracleCase> cases, Func<OracleCase, OracleResult, string?> verify)
    {
        OracleResult[] expected = oracle.Run(cases);
        var failures = new List<string>();
        int failed = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            string? problem = verify(cases[i], expected[i]);
            if (problem is not null)
            {
                failed++;
                if (failures.Count < MaxReported)
                {
                    failures.Add($"{Describe(cases[i])}: {problem}");
                }
            }
        }

        if (failed > 0)
        {
            var message = new StringBuilder();
            message.Append($"seed {seed} (set CROSS_FP_SEED to override): {failed} of {cases.Count} cases differ from the hardware oracle");
            foreach (string f in failures)
            {
                message.Append('\n').Append(f);
            }

            Assert.Fail(message.ToString());
        }
    }

    public static string Describe(OracleCase c)
        => $"{c.Op} mode={c.Mode}{(c.Daz ? "(DAZ)" : string.Empty)} a={c.A:X} b={c.B:X} c={c.C:X}";

    /// <summary>Seed for a test: CROSS_FP_SEED if set, else the fixed default.</summary>
    public static int Seed(int defaultSeed)
        => int.TryParse(Environment.GetEnvironmentVariable("CROSS_FP_SEED"), out int s) ? s ^ defaultSeed : defaultSeed;

    public static string? Compare(TestFormat f, OracleResult expected, ulong actual, FpExceptions actualFlags, string what = "")
    {
        if (expected.Value == actual && expected.Flags == actualFlags)
        {
            return null;
        }

        return $"{what}expected {f.Hex(expected.Value)} [{expected.Flags}], got {f.Hex(actual)} [{actualFlags}]";
    }

    /// <summary>
    /// The result the Propagate policy must give for an operation whose x86 result is a NaN, given the operands in
    /// Propagate priority order: the first signalling NaN quieted, else the first quiet NaN, else the default NaN.
    /// </summary>
    public static ulong ExpectedPropagate(TestFormat f, params ulong[] operands)
    {
        foreach (ulong x in operands)
        {
            if (f.IsSignalingNaN(x))
            {
                return x | f.QuietBit;
            }
        }

        foreach (ulong x in operands)
        {
            if (f.IsNaN(x))
            {
                return x;
            }
        }

        return f.DefaultNaN;
    }

    public static FpEnv Env(OracleCase c, NanPolicy policy = NanPolicy.X86)
        => new(c.Rounding, policy, DenormalsAreZero: c.Daz);

    /// <summary>Checks a one-operand float operation under all NaN policies.</summary>
    public static string? VerifyUnary(TestFormat f, OracleCase c, OracleResult expected, UnaryOp op)
    {
        FpExceptions flags = FpExceptions.None;
        ulong r = op(c.A, Env(c), ref flags);
        string? problem = Compare(f, expected, r, flags, "X86: ");
        if (problem is not null)
        {
            return problem;
        }

        foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.Canonical, NanPolicy.Propagate, NanPolicy.DefaultNan])
        {
            flags = FpExceptions.None;
            r = op(c.A, Env(c, policy), ref flags);
            OracleResult want = !f.IsNaN(expected.Value) ? expected
                : new OracleResult(policy == NanPolicy.Propagate ? ExpectedPropagate(f, c.A) : f.DefaultNaN, expected.Flags);
            problem = Compare(f, want, r, flags, policy + ": ");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Checks a two-operand float operation under all NaN policies.</summary>
    public static string? VerifyBinary(TestFormat f, OracleCase c, OracleResult expected, BinaryOp op)
    {
        FpExceptions flags = FpExceptions.None;
        ulong r = op(c.A, c.B, Env(c), ref flags);
        string? problem = Compare(f, expected, r, flags, "X86: ");
        if (problem is not null)
        {
            return problem;
        }

        foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.Canonical, NanPolicy.Propagate, NanPolicy.DefaultNan])
        {
            flags = FpExceptions.None;
            r = op(c.A, c.B, Env(c, policy), ref flags);
            OracleResult want = !f.IsNaN(expected.Value) ? expected
                : new OracleResult(policy == NanPolicy.Propagate ? ExpectedPropagate(f, c.A, c.B) : f.DefaultNaN, expected.Flags);
            problem = Compare(f, want, r, flags, policy + ": ");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks a fused multiply-add under all NaN policies. Differences from x86 that are checked explicitly:
    /// Propagate uses ARM's operand priority (addend first) and inf*0 + quiet NaN raises Invalid and gives the
    /// default NaN for every non-x86 policy. With <paramref name="exactNaN"/> false, x86 NaN results are only
    /// checked to be NaNs (oracle without FMA hardware).
    /// </summary>
    public static string? VerifyTernary(TestFormat f, OracleCase c, OracleResult expected, TernaryOp op, bool exactNaN = true)
    {
        FpExceptions flags = FpExceptions.None;
        ulong r = op(c.A, c.B, c.C, Env(c), ref flags);
        if (!exactNaN && f.IsNaN(expected.Value) && f.IsNaN(r))
        {
            expected = expected with { Value = r };
        }

        string? problem = Compare(f, expected, r, flags, "X86: ");
        if (problem is not null)
        {
            return problem;
        }

        ulong a = c.A, b = c.B, addend = c.C;
        if (c.Daz)
        {
            a = f.IsSubnormal(a) ? a & f.SignBit : a;
            b = f.IsSubnormal(b) ? b & f.SignBit : b;
        }

        bool infTimesZero = (f.IsInf(a) && f.IsZero(b)) || (f.IsZero(a) && f.IsInf(b));
        foreach (NanPolicy policy in (ReadOnlySpan<NanPolicy>)[NanPolicy.Canonical, NanPolicy.Propagate, NanPolicy.DefaultNan])
        {
            flags = FpExceptions.None;
            r = op(c.A, c.B, c.C, Env(c, policy), ref flags);
            OracleResult want;
            if (infTimesZero && f.IsQuietNaN(addend))
            {
                want = new OracleResult(f.DefaultNaN, expected.Flags | FpExceptions.Invalid);
            }
            else if (f.IsNaN(expected.Value))
            {
                want = new OracleResult(policy == NanPolicy.Propagate ? ExpectedPropagate(f, c.C, c.A, c.B) : f.DefaultNaN, expected.Flags);
            }
            else
            {
                want = expected;
            }

            problem = Compare(f, want, r, flags, policy + ": ");
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }
}
