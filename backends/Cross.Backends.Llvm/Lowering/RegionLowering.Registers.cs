using Cross.Backends.Llvm.Interop;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Guest registers in locals. Every 8-byte state slot the region only ever accesses as a whole
// i64 register (GetReg/SetReg at an aligned offset, and nothing else touches its bytes) lives in
// a stack slot of the region function while it runs: loaded in the prologue, stored back (if the
// region writes it) before every exit and every call out, and loaded again after calls that may
// change guest state. LLVM turns these stack slots into SSA values, so a loop keeps its guest
// registers in host registers whatever the shape of the region's control flow; left in guest
// state, they stay in memory whenever LLVM cannot prove it safe to move the accesses out of a
// loop (several entries into it, many exits, too many memory accesses for its analysis).
internal sealed partial class RegionLowering
{
    private readonly SortedDictionary<int, LLVMValueRef> _registerSlots = new();
    private readonly SortedSet<int> _writtenRegisters = new();

    /// <summary>The local holding the register at state <paramref name="offset"/>, when it has one.</summary>
    public bool TryGetRegisterSlot(int offset, out LLVMValueRef slot) => _registerSlots.TryGetValue(offset, out slot);

    private void PlanRegisterSlots()
    {
        var candidates = new SortedSet<int>();
        var written = new HashSet<int>();
        var other = new List<(int Start, int Length)>();
        foreach (var block in _region.Blocks)
        {
            foreach (var instruction in block.Instructions)
            {
                switch (instruction.Op)
                {
                    case Opcode.GetReg:
                    case Opcode.SetReg:
                        var type = instruction.Op == Opcode.GetReg ? instruction.Type : block[instruction.A].Type;
                        if (type == IrType.I64 && instruction.Aux % 8 == 0)
                        {
                            candidates.Add(instruction.Aux);
                            if (instruction.Op == Opcode.SetReg) written.Add(instruction.Aux);
                        }
                        else other.Add((instruction.Aux, Math.Max(type.Bits(), 8) / 8));
                        break;
                    case var op when OpcodeInfo.IsFloatingPoint(op) && instruction.Aux >= 0:
                        other.Add((instruction.Aux, 1));
                        break;
                }
            }
        }
        foreach (var (start, length) in other) candidates.RemoveWhere(offset => offset < start + length && start < offset + 8);

        foreach (var offset in candidates)
        {
            var slot = LLVMBuildAlloca(Builder, Types.I64, NoName);
            _registerSlots[offset] = slot;
            if (written.Contains(offset)) _writtenRegisters.Add(offset);
            TouchState(offset, 8);
        }
        ReloadRegisters();
    }

    /// <summary>Stores the registers the region writes back to guest state (before an exit or a call out).</summary>
    public void FlushRegisters()
    {
        foreach (var offset in _writtenRegisters)
        {
            var value = LLVMBuildLoad2(Builder, Types.I64, _registerSlots[offset], NoName);
            var store = LLVMBuildStore(Builder, value, StateField(offset));
            LLVMSetAlignment(store, 1);
        }
    }

    /// <summary>Loads every register the region keeps in locals from guest state (on entry, after a call that may change it).</summary>
    public void ReloadRegisters()
    {
        foreach (var (offset, slot) in _registerSlots)
        {
            var load = LLVMBuildLoad2(Builder, Types.I64, StateField(offset), NoName);
            LLVMSetAlignment(load, 1);
            LLVMBuildStore(Builder, load, slot);
        }
    }

    private LLVMValueRef StateField(int offset) => LLVMBuildGEP2(Builder, Types.I8, State, LLVMConstInt(Types.I64, (ulong)offset, 0));
}
