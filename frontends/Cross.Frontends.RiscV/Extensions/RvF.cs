using Cross.Core.Ir;
using Cross.Frontends.RiscV.Decoding;
using Cross.Frontends.RiscV.Lowering;
using static Cross.Frontends.RiscV.Decoding.EncodingFlags;
using static Cross.Frontends.RiscV.Decoding.OperandFormat;

namespace Cross.Frontends.RiscV.Extensions;

/// <summary>F: single precision. Values live NaN-boxed in the 64-bit f registers.</summary>
public static class RvF
{
    private const IrType S = IrType.F32;
    private const uint ArithMask = 0xFE00007F, FixedRmMask = 0xFE00707F, UnaryMask = 0xFFF0007F, MoveMask = 0xFFF0707F;
    private const EncodingFlags Rm = HasRoundingMode;
    private const EncodingFlags ToInt = IsFp | Rs1IsFp, FromInt = IsFp | RdIsFp;

    private static RiscVEncoding E(string mnemonic, uint match, uint mask, OperandFormat format, EncodingFlags flags, InstructionHandler handler) =>
        Define.Encoding(RiscVExtension.F, mnemonic, match, mask, format, handler, flags);

    public static IReadOnlyList<RiscVEncoding> Encodings { get; } =
    [
        E("flw", 0x00002007, 0x0000707F, I, IsFp | RdIsFp | IsLoad, (e, i) => e.LoadFp(S, i.Rd, i.Rs1, i.Imm)),
        E("fsw", 0x00002027, 0x0000707F, OperandFormat.S, IsFp | Rs2IsFp | IsStore, (e, i) => e.StoreFp(S, i.Rs1, i.Rs2, i.Imm)),

        E("fmadd.s", 0x00000043, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.MulAdd, S, i)),
        E("fmsub.s", 0x00000047, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.MulSub, S, i)),
        E("fnmsub.s", 0x0000004B, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.NegMulSub, S, i)),
        E("fnmadd.s", 0x0000004F, 0x0600007F, R4, FpAll | Rm, (e, i) => e.FFused(FpFusedOp.NegMulAdd, S, i)),

        E("fadd.s", 0x00000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Add, S, i)),
        E("fsub.s", 0x08000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Sub, S, i)),
        E("fmul.s", 0x10000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Mul, S, i)),
        E("fdiv.s", 0x18000053, ArithMask, R, FpRdRs1Rs2 | Rm, (e, i) => e.FBinary(FpBinaryOp.Div, S, i)),
        E("fsqrt.s", 0x58000053, UnaryMask, R, FpRdRs1 | Rm, (e, i) => e.FSqrt(S, i)),
        E("fsgnj.s", 0x20000053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Copy, S, i)),
        E("fsgnjn.s", 0x20001053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Negate, S, i)),
        E("fsgnjx.s", 0x20002053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FSignInject(SignInjection.Xor, S, i)),
        E("fmin.s", 0x28000053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FBinary(FpBinaryOp.Min, S, i)),
        E("fmax.s", 0x28001053, FixedRmMask, R, FpRdRs1Rs2, (e, i) => e.FBinary(FpBinaryOp.Max, S, i)),

        E("fcvt.w.s", 0xC0000053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(S, IrType.I32, true, i)),
        E("fcvt.wu.s", 0xC0100053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(S, IrType.I32, false, i)),
        E("fcvt.l.s", 0xC0200053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(S, IrType.I64, true, i)),
        E("fcvt.lu.s", 0xC0300053, UnaryMask, R, ToInt | Rm, (e, i) => e.FToInt(S, IrType.I64, false, i)),
        E("fcvt.s.w", 0xD0000053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(S, IrType.I32, true, i)),
        E("fcvt.s.wu", 0xD0100053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(S, IrType.I32, false, i)),
        E("fcvt.s.l", 0xD0200053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(S, IrType.I64, true, i)),
        E("fcvt.s.lu", 0xD0300053, UnaryMask, R, FromInt | Rm, (e, i) => e.IntToF(S, IrType.I64, false, i)),

        E("fmv.x.w", 0xE0000053, MoveMask, R, ToInt, (e, i) => e.FMoveToInt(S, i)),
        E("fclass.s", 0xE0001053, MoveMask, R, ToInt, (e, i) => e.FClass(S, i)),
        E("fmv.w.x", 0xF0000053, MoveMask, R, FromInt, (e, i) => e.FMoveFromInt(S, i)),

        E("feq.s", 0xA0002053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.Equal, S, i)),
        E("flt.s", 0xA0001053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.LessThan, S, i)),
        E("fle.s", 0xA0000053, FixedRmMask, R, IsFp | Rs1IsFp | Rs2IsFp, (e, i) => e.FCompare(FpCompare.LessOrEqual, S, i)),
    ];
}
