using Cross.Core.Ir;
using Cross.Frontends.Arm64.Decoding;

namespace Cross.Frontends.Arm64.Lowering;

// MRS/MSR and SYS for the registers and operations Linux lets EL0 use (plus the ID registers
// the kernel emulates); anything else is an undefined instruction, as at EL0 on hardware.
public sealed partial class A64Emitter
{
    /// <summary>FPCR bits a write keeps: AHP, DN, FZ, RMode, FZ16 (trap enables are RAZ/WI without trapping support).</summary>
    private const uint FpcrWritableMask = 0x07C8_0000;

    internal void ReadNzcv(int rt)
    {
        var n = B.Shl(B.ZeroExtend(IrType.I64, FlagN()), B.Const64(31));
        var z = B.Shl(B.ZeroExtend(IrType.I64, FlagZ()), B.Const64(30));
        var c = B.Shl(B.ZeroExtend(IrType.I64, FlagC()), B.Const64(29));
        var v = B.Shl(B.ZeroExtend(IrType.I64, FlagV()), B.Const64(28));
        SetX(rt, B.Or(B.Or(n, z), B.Or(c, v)));
    }

    internal void WriteNzcv(int rt)
    {
        var value = X(rt);
        Value Bit(int index) => B.Truncate(IrType.I1, B.ShrU(value, B.Const64(index)));
        SetFlags(Bit(31), Bit(30), Bit(29), Bit(28));
    }

    internal void MoveFromSystemRegister(A64Instruction i)
    {
        var key = SystemRegister.KeyOf(i.Bits);
        Value? value = key switch
        {
            _ when key == SystemRegister.Nzcv => null,
            _ when key == SystemRegister.TpidrEl0 => B.GetReg(IrType.I64, Arm64State.Tpidr),
            _ when key == SystemRegister.TpidrroEl0 => B.GetReg(IrType.I64, Arm64State.TpidrReadOnly),
            _ when key == SystemRegister.Fpcr => B.ZeroExtend(IrType.I64, B.GetReg(IrType.I32, Arm64State.Fpcr)),
            _ when key == SystemRegister.Fpsr => ReadFpsr(),
            _ when key == SystemRegister.CtrEl0 => B.Const64(SystemRegister.CacheTypeValue),
            _ when key == SystemRegister.DczidEl0 => B.Const64(SystemRegister.ZeroBlockIdValue),
            _ when key == SystemRegister.CntfrqEl0 => B.Const64((ulong)A64Helpers.CounterFrequency),
            _ when key == SystemRegister.CntvctEl0 || key == SystemRegister.CntpctEl0 => B.Call(A64Helpers.VirtualCounter),
            _ when key == SystemRegister.MidrEl1 => B.Const64(SystemRegister.MainIdValue),
            _ when key == SystemRegister.MpidrEl1 => B.Const64(SystemRegister.MultiprocessorIdValue),
            _ when key == SystemRegister.RevidrEl1 => B.Const64(0),
            _ => null,
        };
        if (key == SystemRegister.Nzcv) ReadNzcv(i.Rt);
        else if (value is { } v) SetX(i.Rt, v);
        else Illegal();
    }

    internal void MoveToSystemRegister(A64Instruction i)
    {
        var key = SystemRegister.KeyOf(i.Bits);
        if (key == SystemRegister.Nzcv) WriteNzcv(i.Rt);
        else if (key == SystemRegister.TpidrEl0) B.SetReg(Arm64State.Tpidr, X(i.Rt));
        else if (key == SystemRegister.Fpsr) WriteFpsr(X(i.Rt));
        else if (key == SystemRegister.Fpcr)
        {
            B.SetReg(Arm64State.Fpcr, B.And(W(i.Rt), B.Const32(FpcrWritableMask)));
            // Rounding, FZ and DN are static per block: the next block translates with the new mode.
            EndBlockAfter = true;
        }
        else Illegal();
    }

    /// <summary>FPSR from its pieces: the cumulative exception flags (IOC, DZC, OFC, UFC, IXC, IDC) and QC.</summary>
    internal Value ReadFpsr()
    {
        var flags = B.ZeroExtend(IrType.I64, B.GetReg(IrType.I8, Arm64State.FpsrFlags));
        Value Flag(int from, int to) =>
            B.Shl(B.And(B.ShrU(flags, B.Const64(from)), B.Const64(1)), B.Const64(to));
        // FpExceptions: NX=1, UF=2, OF=4, DZ=8, NV=16, input denormal=32.
        var fpsr = B.Or(B.Or(Flag(4, 0), Flag(3, 1)), B.Or(Flag(2, 2), Flag(1, 3)));
        fpsr = B.Or(fpsr, B.Or(Flag(0, 4), Flag(5, 7)));
        var saturation = B.ZeroExtend(IrType.I64, B.GetReg(IrType.I8, Arm64State.FpsrSaturation));
        return B.Or(fpsr, B.Shl(B.And(saturation, B.Const64(1)), B.Const64(27)));
    }

    internal void WriteFpsr(Value value)
    {
        Value Flag(int from, int to) =>
            B.Shl(B.And(B.ShrU(value, B.Const64(from)), B.Const64(1)), B.Const64(to));
        var flags = B.Or(B.Or(Flag(0, 4), Flag(1, 3)), B.Or(Flag(2, 2), Flag(3, 1)));
        flags = B.Or(flags, B.Or(Flag(4, 0), Flag(7, 5)));
        B.SetReg(Arm64State.FpsrFlags, B.Truncate(IrType.I8, flags));
        B.SetReg(Arm64State.FpsrSaturation, B.Truncate(IrType.I8, Flag(27, 0)));
    }

    /// <summary>SYS: DC ZVA zeroes a block; the cache maintenance EL0 may use is a no-op (translated code tracks writes itself).</summary>
    internal void SystemInstruction(A64Instruction i)
    {
        if (!SystemRegister.IsUserSystemInstruction(i.Bits)) Illegal();
        else if (SystemRegister.IsZeroBlock(i.Bits)) ZeroBlock(i.Rt);
    }

    /// <summary>DC ZVA: zeroes the aligned <see cref="SystemRegister.ZeroBlockSize"/>-byte block holding the address.</summary>
    private void ZeroBlock(int rt)
    {
        var address = B.And(X(rt), B.Const64(~(ulong)(SystemRegister.ZeroBlockSize - 1)));
        var zero = B.Const64(0);
        for (var offset = 0; offset < SystemRegister.ZeroBlockSize; offset += 8)
            B.Store(B.Add(address, B.Const64(offset)), zero, MemoryAccess.Size8);
    }
}
