using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>One operation for the native oracle: operation name, mode (rounding 0..3, +4 for DAZ) and operands.</summary>
public readonly record struct OracleCase(string Op, int Mode, ulong A, ulong B = 0, ulong C = 0)
{
    public RoundingMode Rounding => (RoundingMode)(Mode & 3);

    public bool Daz => (Mode & 4) != 0;
}
