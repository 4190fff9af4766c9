using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Engine;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Exits. Every exit first counts the block's instructions down from the budget. Then:
// - to another member of the region: a branch (on a backward edge: while budget is left);
// - direct, elsewhere (with chaining): a tail call through the exit's slot, once the backend has
//   linked it, under the same condition; otherwise a return that leaves the slot for linking;
// - indirect (with chaining, when the engine gave the run a jump cache): a branch when the
//   target is a member, else a probe of the jump cache and a tail call on a hit;
// - a trap: a return with the trap's fields.
// A return stores the next PC; the engine sets the guest PC from it.
internal sealed partial class BlockLowering
{
    private LLVMValueRef ReturnStatus(ExitStatus status) => _region.Return(Const32((int)status));

    private LLVMValueRef ExitTo(ulong target)
    {
        var left = _region.Retire(_block.GuestInstructionCount);
        return ContinueAt(target, left);
    }

    private LLVMValueRef ExitEither(LLVMValueRef condition, ulong ifTrue, ulong ifFalse)
    {
        var left = _region.Retire(_block.GuestInstructionCount);
        var taken = NewBlock();
        var notTaken = NewBlock();
        LLVMBuildCondBr(_builder, condition, taken, notTaken);
        PositionAt(taken);
        ContinueAt(ifTrue, left);
        PositionAt(notTaken);
        return ContinueAt(ifFalse, left);
    }

    /// <summary>Goes on at a known target, the block's instructions already counted.</summary>
    private LLVMValueRef ContinueAt(ulong target, LLVMValueRef left)
    {
        if (_region.TryGetMember(target, out var member))
        {
            // A forward edge (to a member added after this one) cannot close a loop, and every
            // loop inside the region has a backward edge, so only those check the budget: a run
            // still stops within one pass through the region once the budget is spent.
            if (_region.MemberIndex(target) > _memberIndex) return LLVMBuildBr(_builder, EnterMember(target, member));
            var stop = NewBlock();
            LLVMBuildCondBr(_builder, Likely(_region.MayContinueInside(left)), EnterMember(target, member), stop);
            PositionAt(stop);
            return Leave(Const64(target));
        }
        if (!_region.Chaining) return Leave(Const64(target));

        // Chain through an exit slot: 0 until the backend links it to the target's code.
        var slot = Const64((ulong)_region.AllocateExitSlot());
        StoreRuntime(RuntimeLayout.NextPc, Const64(target));
        StoreRuntime(RuntimeLayout.LastExit, slot);
        var next = LLVMBuildLoad2(_builder, _types.I64, LLVMBuildIntToPtr(_builder, slot, _types.Pointer, NoName), NoName);
        LLVMSetAlignment(next, 8);
        LLVMSetOrdering(next, LLVMAtomicOrdering.LLVMAtomicOrderingMonotonic);
        var linked = Compare(LLVMIntPredicate.LLVMIntNE, next, Const64(0));
        var chain = NewBlock();
        var done = NewBlock();
        LLVMBuildCondBr(_builder, Likely(And(linked, _region.MayContinue(left))), chain, done);
        PositionAt(chain);
        _region.TailCall(next);
        PositionAt(done);
        return ReturnStatus(ExitStatus.Jump);
    }

    /// <summary>
    /// Where a jump to member <paramref name="target"/> goes: straight to it, or, for a back edge
    /// in code that counts its heat, through the count first.
    /// </summary>
    private LLVMBasicBlockRef EnterMember(ulong target, LLVMBasicBlockRef member)
    {
        if (!_region.CountsHeat || _region.MemberIndex(target) > _memberIndex) return member;
        var saved = CurrentBlock;
        var count = NewBlock();
        PositionAt(count);
        _region.CountHeat(member, target);
        PositionAt(saved);
        return count;
    }

    /// <summary>Returns to the engine, which goes on at <paramref name="target"/>.</summary>
    private LLVMValueRef Leave(LLVMValueRef target)
    {
        StoreRuntime(RuntimeLayout.NextPc, target);
        ForgetLastExit();
        return ReturnStatus(ExitStatus.Jump);
    }

