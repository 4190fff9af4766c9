using Cross.Core.Ir;
using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV.Csr;

/// <summary>
/// One control and status register, lowered to IR: inline state access for the FP CSRs, helper
/// calls for counters (and, in system mode, for everything with side effects).
/// </summary>
public interface ICsr
{
    string Name { get; }

    /// <summary>Writes (csrrw, or csrrs/csrrc with a non-zero source) are illegal instructions.</summary>
    bool IsReadOnly { get; }

    /// <summary>A write changes how later code translates or runs (the FP rounding mode), so the block ends after it.</summary>
    bool EndsBlockOnWrite { get; }

    /// <summary>Emits the read; returns an i64.</summary>
    Value Read(RiscVEmitter emitter);

    /// <summary>Emits the write of an i64.</summary>
    void Write(RiscVEmitter emitter, Value value);
}
