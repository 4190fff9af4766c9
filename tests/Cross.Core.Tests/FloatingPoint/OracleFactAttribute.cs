namespace Cross.Core.Tests.FloatingPoint;

/// <summary>
/// A fact that needs the native hardware oracle (gcc and an x86-64 host); skipped with the reason otherwise.
/// </summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute()
    {
        if (NativeOracle.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
