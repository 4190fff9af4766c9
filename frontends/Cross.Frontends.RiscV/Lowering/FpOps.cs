namespace Cross.Frontends.RiscV.Lowering;

internal enum FpBinaryOp : byte
{
    Add, Sub, Mul, Div, Min, Max,
}

/// <summary>The four fused multiply-adds: fmadd = a*b+c, fmsub = a*b-c, fnmsub = -(a*b)+c, fnmadd = -(a*b)-c.</summary>
internal enum FpFusedOp : byte
{
    MulAdd, MulSub, NegMulSub, NegMulAdd,
}

internal enum SignInjection : byte
{
    Copy, Negate, Xor,
}
