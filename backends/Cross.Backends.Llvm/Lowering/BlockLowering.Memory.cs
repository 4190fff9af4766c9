using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Ir;
using Cross.Core.Memory;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Guest memory. Every access can take the slow path, a callback into IGuestMemory that turns
// faults into a precise exit. With direct memory (IDirectGuestMemory) an inline check (inside the
// window, and the permission byte of the first page touched, which speaks for the next page too,
// grants the access) lets the
// access go straight to host memory; when it fails, block code takes the slow path and region code
// with fallback exits leaves the region at that instruction, so a bad guest address never reaches
// host memory outside the window. Region code checks accesses off one base value together (see
// MemoryChecks): the first checks the whole span, the others go straight to memory.
internal sealed partial class BlockLowering
{
    private const int PageShift = 12;
    private const ulong PageSize = 1UL << PageShift;

    private LLVMValueRef Load(Instruction instruction)
    {
        var access = instruction.Access;
        var size = access.SizeInBytes();
        var address = Value(instruction.A);
        CheckAlignment(instruction, address, size, MemoryAccessType.Read);
        LLVMValueRef raw;
        if (size == 16)
        {
            raw = GuestAccess(instruction, address, size, DirectPagePermissions.Read, atomic: false, _types.I128,
                pointer => LoadUnaligned(_types.I128, pointer),
                () =>
                {
                    CallNative(RuntimeCallbacks.Load128, _callbacks.Load128, [_runtime, address]);
                    return LLVMBuildLoad2(_builder, _types.I128, RuntimeField(RuntimeLayout.Scratch), NoName);
                });
        }
        else
        {
            raw = GuestAccess(instruction, address, size, DirectPagePermissions.Read, atomic: false, _types.I64,
                pointer => Resize(LoadUnaligned(_types.Integer(size * 8), pointer), size * 8, 64, signed: false),
                () => CallNative(RuntimeCallbacks.Load, _callbacks.Load, [_runtime, address, Const32(size)]));
        }
        if ((access & MemoryAccess.Acquire) != 0)
            LLVMBuildFence(_builder, LLVMAtomicOrdering.LLVMAtomicOrderingAcquire, 0, NoName);
        return Loaded(raw, size, instruction);
    }

    private LLVMValueRef Store(Instruction instruction)
    {
        var access = instruction.Access;
        var size = access.SizeInBytes();
        var address = Value(instruction.A);
        CheckAlignment(instruction, address, size, MemoryAccessType.Write);
        if ((access & MemoryAccess.Release) != 0)
            LLVMBuildFence(_builder, LLVMAtomicOrdering.LLVMAtomicOrderingRelease, 0, NoName);
        if (size == 16)
        {
            var value = Resize(Value(instruction.B), BitsOf(TypeOf(instruction.B)), 128, signed: false);
            GuestAccess(instruction, address, size, DirectPagePermissions.Write, atomic: false, null,
                pointer => StoreUnaligned(value, pointer),
                () =>
                {
                    var low = Resize(value, 128, 64, false);
                    var high = Resize(LShr(value, Const(128, 64)), 128, 64, false);
                    return CallNative(RuntimeCallbacks.Store128, _callbacks.Store128, [_runtime, address, low, high]);
                });
        }
        else
        {
            var value = Low64(instruction.B);
            GuestAccess(instruction, address, size, DirectPagePermissions.Write, atomic: false, null,
                pointer => StoreUnaligned(Resize(value, 64, size * 8, false), pointer),
                () => CallNative(RuntimeCallbacks.Store, _callbacks.Store, [_runtime, address, Const32(size), value]));
        }
        return default;
    }

    private LLVMValueRef AtomicRmw(Instruction instruction)
    {
        var size = instruction.Access.SizeInBytes();
        var address = Value(instruction.A);
        var op = (AtomicOp)instruction.Aux2;
        CheckAlignment(instruction, address, size, MemoryAccessType.Write);
        var operand = Low64(instruction.B);
        LLVMValueRef Slow() => CallNative(RuntimeCallbacks.AtomicRmw, _callbacks.AtomicRmw, [_runtime, address, Const32(size), Const32((int)op), operand]);
        LLVMValueRef raw;
        if (size > 8 || HostAtomic(op) is not { } hostOp)
        {
            raw = Slow();
            CheckStatus(instruction);
        }
        else
        {
            raw = GuestAccess(instruction, address, size, DirectPagePermissions.Read | DirectPagePermissions.Write, atomic: true, _types.I64,
                pointer =>
                {
                    var old = LLVMBuildAtomicRMW(_builder, hostOp, pointer, Resize(operand, 64, size * 8, false),
                        LLVMAtomicOrdering.LLVMAtomicOrderingSequentiallyConsistent, 0);
                    return Resize(old, size * 8, 64, signed: false);
                },
                Slow);
        }
        return Loaded(raw, Math.Min(size, 8), instruction);
    }

