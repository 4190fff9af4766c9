namespace Cross.Core.Ir;

/// <summary>How <see cref="Opcode.VReduce"/> combines the lanes of a vector into one scalar.</summary>
public enum VectorReduction : byte
{
    /// <summary>Sum of the lanes, wrapping to the lane width.</summary>
    Add,
    MaxS,
    MaxU,
    MinS,
    MinU,
}
