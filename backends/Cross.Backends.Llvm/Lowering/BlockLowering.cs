using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

/// <summary>
/// Lowers one IR block, a member of a region, into the region's function (see
/// <see cref="RegionLowering"/>), starting at the LLVM block the builder is positioned at.
/// Guest registers are memory at <c>state + offset</c> (LLVM keeps them in host registers
/// between calls); IR values become SSA values. Exits go to another member, chain to other
/// compiled code, or return an <see cref="ExitStatus"/> after writing the next PC into the
/// runtime block; every block counts its instructions down from the run's budget. Faults and
/// helper traps branch to one exit per guest instruction, which records that instruction's PC:
/// the precise-fault rule of the interpreter.
/// </summary>
internal sealed partial class BlockLowering
{
    private readonly RegionLowering _region;
    private readonly IrBlock _block;
    private readonly Instruction[] _code;
    private readonly LLVMContextRef _context;
    private readonly LLVMModuleRef _module;
    private readonly LLVMBuilderRef _builder;
    private readonly LoweringTypes _types;
    private readonly HelperTable _helpers;
    private readonly bool _directMemory;
    private readonly LLVMValueRef[] _values;
    private readonly Dictionary<int, LLVMBasicBlockRef> _raiseBlocks = new();
    private readonly Dictionary<int, LLVMBasicBlockRef> _fallbackBlocks = new();
    private readonly LLVMValueRef _function;
    private readonly LLVMValueRef _state;
    private readonly LLVMValueRef _runtime;
    private readonly CallbackTypes _callbacks;

    private readonly int _memberIndex;
    private readonly Dictionary<int, SpanCheck?> _memoryChecks;
    private int _index;

    public BlockLowering(RegionLowering region, IrBlock block, int memberIndex)
    {
        _region = region;
        _memberIndex = memberIndex;
        _block = block;
        _code = block.Instructions.ToArray();
        _context = region.Context;
        _module = region.Module;
        _builder = region.Builder;
        _types = region.Types;
        _helpers = region.Helpers;
        _directMemory = region.DirectMemory;
        _values = new LLVMValueRef[_code.Length];
        _function = region.Function;
        _state = region.State;
        _runtime = region.Runtime;
        _callbacks = region.Callbacks;
        _memoryChecks = PlanMemoryChecks();
    }

    public void Lower()
    {
        for (var index = 0; index < _code.Length; index++)
        {
            var instruction = _code[index];
            _index = index;
            var value = LowerInstruction(instruction);
            if (!value.IsNull) _values[index] = value;
            if (instruction.IsTerminator) return;
        }
        throw new InvalidOperationException($"IR block at 0x{_block.GuestPc:x} has no exit");
    }

    /// <summary>The lowering of each opcode, by group.</summary>
    private LLVMValueRef LowerInstruction(Instruction instruction) => instruction.Op switch
    {
        Opcode.Nop => default,
        Opcode.Const => Constant(instruction),
        Opcode.GetReg => GetRegister(instruction),
        Opcode.SetReg => SetRegister(instruction),
        Opcode.Add or Opcode.Sub or Opcode.Mul or Opcode.MulHighS or Opcode.MulHighU or Opcode.MulHighSU
            or Opcode.DivS or Opcode.DivU or Opcode.RemS or Opcode.RemU or Opcode.And or Opcode.Or or Opcode.Xor
            or Opcode.Shl or Opcode.ShrU or Opcode.ShrS or Opcode.RotL or Opcode.RotR => Binary(instruction),
        Opcode.Not or Opcode.Neg or Opcode.Clz or Opcode.Ctz or Opcode.Popcount or Opcode.ByteSwap => Unary(instruction),
        Opcode.ZeroExtend or Opcode.SignExtend or Opcode.Truncate or Opcode.Bitcast => Convert(instruction),
        Opcode.Cmp => Compare(instruction),
        Opcode.Select => LLVMBuildSelect(_builder, Value(instruction.A), Value(instruction.B), Value(instruction.C), NoName),
        Opcode.AddWithCarry => AddWithCarry(instruction),
        Opcode.CarryOut => CarryOut(instruction),
        Opcode.OverflowOut => OverflowOut(instruction),
        Opcode.Load => Load(instruction),
        Opcode.Store => Store(instruction),
        Opcode.AtomicRmw => AtomicRmw(instruction),
        Opcode.AtomicCmpXchg => AtomicCompareExchange(instruction),
        Opcode.Fence => LLVMBuildFence(_builder, LLVMAtomicOrdering.LLVMAtomicOrderingSequentiallyConsistent, 0, NoName),
        >= Opcode.FAdd and <= Opcode.FRound => FloatingPoint(instruction),
        Opcode.VExtract => VectorExtract(instruction),
        Opcode.VInsert => VectorInsert(instruction),
        >= Opcode.VAdd and <= Opcode.VClz => LowerVector(instruction),
        Opcode.Call => CallHelper(instruction),
        Opcode.ExitDirect => ExitTo((ulong)instruction.Imm),
        Opcode.ExitCond => ExitEither(Value(instruction.A), (ulong)instruction.Imm, (ulong)instruction.Imm2),
        Opcode.ExitIndirect => ExitIndirect(Low64(instruction.A)),
        Opcode.ExitTrap => ExitTrap(instruction),
        _ => throw new NotSupportedException($"the LLVM backend cannot lower {instruction.Op}"),
    };

