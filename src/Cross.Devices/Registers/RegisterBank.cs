namespace Cross.Devices.Registers;

/// <summary>
/// A device's 32-bit registers declared by offset, each with its read and write behaviour, so a
/// device file reads as a list of registers instead of two hand-written switches. Narrow
/// accesses are common (Linux's PL011 driver uses 16-bit accessors), so reads of 1 or 2 bytes
/// return the addressed part of the word and aligned narrow writes store the value zero-extended;
/// 8-byte accesses split into two word accesses, low word first.
/// </summary>
public sealed class RegisterBank
{
    private readonly Dictionary<ulong, Register> _registers = new();

    private sealed record Register(string Name, Func<uint>? Read, Action<uint>? Write);

    /// <summary>Declares a register; a null reader reads as zero and a null writer ignores writes.</summary>
    public RegisterBank Define(ulong offset, string name, Func<uint>? read = null, Action<uint>? write = null)
    {
        if ((offset & 3) != 0) throw new ArgumentException($"register {name} at 0x{offset:x} is not word aligned");
        if (!_registers.TryAdd(offset, new Register(name, read, write)))
            throw new ArgumentException($"register {name} at 0x{offset:x} is declared twice");
        return this;
    }

    public RegisterBank Constant(ulong offset, string name, uint value) => Define(offset, name, () => value);

    public bool IsDefined(ulong offset) => _registers.ContainsKey(offset & ~3UL);

    public string? NameAt(ulong offset) => _registers.TryGetValue(offset & ~3UL, out var r) ? r.Name : null;

    public ulong Read(ulong offset, int size)
    {
        if (size == 8) return ReadWord(offset) | (ulong)ReadWord(offset + 4) << 32;
        var word = ReadWord(offset & ~3UL);
        var shifted = word >> (int)((offset & 3) * 8);
        return size >= 4 ? shifted : shifted & ((1u << (size * 8)) - 1);
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if (size == 8)
        {
            WriteWord(offset, (uint)value);
            WriteWord(offset + 4, (uint)(value >> 32));
            return;
        }
        // A narrow write to the middle of a register would need a read-modify-write, and reads
        // have side effects on FIFO registers; no driver we know does it, so it is dropped.
        if ((offset & 3) != 0) return;
        WriteWord(offset, size >= 4 ? (uint)value : (uint)value & ((1u << (size * 8)) - 1));
    }

    private uint ReadWord(ulong offset) =>
        _registers.TryGetValue(offset, out var register) && register.Read is { } read ? read() : 0;

    private void WriteWord(ulong offset, uint value)
    {
        if (_registers.TryGetValue(offset, out var register)) register.Write?.Invoke(value);
    }
}
