using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm.Runtime;

/// <summary>
/// The floating-point operations compiled code calls out for: the shared soft-float, with the
/// interpreter's exact dispatch, so NaN rules, dynamic rounding and flag accrual match it bit
/// for bit. Compiled code has already trapped on an invalid dynamic rounding mode.
/// </summary>
internal static class FloatingPointOps
{
    /// <summary>Packs what an FP instruction needs at run time into one 64-bit constant.</summary>
    public static ulong Describe(Instruction instruction, IrType operandType)
    {
        if (instruction.Imm is < 0 or > uint.MaxValue)
            throw new NotSupportedException($"{instruction.Op} immediate 0x{instruction.Imm:x} does not fit the LLVM backend's FP descriptor");
        if (instruction.Aux2 is < 0 or > byte.MaxValue)
            throw new NotSupportedException($"{instruction.Op} FP mode 0x{instruction.Aux2:x} does not fit the LLVM backend's FP descriptor");
        return (ulong)instruction.Op
            | (ulong)operandType << 8
            | (ulong)instruction.Type << 16
            | (ulong)instruction.Aux2 << 24
            | (ulong)instruction.Imm << 32;
    }

    public static ulong Evaluate(ulong descriptor, ulong a, ulong b, ulong c, int rounding, out byte raised)
    {
        var op = (Opcode)(descriptor & 0xFF);
        var operandType = (IrType)((descriptor >> 8) & 0xFF);
        var resultType = (IrType)((descriptor >> 16) & 0xFF);
        var mode = FpMode.Unpack((int)((descriptor >> 24) & 0xFF));
        var imm = (long)(descriptor >> 32);
        var env = mode.ToEnv((RoundingMode)rounding);
        var flags = FpExceptions.None;
        var single = operandType == IrType.F32;

        ulong result = op switch
        {
            Opcode.FAdd => single ? SoftFloat.F32Add((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Add(a, b, env, ref flags),
            Opcode.FSub => single ? SoftFloat.F32Sub((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Sub(a, b, env, ref flags),
            Opcode.FMul => single ? SoftFloat.F32Mul((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Mul(a, b, env, ref flags),
            Opcode.FDiv => single ? SoftFloat.F32Div((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Div(a, b, env, ref flags),
            Opcode.FSqrt => single ? SoftFloat.F32Sqrt((uint)a, env, ref flags) : SoftFloat.F64Sqrt(a, env, ref flags),
            Opcode.FMulAdd => single ? SoftFloat.F32MulAdd((uint)a, (uint)b, (uint)c, env, ref flags) : SoftFloat.F64MulAdd(a, b, c, env, ref flags),
            Opcode.FMinMax => MinMax((FpMinMaxKind)imm, single, a, b, env, ref flags),
            Opcode.FCmp => Compare((FpCompare)imm, single, a, b, ref flags) ? 1UL : 0UL,
            Opcode.FConvert => single ? SoftFloat.F32ToF64((uint)a, env, ref flags) : SoftFloat.F64ToF32(a, env, ref flags),
            Opcode.FToInt => ToInteger(imm, resultType, single, a, env, ref flags),
            Opcode.IntToF => FromInteger(imm, operandType, resultType, a, env, ref flags),
            Opcode.FRound => single
                ? SoftFloat.F32RoundToIntegral((uint)a, env, imm != 0, ref flags)
                : SoftFloat.F64RoundToIntegral(a, env, imm != 0, ref flags),
            _ => throw new InvalidOperationException($"not a floating-point operation: {op}"),
        };

        // Only ISAs that flush denormals report input-denormal; keep that bit out of the others' flag bytes.
        if (!mode.FlushToZero && !mode.DenormalsAreZero) flags &= ~FpExceptions.InputDenormal;
        raised = (byte)flags;
        return result & resultType.Mask();
    }

    private static ulong MinMax(FpMinMaxKind kind, bool single, ulong a, ulong b, in FpEnv env, ref FpExceptions flags) => (kind, single) switch
    {
        (FpMinMaxKind.MinNumber, true) => SoftFloat.F32MinNumber((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MaxNumber, true) => SoftFloat.F32MaxNumber((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.Min, true) => SoftFloat.F32Min((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.Max, true) => SoftFloat.F32Max((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MinNum, true) => SoftFloat.F32MinNum((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MaxNum, true) => SoftFloat.F32MaxNum((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MinX86, true) => SoftFloat.F32MinX86((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MaxX86, true) => SoftFloat.F32MaxX86((uint)a, (uint)b, env, ref flags),
        (FpMinMaxKind.MinNumber, false) => SoftFloat.F64MinNumber(a, b, env, ref flags),
        (FpMinMaxKind.MaxNumber, false) => SoftFloat.F64MaxNumber(a, b, env, ref flags),
        (FpMinMaxKind.Min, false) => SoftFloat.F64Min(a, b, env, ref flags),
        (FpMinMaxKind.Max, false) => SoftFloat.F64Max(a, b, env, ref flags),
        (FpMinMaxKind.MinNum, false) => SoftFloat.F64MinNum(a, b, env, ref flags),
        (FpMinMaxKind.MaxNum, false) => SoftFloat.F64MaxNum(a, b, env, ref flags),
        (FpMinMaxKind.MinX86, false) => SoftFloat.F64MinX86(a, b, env, ref flags),
        (FpMinMaxKind.MaxX86, false) => SoftFloat.F64MaxX86(a, b, env, ref flags),
        _ => throw new InvalidOperationException($"unknown min/max kind {kind}"),
    };

    private static bool Compare(FpCompare compare, bool single, ulong a, ulong b, ref FpExceptions flags) => (compare, single) switch
    {
        (FpCompare.Equal, true) => SoftFloat.F32Equal((uint)a, (uint)b, ref flags),
        (FpCompare.LessThan, true) => SoftFloat.F32LessThan((uint)a, (uint)b, ref flags),
        (FpCompare.LessOrEqual, true) => SoftFloat.F32LessOrEqual((uint)a, (uint)b, ref flags),
        (FpCompare.LessThanQuiet, true) => SoftFloat.F32LessThanQuiet((uint)a, (uint)b, ref flags),
        (FpCompare.LessOrEqualQuiet, true) => SoftFloat.F32LessOrEqualQuiet((uint)a, (uint)b, ref flags),
        (FpCompare.Unordered, true) => SoftFloat.F32Unordered((uint)a, (uint)b, false, ref flags),
        (FpCompare.UnorderedSignaling, true) => SoftFloat.F32Unordered((uint)a, (uint)b, true, ref flags),
        (FpCompare.Equal, false) => SoftFloat.F64Equal(a, b, ref flags),
        (FpCompare.LessThan, false) => SoftFloat.F64LessThan(a, b, ref flags),
        (FpCompare.LessOrEqual, false) => SoftFloat.F64LessOrEqual(a, b, ref flags),
        (FpCompare.LessThanQuiet, false) => SoftFloat.F64LessThanQuiet(a, b, ref flags),
        (FpCompare.LessOrEqualQuiet, false) => SoftFloat.F64LessOrEqualQuiet(a, b, ref flags),
        (FpCompare.Unordered, false) => SoftFloat.F64Unordered(a, b, false, ref flags),
        (FpCompare.UnorderedSignaling, false) => SoftFloat.F64Unordered(a, b, true, ref flags),
        _ => throw new InvalidOperationException($"unknown FP comparison {compare}"),
    };

    private static ulong ToInteger(long imm, IrType resultType, bool single, ulong a, in FpEnv env, ref FpExceptions flags)
    {
        var signed = (imm & 1) != 0;
        var overflow = (IntOverflow)(imm >> 4);
        var wide = resultType == IrType.I64;
        return (single, wide, signed) switch
        {
            (true, false, true) => (uint)SoftFloat.F32ToInt32((uint)a, env, overflow, ref flags),
            (true, false, false) => SoftFloat.F32ToUInt32((uint)a, env, overflow, ref flags),
            (true, true, true) => (ulong)SoftFloat.F32ToInt64((uint)a, env, overflow, ref flags),
            (true, true, false) => SoftFloat.F32ToUInt64((uint)a, env, overflow, ref flags),
            (false, false, true) => (uint)SoftFloat.F64ToInt32(a, env, overflow, ref flags),
            (false, false, false) => SoftFloat.F64ToUInt32(a, env, overflow, ref flags),
            (false, true, true) => (ulong)SoftFloat.F64ToInt64(a, env, overflow, ref flags),
            (false, true, false) => SoftFloat.F64ToUInt64(a, env, overflow, ref flags),
        };
    }

    private static ulong FromInteger(long imm, IrType sourceType, IrType resultType, ulong a, in FpEnv env, ref FpExceptions flags)
    {
        var signed = imm != 0;
        var toSingle = resultType == IrType.F32;
        return (sourceType == IrType.I64, signed, toSingle) switch
        {
            (false, true, true) => SoftFloat.Int32ToF32((int)a, env, ref flags),
            (false, false, true) => SoftFloat.UInt32ToF32((uint)a, env, ref flags),
            (true, true, true) => SoftFloat.Int64ToF32((long)a, env, ref flags),
            (true, false, true) => SoftFloat.UInt64ToF32(a, env, ref flags),
            (false, true, false) => SoftFloat.Int32ToF64((int)a, env, ref flags),
            (false, false, false) => SoftFloat.UInt32ToF64((uint)a, env, ref flags),
            (true, true, false) => SoftFloat.Int64ToF64((long)a, env, ref flags),
            (true, false, false) => SoftFloat.UInt64ToF64(a, env, ref flags),
        };
    }
}
