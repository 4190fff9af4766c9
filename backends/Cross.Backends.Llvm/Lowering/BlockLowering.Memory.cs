using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Ir;
using Cross.Core.Memory;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

// Guest memory. Every access can take the slow path, a callback into IGuestMemory that turns
// faults into a precise exit. With direct memory (IDirectGuestMemory) one inline check (inside
// the window, within one page, that page's permission byte grants the access) lets the access go
// straight to host memory; when it fails, block code takes the slow path and region code with
// fallback exits leaves the region at that instruction, so a bad guest address never reaches
// host memory outside the window.
internal sealed partial class BlockLowering
{
    private const int PageShift = 12;

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
        var directBlock = NewBlock();
        var usable = Likely(DirectCheck(address, size, required, atomic));
        if (_region.FallbackExits)
        {
            LLVMBuildCondBr(_builder, usable, directBlock, FallbackBlock(instruction.GuestIndex));
            PositionAt(directBlock);
            var result = direct(LLVMBuildGEP2(_builder, _types.I8, _region.MemoryBase, address));
            return resultType is null ? default : result;
        }

        var slowBlock = NewBlock();
        var join = NewBlock();
        LLVMBuildCondBr(_builder, usable, directBlock, slowBlock);

        PositionAt(directBlock);
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
    /// True when [address, address+size) lies inside the direct window and within one page
    /// (accesses that cross a page take the slow way), atomics are naturally aligned, and the
    /// page's permission byte grants <paramref name="required"/> (and, for writes, the page holds
    /// no translated code). Branch-free: the permission byte read is of page 0 when the address is
    /// outside the window, so it never reads outside the table.
    /// </summary>
    private LLVMValueRef DirectCheck(LLVMValueRef address, int size, DirectPagePermissions required, bool atomic)
    {
        var windowSize = _region.MemorySize;
        var inside = Compare(LLVMIntPredicate.LLVMIntULT, address, windowSize);
        var fits = Compare(LLVMIntPredicate.LLVMIntUGE, Sub(windowSize, address), Const64((ulong)size));
        var usable = And(inside, fits);
        if (size > 1)
        {
            var offset = And(address, Const64((1UL << PageShift) - 1));
            usable = And(usable, Compare(LLVMIntPredicate.LLVMIntULE, offset, Const64((ulong)((1 << PageShift) - size))));
            if (atomic)
                usable = And(usable, Compare(LLVMIntPredicate.LLVMIntEQ, And(address, Const64((ulong)(size - 1))), Const64(0)));
        }
        var page = Select(usable, LShr(address, Const64(PageShift)), Const64(0));
        var permissions = LLVMBuildLoad2(_builder, _types.I8, LLVMBuildGEP2(_builder, _types.I8, _region.PagePermissions, page), NoName);
        var mask = required;
        if ((required & DirectPagePermissions.Write) != 0) mask |= DirectPagePermissions.TranslatedCode;
        var granted = Compare(LLVMIntPredicate.LLVMIntEQ, And(permissions, Const(8, (ulong)mask)), Const(8, (ulong)required));
        return And(usable, granted);
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
