using System.Numerics;
using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Tests;

/// <summary>
/// What every backend must do with the v128 lane operations: hand-computed cases, then every
/// operation at every lane width against <see cref="VectorReference"/> over many random vectors.
/// One source file, compiled into each backend's test project like <see cref="BackendContractTests"/>.
/// Inputs come from guest state, so the backends compute them at run time rather than fold them.
/// </summary>
public abstract class VectorContractTests
{
    private const int InputA = 0, InputB = 16, InputC = 32, FirstResult = 64;
    private const int StateSize = 4096;

    private readonly GuestContext _context = new(new GuestState(StateSize), new FlatMemory(0x1000, 0x1000), StateSize - 8);

    protected abstract IBackend Backend { get; }

    /// <summary>One operation under test: how to build it from the inputs A, B, C and what it must give.</summary>
    private sealed record Case(string Name, Func<IrBuilder, Value, Value, Value, Value> Build, Func<UInt128, UInt128, UInt128, UInt128> Expected);

    private static IrBuilder Builder()
    {
        var builder = new IrBuilder(0x1000);
        builder.BeginInstruction(0x1000, 4);
        return builder;
    }

    /// <summary>Compiles one block computing every case from the state inputs into its own result slot.</summary>
    private ICompiledBlock Compile(IReadOnlyList<Case> cases, (UInt128 A, UInt128 B, UInt128 C)? constants = null)
    {
        var b = Builder();
        Value a, bb, c;
        if (constants is { } k)
            (a, bb, c) = (Const(b, k.A), Const(b, k.B), Const(b, k.C));
        else
            (a, bb, c) = (b.GetReg(IrType.V128, InputA), b.GetReg(IrType.V128, InputB), b.GetReg(IrType.V128, InputC));
        for (var i = 0; i < cases.Count; i++)
        {
            var result = cases[i].Build(b, a, bb, c);
            // Scalar results (reductions) travel zero-extended in a v128 slot.
            if (b.TypeOf(result) != IrType.V128) result = b.Bitcast(IrType.V128, b.ZeroExtend(IrType.I128, result));
            b.SetReg(FirstResult + 16 * i, result);
        }
        b.ExitDirect(0x2000);
        IrVerifier.Verify(b.Block);
        return Backend.Compile(b.Block);
    }

    private static Value Const(IrBuilder b, UInt128 value) => b.Const(IrType.V128, (ulong)value, (ulong)(value >> 64));

    private UInt128 RunOne(Case @case, UInt128 a, UInt128 b = default, UInt128 c = default) => Run([@case], a, b, c)[0];

    private UInt128[] Run(IReadOnlyList<Case> cases, UInt128 a, UInt128 b = default, UInt128 c = default) => Execute(Compile(cases), cases.Count, a, b, c);

    private UInt128[] Execute(ICompiledBlock block, int count, UInt128 a, UInt128 b, UInt128 c)
    {
        var state = _context.State;
        state.Write128(InputA, a);
        state.Write128(InputB, b);
        state.Write128(InputC, c);
        Assert.Equal(BlockExit.Jump(0x2000, 1), block.Execute(_context));
        var results = new UInt128[count];
        for (var i = 0; i < count; i++) results[i] = state.Read128(FirstResult + 16 * i);
        return results;
    }

    private static Case Op(Opcode op, int laneBits) =>
        new($"{op}.{laneBits}", (b, x, y, _) => b.VBinary(op, laneBits, x, y), (x, y, _) => VectorReference.Binary(op, laneBits, x, y));

    private static Case Op1(Opcode op, int laneBits) =>
        new($"{op}.{laneBits}", (b, x, _, _) => b.VUnary(op, laneBits, x), (x, _, _) => VectorReference.Unary(op, laneBits, x));

    // ---- Hand-computed cases ---------------------------------------------------------------

    [Fact]
    public void LaneArithmeticWrapsWithinEachLane()
    {
        var a = VectorReference.Join([0x7FFF, 0xFFFF, 1, 2, 3, 4, 5, 0x8000], 16);
        var b = VectorReference.Join([1, 1, 0xFFFF, 2, 3, 0, 0x10, 0x8000], 16);
        var results = Run([Op(Opcode.VAdd, 16), Op(Opcode.VSub, 16), Op(Opcode.VMul, 16), Op1(Opcode.VNeg, 16), Op1(Opcode.VAbs, 16)], a, b);
        Assert.Equal(VectorReference.Join([0x8000, 0, 0, 4, 6, 4, 0x15, 0], 16), results[0]);
        Assert.Equal(VectorReference.Join([0x7FFE, 0xFFFE, 2, 0, 0, 4, 0xFFF5, 0], 16), results[1]);
        Assert.Equal(VectorReference.Join([0x7FFF, 0xFFFF, 0xFFFF, 4, 9, 0, 0x50, 0], 16), results[2]);
        Assert.Equal(VectorReference.Join([0x8001, 1, 0xFFFF, 0xFFFE, 0xFFFD, 0xFFFC, 0xFFFB, 0x8000], 16), results[3]);
        Assert.Equal(VectorReference.Join([0x7FFF, 1, 1, 2, 3, 4, 5, 0x8000], 16), results[4]);
    }

