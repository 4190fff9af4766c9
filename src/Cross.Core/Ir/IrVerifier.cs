namespace Cross.Core.Ir;

public sealed class IrVerificationException(string message) : Exception(message);

/// <summary>
/// Rejects malformed blocks: operands defined after use or missing, wrong operand types,
/// void values used as operands, and blocks without exactly one terminating exit.
/// </summary>
public static class IrVerifier
{
    public static void Verify(IrBlock block)
    {
        var errors = Check(block);
        if (errors.Count > 0)
            throw new IrVerificationException($"invalid IR block at 0x{block.GuestPc:x}: {string.Join("; ", errors)}");
    }

    public static List<string> Check(IrBlock block)
    {
        var errors = new List<string>();
        var instructions = block.Instructions;
        if (instructions.Count == 0 || !instructions[^1].IsTerminator)
            errors.Add("block does not end with an exit");

        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            void Fail(string what) => errors.Add($"v{i} {instruction.Op}: {what}");

            if (instruction.IsTerminator && i != instructions.Count - 1)
                Fail("exit before the end of the block");

            foreach (var operand in instruction.Operands())
            {
                if (operand.Id >= i) Fail($"operand {operand} is not defined before use");
                else if (instructions[operand.Id].Type == IrType.Void) Fail($"operand {operand} has no value");
            }
            if (errors.Count > 0 && errors[^1].StartsWith($"v{i} ", StringComparison.Ordinal)) continue;

            IrType T(Value v) => v.IsNone ? IrType.Void : instructions[v.Id].Type;
            void Need(bool ok, string what) { if (!ok) Fail(what); }
            void SameAsResult(Value v, string name) => Need(T(v) == instruction.Type, $"{name} is {T(v).Name()}, expected {instruction.Type.Name()}");

            switch (instruction.Op)
            {
                case Opcode.Nop:
                    break;
                case Opcode.Const:
                    Need(instruction.Type != IrType.Void, "constant has no type");
                    break;
                case Opcode.GetReg:
                    Need(instruction.Aux >= 0 && instruction.Type != IrType.Void, "bad register offset or type");
                    break;
                case Opcode.SetReg:
                    Need(instruction.Aux >= 0 && !instruction.A.IsNone, "bad register offset or missing value");
                    break;
                case Opcode.And or Opcode.Or or Opcode.Xor:
                    Need(instruction.Type.IsInteger() || instruction.Type == IrType.V128, "bitwise operation on non-integer, non-vector type");
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    break;
                case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU
                    or Opcode.DivS or Opcode.DivU or Opcode.RemS or Opcode.RemU
                    or Opcode.Shl or Opcode.ShrU or Opcode.ShrS or Opcode.RotL or Opcode.RotR:
                    Need(instruction.Type.IsInteger(), "integer operation on non-integer type");
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    break;
                case Opcode.Not:
                    Need(instruction.Type.IsInteger() || instruction.Type == IrType.V128, "bitwise operation on non-integer, non-vector type");
                    SameAsResult(instruction.A, "A");
                    break;
                case Opcode.Neg or Opcode.Clz or Opcode.Ctz or Opcode.Popcount or Opcode.ByteSwap:
                    Need(instruction.Type.IsInteger(), "integer operation on non-integer type");
                    SameAsResult(instruction.A, "A");
                    break;
                case Opcode.ZeroExtend or Opcode.SignExtend:
                    Need(T(instruction.A).IsInteger() && instruction.Type.IsInteger() && T(instruction.A).Bits() < instruction.Type.Bits(), "extension must widen an integer");
                    break;
                case Opcode.Truncate:
                    Need(T(instruction.A).IsInteger() && instruction.Type.IsInteger() && T(instruction.A).Bits() > instruction.Type.Bits(), "truncation must narrow an integer");
                    break;
                case Opcode.Bitcast:
                    Need(T(instruction.A).Bits() == instruction.Type.Bits(), "bitcast must keep the width");
                    break;
                case Opcode.Cmp:
                    Need(instruction.Type == IrType.I1 && T(instruction.A).IsInteger() && T(instruction.A) == T(instruction.B), "compare needs two integers of one type and gives i1");
                    break;
                case Opcode.Select:
                    Need(T(instruction.A) == IrType.I1, "select condition must be i1");
                    SameAsResult(instruction.B, "B");
                    SameAsResult(instruction.C, "C");
                    break;
                case Opcode.AddWithCarry:
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    Need(T(instruction.C) == IrType.I1, "carry must be i1");
                    break;
                case Opcode.CarryOut or Opcode.OverflowOut:
                    Need(instruction.Type == IrType.I1 && T(instruction.A) == T(instruction.B) && T(instruction.A).IsInteger(), "flag needs two integers of one type and gives i1");
                    Need(instruction.C.IsNone || T(instruction.C) == IrType.I1, "carry must be i1");
                    break;
                case Opcode.Load:
                    Need(T(instruction.A) == IrType.I64, "address must be i64");
                    Need(instruction.Access.SizeInBytes() <= instruction.Type.Bytes(), "load wider than its result");
                    break;
                case Opcode.Store:
                    Need(T(instruction.A) == IrType.I64, "address must be i64");
                    Need(instruction.Access.SizeInBytes() <= T(instruction.B).Bytes(), "store wider than its value");
                    break;
                case Opcode.AtomicRmw:
                    Need(T(instruction.A) == IrType.I64, "address must be i64");
                    SameAsResult(instruction.B, "B");
                    break;
                case Opcode.AtomicCmpXchg:
                    Need(T(instruction.A) == IrType.I64, "address must be i64");
                    SameAsResult(instruction.B, "B");
                    SameAsResult(instruction.C, "C");
                    break;
                case Opcode.Fence:
                    break;
                case Opcode.FAdd or Opcode.FSub or Opcode.FMul or Opcode.FDiv:
                    Need(instruction.Type.IsFloat(), "FP operation on non-float type");
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.FSqrt or Opcode.FRound:
                    Need(instruction.Type.IsFloat(), "FP operation on non-float type");
                    SameAsResult(instruction.A, "A");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.FMulAdd:
                    Need(instruction.Type.IsFloat(), "FP operation on non-float type");
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    SameAsResult(instruction.C, "C");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.FMinMax:
                    Need(instruction.Type.IsFloat(), "FP operation on non-float type");
                    SameAsResult(instruction.A, "A");
                    SameAsResult(instruction.B, "B");
                    break;
                case Opcode.FCmp:
                    Need(instruction.Type == IrType.I1 && T(instruction.A).IsFloat() && T(instruction.A) == T(instruction.B), "FP compare needs two floats of one type and gives i1");
                    break;
                case Opcode.FConvert:
                    Need(instruction.Type.IsFloat() && T(instruction.A).IsFloat() && T(instruction.A) != instruction.Type, "FP conversion between two float types");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.FToInt:
                    Need(instruction.Type is IrType.I32 or IrType.I64 && T(instruction.A).IsFloat(), "float to i32/i64");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.IntToF:
                    Need(instruction.Type.IsFloat() && T(instruction.A) is IrType.I32 or IrType.I64, "i32/i64 to float");
                    Need(T(instruction.D) == IrType.I8, "rounding mode must be i8");
                    break;
                case Opcode.VExtract:
                    Need(T(instruction.A) == IrType.V128 && instruction.Imm >= 0 && (instruction.Imm + 1) * instruction.Type.Bits() <= 128, "lane out of range");
                    break;
                case Opcode.VInsert:
                    Need(T(instruction.A) == IrType.V128 && instruction.Imm >= 0 && (instruction.Imm + 1) * T(instruction.B).Bits() <= 128, "lane out of range");
                    break;
                case >= Opcode.VAdd and <= Opcode.VClz:
                    CheckVector(instruction, T, Need);
                    break;
                case Opcode.Call:
                    Need(instruction.Helper is not null && instruction.Args is not null, "call without helper");
                    if (instruction.Helper is { } helper && instruction.Args is { } args)
                    {
                        Need(helper.ParameterTypes.Count == args.Length, $"{helper.Name} takes {helper.ParameterTypes.Count} arguments, got {args.Length}");
                        for (var a = 0; a < Math.Min(args.Length, helper.ParameterTypes.Count); a++)
                            Need(T(args[a]) == helper.ParameterTypes[a], $"{helper.Name} argument {a} is {T(args[a]).Name()}, expected {helper.ParameterTypes[a].Name()}");
                        Need(instruction.Type == helper.ReturnType, "call type differs from helper result");
                    }
                    break;
                case Opcode.ExitDirect or Opcode.ExitTrap:
                    break;
                case Opcode.ExitCond:
                    Need(T(instruction.A) == IrType.I1, "exit condition must be i1");
                    break;
                case Opcode.ExitIndirect:
                    Need(T(instruction.A) == IrType.I64, "indirect target must be i64");
                    break;
                default:
                    Fail("unknown opcode");
                    break;
            }
        }
        return errors;
    }

    /// <summary>The v128 operations after VInsert: operand types, lane width (Aux2) and immediates.</summary>
    private static void CheckVector(Instruction instruction, Func<Value, IrType> typeOf, Action<bool, string> need)
    {
        var op = instruction.Op;
        var laneBits = instruction.Aux2;
        var bytewise = op is Opcode.VShuffle or Opcode.VTableLookup;
        var narrowing = op is Opcode.VWidenU or Opcode.VWidenS or Opcode.VNarrow or Opcode.VNarrowSatS or Opcode.VNarrowSatU or Opcode.VNarrowSatSU;
        if (narrowing) need(laneBits is 8 or 16 or 32, "narrow lane width (Aux2) must be 8, 16 or 32");
        else if (!bytewise) need(VectorEval.IsLaneWidth(laneBits), "lane width (Aux2) must be 8, 16, 32 or 64");

        // Operands that must be vectors: A always, B and C where the opcode has them.
        var vectorOperands = op switch
        {
            Opcode.VDup => 0,
            Opcode.VNeg or Opcode.VAbs or Opcode.VShl or Opcode.VShrU or Opcode.VShrS or Opcode.VWidenU or Opcode.VWidenS
                or Opcode.VNarrow or Opcode.VNarrowSatS or Opcode.VNarrowSatU or Opcode.VNarrowSatSU
                or Opcode.VReduce or Opcode.VPopcount or Opcode.VClz => 1,
            Opcode.VTableLookup => 3,
            _ => 2,
        };
        Value[] operands = [instruction.A, instruction.B, instruction.C, instruction.D];
        for (var i = 0; i < operands.Length; i++)
        {
            if (i < vectorOperands) need(typeOf(operands[i]) == IrType.V128, $"operand {"ABCD"[i]} must be v128");
            else if (op != Opcode.VDup || i > 0) need(operands[i].IsNone, $"unexpected operand {"ABCD"[i]}");
        }

        var resultType = op == Opcode.VReduce && VectorEval.IsLaneWidth(laneBits) ? VectorEval.LaneType(laneBits) : IrType.V128;
        need(instruction.Type == resultType, $"result must be {resultType.Name()}");

        switch (op)
        {
            case Opcode.VCmp:
                need(Enum.IsDefined(instruction.Condition), "unknown condition");
                break;
            case Opcode.VShl or Opcode.VShrU or Opcode.VShrS:
                need(instruction.Imm >= 0 && instruction.Imm <= laneBits, "shift amount must be 0..lane width");
                break;
            case Opcode.VDup:
                need(typeOf(instruction.A).IsInteger() && typeOf(instruction.A).Bits() == laneBits, "duplicated value must be an integer of the lane width");
                break;
            case Opcode.VShuffle:
                for (var i = 0; i < 16; i++)
                {
                    var index = ((i < 8 ? instruction.Imm : instruction.Imm2) >> (8 * (i % 8))) & 0xFF;
                    if (index >= 32) { need(false, "shuffle index above 31"); break; }
                }
                break;
            case Opcode.VWidenU or Opcode.VWidenS:
                need(instruction.Imm is 0 or 1, "half (Imm) must be 0 or 1");
                break;
            case Opcode.VReduce:
                need(Enum.IsDefined((VectorReduction)instruction.Aux), "unknown reduction");
                break;
        }
    }
}
