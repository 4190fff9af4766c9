namespace Cross.Core.Ir;

/// <summary>An SSA value: the index of the instruction that defines it within its block.</summary>
public readonly record struct Value(int Id)
{
    public static readonly Value None = new(-1);

    public bool IsNone => Id < 0;

    public override string ToString() => IsNone ? "_" : $"v{Id}";
}
