using Cross.Core.Engine;
using Cross.Core.FloatingPoint;
using Cross.Core.Ir;

namespace Cross.Backends.Interpreter;

internal sealed partial class InterpretedBlock
{
    private void FloatingPoint(GuestContext context, Instruction instruction, int index, Span<ulong> low)
    {
        var rounding = instruction.D.IsNone ? RoundingMode.NearestEven : (RoundingMode)low[instruction.D.Id];
        if (rounding > RoundingMode.NearestMaxMagnitude)
            throw new GuestTrapException(TrapKind.IllegalInstruction);
        var mode = FpMode.Unpack(instruction.Aux2);
        var env = mode.ToEnv(rounding);
        var flags = FpExceptions.None;
        var a = instruction.A.IsNone ? 0 : low[instruction.A.Id];
        var b = instruction.B.IsNone ? 0 : low[instruction.B.Id];
        var c = instruction.C.IsNone ? 0 : low[instruction.C.Id];
        var operandType = _code[instruction.A.Id].Type;
        var single = operandType == IrType.F32;

        ulong result = instruction.Op switch
        {
            Opcode.FAdd => single ? SoftFloat.F32Add((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Add(a, b, env, ref flags),
            Opcode.FSub => single ? SoftFloat.F32Sub((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Sub(a, b, env, ref flags),
            Opcode.FMul => single ? SoftFloat.F32Mul((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Mul(a, b, env, ref flags),
            Opcode.FDiv => single ? SoftFloat.F32Div((uint)a, (uint)b, env, ref flags) : SoftFloat.F64Div(a, b, env, ref flags),
            Opcode.FSqrt => single ? SoftFloat.F32Sqrt((uint)a, env, ref flags) : SoftFloat.F64Sqrt(a, env, ref flags),
            Opcode.FMulAdd => single ? SoftFloat.F32MulAdd((uint)a, (uint)b, (uint)c, env, ref flags) : SoftFloat.F64MulAdd(a, b, c, env, ref flags),
            Opcode.FMinMax => MinMax((FpMinMaxKind)instruction.Imm, single, a, b, env, ref flags),
            Opcode.FCmp => Compare((FpCompare)instruction.Imm, single, a, b, ref flags) ? 1UL : 0UL,
            Opcode.FConvert => single ? SoftFloat.F32ToF64((uint)a, env, ref flags) : SoftFloat.F64ToF32(a, env, ref flags),
            Opcode.FToInt => ToInteger(instruction, single, a, env, ref flags),
            Opcode.IntToF => FromInteger(instruction, operandType, a, env, ref flags),
            Opcode.FRound => single
                ? SoftFloat.F32RoundToIntegral((uint)a, env, instruction.Imm != 0, ref flags)
                : SoftFloat.F64RoundToIntegral(a, env, instruction.Imm != 0, ref flags),
            _ => throw new InvalidOperationException($"not a floating-point operation: {instruction.Op}"),
        };
        low[index] = result & instruction.Type.Mask();

        if (instruction.Aux >= 0 && flags != FpExceptions.None)
        {
            // Only ISAs that flush denormals report input-denormal; keep that bit out of the others' flag bytes.
            if (!mode.FlushToZero && !mode.DenormalsAreZero) flags &= ~FpExceptions.InputDenormal;
            context.State.Bytes[instruction.Aux] |= (byte)flags;
        }
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

    private static ulong ToInteger(Instruction instruction, bool single, ulong a, in FpEnv env, ref FpExceptions flags)
    {
        var signed = (instruction.Imm & 1) != 0;
        var overflow = (IntOverflow)(instruction.Imm >> 4);
        var wide = instruction.Type == IrType.I64;
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

    private static ulong FromInteger(Instruction instruction, IrType sourceType, ulong a, in FpEnv env, ref FpExceptions flags)
    {
        var signed = instruction.Imm != 0;
        var toSingle = instruction.Type == IrType.F32;
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
