using Cross.Core.Devices;

namespace Cross.Devices.Serial;

/// <summary>
/// The ns16550a UART (QEMU's "serial" on the RISC-V virt board). Transmission is instant, so THR
/// is always empty; received bytes sit in a 16-byte FIFO (1 byte when FIFOs are off) filled from
/// <see cref="Input"/>. Interrupt priorities follow the 16550 datasheet (line status, received
/// data, character timeout, THR empty, modem status), as QEMU's serial.c does.
/// </summary>
public sealed partial class Ns16550 : IMmioDevice, ISerialPort, IPolledDevice
{
    public const uint DefaultClockFrequency = 3_686_400;
    private const int FifoDepth = 16;

    private readonly IInterruptLine _irq;
    private readonly VirtualClock _clock;
    private readonly uint _clockFrequency;
    private readonly int _regShift;
    private readonly Queue<byte> _rx = new();

    private byte _ier, _lcr, _mcr, _scr, _lsrErrors, _msrDelta;
    private ushort _divisor = 12; // 9600 baud at 1.8432 MHz, a typical reset value
    private bool _fifoEnabled;
    private int _rxTrigger = 1;
    private bool _thrInterruptPending, _timeoutPending;
    private VirtualClock.Timer? _timeoutTimer;

    /// <param name="regShift">Register stride as a power of two (the DT's reg-shift; 0 on QEMU virt).</param>
    public Ns16550(IInterruptLine irq, VirtualClock clock, uint clockFrequency = DefaultClockFrequency, int regShift = 0)
    {
        _irq = irq;
        _clock = clock;
        _clockFrequency = clockFrequency;
        _regShift = regShift;
    }

    public event Action<byte>? Transmitted;

    public SerialInput Input { get; } = new();

    /// <summary>Divisor latch (DLM:DLL); the baud rate is clock / (16 * divisor).</summary>
    public ushort Divisor => _divisor;

    public bool InterruptAsserted { get; private set; }

    public ulong Read(ulong offset, int size)
    {
        if ((offset & ((1UL << _regShift) - 1)) != 0) return 0;
        return (offset >> _regShift) switch
        {
            Rbr when DivisorLatchAccess => (byte)_divisor,
            Rbr => ReadReceiveBuffer(),
            Ier when DivisorLatchAccess => (byte)(_divisor >> 8),
            Ier => _ier,
            Iir => ReadInterruptIdentification(),
            Lcr => _lcr,
            Mcr => _mcr,
            Lsr => ReadLineStatus(),
            Msr => ReadModemStatus(),
            Scr => _scr,
            _ => 0,
        };
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if ((offset & ((1UL << _regShift) - 1)) != 0) return;
        var data = (byte)value;
        switch (offset >> _regShift)
        {
            case Thr when DivisorLatchAccess: _divisor = (ushort)(_divisor & 0xFF00 | data); break;
            case Thr: Transmit(data); break;
            case Ier when DivisorLatchAccess: _divisor = (ushort)(_divisor & 0x00FF | data << 8); break;
            case Ier: WriteInterruptEnable(data); break;
            case Fcr: WriteFifoControl(data); break;
            case Lcr: _lcr = data; break;
            case Mcr: _mcr = (byte)(data & 0x1F); break;
            case Scr: _scr = data; break;
            // LSR and MSR are read-only; factory-test writes are ignored as QEMU does.
        }
        UpdateInterrupt();
    }

    public void Poll()
    {
        FillFromHost();
        UpdateInterrupt();
    }

    private bool DivisorLatchAccess => (_lcr & LcrDlab) != 0;

    private bool Loopback => (_mcr & McrLoopback) != 0;

    private int RxCapacity => _fifoEnabled ? FifoDepth : 1;

    private void Transmit(byte data)
    {
        if (Loopback) Receive(data);
        else Transmitted?.Invoke(data);
        // The byte leaves at once, so THR is empty again and THRE interrupts right away.
        _thrInterruptPending = true;
    }

    private void Receive(byte data)
    {
        if (_rx.Count >= RxCapacity)
        {
            _lsrErrors |= LsrOverrun;
            return;
        }
        _rx.Enqueue(data);
        RestartTimeout();
    }

    private void FillFromHost()
    {
        if (Loopback) return; // in loopback the receiver is disconnected from the outside world
        var added = false;
        while (_rx.Count < RxCapacity && Input.TryTake(out var data))
        {
            _rx.Enqueue(data);
            added = true;
        }
        if (added) RestartTimeout();
    }

