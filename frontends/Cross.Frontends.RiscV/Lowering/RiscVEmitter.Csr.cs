using Cross.Core.Ir;

namespace Cross.Frontends.RiscV.Lowering;

internal enum CsrOp : byte
{
    ReadWrite, ReadSet, ReadClear,
}

// Zicsr: csrrw/csrrs/csrrc and their immediate forms, over the CSR file.
public sealed partial class RiscVEmitter
{
    /// <summary>
    /// <paramref name="source"/> is a register number, or the 5-bit immediate when
    /// <paramref name="immediate"/>. csrrs/csrrc with a zero source do not write; csrrw with rd = x0
    /// does not read. Unknown CSRs and writes to read-only ones are illegal instructions.
    /// </summary>
    internal void Csr(CsrOp op, int rd, int csrNumber, int source, bool immediate)
    {
        var csr = _csrs.Find(csrNumber);
        var writes = op == CsrOp.ReadWrite || source != 0;
        if (csr is null || (writes && csr.IsReadOnly))
        {
            Illegal();
            return;
        }

        var operand = immediate ? B.Const64(source) : X(source);
        Value? old = op != CsrOp.ReadWrite || rd != 0 ? csr.Read(this) : null;
        if (writes)
        {
            var value = op switch
            {
                CsrOp.ReadWrite => operand,
                CsrOp.ReadSet => B.Or(old!.Value, operand),
                _ => B.And(old!.Value, B.Not(operand)),
            };
            csr.Write(this, value);
            if (csr.EndsBlockOnWrite) EndBlockAfter = true;
        }
        if (old is { } read) SetX(rd, read);
    }
}