    private LLVMValueRef ExitIndirect(LLVMValueRef target)
    {
        var left = _region.Retire(_block.GuestInstructionCount);
        if (!_region.Chaining) return Leave(target);
        StoreRuntime(RuntimeLayout.NextPc, target);
        ForgetLastExit();
        var done = NewBlock();
        var lookup = NewBlock();
        // Without a jump cache the engine must see every indirect exit (the next block's mode key may differ).
        LLVMBuildCondBr(_builder, Likely(LLVMBuildIsNotNull(_builder, _region.JumpCache, NoName)), lookup, done);

        PositionAt(lookup);
        // A jump back to the region's entry stays inside. Other members are reached through the
        // jump cache (a tail call to their own code): a branch here to any member would give
        // every loop of the region a second way in, and LLVM keeps guest registers of such
        // (irreducible) loops in memory.
        var probe = NewBlock();
        var entryPc = _region.EntryPc;
        var enter = NewBlock();
        LLVMBuildCondBr(_builder, Compare(LLVMIntPredicate.LLVMIntEQ, target, Const64(entryPc)), enter, probe);
        PositionAt(enter);
        _region.TryGetMember(entryPc, out var entry);
        LLVMBuildCondBr(_builder, Likely(_region.MayContinueInside(left)), EnterMember(entryPc, entry), done);

        PositionAt(probe);
        var index = And(LShr(target, Const64(JumpCacheLayout.PcShift)), Const64(JumpCacheLayout.Entries - 1));
        var entryAddress = LLVMBuildGEP2(_builder, _types.I8, _region.JumpCache, LLVMBuildMul(_builder, index, Const64(JumpCacheLayout.EntryBytes), NoName));
        var cachedPc = LLVMBuildLoad2(_builder, _types.I64, entryAddress, NoName);
        LLVMSetAlignment(cachedPc, 8);
        LLVMSetOrdering(cachedPc, LLVMAtomicOrdering.LLVMAtomicOrderingMonotonic);
        var code = LLVMBuildLoad2(_builder, _types.I64, LLVMBuildGEP2(_builder, _types.I8, entryAddress, Const64(8)), NoName);
        LLVMSetAlignment(code, 8);
        LLVMSetOrdering(code, LLVMAtomicOrdering.LLVMAtomicOrderingMonotonic);
        var hit = And(Compare(LLVMIntPredicate.LLVMIntEQ, cachedPc, target), Compare(LLVMIntPredicate.LLVMIntNE, code, Const64(0)));
        var jump = NewBlock();
        LLVMBuildCondBr(_builder, Likely(And(hit, _region.MayContinue(left))), jump, done);
        PositionAt(jump);
        _region.TailCall(code);

        PositionAt(done);
        return ReturnStatus(ExitStatus.Jump);
    }

    /// <summary>Only a direct exit leaves a slot for the backend to link; every other exit says so.</summary>
    private void ForgetLastExit()
    {
        if (_region.Chaining) StoreRuntime(RuntimeLayout.LastExit, Const64(0));
    }

    private LLVMValueRef ExitTrap(Instruction exit)
    {
        // A trap that resumes elsewhere completed its instruction; one that resumes at itself did not.
        var completed = exit.Imm2 != exit.Imm ? 1 : 0;
        StoreRuntime(RuntimeLayout.NextPc, Const64((ulong)exit.Imm2));
        StoreRuntime(RuntimeLayout.TrapPc, Const64((ulong)exit.Imm));
        StoreRuntime(RuntimeLayout.TrapKind, Const64((ulong)(uint)exit.Aux));
        StoreRuntime(RuntimeLayout.Detail, exit.A.IsNone ? Const64(0) : Low64(exit.A));
        _region.Retire(exit.GuestIndex + completed);
        ForgetLastExit();
        return ReturnStatus(ExitStatus.Trap);
    }
}
