using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Core.Tests.Engine;

/// <summary>
/// A four-byte toy ISA for engine tests: opcode in the low byte, a 24-bit immediate above it.
/// One register, r0, at state offset 0; the PC at offset 8.
/// </summary>
internal sealed class ToyFrontend : IGuestFrontend
{
    public const byte AddImmediate = 1;   // r0 += imm
    public const byte StoreR0 = 2;        // [imm] = r0 (8 bytes)
    public const byte Jump = 3;           // pc = imm
    public const byte SystemCall = 4;     // trap, resume at pc+4
    public const byte LoadR0 = 5;         // r0 = [imm]
    public const byte BranchIfZero = 6;   // if r0 == 0 pc = imm
    public const byte StoreByteR0 = 7;    // [imm] = low byte of r0

    public static uint Encode(byte op, uint immediate = 0) => op | (immediate << 8);

    public string Architecture => "toy";
    public int StateSize => 16;
    public int PcOffset => 8;
    public int Translations { get; private set; }

    public ulong ModeKey(GuestState state) => 0;

    public IrBlock Translate(ulong pc, IGuestMemory memory, int maxInstructions)
    {
        Translations++;
        var builder = new IrBuilder(pc);
        for (var count = 0; count < maxInstructions; count++, pc += 4)
        {
            uint word;
            try
            {
                word = (uint)memory.Fetch(pc, 4);
            }
            catch (GuestMemoryFaultException) when (count > 0)
            {
                break;
            }
            builder.BeginInstruction(pc, 4);
            var immediate = word >> 8;
            switch ((byte)word)
            {
                case AddImmediate:
                    builder.SetReg(0, builder.Add(builder.GetReg(IrType.I64, 0), builder.Const64(immediate)));
                    continue;
                case StoreR0:
                    builder.Store(builder.Const64(immediate), builder.GetReg(IrType.I64, 0), MemoryAccess.Size8);
                    continue;
                case StoreByteR0:
                    builder.Store(builder.Const64(immediate), builder.GetReg(IrType.I64, 0), MemoryAccess.Size1);
                    continue;
                case LoadR0:
                    builder.SetReg(0, builder.Load(IrType.I64, builder.Const64(immediate), MemoryAccess.Size8));
                    continue;
                case Jump:
                    builder.ExitDirect(immediate);
                    return builder.Block;
                case BranchIfZero:
                    builder.ExitCond(builder.Cmp(Condition.Eq, builder.GetReg(IrType.I64, 0), builder.Const64(0)), immediate, pc + 4);
                    return builder.Block;
                case SystemCall:
                    builder.ExitTrap(TrapKind.SystemCall, pc, pc + 4);
                    return builder.Block;
                default:
                    builder.ExitTrap(TrapKind.IllegalInstruction, pc, pc, builder.Const64(word));
                    return builder.Block;
            }
        }
        builder.ExitDirect(pc);
        return builder.Block;
    }
}