    // ---- Values -------------------------------------------------------------------------

    private LLVMValueRef Value(Value value) => _values[value.Id];

    private IrType TypeOf(Value value) => _code[value.Id].Type;

    private static int BitsOf(IrType type) => LoweringTypes.BitsOf(type);

    /// <summary>The IR value's low 64 bits, zero-extended: what the interpreter keeps in a value slot.</summary>
    private LLVMValueRef Low64(Value value) => Resize(Value(value), BitsOf(TypeOf(value)), 64, signed: false);

    private LLVMValueRef Resize(LLVMValueRef value, int from, int to, bool signed)
    {
        if (from == to) return value;
        if (from > to) return LLVMBuildTrunc(_builder, value, _types.Integer(to), NoName);
        return signed
            ? LLVMBuildSExt(_builder, value, _types.Integer(to), NoName)
            : LLVMBuildZExt(_builder, value, _types.Integer(to), NoName);
    }

    private LLVMValueRef Const(int bits, ulong value) => LLVMConstInt(_types.Integer(bits), value, 0);
    private LLVMValueRef Const64(ulong value) => LLVMConstInt(_types.I64, value, 0);
    private LLVMValueRef Const32(int value) => LLVMConstInt(_types.I32, (uint)value, 0);

    private LLVMValueRef Constant(Instruction instruction)
    {
        if (instruction.Type.IsWide())
            return LLVMConstIntOfArbitraryPrecision(_types.I128, [(ulong)instruction.Imm, (ulong)instruction.Imm2]);
        return Const(BitsOf(instruction.Type), (ulong)instruction.Imm & instruction.Type.Mask());
    }

    private LLVMValueRef Select(LLVMValueRef condition, LLVMValueRef then, LLVMValueRef otherwise) =>
        LLVMBuildSelect(_builder, condition, then, otherwise, NoName);

    private LLVMValueRef Compare(LLVMIntPredicate predicate, LLVMValueRef a, LLVMValueRef b) =>
        LLVMBuildICmp(_builder, predicate, a, b, NoName);

    private LLVMValueRef Add(LLVMValueRef a, LLVMValueRef b) => LLVMBuildAdd(_builder, a, b, NoName);
    private LLVMValueRef Sub(LLVMValueRef a, LLVMValueRef b) => LLVMBuildSub(_builder, a, b, NoName);
    private LLVMValueRef And(LLVMValueRef a, LLVMValueRef b) => LLVMBuildAnd(_builder, a, b, NoName);
    private LLVMValueRef Or(LLVMValueRef a, LLVMValueRef b) => LLVMBuildOr(_builder, a, b, NoName);
    private LLVMValueRef Xor(LLVMValueRef a, LLVMValueRef b) => LLVMBuildXor(_builder, a, b, NoName);
    private LLVMValueRef LShr(LLVMValueRef a, LLVMValueRef b) => LLVMBuildLShr(_builder, a, b, NoName);

