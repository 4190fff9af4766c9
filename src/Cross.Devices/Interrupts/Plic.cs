using Cross.Core.Devices;

namespace Cross.Devices.Interrupts;

/// <summary>
/// The SiFive Platform-Level Interrupt Controller with QEMU virt's layout. Sources 1..N are
/// level-triggered: a source is pending while its line is high and it is not claimed (in
/// service), which is the gateway rule QEMU's sifive_plic.c follows. A context's output is high
/// while some source enabled for it is pending with a priority above its threshold. Context
/// 2h is hart h's M-mode and 2h+1 its S-mode on the virt board, but the PLIC itself only knows
/// context numbers; the board wires outputs to hart pins.
/// </summary>
public sealed class Plic : IMmioDevice
{
    public const ulong PriorityBase = 0x0, PendingBase = 0x1000, EnableBase = 0x2000, EnableStride = 0x80,
        ContextBase = 0x200000, ContextStride = 0x1000, ThresholdOffset = 0, ClaimOffset = 4;

    /// <summary>Contexts that fit in QEMU virt's 0x600000-byte window.</summary>
    public const int MaxContexts = (int)((0x600000 - ContextBase) / ContextStride);

    /// <summary>Source IDs that fit the 0x80-byte enable block of one context.</summary>
    public const int MaxSources = 1023;

    private readonly int _sourceCount;
    private readonly uint _priorityMask;
    private readonly uint[] _priority;
    private readonly bool[] _level, _claimed;
    private readonly uint[][] _enable;
    private readonly uint[] _threshold;
    private readonly IReadOnlyList<IInterruptLine> _outputs;
    private readonly IInterruptLine[] _sources;

    /// <param name="sourceCount">Highest source ID (the DT's riscv,ndev); ID 0 means "none".</param>
    /// <param name="contextOutputs">One line per context, in context order.</param>
    /// <param name="priorityBits">Implemented priority bits (3 on QEMU virt: priorities 0..7).</param>
    public Plic(int sourceCount, IReadOnlyList<IInterruptLine> contextOutputs, int priorityBits = 3)
    {
        if (sourceCount is < 1 or > MaxSources) throw new ArgumentOutOfRangeException(nameof(sourceCount));
        if (contextOutputs.Count is < 1 or > MaxContexts) throw new ArgumentOutOfRangeException(nameof(contextOutputs));
        _sourceCount = sourceCount;
        _priorityMask = (1u << priorityBits) - 1;
        _priority = new uint[sourceCount + 1];
        _level = new bool[sourceCount + 1];
        _claimed = new bool[sourceCount + 1];
        _outputs = contextOutputs;
        var words = (sourceCount + 1 + 31) / 32;
        _enable = new uint[contextOutputs.Count][];
        for (var c = 0; c < _enable.Length; c++) _enable[c] = new uint[words];
        _threshold = new uint[contextOutputs.Count];
        _sources = new IInterruptLine[sourceCount];
        for (var id = 1; id <= sourceCount; id++) _sources[id - 1] = new SourceLine(this, id);
    }

    public int SourceCount => _sourceCount;

    public int ContextCount => _outputs.Count;

    /// <summary>The input line a device drives to raise source <paramref name="id"/> (1-based).</summary>
    public IInterruptLine Source(int id) =>
        id >= 1 && id <= _sourceCount ? _sources[id - 1] : throw new ArgumentOutOfRangeException(nameof(id), $"PLIC source {id} is not in 1..{_sourceCount}");

    public bool IsPending(int id) => id >= 1 && id <= _sourceCount && _level[id] && !_claimed[id];

    private sealed class SourceLine(Plic plic, int id) : IInterruptLine
    {
        public void Set(bool asserted)
        {
            if (plic._level[id] == asserted) return;
            plic._level[id] = asserted;
            plic.Update();
        }
    }

