using System.Globalization;

namespace Cross.Machines;

/// <summary>Numbers as users write them: 4096, 0x1000, and sizes with K/M/G suffixes (binary, like QEMU's -m).</summary>
public static class NumberParser
{
    public static ulong Parse(string text, string what)
    {
        if (TryParse(text, out var value)) return value;
        throw new FormatException($"{what}: '{text}' is not a number (use decimal, 0x hex, or a K/M/G suffix)");
    }

    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        var s = text.Trim();
        if (s.Length == 0) return false;
        var shift = char.ToUpperInvariant(s[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift != 0) s = s[..^1];
        if (char.ToUpperInvariant(s[^1]) == 'B' && shift != 0) return false;
        bool ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) return false;
        if (shift != 0)
        {
            if (value > ulong.MaxValue >> shift) return false;
            value <<= shift;
        }
        return true;
    }
}