    [Fact]
    public void SaturatingArithmeticClampsAndTheWrappingResultRevealsIt()
    {
        var a = VectorReference.Join([0x7F, 0x80, 0xFF, 0x00, 10, 0x80, 0x7F, 5, 0, 0, 0, 0, 0, 0, 0, 0], 8);
        var b = VectorReference.Join([0x01, 0xFF, 0x01, 0x01, 20, 0x01, 0xFF, 5, 0, 0, 0, 0, 0, 0, 0, 0], 8);
        var results = Run([Op(Opcode.VAddSatS, 8), Op(Opcode.VAddSatU, 8), Op(Opcode.VSubSatS, 8), Op(Opcode.VSubSatU, 8)], a, b);
        // 127+1, -128+-1, -1+1, 0+1, 10+20, -128+1, 127+-1, 5+5
        Assert.Equal(VectorReference.Join([0x7F, 0x80, 0x00, 0x01, 30, 0x81, 0x7E, 10, 0, 0, 0, 0, 0, 0, 0, 0], 8), results[0]);
        Assert.Equal(VectorReference.Join([0x80, 0xFF, 0xFF, 0x01, 30, 0x81, 0xFF, 10, 0, 0, 0, 0, 0, 0, 0, 0], 8), results[1]);
        Assert.Equal(VectorReference.Join([0x7E, 0x81, 0xFE, 0xFF, 0xF6, 0x80, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8), results[2]);
        Assert.Equal(VectorReference.Join([0x7E, 0x00, 0xFE, 0x00, 0x00, 0x7F, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8), results[3]);

        // The documented saturation test: any lane where the saturating and wrapping sums differ.
        var saturated = new Case("qc", (bld, x, y, _) =>
        {
            var difference = bld.Xor(bld.VBinary(Opcode.VAddSatS, 8, x, y), bld.VAdd(8, x, y));
            return bld.Cmp(Condition.Ne, bld.Bitcast(IrType.I128, difference), bld.Const(IrType.I128, 0));
        }, (_, _, _) => 0);
        Assert.Equal(UInt128.One, RunOne(saturated, a, b));
        Assert.Equal(UInt128.Zero, RunOne(saturated, VectorReference.Join([1, 2, 3, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8), VectorReference.Join([1, 2, 3, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8)));
    }

    [Fact]
    public void MinMaxAndComparesTreatLanesAsSignedOrUnsigned()
    {
        var a = VectorReference.Join([1, 0xFFFF_FFFF, 5, 0x8000_0000], 32);
        var b = VectorReference.Join([0, 0, 5, 0x7FFF_FFFF], 32);
        var cases = new List<Case>
        {
            Op(Opcode.VMinS, 32), Op(Opcode.VMinU, 32), Op(Opcode.VMaxS, 32), Op(Opcode.VMaxU, 32),
            new("gts", (bld, x, y, _) => bld.VCmp(Condition.GtS, 32, x, y), (_, _, _) => 0),
            new("gtu", (bld, x, y, _) => bld.VCmp(Condition.GtU, 32, x, y), (_, _, _) => 0),
            new("eq", (bld, x, y, _) => bld.VCmp(Condition.Eq, 32, x, y), (_, _, _) => 0),
            new("les", (bld, x, y, _) => bld.VCmp(Condition.LeS, 32, x, y), (_, _, _) => 0),
        };
        var results = Run(cases, a, b);
        const ulong T = 0xFFFF_FFFF;
        Assert.Equal(VectorReference.Join([0, 0xFFFF_FFFF, 5, 0x8000_0000], 32), results[0]);
        Assert.Equal(VectorReference.Join([0, 0, 5, 0x7FFF_FFFF], 32), results[1]);
        Assert.Equal(VectorReference.Join([1, 0, 5, 0x7FFF_FFFF], 32), results[2]);
        Assert.Equal(VectorReference.Join([1, 0xFFFF_FFFF, 5, 0x8000_0000], 32), results[3]);
        Assert.Equal(VectorReference.Join([T, 0, 0, 0], 32), results[4]);
        Assert.Equal(VectorReference.Join([T, T, 0, T], 32), results[5]);
        Assert.Equal(VectorReference.Join([0, 0, T, 0], 32), results[6]);
        Assert.Equal(VectorReference.Join([0, T, T, T], 32), results[7]);
    }

    [Fact]
    public void ShiftsByTheLaneWidthAndBySignedLaneAmounts()
    {
        var a = VectorReference.Join([0x8000, 0x1234, 0x00F0, 0xFFFF, 0x8001, 1, 2, 0x4000], 16);
        var results = Run(
        [
            new("shl16", (b, x, _, _) => b.VShift(Opcode.VShl, 16, x, 16), (_, _, _) => 0),
            new("shru16", (b, x, _, _) => b.VShift(Opcode.VShrU, 16, x, 16), (_, _, _) => 0),
            new("shrs16", (b, x, _, _) => b.VShift(Opcode.VShrS, 16, x, 16), (_, _, _) => 0),
            new("shl4", (b, x, _, _) => b.VShift(Opcode.VShl, 16, x, 4), (_, _, _) => 0),
            new("shrs4", (b, x, _, _) => b.VShift(Opcode.VShrS, 16, x, 4), (_, _, _) => 0),
        ], a);
        Assert.Equal(UInt128.Zero, results[0]);
        Assert.Equal(UInt128.Zero, results[1]);
        Assert.Equal(VectorReference.Join([0xFFFF, 0, 0, 0xFFFF, 0xFFFF, 0, 0, 0], 16), results[2]);
        Assert.Equal(VectorReference.Join([0, 0x2340, 0x0F00, 0xFFF0, 0x0010, 0x10, 0x20, 0], 16), results[3]);
        Assert.Equal(VectorReference.Join([0xF800, 0x0123, 0x000F, 0xFFFF, 0xF800, 0, 0, 0x0400], 16), results[4]);

        // Lane amounts: -2, -40, 31, 0x100 (low byte 0); signed and unsigned.
        var values = VectorReference.Join([unchecked((uint)-16), 16, 1, 0x8000_0000], 32);
        var amounts = VectorReference.Join([unchecked((uint)-2), unchecked((uint)-40), 31, 0x100], 32);
        var shifted = Run([Op(Opcode.VShlVarS, 32), Op(Opcode.VShlVarU, 32)], values, amounts);
        Assert.Equal(VectorReference.Join([unchecked((uint)-4), 0, 0x8000_0000, 0x8000_0000], 32), shifted[0]);
        Assert.Equal(VectorReference.Join([0x3FFF_FFFC, 0, 0x8000_0000, 0x8000_0000], 32), shifted[1]);
        var bytes = Run([Op(Opcode.VShlVarS, 8), Op(Opcode.VShlVarU, 8)],
            VectorReference.Join([0x80, 0x80, 0x80, 0x01, 0x01, 0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8),
            VectorReference.Join([0x80, 0xF9, 0xF8, 0x07, 0x08, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8));
        // -128 and -8 shift everything out (sign fill or 0), -7 leaves the sign bit (or bit 0), 7 moves bit 0 to the top, 8 and 127 shift out.
        Assert.Equal(VectorReference.Join([0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8), bytes[0]);
        Assert.Equal(VectorReference.Join([0x00, 0x01, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 8), bytes[1]);
    }

    [Fact]
    public void DupShuffleAndTableLookupMoveBytes()
    {
        var a = VectorReference.Join(Enumerable.Range(0, 16).Select(i => (ulong)i).ToArray(), 8);
        var b = VectorReference.Join(Enumerable.Range(0x10, 16).Select(i => (ulong)i).ToArray(), 8);
        byte[] ext3 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
        byte[] zip1H = [0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23];
        byte[] rev64 = [7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8];
        var results = Run(
        [
            new("dup", (bld, _, _, _) => bld.VDup(bld.Const32(0xDEAD_BEEF)), (_, _, _) => 0),
            new("dupLane", (bld, x, _, _) => bld.VDup(bld.VExtract(IrType.I16, x, 5)), (_, _, _) => 0),
            new("ext", (bld, x, y, _) => bld.VShuffle(x, y, ext3), (_, _, _) => 0),
            new("zip1", (bld, x, y, _) => bld.VShuffle(x, y, zip1H), (_, _, _) => 0),
            new("rev64", (bld, x, y, _) => bld.VShuffle(x, y, rev64), (_, _, _) => 0),
        ], a, b);
        Assert.Equal(VectorReference.Join([0xDEAD_BEEF, 0xDEAD_BEEF, 0xDEAD_BEEF, 0xDEAD_BEEF], 32), results[0]);
        Assert.Equal(VectorReference.Join([0x0B0A, 0x0B0A, 0x0B0A, 0x0B0A, 0x0B0A, 0x0B0A, 0x0B0A, 0x0B0A], 16), results[1]);
        Assert.Equal(VectorReference.Join(ext3.Select(i => (ulong)i).ToArray(), 8), results[2]);
        Assert.Equal(VectorReference.Join(zip1H.Select(i => (ulong)i).ToArray(), 8), results[3]);
        Assert.Equal(VectorReference.Join(rev64.Select(i => (ulong)i).ToArray(), 8), results[4]);

        var table = VectorReference.Join(Enumerable.Range(0xA0, 16).Select(i => (ulong)i).ToArray(), 8);
        var indices = VectorReference.Join([0, 15, 16, 255, 3, 0x80, 1, 2, 17, 31, 14, 0, 0, 0, 0, 9], 8);
        var fallback = VectorReference.Join(Enumerable.Repeat(0xEEUL, 16).ToArray(), 8);
        var looked = RunOne(new("tbl", (bld, x, y, z) => bld.VTableLookup(x, y, z), (_, _, _) => 0), table, indices, fallback);
        Assert.Equal(VectorReference.Join([0xA0, 0xAF, 0xEE, 0xEE, 0xA3, 0xEE, 0xA1, 0xA2, 0xEE, 0xEE, 0xAE, 0xA0, 0xA0, 0xA0, 0xA0, 0xA9], 8), looked);
    }

    [Fact]
    public void WidenNarrowAndReduce()
    {
        var bytes = VectorReference.Join([1, 2, 3, 4, 5, 6, 7, 8, 0x80, 0xFF, 0x7F, 0, 1, 2, 3, 4], 8);
        var results = Run(
        [
            new("widenSHigh", (b, x, _, _) => b.VWiden(true, 8, x, 1), (_, _, _) => 0),
            new("widenULow", (b, x, _, _) => b.VWiden(false, 8, x, 0), (_, _, _) => 0),
            new("widenUHigh", (b, x, _, _) => b.VWiden(false, 8, x, 1), (_, _, _) => 0),
        ], bytes);
        Assert.Equal(VectorReference.Join([0xFF80, 0xFFFF, 0x007F, 0, 1, 2, 3, 4], 16), results[0]);
        Assert.Equal(VectorReference.Join([1, 2, 3, 4, 5, 6, 7, 8], 16), results[1]);
        Assert.Equal(VectorReference.Join([0x80, 0xFF, 0x7F, 0, 1, 2, 3, 4], 16), results[2]);

        var halves = VectorReference.Join([300, unchecked((ushort)-300), 5, unchecked((ushort)-5), 0x1234, 0x80, 0x7F, 0xFFFF], 16);
        var narrowed = Run(
        [
            new("xtn", (b, x, _, _) => b.VNarrow(Opcode.VNarrow, 8, x), (_, _, _) => 0),
            new("sqxtn", (b, x, _, _) => b.VNarrow(Opcode.VNarrowSatS, 8, x), (_, _, _) => 0),
            new("uqxtn", (b, x, _, _) => b.VNarrow(Opcode.VNarrowSatU, 8, x), (_, _, _) => 0),
            new("sqxtun", (b, x, _, _) => b.VNarrow(Opcode.VNarrowSatSU, 8, x), (_, _, _) => 0),
        ], halves);
        Assert.Equal(VectorReference.Join([0x2C, 0xD4, 5, 0xFB, 0x34, 0x80, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0], 8), narrowed[0]);
        Assert.Equal(VectorReference.Join([0x7F, 0x80, 5, 0xFB, 0x7F, 0x7F, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0], 8), narrowed[1]);
        Assert.Equal(VectorReference.Join([0xFF, 0xFF, 5, 0xFF, 0xFF, 0x80, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0], 8), narrowed[2]);
        Assert.Equal(VectorReference.Join([0xFF, 0x00, 5, 0x00, 0xFF, 0x80, 0x7F, 0x00, 0, 0, 0, 0, 0, 0, 0, 0], 8), narrowed[3]);

        // The documented saturation test for narrowing: widen back and compare with the input.
        var saturatedLanes = RunOne(new("sqxtn.qc", (b, x, _, _) =>
            b.VCmp(Condition.Ne, 16, b.VWiden(true, 8, b.VNarrow(Opcode.VNarrowSatS, 8, x), 0), x), (_, _, _) => 0), halves);
        Assert.Equal(VectorReference.Join([0xFFFF, 0xFFFF, 0, 0, 0xFFFF, 0xFFFF, 0, 0], 16), saturatedLanes);

        Case Reduce(VectorReduction reduction, int laneBits) =>
            new($"{reduction}", (b, x, _, _) => b.VReduce(reduction, laneBits, x), (_, _, _) => 0);
        var reduced = Run([Reduce(VectorReduction.Add, 8), Reduce(VectorReduction.MaxS, 8), Reduce(VectorReduction.MaxU, 8),
            Reduce(VectorReduction.MinS, 8), Reduce(VectorReduction.MinU, 8), Reduce(VectorReduction.Add, 64)], bytes);
        Assert.Equal((UInt128)((1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 0x80 + 0xFF + 0x7F + 0 + 1 + 2 + 3 + 4) & 0xFF), reduced[0]);
        Assert.Equal((UInt128)0x7F, reduced[1]);
        Assert.Equal((UInt128)0xFF, reduced[2]);
        Assert.Equal((UInt128)0x80, reduced[3]);
        Assert.Equal((UInt128)0, reduced[4]);
        Assert.Equal((UInt128)(0x0807060504030201UL + 0x04030201007FFF80UL), reduced[5]);
    }

    [Fact]
    public void BitCountsAndWholeVectorBitwiseOperations()
    {
        var a = VectorReference.Join([0, 1, 0x8000_0000, 0x0F0F_0F0F], 32);
        var b = VectorReference.Join([0xFFFF_FFFF, 3, 0x8000_0001, 0xFF00_FF00], 32);
        var results = Run(
        [
            Op1(Opcode.VClz, 32), Op1(Opcode.VPopcount, 8), Op1(Opcode.VPopcount, 32),
            new("and", (bld, x, y, _) => bld.And(x, y), (_, _, _) => 0),
            new("orNot", (bld, x, y, _) => bld.Or(x, bld.Not(y)), (_, _, _) => 0),
            new("xor", (bld, x, y, _) => bld.Xor(x, y), (_, _, _) => 0),
            new("select", (bld, x, y, _) => bld.Select(bld.Cmp(Condition.Eq, bld.VExtract(IrType.I32, x, 1), bld.Const32(1)), y, x), (_, _, _) => 0),
        ], a, b);
        Assert.Equal(VectorReference.Join([32, 31, 0, 4], 32), results[0]);
        Assert.Equal(VectorReference.Join([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 4, 4, 4, 4], 8), results[1]);
        Assert.Equal(VectorReference.Join([0, 1, 1, 16], 32), results[2]);
        Assert.Equal(a & b, results[3]);
        Assert.Equal(a | ~b, results[4]);
        Assert.Equal(a ^ b, results[5]);
        Assert.Equal(b, results[6]);
    }

    // ---- Every operation against the reference ----------------------------------------------

    /// <summary>Every lane operation at one lane width (and the byte-wise ones with the 8-bit set).</summary>
    private static List<Case> AllCases(int laneBits, Random random)
    {
        var cases = new List<Case>();
        foreach (var op in new[] { Opcode.VAdd, Opcode.VSub, Opcode.VMul, Opcode.VAddSatS, Opcode.VAddSatU, Opcode.VSubSatS, Opcode.VSubSatU,
                     Opcode.VMinS, Opcode.VMinU, Opcode.VMaxS, Opcode.VMaxU, Opcode.VShlVarU, Opcode.VShlVarS })
            cases.Add(Op(op, laneBits));
        foreach (var op in new[] { Opcode.VNeg, Opcode.VAbs, Opcode.VPopcount, Opcode.VClz })
            cases.Add(Op1(op, laneBits));
        foreach (var condition in Enum.GetValues<Condition>())
            cases.Add(new($"VCmp.{condition}.{laneBits}", (b, x, y, _) => b.VCmp(condition, laneBits, x, y),
                (x, y, _) => VectorReference.Compare(condition, laneBits, x, y)));
        foreach (var op in new[] { Opcode.VShl, Opcode.VShrU, Opcode.VShrS })
            foreach (var amount in new[] { 0, 1, random.Next(2, laneBits - 1), laneBits - 1, laneBits })
                cases.Add(new($"{op}.{laneBits}#{amount}", (b, x, _, _) => b.VShift(op, laneBits, x, amount),
                    (x, _, _) => VectorReference.Shift(op, laneBits, x, amount)));
        var dupLane = random.Next(128 / laneBits);
        cases.Add(new($"VDup.{laneBits}[{dupLane}]", (b, x, _, _) => b.VDup(b.VExtract(VectorEval.LaneType(laneBits), x, dupLane)),
            (x, _, _) => VectorReference.Join(Enumerable.Repeat(VectorReference.Split(x, laneBits)[dupLane], 128 / laneBits).ToArray(), laneBits)));
        foreach (var reduction in Enum.GetValues<VectorReduction>())
            cases.Add(new($"VReduce.{reduction}.{laneBits}", (b, x, _, _) => b.VReduce(reduction, laneBits, x),
                (x, _, _) => VectorReference.Reduce(reduction, laneBits, x)));
        if (laneBits < 64)
        {
            foreach (var signed in new[] { false, true })
                foreach (var half in new[] { 0, 1 })
                    cases.Add(new($"VWiden{(signed ? 'S' : 'U')}.{laneBits}#{half}", (b, x, _, _) => b.VWiden(signed, laneBits, x, half),
                        (x, _, _) => VectorReference.Widen(signed, laneBits, x, half)));
            foreach (var op in new[] { Opcode.VNarrow, Opcode.VNarrowSatS, Opcode.VNarrowSatU, Opcode.VNarrowSatSU })
                cases.Add(new($"{op}.{laneBits}", (b, x, _, _) => b.VNarrow(op, laneBits, x), (x, _, _) => VectorReference.Narrow(op, laneBits, x)));
        }
        if (laneBits == 8)
        {
            for (var p = 0; p < 6; p++)
            {
                var pattern = new byte[16];
                for (var i = 0; i < 16; i++) pattern[i] = (byte)random.Next(32);
                cases.Add(new($"VShuffle[{string.Join(' ', pattern)}]", (b, x, y, _) => b.VShuffle(x, y, pattern),
                    (x, y, _) => VectorReference.Shuffle(x, y, pattern)));
            }
            cases.Add(new("VTableLookup", (b, x, y, z) => b.VTableLookup(x, y, z), VectorReference.TableLookup));
            cases.Add(new("And", (b, x, y, _) => b.And(x, y), (x, y, _) => x & y));
            cases.Add(new("Or", (b, x, y, _) => b.Or(x, y), (x, y, _) => x | y));
            cases.Add(new("Xor", (b, x, y, _) => b.Xor(x, y), (x, y, _) => x ^ y));
            cases.Add(new("Not", (b, x, _, _) => b.Not(x), (x, _, _) => ~x));
        }
        return cases;
    }

    /// <summary>
    /// Random vectors biased to the values where lane operations go wrong: 0, ±1, the signed and
    /// unsigned extremes and small numbers (shift amounts and table indices), per lane.
    /// </summary>
    private static UInt128 RandomVector(Random random)
    {
        var laneBits = 8 << random.Next(4);
        var lanes = new ulong[128 / laneBits];
        var mask = VectorEval.LaneMask(laneBits);
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = random.Next(8) switch
            {
                0 => 0,
                1 => 1,
                2 => mask,
                3 => 1UL << (laneBits - 1),
                4 => (1UL << (laneBits - 1)) - 1,
                5 => (ulong)random.Next(-40, 41),
                _ => (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1),
            } & mask;
        }
        return VectorReference.Join(lanes, laneBits);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void EveryOperationMatchesTheReference(int laneBits)
    {
        var random = new Random(0x5EED + laneBits);
        var cases = AllCases(laneBits, random);
        var block = Compile(cases);
        for (var round = 0; round < 300; round++)
        {
            var (a, b, c) = (RandomVector(random), RandomVector(random), RandomVector(random));
            var results = Execute(block, cases.Count, a, b, c);
            for (var i = 0; i < cases.Count; i++)
            {
                var expected = cases[i].Expected(a, b, c);
                if (results[i] != expected)
                    Assert.Fail($"{cases[i].Name} round {round}: a={a:x32} b={b:x32} c={c:x32}: got {results[i]:x32}, expected {expected:x32}");
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    public void ConstantOperandsGiveTheSameResults(int laneBits)
    {
        // Constant inputs let a backend fold the operations at compile time: the folded values must agree too.
        var random = new Random(0xC0DE + laneBits);
        var cases = AllCases(laneBits, random);
        for (var round = 0; round < 3; round++)
        {
            var (a, b, c) = (RandomVector(random), RandomVector(random), RandomVector(random));
            var results = Execute(Compile(cases, (a, b, c)), cases.Count, 0, 0, 0);
            for (var i = 0; i < cases.Count; i++)
                Assert.True(results[i] == cases[i].Expected(a, b, c), $"{cases[i].Name}: a={a:x32} b={b:x32} c={c:x32}: got {results[i]:x32}");
        }
    }
}

/// <summary>
/// The v128 operations written out independently of <see cref="VectorEval"/>, lane by lane with
/// exact (BigInteger) arithmetic and explicit clamping: the reference the backends are held to.
/// </summary>
public static class VectorReference
{
    public static ulong[] Split(UInt128 vector, int laneBits)
    {
        var lanes = new ulong[128 / laneBits];
        for (var i = 0; i < lanes.Length; i++) lanes[i] = (ulong)((vector >> (i * laneBits)) & Mask(laneBits));
        return lanes;
    }

    public static UInt128 Join(ulong[] lanes, int laneBits)
    {
        Assert.Equal(128 / laneBits, lanes.Length);
        UInt128 vector = 0;
        for (var i = 0; i < lanes.Length; i++) vector |= ((UInt128)lanes[i] & Mask(laneBits)) << (i * laneBits);
        return vector;
    }

    private static UInt128 Mask(int bits) => (UInt128.One << bits) - 1;

    private static BigInteger Unsigned(ulong lane) => lane;

    private static BigInteger Signed(ulong lane, int bits) => lane >= 1UL << (bits - 1) ? (BigInteger)lane - (BigInteger.One << bits) : lane;

    /// <summary>An exact value reduced modulo 2^bits (two's complement wrap).</summary>
    private static ulong Wrap(BigInteger value, int bits) => (ulong)(value & ((BigInteger.One << bits) - 1));

    private static ulong Clamp(BigInteger value, BigInteger min, BigInteger max, int bits) =>
        Wrap(BigInteger.Max(min, BigInteger.Min(max, value)), bits);

    private static BigInteger SignedMin(int bits) => -(BigInteger.One << (bits - 1));
    private static BigInteger SignedMax(int bits) => (BigInteger.One << (bits - 1)) - 1;
    private static BigInteger UnsignedMax(int bits) => (BigInteger.One << bits) - 1;

    private static UInt128 Lanewise(int bits, UInt128 a, UInt128 b, Func<ulong, ulong, ulong> f)
    {
        var x = Split(a, bits);
        var y = Split(b, bits);
        return Join(x.Select((lane, i) => f(lane, y[i])).ToArray(), bits);
    }

    /// <summary>Shifts an exact value left (amount &gt;= 0) or right (floor division by a power of two).</summary>
    private static BigInteger ShiftExact(BigInteger value, int amount) => amount >= 0 ? value << amount : value >> -amount;

    public static UInt128 Binary(Opcode op, int bits, UInt128 a, UInt128 b) => Lanewise(bits, a, b, (x, y) => op switch
    {
        Opcode.VAdd => Wrap(Unsigned(x) + Unsigned(y), bits),
        Opcode.VSub => Wrap(Unsigned(x) - Unsigned(y), bits),
        Opcode.VMul => Wrap(Unsigned(x) * Unsigned(y), bits),
        Opcode.VAddSatS => Clamp(Signed(x, bits) + Signed(y, bits), SignedMin(bits), SignedMax(bits), bits),
        Opcode.VSubSatS => Clamp(Signed(x, bits) - Signed(y, bits), SignedMin(bits), SignedMax(bits), bits),
        Opcode.VAddSatU => Clamp(Unsigned(x) + Unsigned(y), 0, UnsignedMax(bits), bits),
        Opcode.VSubSatU => Clamp(Unsigned(x) - Unsigned(y), 0, UnsignedMax(bits), bits),
        Opcode.VMinS => Wrap(BigInteger.Min(Signed(x, bits), Signed(y, bits)), bits),
        Opcode.VMaxS => Wrap(BigInteger.Max(Signed(x, bits), Signed(y, bits)), bits),
        Opcode.VMinU => Wrap(BigInteger.Min(Unsigned(x), Unsigned(y)), bits),
        Opcode.VMaxU => Wrap(BigInteger.Max(Unsigned(x), Unsigned(y)), bits),
        // The amount is the signed low byte; shifting the exact value and wrapping gives 0 / sign fill by itself.
        Opcode.VShlVarU => Wrap(ShiftExact(Unsigned(x), (sbyte)(byte)y), bits),
        Opcode.VShlVarS => Wrap(ShiftExact(Signed(x, bits), (sbyte)(byte)y), bits),
        _ => throw new ArgumentException(op.ToString()),
    });

    public static UInt128 Unary(Opcode op, int bits, UInt128 a) => Lanewise(bits, a, 0, (x, _) => op switch
    {
        Opcode.VNeg => Wrap(-Unsigned(x), bits),
        Opcode.VAbs => Wrap(BigInteger.Abs(Signed(x, bits)), bits),
        Opcode.VPopcount => (ulong)Enumerable.Range(0, bits).Count(i => (x >> i & 1) != 0),
        Opcode.VClz => (ulong)Enumerable.Range(0, bits + 1).First(n => n == bits || (x >> (bits - 1 - n) & 1) != 0),
        _ => throw new ArgumentException(op.ToString()),
    });

    public static UInt128 Compare(Condition condition, int bits, UInt128 a, UInt128 b) => Lanewise(bits, a, b, (x, y) =>
    {
        var (sx, sy, ux, uy) = (Signed(x, bits), Signed(y, bits), Unsigned(x), Unsigned(y));
        var holds = condition switch
        {
            Condition.Eq => ux == uy,
            Condition.Ne => ux != uy,
            Condition.LtS => sx < sy,
            Condition.LeS => sx <= sy,
            Condition.GtS => sx > sy,
            Condition.GeS => sx >= sy,
            Condition.LtU => ux < uy,
            Condition.LeU => ux <= uy,
            Condition.GtU => ux > uy,
            Condition.GeU => ux >= uy,
            _ => throw new ArgumentException(condition.ToString()),
        };
        return holds ? Wrap(-1, bits) : 0;
    });

    public static UInt128 Shift(Opcode op, int bits, UInt128 a, int amount) => Lanewise(bits, a, 0, (x, _) => op switch
    {
        Opcode.VShl => Wrap(Unsigned(x) << amount, bits),
        Opcode.VShrU => Wrap(Unsigned(x) >> amount, bits),
        Opcode.VShrS => Wrap(Signed(x, bits) >> amount, bits),
        _ => throw new ArgumentException(op.ToString()),
    });

    public static UInt128 Shuffle(UInt128 a, UInt128 b, byte[] pattern)
    {
        var bytes = Split(a, 8).Concat(Split(b, 8)).ToArray();
        return Join(pattern.Select(i => bytes[i]).ToArray(), 8);
    }

    public static UInt128 TableLookup(UInt128 table, UInt128 indices, UInt128 fallback)
    {
        var (t, i, f) = (Split(table, 8), Split(indices, 8), Split(fallback, 8));
        return Join(Enumerable.Range(0, 16).Select(n => i[n] < 16 ? t[i[n]] : f[n]).ToArray(), 8);
    }

    public static UInt128 Widen(bool signed, int narrowBits, UInt128 a, int half)
    {
        var lanes = Split(a, narrowBits);
        var count = lanes.Length / 2;
        return Join(lanes.Skip(half * count).Take(count).Select(x => Wrap(signed ? Signed(x, narrowBits) : Unsigned(x), narrowBits * 2)).ToArray(), narrowBits * 2);
    }

    public static UInt128 Narrow(Opcode op, int narrowBits, UInt128 a)
    {
        var wideBits = narrowBits * 2;
        var narrowed = Split(a, wideBits).Select(x => op switch
        {
            Opcode.VNarrow => Wrap(Unsigned(x), narrowBits),
            Opcode.VNarrowSatS => Clamp(Signed(x, wideBits), SignedMin(narrowBits), SignedMax(narrowBits), narrowBits),
            Opcode.VNarrowSatU => Clamp(Unsigned(x), 0, UnsignedMax(narrowBits), narrowBits),
            Opcode.VNarrowSatSU => Clamp(Signed(x, wideBits), 0, UnsignedMax(narrowBits), narrowBits),
            _ => throw new ArgumentException(op.ToString()),
        });
        // The upper half of the result is zero.
        return Join(narrowed.Concat(Enumerable.Repeat(0UL, 64 / narrowBits)).ToArray(), narrowBits);
    }

    public static UInt128 Reduce(VectorReduction reduction, int bits, UInt128 a)
    {
        var lanes = Split(a, bits);
        var value = reduction switch
        {
            VectorReduction.Add => lanes.Aggregate(BigInteger.Zero, (sum, x) => sum + x),
            VectorReduction.MaxS => lanes.Select(x => Signed(x, bits)).Max(),
            VectorReduction.MinS => lanes.Select(x => Signed(x, bits)).Min(),
            VectorReduction.MaxU => lanes.Select(Unsigned).Max(),
            VectorReduction.MinU => lanes.Select(Unsigned).Min(),
            _ => throw new ArgumentException(reduction.ToString()),
        };
        return Wrap(value, bits);
    }
}
