namespace Cross.Frontends.RiscV.Privileged;

/// <summary>
/// The 64 physical-memory-protection entries: stored and read back with the priv spec's WARL
/// rules (lock bits, the reserved R=0/W=1 encoding, reserved config bits, 54-bit addresses),
/// but not enforced. Grain G = 0 (4 bytes), so every address bit and every mode is selectable.
/// </summary>
public sealed class PmpRegisters
{
    public const int Entries = 64;

    private const byte Read = 1, Write = 2, Lock = 0x80;
    private const byte ModeMask = 0x18, Tor = 0x08;
    /// <summary>R, W, X, A and L; bits 6:5 are reserved and read as zero.</summary>
    private const byte ConfigMask = 0x9F;
    private const ulong AddressMask = (1UL << 54) - 1;

    private readonly byte[] _config = new byte[Entries];
    private readonly ulong[] _address = new ulong[Entries];

    public void Reset()
    {
        Array.Clear(_config);
        Array.Clear(_address);
    }

    /// <summary>The configuration byte of entry <paramref name="entry"/>.</summary>
    public byte Config(int entry) => _config[entry];

    public bool IsLocked(int entry) => (_config[entry] & Lock) != 0;

    /// <summary>pmpcfg<paramref name="register"/> (even, 0-14): entries 4 × register to 4 × register + 7, one byte each.</summary>
    public ulong ReadConfig(int register)
    {
        var first = ConfigBase(register);
        ulong value = 0;
        for (var i = 7; i >= 0; i--) value = value << 8 | _config[first + i];
        return value;
    }

    public void WriteConfig(int register, ulong value)
    {
        var first = ConfigBase(register);
        for (var i = 0; i < 8; i++)
        {
            var entry = first + i;
            var config = (byte)((value >> (8 * i)) & ConfigMask);
            if (IsLocked(entry)) continue;
            // R=0 with W=1 is reserved: such a write leaves the entry as it was.
            if ((config & (Read | Write)) == Write) continue;
            _config[entry] = config;
        }
    }

    public ulong ReadAddress(int entry) => _address[entry];

    /// <summary>Ignored when the entry is locked, or when the next entry is a locked TOR entry (whose bottom this is).</summary>
    public void WriteAddress(int entry, ulong value)
    {
        if (IsLocked(entry)) return;
        if (entry + 1 < Entries && IsLocked(entry + 1) && (_config[entry + 1] & ModeMask) == Tor) return;
        _address[entry] = value & AddressMask;
    }

    private static int ConfigBase(int register)
    {
        if (register < 0 || register > 14 || (register & 1) != 0)
            throw new ArgumentOutOfRangeException(nameof(register), register, "RV64 has pmpcfg0, 2, …, 14");
        return register * 4;
    }
}
