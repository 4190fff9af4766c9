using Cross.Core.Devices;
using Cross.Devices.Registers;

namespace Cross.Devices.Serial;

/// <summary>
/// The ARM PrimeCell UART (PL011), as on QEMU's ARM virt board. Transmission is instant (TXFE
/// always set, TXFF never); received bytes sit in a 16-entry FIFO (1 entry when LCR_H.FEN is
/// clear) filled from <see cref="Input"/>. Like QEMU, a byte is sent even if CR has UARTEN or TXE
/// clear, because firmware that forgets to enable the UART still expects to be heard.
/// </summary>
public sealed partial class Pl011 : IMmioDevice, ISerialPort, IPolledDevice
{
    private const int FifoDepth = 16;

    private readonly IInterruptLine _irq;
    private readonly VirtualClock _clock;
    private readonly Queue<byte> _rx = new();
    private readonly RegisterBank _registers;

    private uint _ibrd, _fbrd, _lcrH, _cr = CrTxe | CrRxe, _ifls = 0x12, _imsc, _latched, _dmacr, _ilpr;
    private VirtualClock.Timer? _timeoutTimer;

    /// <param name="clock">Drives the receive-timeout interrupt.</param>
    public Pl011(IInterruptLine irq, VirtualClock clock)
    {
        _irq = irq;
        _clock = clock;
        _registers = new RegisterBank()
            .Define(Dr, "DR", ReadData, value => Transmit((byte)value))
            .Define(Rsr, "RSR/ECR", () => 0, _ => { })
            .Define(Fr, "FR", ReadFlags)
            .Define(Ilpr, "ILPR", () => _ilpr, value => _ilpr = value & 0xFF)
            .Define(Ibrd, "IBRD", () => _ibrd, value => _ibrd = value & 0xFFFF)
            .Define(Fbrd, "FBRD", () => _fbrd, value => _fbrd = value & 0x3F)
            .Define(LcrH, "LCR_H", () => _lcrH, WriteLineControl)
            .Define(Cr, "CR", () => _cr, value => _cr = value & 0xFFFF)
            .Define(Ifls, "IFLS", () => _ifls, value => _ifls = value & 0x3F)
            .Define(Imsc, "IMSC", () => _imsc, value => _imsc = value & InterruptMask)
            .Define(Ris, "RIS", () => RawInterruptStatus)
            .Define(Mis, "MIS", () => RawInterruptStatus & _imsc)
            .Define(Icr, "ICR", null, value => _latched &= ~value)
            .Define(Dmacr, "DMACR", () => _dmacr, value => _dmacr = value & 7);
        for (var i = 0; i < PrimeCellId.Length; i++)
            _registers.Constant(0xFE0 + 4 * (ulong)i, $"ID{i}", PrimeCellId[i]);
    }

    public event Action<byte>? Transmitted;

    public SerialInput Input { get; } = new();

    public bool InterruptAsserted { get; private set; }

    public ulong Read(ulong offset, int size)
    {
        var value = _registers.Read(offset, size);
        UpdateInterrupt();
        return value;
    }

    public void Write(ulong offset, int size, ulong value)
    {
        _registers.Write(offset, size, value);
        UpdateInterrupt();
    }

    public void Poll()
    {
        FillFromHost();
        UpdateInterrupt();
    }

    private bool FifoEnabled => (_lcrH & LcrHFen) != 0;

    private int RxCapacity => FifoEnabled ? FifoDepth : 1;

    private bool Loopback => (_cr & CrLbe) != 0;

    /// <summary>RX FIFO level that raises RXRIS: IFLS[5:3] selects 1/8, 1/4, 1/2, 3/4 or 7/8 full.</summary>
    private int RxTrigger => !FifoEnabled ? 1 : ((_ifls >> 3) & 7) switch { 0 => 2, 1 => 4, 2 => 8, 3 => 12, _ => 14 };

    /// <summary>
    /// RX is a level (FIFO at or above its trigger) so it drops as the guest drains the FIFO; TX,
    /// RT and the rest are latched events cleared through ICR.
    /// </summary>
    private uint RawInterruptStatus => _latched | (_rx.Count >= RxTrigger ? IntRx : 0);

    private uint ReadData()
    {
        uint data = 0;
        if (_rx.Count > 0) data = _rx.Dequeue();
        if (_rx.Count == 0) _latched &= ~IntRt;
        FillFromHost();
        RestartTimeout();
        return data;
    }

    private uint ReadFlags()
    {
        FillFromHost();
        var flags = FrTxfe;
        if (_rx.Count == 0) flags |= FrRxfe;
        if (_rx.Count >= RxCapacity) flags |= FrRxff;
        return flags;
    }

    private void WriteLineControl(uint value)
    {
        // Changing FEN flushes nothing on real hardware, but a 16-byte FIFO squeezed to 1 would
        // hold bytes the guest can no longer see; drop the excess as an overrun would.
        _lcrH = value & 0xFF;
        while (_rx.Count > RxCapacity) _rx.Dequeue();
        FillFromHost();
    }

    private void Transmit(byte data)
    {
        if (Loopback)
        {
            if (_rx.Count < RxCapacity) _rx.Enqueue(data);
            else _latched |= IntOe;
            RestartTimeout();
        }
        else
        {
            Transmitted?.Invoke(data);
        }
        // The FIFO drains at once, so it just crossed below the TX trigger level.
        _latched |= IntTx;
    }

    private void FillFromHost()
    {
        if (Loopback) return;
        var added = false;
        while (_rx.Count < RxCapacity && Input.TryTake(out var data))
        {
            _rx.Enqueue(data);
            added = true;
        }
        if (added) RestartTimeout();
    }

    /// <summary>Data left in the FIFO for 32 bit periods raises the receive-timeout interrupt (RTRIS).</summary>
    private void RestartTimeout()
    {
        _timeoutTimer?.Cancel();
        _timeoutTimer = null;
        if (_rx.Count == 0) return;
        // Baud = UARTCLK / (16 * (IBRD + FBRD/64)); with the divisor unset, assume 115200.
        var divisor64 = _ibrd * 64 + _fbrd;
        var bitNanoseconds = divisor64 == 0 ? 8_681UL : 16UL * divisor64 * 1_000_000_000UL / 64 / UartClockFrequency;
        _timeoutTimer = _clock.Schedule(_clock.Now + 32 * Math.Max(bitNanoseconds, 1), () =>
        {
            _timeoutTimer = null;
            if (_rx.Count == 0) return;
            _latched |= IntRt;
            UpdateInterrupt();
        });
    }

    private void UpdateInterrupt()
    {
        InterruptAsserted = (RawInterruptStatus & _imsc) != 0;
        _irq.Set(InterruptAsserted);
    }
}
