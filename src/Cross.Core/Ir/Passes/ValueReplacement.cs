namespace Cross.Core.Ir.Passes;

/// <summary>Forwarding table used by passes that replace one SSA value with another.</summary>
internal sealed class ValueReplacement
{
    private readonly int[] _forward;

    public ValueReplacement(int count)
    {
        _forward = new int[count];
        for (var i = 0; i < count; i++) _forward[i] = i;
    }

    public void Replace(int id, Value with) => _forward[id] = Resolve(with).Id;

    public Value Resolve(Value value)
    {
        if (value.IsNone) return value;
        var id = value.Id;
        while (_forward[id] != id) id = _forward[id];
        return new Value(id);
    }

    public void Apply(Instruction instruction) => instruction.MapOperands(Resolve);
}
