using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// Random checks of the RISC-V and ARM min / max flavours against .NET's IEEE 754-2019 minimum / minimumNumber
/// (<see cref="double.Min(double, double)"/>, <see cref="double.MinNumber(double, double)"/>) plus the NaN rules.
/// </summary>
public sealed class MinMaxModelTests
{
    private const int Cases = 20000;

    [Fact]
    public void F32MinMaxFlavours() => Run(TestFormat.F32, 6001);

    [Fact]
    public void F64MinMaxFlavours() => Run(TestFormat.F64, 6002);

    private static void Run(TestFormat f, int defaultSeed)
    {
        int seed = OracleChecker.Seed(defaultSeed);
        var g = new OperandGenerator(f, seed);
        var failures = new List<string>();
        for (int i = 0; i < Cases && failures.Count < 20; i++)
        {
            (ulong a, ulong b) = g.ComparePair();
            double x = g.ToDouble(a);
            double y = g.ToDouble(b);
            FpExceptions invalid = f.IsSignalingNaN(a) || f.IsSignalingNaN(b) ? FpExceptions.Invalid : FpExceptions.None;
            bool anyNaN = f.IsNaN(a) || f.IsNaN(b);
            bool bothNaN = f.IsNaN(a) && f.IsNaN(b);
            ulong propagated = OracleChecker.ExpectedPropagate(f, a, b);
            bool quietVsNumber = (f.IsQuietNaN(a) && !f.IsNaN(b)) || (f.IsQuietNaN(b) && !f.IsNaN(a));

            foreach (bool max in (ReadOnlySpan<bool>)[false, true])
            {
                // RISC-V FMIN/FMAX (Canonical policy).
                ulong want = bothNaN ? f.DefaultNaN : g.FromDouble(max ? double.MaxNumber(x, y) : double.MinNumber(x, y));
                want = anyNaN && !bothNaN ? (f.IsNaN(a) ? b : a) : want;
                Expect(f, failures, $"{(max ? "Max" : "Min")}Number", a, b, want, invalid, Call(f, max ? "MaxNumber" : "MinNumber", a, b, NanPolicy.Canonical));

                // ARM FMIN/FMAX (Propagate policy).
                want = anyNaN ? propagated : g.FromDouble(max ? double.Max(x, y) : double.Min(x, y));
                Expect(f, failures, max ? "Max" : "Min", a, b, want, invalid, Call(f, max ? "Max" : "Min", a, b, NanPolicy.Propagate));

                // ARM FMINNM/FMAXNM (Propagate policy).
                if (quietVsNumber)
                {
                    want = f.IsNaN(a) ? b : a;
                }

                Expect(f, failures, $"{(max ? "Max" : "Min")}Num", a, b, want, invalid, Call(f, max ? "MaxNum" : "MinNum", a, b, NanPolicy.Propagate));
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n", failures));
    }

    private static void Expect(TestFormat f, List<string> failures, string op, ulong a, ulong b, ulong want, FpExceptions wantFlags, (ulong Bits, FpExceptions Flags) got)
    {
        if (got.Bits != want || got.Flags != wantFlags)
        {
            failures.Add($"{op}({f.Hex(a)}, {f.Hex(b)}): expected {f.Hex(want)} [{wantFlags}], got {f.Hex(got.Bits)} [{got.Flags}]");
        }
    }

    private static (ulong, FpExceptions) Call(TestFormat f, string op, ulong a, ulong b, NanPolicy policy)
    {
        var env = new FpEnv(RoundingMode.NearestEven, policy);
        FpExceptions flags = FpExceptions.None;
        ulong r;
        if (f.TotalBits == 32)
        {
            uint x = (uint)a, y = (uint)b;
            r = op switch
            {
                "MinNumber" => SoftFloat.F32MinNumber(x, y, env, ref flags),
                "MaxNumber" => SoftFloat.F32MaxNumber(x, y, env, ref flags),
                "Min" => SoftFloat.F32Min(x, y, env, ref flags),
                "Max" => SoftFloat.F32Max(x, y, env, ref flags),
                "MinNum" => SoftFloat.F32MinNum(x, y, env, ref flags),
                _ => SoftFloat.F32MaxNum(x, y, env, ref flags),
            };
        }
        else
        {
            r = op switch
            {
                "MinNumber" => SoftFloat.F64MinNumber(a, b, env, ref flags),
                "MaxNumber" => SoftFloat.F64MaxNumber(a, b, env, ref flags),
                "Min" => SoftFloat.F64Min(a, b, env, ref flags),
                "Max" => SoftFloat.F64Max(a, b, env, ref flags),
                "MinNum" => SoftFloat.F64MinNum(a, b, env, ref flags),
                _ => SoftFloat.F64MaxNum(a, b, env, ref flags),
            };
        }

        return (r, flags);
    }
}
