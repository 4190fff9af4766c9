namespace Cross.Devices.Serial;

/// <summary>Register offsets and bits from the PL011 Technical Reference Manual.</summary>
public sealed partial class Pl011
{
    public const ulong Dr = 0x000, Rsr = 0x004, Fr = 0x018, Ilpr = 0x020, Ibrd = 0x024, Fbrd = 0x028, LcrH = 0x02C,
        Cr = 0x030, Ifls = 0x034, Imsc = 0x038, Ris = 0x03C, Mis = 0x040, Icr = 0x044, Dmacr = 0x048;

    public const uint FrRxfe = 1 << 4, FrTxff = 1 << 5, FrRxff = 1 << 6, FrTxfe = 1 << 7;

    public const uint LcrHFen = 1 << 4;

    public const uint CrUarten = 1 << 0, CrLbe = 1 << 7, CrTxe = 1 << 8, CrRxe = 1 << 9;

    public const uint IntRx = 1 << 4, IntTx = 1 << 5, IntRt = 1 << 6, IntOe = 1 << 10;

    private const uint InterruptMask = 0x7FF;

    /// <summary>The reference clock the DT gives Linux ("uartclk", 24 MHz on QEMU virt).</summary>
    public const ulong UartClockFrequency = 24_000_000;

    /// <summary>UARTPeriphID0-3 and UARTPCellID0-3 (part 0x011, designer ARM, revision as QEMU reports).</summary>
    public static ReadOnlySpan<uint> PrimeCellId => [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
}
