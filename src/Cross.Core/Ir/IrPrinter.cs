using System.Text;

namespace Cross.Core.Ir;

/// <summary>The readable text form shown by <c>--dump-ir</c>.</summary>
public static class IrPrinter
{
    public static string Print(IrBlock block)
    {
        var text = new StringBuilder();
        text.Append("block 0x").Append(block.GuestPc.ToString("x")).Append(" (").Append(block.GuestInstructionCount).Append(" guest instructions)\n");
        var lastGuestIndex = -1;
        for (var i = 0; i < block.Instructions.Count; i++)
        {
            var instruction = block.Instructions[i];
            if (instruction.Op == Opcode.Nop) continue;
            if (instruction.GuestIndex != lastGuestIndex && instruction.GuestIndex < block.GuestPcs.Count)
            {
                lastGuestIndex = instruction.GuestIndex;
                text.Append("  ; 0x").Append(block.GuestPcs[lastGuestIndex].ToString("x")).Append('\n');
            }
            text.Append("  ").Append(Format(instruction, i)).Append('\n');
        }
        return text.ToString();
    }

    public static string Format(Instruction instruction, int id)
    {
        var text = new StringBuilder();
        if (instruction.Type != IrType.Void)
            text.Append('v').Append(id).Append(':').Append(instruction.Type.Name()).Append(" = ");
        text.Append(Mnemonic(instruction));
        var parts = new List<string>();
        foreach (var operand in instruction.Operands()) parts.Add(operand.ToString());
        switch (instruction.Op)
        {
            case Opcode.Const:
                parts.Add(instruction.Type.IsWide() ? $"0x{(ulong)instruction.Imm2:x}_{(ulong)instruction.Imm:x16}" : $"0x{(ulong)instruction.Imm:x}");
                break;
            case Opcode.GetReg or Opcode.SetReg:
                parts.Insert(0, $"[{instruction.Aux}]");
                break;
            case Opcode.Cmp:
                parts.Insert(0, instruction.Condition.ToString().ToLowerInvariant());
                break;
            case Opcode.Load or Opcode.Store or Opcode.AtomicRmw or Opcode.AtomicCmpXchg:
                parts.Add(instruction.Access.ToString().ToLowerInvariant().Replace(", ", "|"));
                if (instruction.Op == Opcode.AtomicRmw) parts.Insert(0, ((AtomicOp)instruction.Aux2).ToString().ToLowerInvariant());
                break;
            case Opcode.Fence:
                parts.Add(((FenceKind)instruction.Aux).ToString().ToLowerInvariant());
                break;
            case Opcode.Call:
                parts.Insert(0, instruction.Helper!.Name);
                break;
            case Opcode.ExitDirect:
                parts.Add($"0x{(ulong)instruction.Imm:x}");
                break;
            case Opcode.ExitCond:
                parts.Add($"0x{(ulong)instruction.Imm:x}");
                parts.Add($"0x{(ulong)instruction.Imm2:x}");
                break;
            case Opcode.ExitTrap:
                parts.Insert(0, ((TrapKind)instruction.Aux).ToString());
                parts.Add($"pc=0x{(ulong)instruction.Imm:x}");
                parts.Add($"resume=0x{(ulong)instruction.Imm2:x}");
                break;
            case Opcode.FMinMax:
                parts.Insert(0, ((FpMinMaxKind)instruction.Imm).ToString());
                break;
            case Opcode.FCmp:
                parts.Insert(0, ((FpCompare)instruction.Imm).ToString());
                break;
            case >= Opcode.VAdd and <= Opcode.VClz:
                FormatVector(instruction, parts);
                break;
            case Opcode.VExtract or Opcode.VInsert or Opcode.FToInt or Opcode.IntToF or Opcode.FRound:
                parts.Add($"#{instruction.Imm}");
                break;
        }
        if (OpcodeInfo.IsFloatingPoint(instruction.Op) && instruction.Aux >= 0) parts.Add($"fflags@[{instruction.Aux}]");
        if (parts.Count > 0) text.Append(' ').Append(string.Join(", ", parts));
        return text.ToString();
    }

    /// <summary>Lane shape first (i16x8; narrowing ops show the narrow lanes), then the immediates.</summary>
    private static void FormatVector(Instruction instruction, List<string> parts)
    {
        var laneBits = instruction.Aux2;
        if (instruction.Op is not (Opcode.VShuffle or Opcode.VTableLookup))
            parts.Insert(0, $"i{laneBits}x{(laneBits > 0 ? 128 / laneBits : 0)}");
        switch (instruction.Op)
        {
            case Opcode.VCmp:
                parts.Insert(1, instruction.Condition.ToString().ToLowerInvariant());
                break;
            case Opcode.VReduce:
                parts.Insert(1, ((VectorReduction)instruction.Aux).ToString().ToLowerInvariant());
                break;
            case Opcode.VShl or Opcode.VShrU or Opcode.VShrS or Opcode.VWidenU or Opcode.VWidenS:
                parts.Add($"#{instruction.Imm}");
                break;
            case Opcode.VShuffle:
                var pattern = new byte[16];
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(pattern, instruction.Imm);
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(pattern.AsSpan(8), instruction.Imm2);
                parts.Add("[" + string.Join(" ", pattern) + "]");
                break;
        }
    }

    private static string Mnemonic(Instruction instruction) => instruction.Op switch
    {
        Opcode.GetReg => "get",
        Opcode.SetReg => "set",
        _ => char.ToLowerInvariant(instruction.Op.ToString()[0]) + instruction.Op.ToString()[1..],
    };
}