    // ---- Guest state ----------------------------------------------------------------------

    private LLVMValueRef StateAddress(int offset) => LLVMBuildGEP2(_builder, _types.I8, _state, Const64((ulong)offset));

    private void TouchState(int offset, int bytes) => _region.TouchState(offset, bytes);

    private LLVMValueRef GetRegister(Instruction instruction)
    {
        var type = instruction.Type;
        var bits = BitsOf(type);
        var stored = Math.Max(bits, 8);
        TouchState(instruction.Aux, stored / 8);
        if (_region.TryGetRegisterSlot(instruction.Aux, out var slot)) return LLVMBuildLoad2(_builder, _types.I64, slot, NoName);
        var load = LLVMBuildLoad2(_builder, _types.Integer(stored), StateAddress(instruction.Aux), NoName);
        LLVMSetAlignment(load, 1);
        return Resize(load, stored, bits, signed: false);
    }

    private LLVMValueRef SetRegister(Instruction instruction)
    {
        var bits = BitsOf(TypeOf(instruction.A));
        var stored = Math.Max(bits, 8);
        TouchState(instruction.Aux, stored / 8);
        if (_region.TryGetRegisterSlot(instruction.Aux, out var slot))
        {
            LLVMBuildStore(_builder, Value(instruction.A), slot);
            return default;
        }
        var store = LLVMBuildStore(_builder, Resize(Value(instruction.A), bits, stored, signed: false), StateAddress(instruction.Aux));
        LLVMSetAlignment(store, 1);
        return default;
    }

    // ---- The runtime block ----------------------------------------------------------------

    private LLVMValueRef RuntimeField(int offset) => _region.RuntimeField(offset);

    private LLVMValueRef LoadRuntime(int offset, LLVMTypeRef type) => _region.LoadRuntime(offset, type);

    private void StoreRuntime(int offset, LLVMValueRef value) => _region.StoreRuntime(offset, value);

    // ---- Control flow ---------------------------------------------------------------------

    private LLVMBasicBlockRef NewBlock() => LLVMAppendBasicBlockInContext(_context, _function, NoName);

    private void PositionAt(LLVMBasicBlockRef block) => LLVMPositionBuilderAtEnd(_builder, block);

    private LLVMBasicBlockRef CurrentBlock => LLVMGetInsertBlock(_builder);

    /// <summary>
    /// The exit taken when guest instruction <paramref name="guestIndex"/> faults or traps: it
    /// reports that instruction's PC, counts the instructions before it as retired, and returns
    /// the status the failing callback (or inline check) left in the runtime block.
    /// </summary>
    private LLVMBasicBlockRef RaiseBlock(int guestIndex)
    {
        if (_raiseBlocks.TryGetValue(guestIndex, out var existing)) return existing;
        var saved = CurrentBlock;
        var block = NewBlock();
        PositionAt(block);
        var pc = guestIndex < _block.GuestPcs.Count ? _block.GuestPcs[guestIndex] : _block.GuestPc;
        StoreRuntime(RuntimeLayout.NextPc, Const64(pc));
        StoreRuntime(RuntimeLayout.TrapPc, Const64(pc));
        _region.Retire(guestIndex);
        ForgetLastExit();
        var status = LoadRuntime(RuntimeLayout.Status, _types.I64);
        _region.Return(LLVMBuildTrunc(_builder, status, _types.I32, NoName));
        PositionAt(saved);
        _raiseBlocks[guestIndex] = block;
        return block;
    }

    /// <summary>
    /// The exit taken when region code leaves guest instruction <paramref name="guestIndex"/> to
    /// the baseline code: it reports that instruction's PC and counts the instructions before it.
    /// </summary>
    private LLVMBasicBlockRef FallbackBlock(int guestIndex)
    {
        if (_fallbackBlocks.TryGetValue(guestIndex, out var existing)) return existing;
        var saved = CurrentBlock;
        var block = NewBlock();
        PositionAt(block);
        StoreRuntime(RuntimeLayout.NextPc, Const64(_block.GuestPcs[guestIndex]));
        _region.Retire(guestIndex);
        ForgetLastExit();
        _region.Return(Const32((int)ExitStatus.Fallback));
        PositionAt(saved);
        _fallbackBlocks[guestIndex] = block;
        return block;
    }

