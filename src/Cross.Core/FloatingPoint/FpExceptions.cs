namespace Cross.Core.FloatingPoint;

/// <summary>
/// Accrued floating-point exception flags. Bits 0..4 are exactly the RISC-V <c>fflags</c> register layout
/// (NX=1, UF=2, OF=4, DZ=8, NV=16).
/// <see cref="InputDenormal"/> models ARM's IDC (set when a denormal input is flushed to zero because of FZ).
/// </summary>
[Flags]
public enum FpExceptions : byte
{
    /// <summary>No exception.</summary>
    None = 0,

    /// <summary>Inexact (RISC-V NX, ARM IXC, x86 PE).</summary>
    Inexact = 1,

    /// <summary>Underflow (RISC-V UF, ARM UFC, x86 UE).</summary>
    Underflow = 2,

    /// <summary>Overflow (RISC-V OF, ARM OFC, x86 OE).</summary>
    Overflow = 4,

    /// <summary>Division by zero (RISC-V DZ, ARM DZC, x86 ZE).</summary>
    DivideByZero = 8,

    /// <summary>Invalid operation (RISC-V NV, ARM IOC, x86 IE).</summary>
    Invalid = 16,

    /// <summary>Input denormal flushed to zero (ARM IDC).</summary>
    InputDenormal = 32,
}
