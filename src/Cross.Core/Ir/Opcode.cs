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

    // 128-bit vectors (lane ops; the frontends build the rest).
    VExtract,       // A = v128; Imm = lane index; Type = lane type
    VInsert,        // A = v128, B = lane value; Imm = lane index

    // Calls out of generated code.
    Call,           // Helper, Args; Type = helper result type

    // Block exits (the last instruction of a block, exactly one).
    ExitDirect,     // Imm = target guest PC
    ExitCond,       // A = i1; Imm = target if true, Imm2 = target if false
    ExitIndirect,   // A = target guest PC (i64)
    ExitTrap,       // Aux = TrapKind; Imm = PC reported for the trap; Imm2 = PC to resume at; A = optional detail
}