    private LLVMValueRef AtomicCompareExchange(Instruction instruction)
    {
        var size = instruction.Access.SizeInBytes();
        var address = Value(instruction.A);
        CheckAlignment(instruction, address, size, MemoryAccessType.Write);
        var expected = Low64(instruction.B);
        var desired = Low64(instruction.C);
        LLVMValueRef Slow() => CallNative(RuntimeCallbacks.CompareExchange, _callbacks.CompareExchange, [_runtime, address, Const32(size), expected, desired]);
        LLVMValueRef raw;
        if (size > 8)
        {
            raw = Slow();
            CheckStatus(instruction);
        }
        else
        {
            raw = GuestAccess(instruction, address, size, DirectPagePermissions.Read | DirectPagePermissions.Write, atomic: true, _types.I64,
                pointer =>
                {
                    var pair = LLVMBuildAtomicCmpXchg(_builder, pointer, Resize(expected, 64, size * 8, false), Resize(desired, 64, size * 8, false),
                        LLVMAtomicOrdering.LLVMAtomicOrderingSequentiallyConsistent, LLVMAtomicOrdering.LLVMAtomicOrderingSequentiallyConsistent, 0);
                    return Resize(LLVMBuildExtractValue(_builder, pair, 0, NoName), size * 8, 64, signed: false);
                },
                Slow);
        }
        return Loaded(raw, Math.Min(size, 8), instruction);
    }

    private static LLVMAtomicRMWBinOp? HostAtomic(AtomicOp op) => op switch
    {
        AtomicOp.Exchange => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXchg,
        AtomicOp.Add => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpAdd,
        AtomicOp.And => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpAnd,
        AtomicOp.Or => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpOr,
        AtomicOp.Xor => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXor,
        AtomicOp.MinS => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpMin,
        AtomicOp.MaxS => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpMax,
        AtomicOp.MinU => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpUMin,
        AtomicOp.MaxU => LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpUMax,
        _ => null,
    };

    /// <summary>
    /// Extends a loaded value (zero-extended in i64, or i128 for 16 bytes) to the result type as
    /// the interpreter does: sign-extend to 64 bits when asked, then fit to the type.
    /// </summary>
    private LLVMValueRef Loaded(LLVMValueRef raw, int size, Instruction instruction)
    {
        var bits = BitsOf(instruction.Type);
        if (size == 16) return Resize(raw, 128, bits, signed: false);
        var value = raw;
        if ((instruction.Access & MemoryAccess.Signed) != 0 && size < 8)
            value = Resize(Resize(raw, 64, size * 8, false), size * 8, 64, signed: true);
        return Resize(value, 64, bits, signed: false);
    }

    /// <summary>An access marked Aligned faults (Misaligned) before touching memory when it is not naturally aligned.</summary>
    private void CheckAlignment(Instruction instruction, LLVMValueRef address, int size, MemoryAccessType kind)
    {
        if ((instruction.Access & MemoryAccess.Aligned) == 0 || size == 1) return;
        var misaligned = Compare(LLVMIntPredicate.LLVMIntNE, And(address, Const64((ulong)(size - 1))), Const64(0));
        var next = NewBlock();
        if (_region.FallbackExits)
        {
            LLVMBuildCondBr(_builder, Unlikely(misaligned), FallbackBlock(instruction.GuestIndex), next);
            PositionAt(next);
            return;
        }
        var fault = NewBlock();
        LLVMBuildCondBr(_builder, Unlikely(misaligned), fault, next);
        PositionAt(fault);
        CallNative(RuntimeCallbacks.Misaligned, _callbacks.Misaligned, [_runtime, address, Const32((int)kind)]);
        LLVMBuildBr(_builder, RaiseBlock(instruction.GuestIndex));
        PositionAt(next);
    }

