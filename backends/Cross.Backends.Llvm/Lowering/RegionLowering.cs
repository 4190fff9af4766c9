using Cross.Backends.Llvm.Interop;
using Cross.Backends.Llvm.Runtime;
using Cross.Core.Engine;
using Cross.Core.Ir;
using static Cross.Backends.Llvm.Interop.LlvmApi;

namespace Cross.Backends.Llvm.Lowering;

/// <summary>
/// Lowers a <see cref="CodeRegion"/> to one LLVM function <c>i32 region(ptr noalias state, ptr
/// noalias runtime)</c>: a prologue that loads what the run works against, then one
/// <see cref="BlockLowering"/> per member, entered at the first. A member's exit to another
/// member is a branch inside the function (loops stay in registers); other exits chain or return.
/// </summary>
/// <remarks>
/// The two parameters are <c>noalias</c>: guest state, the runtime block and guest memory are
/// distinct host objects, and every callback that touches the state receives the state pointer
/// (helper calls), so LLVM may keep guest registers in host registers across guest memory
/// accesses and across slow-path calls that cannot see them.
/// </remarks>
internal sealed partial class RegionLowering
{
    /// <summary>LLVMAttributeFunctionIndex: attributes of the function itself; parameters count from 1.</summary>
    private const uint FunctionAttributeIndex = uint.MaxValue;

    private readonly CodeRegion _region;
    private readonly Func<nint>? _allocateExitSlot;
    private readonly Dictionary<ulong, LLVMBasicBlockRef> _memberEntries = new();
    private readonly Dictionary<ulong, int> _memberIndices = new();
    private LLVMValueRef _heat;
    private readonly List<nint> _exitSlots = new();
    private LLVMValueRef _budget;

    public RegionLowering(CodeRegion region, string name, LLVMContextRef context, LLVMModuleRef module, LLVMBuilderRef builder,
        LoweringTypes types, HelperTable helpers, bool directMemory, bool fallbackExits, Func<nint>? allocateExitSlot)
    {
        _region = region;
        FallbackExits = fallbackExits && directMemory;
        _allocateExitSlot = allocateExitSlot;
        Context = context;
        Module = module;
        Builder = builder;
        Types = types;
        Helpers = helpers;
        DirectMemory = directMemory;
        Callbacks = new CallbackTypes(types);
        Function = LLVMAddFunction(module, name, types.Block);
        // Nothing unwinds through generated code (callbacks catch everything), so it needs no unwind tables.
        LLVMAddAttributeAtIndex(Function, FunctionAttributeIndex, Attribute("nounwind"u8));
        LLVMAddAttributeAtIndex(Function, 1, Attribute("noalias"u8));
        LLVMAddAttributeAtIndex(Function, 2, Attribute("noalias"u8));
        // Nothing keeps either pointer beyond a run: not the code, not the callbacks it calls.
        LLVMAddAttributeAtIndex(Function, 1, Attribute("nocapture"u8));
        LLVMAddAttributeAtIndex(Function, 2, Attribute("nocapture"u8));
        State = LLVMGetParam(Function, 0);
        Runtime = LLVMGetParam(Function, 1);
    }

    public LLVMContextRef Context { get; }
    public LLVMModuleRef Module { get; }
    public LLVMBuilderRef Builder { get; }
    public LoweringTypes Types { get; }
    public CallbackTypes Callbacks { get; }
    public HelperTable Helpers { get; }
    public bool DirectMemory { get; }
    public LLVMValueRef Function { get; }
    public LLVMValueRef State { get; }
    public LLVMValueRef Runtime { get; }

    /// <summary>
    /// Whether a guest memory access that fails the inline direct-memory check leaves the region
    /// (<see cref="ExitStatus.Fallback"/>: the engine runs that instruction's block on the first
    /// tier) instead of calling the slow path: region code then has no calls on its memory paths,
    /// which makes it much smaller and lets LLVM keep guest registers in host registers.
    /// </summary>
    public bool FallbackExits { get; }

