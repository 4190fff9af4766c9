using Cross.Core.Ir;
using Cross.Frontends.RiscV.Lowering;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Csr;

/// <summary>
/// A system-mode CSR kept by the <see cref="RiscVHart"/>. An access lowers to one helper call that
/// does the whole read-modify-write (so CSRs whose read-modify-write differs from read-then-write,
/// such as mip.SEIP, behave), after the translator has checked the static rules: the privilege the
/// number encodes and writes to read-only numbers. Run-time rules (mstatus.TVM for satp, counter
/// enables, menvcfg.STCE for stimecmp) are the hart's.
/// </summary>
public sealed class SystemCsr : ICsr
{
    public SystemCsr(int number, string name, bool endsBlockOnWrite)
    {
        Number = number;
        Name = name;
        EndsBlockOnWrite = endsBlockOnWrite;
    }

    public int Number { get; }

    public string Name { get; }

    /// <summary>Numbers 0xC00-0xFFF (bits 11:10 set) are read-only.</summary>
    public bool IsReadOnly => (Number >> 10) == 3;

    /// <summary>Writes that may change translation, address mapping or interrupt state end the block.</summary>
    public bool EndsBlockOnWrite { get; }

    /// <summary>The least privileged mode allowed to access it (bits 9:8 of the number).</summary>
    public PrivilegeLevel MinimumPrivilege => (PrivilegeLevel)((Number >> 8) & 3);

    public Value Read(RiscVEmitter emitter) =>
        emitter.CsrAccess(Number, CsrOperation.ReadSet, emitter.Builder.Const64(0), reads: true, writes: false);

    public void Write(RiscVEmitter emitter, Value value) =>
        emitter.CsrAccess(Number, CsrOperation.ReadWrite, value, reads: false, writes: true);

    public override string ToString() => Name;
}

/// <summary>What a CSR instruction does with its operand (csrrw, csrrs, csrrc and their immediate forms).</summary>
public enum CsrOperation : byte
{
    ReadWrite,
    ReadSet,
    ReadClear,
}
