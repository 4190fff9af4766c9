using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;
using static Cross.Frontends.RiscV.Decoding.EncodingFlags;
using static Cross.Frontends.RiscV.Decoding.OperandFormat;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>D: double precision, and conversions between single and double.</summary>
public static class RvD
{
    private const IrType D = IrType.F64;
    private const uint ArithMask = 0xFE00007F, FixedRmMask = 0xFE00707F, UnaryMask = 0xFFF0007F, MoveMask = 0xFFF0707F;
    private const EncodingFlags Rm = HasRoundingMode;
    private const EncodingFlags ToInt = IsFp | Rs1IsFp, FromInt = IsFp | RdIsFp;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, EncodingFlags flags, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.D, mnemonic, match, mask, format, handler, flags);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("fld", 0x00003007, 0x0000707F, I, IsFp | RdIsFp | IsLoad, (e, i) => e.LoadFp(D, i.Rd, i.Rs1, i.Imm)),
        E("fsd", 0x00003027, 0x0000707F, OperandFormat.S, IsFp | Rs2IsFp | IsStore, (e, i) => e.StoreFp(D, i.Rs1, i.Rs2, i.Imm)),

        E("fmadd.d", 0x02000043, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.MulAdd, D, i)),
        E("fmsub.d", 0x02000047, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.MulSub, D, i)),
        E("fnmsub.d", 0x0200004B, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.NegMulSub, D, i)),
        E("fnmadd.d", 0x0200004F, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.NegMulAdd, D, i)),

        E("fadd.d", 0x02000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Add, D, i)),
        E("fsub.d", 0x0A000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Sub, D, i)),
        E("fmul.d", 0x12000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Mul, D, i)),
        E("fdiv.d", 0x1A000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Div, D, i)),
        E("fsqrt.d", 0x5A000053, UnaryMask, R, FpRdRs1 | Rm, (e, i) => e.FSqrt(D, i)),
        E("fsgnj.d", 0x22000053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Copy, D, i)),
        E("fsgnjn.d", 0x22001053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Negate, D, i)),
        E("fsgnjx.d", 0x22002053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Xor, D, i)),
        E("fmin.d", 0x2A000053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FBinary(FpBinaryOp.Min, D, i)),
        E("fmax.d", 0x2A001053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FBinary(FpBinaryOp.Max, D, i)),

        E("fcvt.w.d", 0xC2000053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(D, IrType.I32, true, i)),
        E("fcvt.wu.d", 0xC2100053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(D, IrType.I32, false, i)),
        E("fcvt.l.d", 0xC2200053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(D, IrType.I64, true, i)),
        E("fcvt.lu.d", 0xC2300053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(D, IrType.I64, false, i)),
        E("fcvt.d.w", 0xD2000053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(D, IrType.I32, true, i)),
        E("fcvt.d.wu", 0xD2100053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(D, IrType.I32, false, i)),
        E("fcvt.d.l", 0xD2200053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(D, IrType.I64, true, i)),
        E("fcvt.d.lu", 0xD2300053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(D, IrType.I64, false, i)),

        E("fcvt.s.d", 0x40100053, UnaryMask, R, FpRdRs1 | Rm, (e, i) => e.FConvert(IrType.F32, D, i)),
        E("fcvt.d.s", 0x42000053, UnaryMask, R, FpRdRs1 | Rm, (e, i) => e.FConvert(D, IrType.F32, i)),

        E("fmv.x.d", 0xE2000053, MoveMask, R, ToInt, (e, i) => e.FMoveToInt(D, i)),
        E("fclass.d", 0xE2001053, MoveMask, R, ToInt, (e, i) => e.FClass(D, i)),
        E("fmv.d.x", 0xF2000053, MoveMask, R, FromInt, (e, i) => e.FMoveFromInt(D, i)),

        E("feq.d", 0xA2002053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.Equal, D, i)),
        E("flt.d", 0xA2001053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.LessThan, D, i)),
        E("fle.d", 0xA2000053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.LessOrEqual, D, i)),
    ];
}