    /// <summary>Whether exits chain: through exit slots (direct) and the jump cache (indirect).</summary>
    public bool Chaining => _allocateExitSlot is not null;

    // Loaded once in the prologue: they stay the same for a whole run.
    public LLVMValueRef MemoryBase { get; private set; }
    public LLVMValueRef MemorySize { get; private set; }
    public LLVMValueRef PagePermissions { get; private set; }
    public LLVMValueRef PageOwnPermissions { get; private set; }
    public LLVMValueRef PcOffset { get; private set; }
    public LLVMValueRef JumpCache { get; private set; }
    public LLVMValueRef DispatchFlags { get; private set; }

    // Stack slots of the prologue.
    public LLVMValueRef ArgumentSlots { get; private set; }
    public LLVMValueRef WideSlots { get; private set; }
    public LLVMValueRef FloatingPointFlags { get; private set; }

    /// <summary>Bytes of guest state the region touches: the state must be at least this large.</summary>
    public int StateExtent { get; private set; }

    /// <summary>The exit slots the region's direct exits read (see <see cref="ExitSlotArena"/>).</summary>
    public IReadOnlyList<nint> ExitSlots => _exitSlots;

    public nint AllocateExitSlot()
    {
        var slot = (_allocateExitSlot ?? throw new InvalidOperationException("chaining is off"))();
        _exitSlots.Add(slot);
        return slot;
    }

    public void TouchState(int offset, int bytes) => StateExtent = Math.Max(StateExtent, offset + bytes);

    /// <summary>The LLVM block where member <paramref name="pc"/> starts, when the region has one.</summary>
    public bool TryGetMember(ulong pc, out LLVMBasicBlockRef entry) => _memberEntries.TryGetValue(pc, out entry);

    /// <summary>The member's position in the region (entry 0); a jump to a member at or before the current one closes a loop.</summary>
    public int MemberIndex(ulong pc) => _memberIndices[pc];

    /// <summary>Whether the code counts entries and back edges to report when hot (<see cref="CodeRegion.ReportHotAfter"/>).</summary>
    public bool CountsHeat => !_heat.IsNull;

    public ulong EntryPc => _region.Entry.GuestPc;

    public void Lower()
    {
        var prologue = LLVMAppendBasicBlockInContext(Context, Function, NoName);
        foreach (var block in _region.Blocks)
        {
            if (_memberEntries.ContainsKey(block.GuestPc))
                throw new ArgumentException($"the region at 0x{_region.Entry.GuestPc:x} has two members at 0x{block.GuestPc:x}");
            _memberIndices[block.GuestPc] = _memberEntries.Count;
            _memberEntries[block.GuestPc] = LLVMAppendBasicBlockInContext(Context, Function, NoName);
        }

        LLVMPositionBuilderAtEnd(Builder, prologue);
        EmitPrologue();
        var entry = _memberEntries[_region.Entry.GuestPc];
        if (CountsHeat) CountHeat(entry, _region.Entry.GuestPc);
        else LLVMBuildBr(Builder, entry);

        foreach (var block in _region.Blocks)
        {
            LLVMPositionBuilderAtEnd(Builder, _memberEntries[block.GuestPc]);
            new BlockLowering(this, block, _memberIndices[block.GuestPc]).Lower();
        }

        // The state is at least StateExtent bytes (the compiled block checks before every run),
        // writable, and no other thread touches it while the region runs. Saying so lets LLVM
        // keep a guest register in a host register across a loop and store it once, at the
        // loop's exits, even when the loop may leave before its first store.
        if (StateExtent > 0)
        {
            LLVMAddAttributeAtIndex(Function, 1, Attribute("dereferenceable"u8, (ulong)StateExtent));
            LLVMAddAttributeAtIndex(Function, 1, Attribute("writable"u8));
        }
    }