    private byte ReadReceiveBuffer()
    {
        byte data = 0;
        if (_rx.Count > 0) data = _rx.Dequeue();
        _timeoutPending = false;
        FillFromHost();
        RestartTimeout();
        UpdateInterrupt();
        return data;
    }

    private byte ReadLineStatus()
    {
        FillFromHost();
        // THR and the transmitter are always empty: output is instant.
        var lsr = (byte)(LsrThre | LsrTemt | _lsrErrors);
        if (_rx.Count > 0) lsr |= LsrDataReady;
        _lsrErrors = 0; // error bits clear on read
        UpdateInterrupt();
        return lsr;
    }

    private byte ReadModemStatus()
    {
        byte lines;
        if (Loopback)
        {
            // Loopback wires DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
            lines = (byte)(((_mcr & 0x01) << 5) | ((_mcr & 0x02) << 3) | ((_mcr & 0x04) << 4) | ((_mcr & 0x08) << 4));
        }
        else
        {
            lines = MsrDcd | MsrDsr | MsrCts; // a console is always "connected"
        }
        var msr = (byte)(lines | _msrDelta);
        _msrDelta = 0;
        UpdateInterrupt();
        return msr;
    }

    private void WriteInterruptEnable(byte data)
    {
        var changed = (byte)((_ier ^ data) & 0x0F);
        _ier = (byte)(data & 0x0F);
        // Enabling THRE interrupts while THR is empty (always, here) raises one immediately.
        if ((changed & IerThre) != 0) _thrInterruptPending = (_ier & IerThre) != 0;
    }

    private void WriteFifoControl(byte data)
    {
        var enable = (data & FcrEnable) != 0;
        if (enable != _fifoEnabled)
        {
            // Switching FIFO mode resets both FIFOs (16550 datasheet).
            _rx.Clear();
            _fifoEnabled = enable;
        }
        if ((data & FcrClearRx) != 0)
        {
            _rx.Clear();
            _timeoutPending = false;
        }
        _rxTrigger = (data >> 6) switch { 0 => 1, 1 => 4, 2 => 8, _ => 14 };
        RestartTimeout();
        FillFromHost();
    }

    /// <summary>
    /// In FIFO mode, data below the trigger level that nobody reads for four character times
    /// raises a character-timeout interrupt, so a short line still reaches an interrupt-driven guest.
    /// </summary>
    private void RestartTimeout()
    {
        _timeoutTimer?.Cancel();
        _timeoutTimer = null;
        if (!_fifoEnabled || _rx.Count == 0) return;
        var divisor = Math.Max((uint)_divisor, 1);
        var nanosecondsPerBit = 16UL * divisor * 1_000_000_000UL / Math.Max(_clockFrequency, 1);
        var timeout = 4 * BitsPerCharacter * Math.Max(nanosecondsPerBit, 1);
        _timeoutTimer = _clock.Schedule(_clock.Now + timeout, () =>
        {
            _timeoutTimer = null;
            if (_rx.Count == 0) return;
            _timeoutPending = true;
            UpdateInterrupt();
        });
    }

    private ulong BitsPerCharacter => 1 + 5 + (ulong)(_lcr & 3) + ((_lcr & 0x08) != 0 ? 1UL : 0) + ((_lcr & 0x04) != 0 ? 2UL : 1UL);

    private byte CurrentInterrupt()
    {
        if ((_ier & IerLineStatus) != 0 && _lsrErrors != 0) return IirLineStatus;
        if ((_ier & IerRxData) != 0 && _rx.Count > 0 && (!_fifoEnabled || _rx.Count >= _rxTrigger)) return IirRxData;
        if ((_ier & IerRxData) != 0 && _timeoutPending) return IirTimeout;
        if ((_ier & IerThre) != 0 && _thrInterruptPending) return IirThre;
        if ((_ier & IerModemStatus) != 0 && _msrDelta != 0) return IirModemStatus;
        return IirNone;
    }

    private byte ReadInterruptIdentification()
    {
        var id = CurrentInterrupt();
        // Reading IIR while it reports THRE acknowledges that interrupt.
        if (id == IirThre) _thrInterruptPending = false;
        UpdateInterrupt();
        return (byte)(id | (_fifoEnabled ? IirFifoEnabled : 0));
    }

    private void UpdateInterrupt()
    {
        InterruptAsserted = CurrentInterrupt() != IirNone;
        _irq.Set(InterruptAsserted);
    }
}
