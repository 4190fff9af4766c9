using Cross.Core.Ir;
using Cross.Frontends.RiscV.Lowering;

namespace Cross.Frontends.RiscV.Csr;

/// <summary>fflags, frm and fcsr: views of the fcsr word in guest state (bits 0-4 fflags, 5-7 frm).</summary>
public sealed class FloatingPointCsr : ICsr
{
    private readonly int _shift;
    private readonly uint _fieldMask;

    public static FloatingPointCsr Fflags { get; } = new("fflags", 0, 0x1F, endsBlock: false);
    public static FloatingPointCsr Frm { get; } = new("frm", 5, 0x7, endsBlock: true);
    public static FloatingPointCsr Fcsr { get; } = new("fcsr", 0, 0xFF, endsBlock: true);

    private FloatingPointCsr(string name, int shift, uint fieldMask, bool endsBlock)
    {
        Name = name;
        _shift = shift;
        _fieldMask = fieldMask;
        EndsBlockOnWrite = endsBlock;
    }

    public string Name { get; }

    public bool IsReadOnly => false;

    public bool EndsBlockOnWrite { get; }

    public Value Read(RiscVEmitter emitter)
    {
        var b = emitter.Builder;
        var fcsr = b.GetReg(IrType.I32, RiscVState.Fcsr);
        var field = b.And(b.ShrU(fcsr, b.Const32((uint)_shift)), b.Const32(_fieldMask));
        return b.ZeroExtend(IrType.I64, field);
    }

    public void Write(RiscVEmitter emitter, Value value)
    {
        var b = emitter.Builder;
        var mask = _fieldMask << _shift;
        var field = b.And(b.Shl(b.Truncate(IrType.I32, value), b.Const32((uint)_shift)), b.Const32(mask));
        var kept = b.And(b.GetReg(IrType.I32, RiscVState.Fcsr), b.Const32(0xFF & ~mask));
        b.SetReg(RiscVState.Fcsr, b.Or(kept, field));
    }
}
