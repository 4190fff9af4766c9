namespace Cross.Core.Ir;

/// <summary>
/// IR operations. Operand conventions (A, B, C, D are value operands; Imm/Imm2/Aux/Aux2 are
/// immediates) are documented per opcode and enforced by <see cref="IrVerifier"/>.
/// </summary>
public enum Opcode : byte
{
    Nop,

    // Values and guest state.
    Const,          // Imm = low 64 bits, Imm2 = high 64 bits (i128/v128)
    GetReg,         // Aux = state offset; Type = register type
    SetReg,         // Aux = state offset; A = value

    // Integer arithmetic: result type = operand type unless noted.
    Add, Sub, Mul,
    MulHighS, MulHighU, MulHighSU,  // high half of the double-width product
    DivS, DivU, RemS, RemU,         // x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0: frontends add ISA rules
    And, Or, Xor, Not, Neg,
    Shl, ShrU, ShrS, RotL, RotR,    // shift amount (B) taken modulo the bit width
    Clz, Ctz, Popcount, ByteSwap,
    ZeroExtend, SignExtend, Truncate, // Type = target type
    Bitcast,                        // same width, integer <-> float
    Cmp,                            // Aux = Condition; Type = i1
    Select,                         // A = i1 condition, B = if true, C = if false
    AddWithCarry,                   // A + B + C (C is i1)
    CarryOut,                       // i1: unsigned carry out of A + B + C (C is i1 or none)
    OverflowOut,                    // i1: signed overflow of A + B + C (C is i1 or none)

    // Guest memory. Aux = MemoryAccess flags.
    Load,           // A = address (i64); Type = result; loads Size bytes, extends to Type
    Store,          // A = address, B = value; stores Size bytes
    AtomicRmw,      // A = address, B = operand; Aux2 = AtomicOp; returns the old value
    AtomicCmpXchg,  // A = address, B = expected, C = desired; returns the old value
    Fence,          // Aux = FenceKind

    // Floating point. D = rounding mode (i8, RoundingMode); Aux = state offset where exception
    // flags accrue (-1 for none); Aux2 = FpMode.
    FAdd, FSub, FMul, FDiv, FSqrt,
    FMulAdd,        // A * B + C, single rounding
    FMinMax,        // Imm = FpMinMaxKind
    FCmp,           // Imm = FpCompare; Type = i1
    FConvert,       // float -> float; Type = target
    FToInt,         // Type = i32/i64; Imm = FpToIntKind flags
    IntToF,         // Imm = 1 if A is signed
    FRound,         // round to integral; Imm = 1 to signal inexact

    // 128-bit vectors. Lane i holds bits [i*w, (i+1)*w) of the value (byte i of a v128 in guest
    // state or memory is bits [8i, 8i+8), little-endian), where w, the lane width in bits, is in
    // Aux2 (8, 16, 32 or 64) for every opcode below marked "lane-wise"; VShuffle and
    // VTableLookup always work on bytes. Results are v128 unless noted. Whole-vector bitwise
    // And/Or/Xor/Not and Select take v128 operands directly, and Bitcast turns a v128 into an
    // i128 and back, so "any lane set" is Cmp Ne of Bitcast(i128, v) against 0. VAdd … VClz is
    // one range that the verifier, printer and backends dispatch on: new lane ops go inside it.
    VExtract,       // A = v128; Imm = lane index; Type = lane type
    VInsert,        // A = v128, B = lane value; Imm = lane index
    VAdd, VSub, VMul,               // lane-wise A op B, wrapping
    VNeg, VAbs,                     // lane-wise on A, wrapping: VNeg(MIN) = VAbs(MIN) = MIN
    // Lane-wise A op B, clamped to the lane's signed or unsigned range. To learn whether any
    // lane saturated (AArch64 QC), compare with the wrapping VAdd/VSub: a lane saturated exactly
    // when the two results differ in it.
    VAddSatS, VAddSatU, VSubSatS, VSubSatU,
    VMinS, VMinU, VMaxS, VMaxU,     // lane-wise
    VCmp,                           // lane-wise; Aux = Condition; lane = all ones if it holds, else 0
    // Lane-wise shift of A by the immediate Imm, 0 <= Imm <= w. Shifting by w gives 0 (VShl,
    // VShrU) or copies of the sign bit (VShrS).
    VShl, VShrU, VShrS,
    // Lane-wise shift of A by the signed low byte s of the same lane of B (AArch64 USHL/SSHL):
    // s >= 0 shifts left (0 once s >= w), s < 0 shifts right by -s, logically for VShlVarU and
    // arithmetically for VShlVarS (0 or sign fill once -s >= w).
    VShlVarU, VShlVarS,
    VDup,                           // A = i8/i16/i32/i64 scalar, Aux2 = its width: every lane = A
    // Bytes: result byte i = byte k of the 32-byte concatenation A:B (A = bytes 0-15, B = 16-31),
    // where k, 0..31, is byte i of the index pattern Imm (bytes 0-7) : Imm2 (bytes 8-15).
    VShuffle,
    // Bytes: result byte i = B[i] < 16 ? A[B[i]] : C[i]. A is a one-register table (AArch64
    // TBL with C = 0, TBX with C = the destination); longer tables chain lookups, taking 16
    // from the indices for each further register.
    VTableLookup,
    // Aux2 = w, the narrow lane width (8, 16, 32). VWidenU/S zero/sign-extend the w-bit lanes of
    // A's low half (Imm = 0) or high half (Imm = 1) to 2w-bit lanes. VNarrow truncates the 2w-bit
    // lanes of A to w bits into the low half of the result, whose high half is 0; the saturating
    // forms clamp instead: signed to signed (SatS), unsigned to unsigned (SatU), signed to
    // unsigned (SatSU). A lane saturated exactly when widening the result back (signed for SatS,
    // unsigned otherwise) differs from A in it.
    VWidenU, VWidenS,
    VNarrow, VNarrowSatS, VNarrowSatU, VNarrowSatSU,
    VReduce,                        // lane-wise; Aux = VectorReduction; Type = the w-bit integer (add wraps)
    VPopcount, VClz,                // lane-wise bit counts of A; VClz of a 0 lane = w

    // Calls out of generated code.
    Call,           // Helper, Args; Type = helper result type

    // Block exits (the last instruction of a block, exactly one).
    ExitDirect,     // Imm = target guest PC
    ExitCond,       // A = i1; Imm = target if true, Imm2 = target if false
    ExitIndirect,   // A = target guest PC (i64)
    ExitTrap,       // Aux = TrapKind; Imm = PC reported for the trap; Imm2 = PC to resume at; A = optional detail
}
