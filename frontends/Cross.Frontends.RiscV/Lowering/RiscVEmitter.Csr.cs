using Cross.Core.Ir;
using Cross.Frontends.RiscV.Csr;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Lowering;

// Zicsr: csrrw/csrrs/csrrc and their immediate forms, over the CSR file.
public sealed partial class RiscVEmitter
{
    /// <summary>
    /// <paramref name="source"/> is a register number, or the 5-bit immediate when
    /// <paramref name="immediate"/>. csrrs/csrrc with a zero source do not write; csrrw with rd = x0
    /// does not read. Unknown CSRs and writes to read-only ones are illegal instructions; in system
    /// mode so are CSRs above the current privilege and the FP CSRs while mstatus.FS is Off.
    /// </summary>
    internal void Csr(CsrOperation op, int rd, int csrNumber, int source, bool immediate)
    {
        var csr = _csrs.Find(csrNumber);
        var writes = op == CsrOperation.ReadWrite || source != 0;
        if (csr is null || (writes && csr.IsReadOnly) || !MayAccess(csrNumber, csr))
        {
            Illegal();
            return;
        }

        var operand = immediate ? B.Const64(source) : X(source);
        var reads = op != CsrOperation.ReadWrite || rd != 0;
        if (csr is SystemCsr)
        {
            // One helper call does the whole read-modify-write.
            var previous = CsrAccess(csrNumber, op, operand, reads, writes);
            if (writes && csr.EndsBlockOnWrite) EndBlockAfter = true;
            if (reads) SetX(rd, previous);
            return;
        }

        Value? old = reads ? csr.Read(this) : null;
        if (writes)
        {
            var value = op switch
            {
                CsrOperation.ReadWrite => operand,
                CsrOperation.ReadSet => B.Or(old!.Value, operand),
                _ => B.And(old!.Value, B.Not(operand)),
            };
            if (csr is FloatingPointCsr) MarkFloatingPointDirty();
            csr.Write(this, value);
            if (csr.EndsBlockOnWrite) EndBlockAfter = true;
        }
        if (old is { } read) SetX(rd, read);
    }

    /// <summary>The static system-mode access rules: the privilege in the number's bits 9:8, and FS for the FP CSRs.</summary>
    private bool MayAccess(int number, ICsr csr)
    {
        if (!Mode.IsSystem) return true;
        if ((int)Mode.Privilege < ((number >> 8) & 3)) return false;
        return csr is not FloatingPointCsr || Mode.FloatingPoint != FloatingPointState.Off;
    }

    /// <summary>
    /// Emits a call to the hart's CSR access (see <see cref="RiscVHart.ExecuteCsr"/>), which
    /// applies the run-time rules and returns the old value.
    /// </summary>
    internal Value CsrAccess(int number, CsrOperation op, Value operand, bool reads, bool writes)
    {
        var packed = (uint)number | (ulong)op << 12 | (reads ? 1UL << 14 : 0) | (writes ? 1UL << 15 : 0) | ((ulong)InstructionBits) << 32;
        return B.Call(SystemHelpers.Csr, B.Const64(packed), operand, B.Const64((ulong)B.GuestIndex));
    }
}
