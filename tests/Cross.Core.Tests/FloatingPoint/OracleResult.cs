using Cross.Core.FloatingPoint;

namespace Cross.Core.Tests.FloatingPoint;

/// <summary>Result of one oracle operation.</summary>
public readonly record struct OracleResult(ulong Value, FpExceptions Flags);
