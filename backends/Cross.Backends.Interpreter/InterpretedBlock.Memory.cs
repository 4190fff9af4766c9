using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Core.Memory;

namespace Cross.Backends.Interpreter;

internal sealed partial class InterpretedBlock
{
    private void MemoryOperation(GuestContext context, Instruction instruction, int index, Span<ulong> low, Span<ulong> high)
    {
        var memory = context.Memory;
        var access = instruction.Access;
        var size = access.SizeInBytes();
        var address = instruction.Op == Opcode.Fence ? 0 : low[instruction.A.Id];
        if ((access & MemoryAccess.Aligned) != 0 && (address & (ulong)(size - 1)) != 0)
        {
            var kind = instruction.Op == Opcode.Load ? MemoryAccessType.Read : MemoryAccessType.Write;
            throw new GuestMemoryFaultException(address, kind, MemoryFaultReason.Misaligned);
        }

        switch (instruction.Op)
        {
            case Opcode.Load:
                if (size == 16) SetWide(low, high, index, memory.Read128(address));
                else low[index] = Extend(memory.Read(address, size), size, instruction);
                return;
            case Opcode.Store:
                if (size == 16) memory.Write128(address, Wide(low, high, instruction.B));
                else memory.Write(address, size, low[instruction.B.Id]);
                return;
            case Opcode.AtomicRmw:
                low[index] = Extend(memory.AtomicRmw((AtomicOp)instruction.Aux2, address, size, low[instruction.B.Id]), size, instruction);
                return;
            case Opcode.AtomicCmpXchg:
                low[index] = Extend(memory.CompareExchange(address, size, low[instruction.B.Id], low[instruction.C.Id]), size, instruction);
                return;
            case Opcode.Fence:
                Interlocked.MemoryBarrier();
                return;
        }
    }

    private static ulong Extend(ulong value, int size, Instruction instruction)
    {
        if ((instruction.Access & MemoryAccess.Signed) == 0 || size >= 8) return value & instruction.Type.Mask();
        var extended = size switch
        {
            1 => (ulong)(sbyte)value,
            2 => (ulong)(short)value,
            _ => (ulong)(int)value,
        };
        return extended & instruction.Type.Mask();
    }
}
