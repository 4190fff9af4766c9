namespace Cross.Devices.Serial;

/// <summary>Register offsets (in units of the register stride) and bit names from the 16550 datasheet.</summary>
public sealed partial class Ns16550
{
    public const ulong Rbr = 0, Thr = 0, Ier = 1, Iir = 2, Fcr = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;

    public const byte IerRxData = 0x01, IerThre = 0x02, IerLineStatus = 0x04, IerModemStatus = 0x08;

    public const byte IirNone = 0x01, IirModemStatus = 0x00, IirThre = 0x02, IirRxData = 0x04, IirLineStatus = 0x06,
        IirTimeout = 0x0C, IirFifoEnabled = 0xC0;

    public const byte FcrEnable = 0x01, FcrClearRx = 0x02, FcrClearTx = 0x04;

    public const byte LcrDlab = 0x80;

    public const byte McrLoopback = 0x10;

    public const byte LsrDataReady = 0x01, LsrOverrun = 0x02, LsrThre = 0x20, LsrTemt = 0x40;

    public const byte MsrCts = 0x10, MsrDsr = 0x20, MsrRi = 0x40, MsrDcd = 0x80;
}