    // The PLIC is specified for 32-bit accesses only; anything else reads 0 and writes nothing.
    public ulong Read(ulong offset, int size)
    {
        if (size != 4 || (offset & 3) != 0) return 0;
        if (offset < PendingBase) return PrioritySlot(offset) is { } id ? _priority[id] : 0;
        if (offset < EnableBase) return PendingWord((int)((offset - PendingBase) / 4));
        if (offset < ContextBase) return EnableSlot(offset) is var (context, word) ? _enable[context][word] : 0;
        if (ContextSlot(offset) is not var (ctx, register)) return 0;
        return register switch
        {
            ThresholdOffset => _threshold[ctx],
            ClaimOffset => Claim(ctx),
            _ => 0,
        };
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if (size != 4 || (offset & 3) != 0) return;
        var data = (uint)value;
        if (offset < PendingBase)
        {
            if (PrioritySlot(offset) is { } id) _priority[id] = data & _priorityMask;
        }
        else if (offset < EnableBase)
        {
            return; // pending bits are read-only: they follow the gateways
        }
        else if (offset < ContextBase)
        {
            if (EnableSlot(offset) is not var (context, word)) return;
            _enable[context][word] = data & ValidSourceBits(word);
        }
        else if (ContextSlot(offset) is var (ctx, register))
        {
            if (register == ThresholdOffset) _threshold[ctx] = data & _priorityMask;
            else if (register == ClaimOffset) Complete(ctx, data);
            else return;
        }
        else
        {
            return;
        }
        Update();
    }

    private int? PrioritySlot(ulong offset)
    {
        var id = (int)(offset / 4);
        return id >= 1 && id <= _sourceCount ? id : null;
    }

    private (int Context, int Word)? EnableSlot(ulong offset)
    {
        var relative = offset - EnableBase;
        var context = relative / EnableStride;
        var word = (int)(relative % EnableStride / 4);
        return context < (ulong)_outputs.Count && word < _enable[0].Length ? ((int)context, word) : null;
    }

    private (int Context, ulong Register)? ContextSlot(ulong offset)
    {
        var relative = offset - ContextBase;
        var context = relative / ContextStride;
        return context < (ulong)_outputs.Count ? ((int)context, relative % ContextStride) : null;
    }

    /// <summary>Bits of enable/pending word <paramref name="word"/> that name real sources (never source 0).</summary>
    private uint ValidSourceBits(int word)
    {
        uint mask = 0;
        for (var bit = 0; bit < 32; bit++)
        {
            var id = word * 32 + bit;
            if (id >= 1 && id <= _sourceCount) mask |= 1u << bit;
        }
        return mask;
    }

    private uint PendingWord(int word)
    {
        uint bits = 0;
        for (var bit = 0; bit < 32; bit++)
            if (IsPending(word * 32 + bit)) bits |= 1u << bit;
        return bits;
    }

    private bool IsEnabled(int context, int id) => (_enable[context][id / 32] & (1u << (id % 32))) != 0;

    /// <summary>The highest-priority pending source enabled for the context above its threshold; ties go to the lowest ID.</summary>
    private int Best(int context)
    {
        int best = 0;
        uint bestPriority = 0;
        for (var id = 1; id <= _sourceCount; id++)
        {
            if (!IsPending(id) || !IsEnabled(context, id)) continue;
            var priority = _priority[id];
            if (priority > _threshold[context] && priority > bestPriority)
            {
                best = id;
                bestPriority = priority;
            }
        }
        return best;
    }

    private uint Claim(int context)
    {
        var id = Best(context);
        if (id != 0) _claimed[id] = true;
        Update();
        return (uint)id;
    }

    private void Complete(int context, uint id)
    {
        // The spec ignores a completion for a source not enabled for this context.
        if (id == 0 || id > (uint)_sourceCount || !IsEnabled(context, (int)id)) return;
        _claimed[id] = false;
    }

    private void Update()
    {
        for (var context = 0; context < _outputs.Count; context++) _outputs[context].Set(Best(context) != 0);
    }
}