    private void EmitPrologue()
    {
        var code = _region.Blocks.SelectMany(block => block.Instructions).ToArray();
        var arguments = code.Where(i => i.Op == Opcode.Call).Select(i => i.Args?.Length ?? 0).DefaultIfEmpty(0).Max();
        if (arguments > 0) ArgumentSlots = LLVMBuildAlloca(Builder, LLVMArrayType2(Types.I64, (ulong)arguments), NoName);
        if (code.Any(BlockLowering.NeedsWideHelper)) WideSlots = LLVMBuildAlloca(Builder, LLVMArrayType2(Types.I128, 3), NoName);
        if (code.Any(i => OpcodeInfo.IsFloatingPoint(i.Op))) FloatingPointFlags = LLVMBuildAlloca(Builder, Types.I8, NoName);
        PlanRegisterSlots();
        // The budget lives in a local (a register after mem2reg) and goes back to the runtime block at every exit.
        _budget = LLVMBuildAlloca(Builder, Types.I64, NoName);
        LLVMBuildStore(Builder, LoadRuntime(RuntimeLayout.Budget, Types.I64), _budget);

        MemoryBase = LoadRuntime(RuntimeLayout.MemoryBase, Types.Pointer);
        MemorySize = LoadRuntime(RuntimeLayout.MemorySize, Types.I64);
        PagePermissions = LoadRuntime(RuntimeLayout.PagePermissions, Types.Pointer);
        PageOwnPermissions = LoadRuntime(RuntimeLayout.PageOwnPermissions, Types.Pointer);
        PcOffset = LoadRuntime(RuntimeLayout.PcOffset, Types.I64);
        JumpCache = LoadRuntime(RuntimeLayout.JumpCache, Types.Pointer);
        DispatchFlags = LoadRuntime(RuntimeLayout.DispatchFlags, Types.Pointer);

        if (_region.ReportHotAfter > 0 && Chaining)
        {
            // A native word counting down to the hot report; it lives as long as the code.
            var slot = AllocateExitSlot();
            ExitSlotArena.Write(slot, (nint)_region.ReportHotAfter);
            _heat = LLVMBuildIntToPtr(Builder, LLVMConstInt(Types.I64, (ulong)slot, 0), Types.Pointer, NoName);
        }
    }

    /// <summary>
    /// Counts one entry or back edge, then goes on to <paramref name="next"/>; when the count
    /// runs out, leaves instead with <see cref="ExitStatus.Hot"/>, to continue at <paramref name="target"/>.
    /// </summary>
    public void CountHeat(LLVMBasicBlockRef next, ulong target)
    {
        var count = LLVMBuildLoad2(Builder, Types.I64, _heat, NoName);
        LLVMSetAlignment(count, 8);
        var left = LLVMBuildSub(Builder, count, LLVMConstInt(Types.I64, 1, 0), NoName);
        LLVMSetAlignment(LLVMBuildStore(Builder, left, _heat), 8);
        var report = LLVMAppendBasicBlockInContext(Context, Function, NoName);
        var zero = LLVMBuildICmp(Builder, LLVMIntPredicate.LLVMIntEQ, left, LLVMConstInt(Types.I64, 0, 0), NoName);
        LLVMBuildCondBr(Builder, zero, report, next);
        LLVMPositionBuilderAtEnd(Builder, report);
        StoreRuntime(RuntimeLayout.NextPc, LLVMConstInt(Types.I64, target, 0));
        StoreRuntime(RuntimeLayout.Detail, LLVMConstInt(Types.I64, _region.Entry.GuestPc, 0));
        if (Chaining) StoreRuntime(RuntimeLayout.LastExit, LLVMConstInt(Types.I64, 0, 0));
        Return(LLVMConstInt(Types.I32, (ulong)ExitStatus.Hot, 0));
    }

    public LLVMValueRef RuntimeField(int offset) => LLVMBuildGEP2(Builder, Types.I8, Runtime, LLVMConstInt(Types.I64, (ulong)offset, 0));

