using Cross.Core.Ir;
using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV.Csr;

/// <summary>The read-only user counters: cycle and instret count retired instructions, time a host clock.</summary>
public sealed class CounterCsr : ICsr
{
    private readonly bool _isTime;

    public static CounterCsr Cycle { get; } = new("cycle", isTime: false);
    public static CounterCsr Time { get; } = new("time", isTime: true);
    public static CounterCsr Instret { get; } = new("instret", isTime: false);

    private CounterCsr(string name, bool isTime)
    {
        Name = name;
        _isTime = isTime;
    }

    public string Name { get; }

    public bool IsReadOnly => true;

    public bool EndsBlockOnWrite => false;

    public Value Read(RiscVEmitter emitter)
    {
        var b = emitter.Builder;
        return _isTime
            ? b.Call(RiscVHelpers.Time)
            : b.Call(RiscVHelpers.InstructionsRetired, b.Const64((ulong)b.GuestIndex));
    }

    public void Write(RiscVEmitter emitter, Value value) =>
        throw new InvalidOperationException($"{Name} is read-only");
}
