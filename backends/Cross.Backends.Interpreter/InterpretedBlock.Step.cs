using Cross.Core.Engine;
using Cross.Core.Ir;

namespace Cross.Backends.Interpreter;

internal sealed partial class InterpretedBlock
{
    private static UInt128 Wide(Span<ulong> low, Span<ulong> high, Value value) => new(high[value.Id], low[value.Id]);

    private static void SetWide(Span<ulong> low, Span<ulong> high, int index, UInt128 value)
    {
        low[index] = (ulong)value;
        high[index] = (ulong)(value >> 64);
    }

    private void Step(GuestContext context, Instruction instruction, int index, Span<ulong> low, Span<ulong> high)
    {
        var type = instruction.Type;
        switch (instruction.Op)
        {
            case Opcode.Nop:
                return;
            case Opcode.Const:
                low[index] = (ulong)instruction.Imm;
                if (type.IsWide()) high[index] = (ulong)instruction.Imm2;
                return;
            case Opcode.GetReg:
                if (type.IsWide()) SetWide(low, high, index, context.State.Read128(instruction.Aux));
                else low[index] = context.State.Read(instruction.Aux, type.Bytes()) & type.Mask();
                return;
            case Opcode.SetReg:
            {
                var valueType = _code[instruction.A.Id].Type;
                if (valueType.IsWide()) context.State.Write128(instruction.Aux, Wide(low, high, instruction.A));
                else context.State.Write(instruction.Aux, valueType.Bytes(), low[instruction.A.Id]);
                return;
            }
            case Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU
                or Opcode.DivS or Opcode.DivU or Opcode.RemS or Opcode.RemU or Opcode.And or Opcode.Or or Opcode.Xor
                or Opcode.Shl or Opcode.ShrU or Opcode.ShrS or Opcode.RotL or Opcode.RotR:
                if (type.IsWide()) SetWide(low, high, index, IrEval.Binary128(instruction.Op, Wide(low, high, instruction.A), Wide(low, high, instruction.B)));
                else low[index] = IrEval.Binary(instruction.Op, type, low[instruction.A.Id], low[instruction.B.Id]);
                return;
            case Opcode.Not or Opcode.Neg or Opcode.Clz or Opcode.Ctz or Opcode.Popcount or Opcode.ByteSwap:
                if (type.IsWide())
                {
                    var a = Wide(low, high, instruction.A);
                    SetWide(low, high, index, instruction.Op switch
                    {
                        Opcode.Not => ~a,
                        Opcode.Neg => 0 - a,
                        Opcode.Clz => UInt128.LeadingZeroCount(a),
                        Opcode.Ctz => a == 0 ? 128 : UInt128.TrailingZeroCount(a),
                        Opcode.Popcount => UInt128.PopCount(a),
                        _ => new UInt128(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ulong)a), System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ulong)(a >> 64))),
                    });
                }
                else low[index] = IrEval.Unary(instruction.Op, type, low[instruction.A.Id]);
                return;
            case Opcode.ZeroExtend or Opcode.SignExtend or Opcode.Truncate or Opcode.Bitcast:
                Convert(instruction, index, low, high);
                return;
            case Opcode.Cmp:
            {
                var operandType = _code[instruction.A.Id].Type;
                low[index] = (operandType.IsWide()
                    ? IrEval.Compare128(instruction.Condition, Wide(low, high, instruction.A), Wide(low, high, instruction.B))
                    : IrEval.Compare(instruction.Condition, operandType, low[instruction.A.Id], low[instruction.B.Id])) ? 1UL : 0UL;
                return;
            }
            case Opcode.Select:
                low[index] = low[instruction.A.Id] != 0 ? low[instruction.B.Id] : low[instruction.C.Id];
                if (type.IsWide()) high[index] = low[instruction.A.Id] != 0 ? high[instruction.B.Id] : high[instruction.C.Id];
                return;
            case Opcode.AddWithCarry:
                low[index] = IrEval.AddWithCarry(type, low[instruction.A.Id], low[instruction.B.Id], low[instruction.C.Id]);
                return;
            case Opcode.CarryOut or Opcode.OverflowOut:
            {
                var operandType = _code[instruction.A.Id].Type;
                var carry = instruction.C.IsNone ? 0 : low[instruction.C.Id];
                var flag = instruction.Op == Opcode.CarryOut
                    ? IrEval.CarryOut(operandType, low[instruction.A.Id], low[instruction.B.Id], carry)
                    : IrEval.OverflowOut(operandType, low[instruction.A.Id], low[instruction.B.Id], carry);
                low[index] = flag ? 1UL : 0UL;
                return;
            }
            case Opcode.Load or Opcode.Store or Opcode.AtomicRmw or Opcode.AtomicCmpXchg or Opcode.Fence:
                MemoryOperation(context, instruction, index, low, high);
                return;
            case Opcode.VExtract:
            {
                var vector = Wide(low, high, instruction.A);
                var bits = type.Bits();
                var lane = vector >> (int)(instruction.Imm * bits);
                low[index] = (ulong)lane & type.Mask();
                return;
            }
            case Opcode.VInsert:
            {
                var vector = Wide(low, high, instruction.A);
                var laneType = _code[instruction.B.Id].Type;
                var shift = (int)(instruction.Imm * laneType.Bits());
                var laneMask = (laneType.Bits() == 128 ? UInt128.MaxValue : ((UInt128)laneType.Mask())) << shift;
                var lane = (laneType.IsWide() ? Wide(low, high, instruction.B) : (UInt128)low[instruction.B.Id]) << shift;
                SetWide(low, high, index, (vector & ~laneMask) | (lane & laneMask));
                return;
            }
            case >= Opcode.VAdd and <= Opcode.VClz:
                Vector(instruction, index, low, high);
                return;
            case Opcode.Call:
                Call(context, instruction, index, low);
                return;
            default:
                if (OpcodeInfo.IsFloatingPoint(instruction.Op))
                {
                    FloatingPoint(context, instruction, index, low);
                    return;
                }
                throw new InvalidOperationException($"interpreter cannot run {instruction.Op}");
        }
    }

    private void Convert(Instruction instruction, int index, Span<ulong> low, Span<ulong> high)
    {
        var from = _code[instruction.A.Id].Type;
        var to = instruction.Type;
        if (!from.IsWide() && !to.IsWide())
        {
            low[index] = IrEval.Convert(instruction.Op, from, to, low[instruction.A.Id]);
            return;
        }
        if (to.IsWide())
        {
            var value = from.IsWide() ? Wide(low, high, instruction.A) : (UInt128)low[instruction.A.Id];
            if (instruction.Op == Opcode.SignExtend && !from.IsWide())
                value = (UInt128)(Int128)IrEval.SignExtend(low[instruction.A.Id], from);
            SetWide(low, high, index, value);
            return;
        }
        // Wide to narrow: truncate or bitcast (same width is impossible here).
        low[index] = low[instruction.A.Id] & to.Mask();
    }

    private static void Call(GuestContext context, Instruction instruction, int index, Span<ulong> low)
    {
        var args = instruction.Args!;
        Span<ulong> values = stackalloc ulong[args.Length];
        for (var i = 0; i < args.Length; i++) values[i] = low[args[i].Id];
        low[index] = instruction.Helper!.Invoke(context, values) & instruction.Type.Mask();
    }
}