    public LLVMValueRef LoadRuntime(int offset, LLVMTypeRef type)
    {
        var load = LLVMBuildLoad2(Builder, type, RuntimeField(offset), NoName);
        LLVMSetAlignment(load, 8);
        return load;
    }

    public void StoreRuntime(int offset, LLVMValueRef value)
    {
        var store = LLVMBuildStore(Builder, value, RuntimeField(offset));
        LLVMSetAlignment(store, 8);
    }

    /// <summary>Counts <paramref name="instructions"/> retired; returns the budget left (below 1: stop chaining).</summary>
    public LLVMValueRef Retire(int instructions)
    {
        var budget = LLVMBuildLoad2(Builder, Types.I64, _budget, NoName);
        if (instructions == 0) return budget;
        var left = LLVMBuildSub(Builder, budget, LLVMConstInt(Types.I64, (ulong)instructions, 0), NoName);
        LLVMBuildStore(Builder, left, _budget);
        return left;
    }

    /// <summary>Before the function returns or tail-calls: the runtime block gets the budget left.</summary>
    public void PublishBudget() => StoreRuntime(RuntimeLayout.Budget, LLVMBuildLoad2(Builder, Types.I64, _budget, NoName));

    /// <summary>
    /// Whether code may go on into another member of this region: budget left. Only the budget: it
    /// lives in a register, so a loop inside the region stays free of memory operations LLVM
    /// must keep in order (a volatile load would pin every guest register to memory). Region
    /// code writes no translated code itself (such stores fall back), and the engine hands out
    /// budgets of one time slice, so dispatch flags wait at most until the budget runs out.
    /// </summary>
    public LLVMValueRef MayContinueInside(LLVMValueRef budgetLeft) =>
        LLVMBuildICmp(Builder, LLVMIntPredicate.LLVMIntSGT, budgetLeft, LLVMConstInt(Types.I64, 0, 0), NoName);

    /// <summary>
    /// Whether code may leave for other compiled code (a chained or indirect exit): budget left,
    /// and the context's dispatch flags clear (a volatile load: another thread or a callback may
    /// set them at any time).
    /// </summary>
    public LLVMValueRef MayContinue(LLVMValueRef budgetLeft)
    {
        var flags = LLVMBuildLoad2(Builder, Types.I64, DispatchFlags, NoName);
        LLVMSetAlignment(flags, 8);
        LLVMSetVolatile(flags, 1);
        var clear = LLVMBuildICmp(Builder, LLVMIntPredicate.LLVMIntEQ, flags, LLVMConstInt(Types.I64, 0, 0), NoName);
        return LLVMBuildAnd(Builder, MayContinueInside(budgetLeft), clear, NoName);
    }

    /// <summary>
    /// Jumps to compiled code at host address <paramref name="entry"/> (an i64) with this run's
    /// state and runtime block, as a guaranteed tail call, and returns what it returns.
    /// </summary>
    public void TailCall(LLVMValueRef entry)
    {
        FlushRegisters();
        PublishBudget();
        var callee = LLVMBuildIntToPtr(Builder, entry, Types.Pointer, NoName);
        var result = LLVMBuildCall2(Builder, Types.Block, callee, [State, Runtime]);
        LLVMSetTailCallKind(result, LLVMTailCallKind.LLVMTailCallKindMustTail);
        // The callee keeps neither pointer beyond the call.
        LLVMAddCallSiteAttribute(result, 1, Attribute("nocapture"u8));
        LLVMAddCallSiteAttribute(result, 2, Attribute("nocapture"u8));
        LLVMBuildRet(Builder, result);
    }

    /// <summary>Returns <paramref name="status"/> to the caller of the run.</summary>
    public LLVMValueRef Return(LLVMValueRef status)
    {
        FlushRegisters();
        PublishBudget();
        return LLVMBuildRet(Builder, status);
    }

    public nint Attribute(ReadOnlySpan<byte> name, ulong value = 0) => LLVMCreateEnumAttribute(Context, LLVMGetEnumAttributeKindForName(name), value);
}
