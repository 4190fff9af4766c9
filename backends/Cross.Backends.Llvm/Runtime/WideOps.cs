using System.Numerics;
using Cross.Core.Ir;

namespace Cross.Backends.Llvm.Runtime;

/// <summary>
/// The i128 operations compiled code calls out for instead of LLVM's compiler-rt libcalls:
/// division and remainder with <see cref="IrEval"/>'s rules, and the high half of 256-bit products.
/// </summary>
internal static class WideOps
{
    private static readonly BigInteger Mask128 = (BigInteger.One << 128) - 1;

    public static UInt128 Evaluate(Opcode op, UInt128 a, UInt128 b) => op switch
    {
        Opcode.DivS or Opcode.DivU or Opcode.RemS or Opcode.RemU => IrEval.Binary128(op, a, b),
        // IrEval defines no i128 high multiply (the interpreter rejects it); these are the natural meanings.
        Opcode.MulHighU => High((BigInteger)a * (BigInteger)b),
        Opcode.MulHighS => High((BigInteger)(Int128)a * (BigInteger)(Int128)b),
        Opcode.MulHighSU => High((BigInteger)(Int128)a * (BigInteger)b),
        _ => throw new InvalidOperationException($"{op} is not a 128-bit helper operation"),
    };

    private static UInt128 High(BigInteger product) => (UInt128)((product >> 128) & Mask128);
}