    /// <summary>
    /// Emits the direct path and the slow path of one access (or, in region code with fallback
    /// exits, the direct path and a fallback exit) and returns the loaded value (of
    /// <paramref name="resultType"/>), or nothing for stores.
    /// </summary>
    private LLVMValueRef GuestAccess(Instruction instruction, LLVMValueRef address, int size, DirectPagePermissions required, bool atomic,
        LLVMTypeRef? resultType, Func<LLVMValueRef, LLVMValueRef> direct, Func<LLVMValueRef> slow)
    {
        if (!_directMemory)
        {
            var value = slow();
            CheckStatus(instruction);
            return value;
        }
        if (_region.FallbackExits)
        {
            // A grouped access checks its group's span (when it leads it) or nothing (when a leader checked it).
            var fallback = FallbackBlock(instruction.GuestIndex);
            if (_memoryChecks.TryGetValue(_index, out var check))
            {
                if (check is { } span) EmitDirectCheck(Add(Value(span.Base), Const64((ulong)span.Offset)), span.Length, span.Required, atomic: false, fallback);
            }
            else EmitDirectCheck(address, size, required, atomic, fallback);
            var result = direct(LLVMBuildGEP2(_builder, _types.I8, _region.MemoryBase, address));
            return resultType is null ? default : result;
        }

        var slowBlock = NewBlock();
        var join = NewBlock();
        EmitDirectCheck(address, size, required, atomic, slowBlock);
        var directValue = direct(LLVMBuildGEP2(_builder, _types.I8, _region.MemoryBase, address));
        var directEnd = CurrentBlock;
        LLVMBuildBr(_builder, join);

        PositionAt(slowBlock);
        var slowValue = slow();
        CheckStatus(instruction);
        var slowEnd = CurrentBlock;
        LLVMBuildBr(_builder, join);

        PositionAt(join);
        if (resultType is not { } type) return default;
        var phi = LLVMBuildPhi(_builder, type, NoName);
        LLVMAddIncoming(phi, directValue, directEnd);
        LLVMAddIncoming(phi, slowValue, slowEnd);
        return phi;
    }

    /// <summary>
    /// Branches to <paramref name="failure"/> unless [start, start+length) lies inside the direct
    /// window, atomics are naturally aligned, and the permission byte of its first page grants
    /// <paramref name="required"/> (that byte speaks for the page and the next, see
    /// <see cref="IDirectGuestMemory.PagePermissions"/>; spans are shorter than a page); leaves
    /// the builder where the access may go straight to host memory. The permission table is only
    /// read once the span is known to be inside the window.
    /// </summary>
    private void EmitDirectCheck(LLVMValueRef start, int length, DirectPagePermissions required, bool atomic, LLVMBasicBlockRef failure)
    {
        // start <= size - length, with the subtraction saturating at 0 (an empty window passes only
        // address 0, whose permission byte is the runtime block's zero).
        var limit = Intrinsic("llvm.usub.sat.i64", _types.I64, [_types.I64, _types.I64], [_region.MemorySize, Const64((ulong)length)]);
        var inside = Compare(LLVMIntPredicate.LLVMIntULE, start, limit);
        if (atomic && length > 1)
            inside = And(inside, Compare(LLVMIntPredicate.LLVMIntEQ, And(start, Const64((ulong)(length - 1))), Const64(0)));
        var permissions = NewBlock();
        LLVMBuildCondBr(_builder, Likely(inside), permissions, failure);

        PositionAt(permissions);
        var wanted = Const(8, (ulong)required);
        var granted = Compare(LLVMIntPredicate.LLVMIntEQ, And(PermissionByte(_region.PagePermissions, start), wanted), wanted);
        var direct = NewBlock();
        var ownPage = NewBlock();
        LLVMBuildCondBr(_builder, Likely(granted), direct, ownPage);

        // The pair byte refused (the next page lacks the permission, as above the top of the
        // stack): a span inside one page needs only that page's own byte, and for a write no
        // translated code there.
        PositionAt(ownPage);
        var withinPage = Compare(LLVMIntPredicate.LLVMIntULE, And(start, Const64(PageSize - 1)), Const64(PageSize - (ulong)length));
        var relevant = required | ((required & DirectPagePermissions.Write) != 0 ? DirectPagePermissions.TranslatedCode : 0);
        var own = And(PermissionByte(_region.PageOwnPermissions, start), Const(8, (ulong)relevant));
        LLVMBuildCondBr(_builder, And(withinPage, Compare(LLVMIntPredicate.LLVMIntEQ, own, wanted)), direct, failure);
        PositionAt(direct);
    }

    private LLVMValueRef PermissionByte(LLVMValueRef table, LLVMValueRef address)
    {
        var entry = LLVMBuildGEP2(_builder, _types.I8, table, LShr(address, Const64(PageShift)));
        return LLVMBuildLoad2(_builder, _types.I8, entry, NoName);
    }

    private LLVMValueRef LoadUnaligned(LLVMTypeRef type, LLVMValueRef pointer)
    {
        var load = LLVMBuildLoad2(_builder, type, pointer, NoName);
        LLVMSetAlignment(load, 1);
        return load;
    }

    private LLVMValueRef StoreUnaligned(LLVMValueRef value, LLVMValueRef pointer)
    {
        var store = LLVMBuildStore(_builder, value, pointer);
        LLVMSetAlignment(store, 1);
        return store;
    }
}