    /// <summary>After a callback: leave through the raise block if it recorded a failure.</summary>
    private void CheckStatus(Instruction instruction)
    {
        var status = LoadRuntime(RuntimeLayout.Status, _types.I64);
        var failed = Unlikely(Compare(LLVMIntPredicate.LLVMIntNE, status, Const64(0)));
        var next = NewBlock();
        LLVMBuildCondBr(_builder, failed, RaiseBlock(instruction.GuestIndex), next);
        PositionAt(next);
    }

    /// <summary>Branches to a guest trap at this instruction when <paramref name="condition"/> holds.</summary>
    private void TrapIf(Instruction instruction, LLVMValueRef condition, TrapKind kind, ulong detail)
    {
        var trap = NewBlock();
        var next = NewBlock();
        LLVMBuildCondBr(_builder, Unlikely(condition), trap, next);
        PositionAt(trap);
        StoreRuntime(RuntimeLayout.Status, Const64((ulong)ExitStatus.Trap));
        StoreRuntime(RuntimeLayout.TrapKind, Const64((ulong)kind));
        StoreRuntime(RuntimeLayout.Detail, Const64(detail));
        LLVMBuildBr(_builder, RaiseBlock(instruction.GuestIndex));
        PositionAt(next);
    }

    /// <summary>Marks a branch condition as rarely true (llvm.expect), so faults and slow paths are laid out cold.</summary>
    private LLVMValueRef Unlikely(LLVMValueRef condition) => Expect(condition, false);

    private LLVMValueRef Likely(LLVMValueRef condition) => Expect(condition, true);

    private LLVMValueRef Expect(LLVMValueRef condition, bool expected) =>
        Intrinsic("llvm.expect.i1", _types.I1, [_types.I1, _types.I1], [condition, Const(1, expected ? 1UL : 0UL)]);

    // ---- Calls out ------------------------------------------------------------------------

    /// <summary>
    /// Calls a callback's native entry point, a constant address, with its LLVM signature. Unless
    /// it is <paramref name="pure"/> (it neither reads nor writes guest state), the registers held
    /// in locals go to guest state first and come back from it after.
    /// </summary>
    private LLVMValueRef CallNative(nint address, LLVMTypeRef functionType, ReadOnlySpan<LLVMValueRef> arguments, bool pure = false)
    {
        if (!pure) _region.FlushRegisters();
        var target = LLVMBuildIntToPtr(_builder, Const64((ulong)address), _types.Pointer, NoName);
        var result = LLVMBuildCall2(_builder, functionType, target, arguments);
        if (!pure) _region.ReloadRegisters();
        return result;
    }

    private LLVMValueRef CallHelper(Instruction instruction)
    {
        var arguments = instruction.Args ?? [];
        for (var i = 0; i < arguments.Length; i++)
        {
            var slot = LLVMBuildGEP2(_builder, _types.I64, _region.ArgumentSlots, Const64((ulong)i));
            var store = LLVMBuildStore(_builder, Low64(arguments[i]), slot);
            LLVMSetAlignment(store, 8);
        }
        var slots = arguments.Length == 0 ? LLVMConstNull(_types.Pointer) : _region.ArgumentSlots;
        var index = _helpers.IndexOf(instruction.Helper!);
        // Helpers may read the PC, which the interpreter's engine keeps at the block's start.
        // (Registers go back to guest state first, so none of them can overwrite the PC.)
        _region.FlushRegisters();
        var pc = LLVMBuildStore(_builder, Const64(_block.GuestPc), LLVMBuildGEP2(_builder, _types.I8, _state, _region.PcOffset));
        LLVMSetAlignment(pc, 1);
        var result = CallNative(RuntimeCallbacks.CallHelper, _callbacks.CallHelper, [_runtime, Const32(index), slots, Const32(arguments.Length), _state]);
        CheckStatus(instruction);
        return instruction.Type == IrType.Void ? default : Resize(result, 64, BitsOf(instruction.Type), signed: false);
    }
}
