using Cross.Core.Devices;
using Cross.Devices.Serial;
using Cross.Devices.Tests.Support;
using static Cross.Devices.Serial.Ns16550;

namespace Cross.Devices.Tests.Serial;

public class Ns16550Tests
{
    private readonly VirtualClock _clock = new();
    private readonly InterruptLine _irq = new();
    private readonly List<byte> _output = new();
    private readonly Ns16550 _uart;

    public Ns16550Tests()
    {
        _uart = new Ns16550(_irq, _clock);
        _uart.Transmitted += _output.Add;
    }

    [Fact]
    public void WritingThrSendsTheByteToTheSink()
    {
        foreach (var c in "ok\n") _uart.W8(Thr, (byte)c);
        Assert.Equal("ok\n"u8.ToArray(), _output);
        Assert.Equal(LsrThre | LsrTemt, _uart.R8(Lsr));
    }

    [Fact]
    public void DivisorLatchSharesOffsetsWithThrAndIer()
    {
        _uart.W8(Lcr, LcrDlab | 0x03);
        _uart.W8(0, 0x02);
        _uart.W8(1, 0x01);
        Assert.Equal(0x0102, _uart.Divisor);
        Assert.Equal(0x02, _uart.R8(0));
        Assert.Equal(0x01, _uart.R8(1));
        Assert.Empty(_output);

        _uart.W8(Lcr, 0x03);
        _uart.W8(Thr, (byte)'x');
        Assert.Equal([(byte)'x'], _output);
        Assert.Equal(0, _uart.R8(Ier));
    }

    [Fact]
    public void ReceivedBytesAreReadInOrderWithDataReady()
    {
        _uart.Input.Write("hi");
        Assert.Equal(LsrDataReady, _uart.R8(Lsr) & LsrDataReady);
        Assert.Equal((byte)'h', _uart.R8(Rbr));
        Assert.Equal((byte)'i', _uart.R8(Rbr));
        Assert.Equal(0, _uart.R8(Lsr) & LsrDataReady);
    }

    [Fact]
    public void ReceiveInterruptRisesWithDataAndFallsWhenDrained()
    {
        _uart.W8(Ier, IerRxData);
        Assert.False(_irq.Asserted);
        _uart.Input.Write((byte)'a');
        _uart.Poll();
        Assert.True(_irq.Asserted);
        Assert.Equal(IirRxData, _uart.R8(Iir));
        Assert.Equal((byte)'a', _uart.R8(Rbr));
        Assert.False(_irq.Asserted);
        Assert.Equal(IirNone, _uart.R8(Iir));
    }

    [Fact]
    public void ThreInterruptIsAcknowledgedByReadingIirAndReturnsAfterATransmit()
    {
        _uart.W8(Ier, IerThre);
        Assert.True(_irq.Asserted);
        Assert.Equal(IirThre, _uart.R8(Iir));
        Assert.False(_irq.Asserted);
        Assert.Equal(IirNone, _uart.R8(Iir));

        _uart.W8(Thr, (byte)'z');
        Assert.True(_irq.Asserted);
        _uart.W8(Ier, 0);
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void ReceiveDataOutranksThreInterrupt()
    {
        _uart.W8(Ier, IerRxData | IerThre);
        _uart.Input.Write((byte)'q');
        _uart.Poll();
        Assert.Equal(IirRxData, _uart.R8(Iir));
        _uart.R8(Rbr);
        Assert.Equal(IirThre, _uart.R8(Iir));
    }

    [Fact]
    public void FifoWaitsForTheTriggerLevelOrTheCharacterTimeout()
    {
        _uart.W8(Fcr, FcrEnable | 0x80); // trigger at 8 bytes
        _uart.W8(Ier, IerRxData);
        _uart.Input.Write("abc");
        _uart.Poll();
        Assert.False(_irq.Asserted);
        Assert.Equal(IirNone | IirFifoEnabled, _uart.R8(Iir));

        // Four character times at the reset divisor (12: 19200 baud) and LCR (5N1, 7 bits): about 1.5 ms.
        _clock.Advance(1_000_000);
        Assert.False(_irq.Asserted);
        _clock.Advance(2_000_000);
        Assert.True(_irq.Asserted);
        Assert.Equal(IirTimeout | IirFifoEnabled, _uart.R8(Iir));
        Assert.Equal("abc"u8.ToArray(), new[] { _uart.R8(Rbr), _uart.R8(Rbr), _uart.R8(Rbr) });
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void FifoAtTriggerLevelInterruptsAtOnce()
    {
        _uart.W8(Fcr, FcrEnable | 0x40); // trigger at 4 bytes
        _uart.W8(Ier, IerRxData);
        _uart.Input.Write("abcd");
        _uart.Poll();
        Assert.True(_irq.Asserted);
        Assert.Equal(IirRxData | IirFifoEnabled, _uart.R8(Iir));
    }

    [Fact]
    public void InputBeyondTheFifoWaitsOnTheHostSideAndIsNotLost()
    {
        _uart.W8(Fcr, FcrEnable);
        var text = "0123456789abcdefghijklmnopqrstuvwxyz";
        _uart.Input.Write(text);
        _uart.Poll();
        Assert.Equal(text.Length - 16, _uart.Input.Count);
        var received = new List<byte>();
        while ((_uart.R8(Lsr) & LsrDataReady) != 0) received.Add(_uart.R8(Rbr));
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(text), received);
    }

    [Fact]
    public void WithoutFifoOnlyOneByteIsHeld()
    {
        _uart.Input.Write("xy");
        _uart.Poll();
        Assert.Equal(1, _uart.Input.Count);
    }

    [Fact]
    public void LoopbackFeedsTransmittedBytesBackAndReflectsModemControl()
    {
        _uart.W8(Mcr, McrLoopback | 0x03); // DTR, RTS
        _uart.W8(Thr, (byte)'L');
        Assert.Empty(_output);
        Assert.Equal((byte)'L', _uart.R8(Rbr));
        Assert.Equal(MsrCts | MsrDsr, _uart.R8(Msr) & 0xF0);

        _uart.W8(Thr, 1);
        _uart.W8(Thr, 2); // no FIFO: the second byte overruns
        Assert.Equal(LsrOverrun | LsrDataReady, _uart.R8(Lsr) & (LsrOverrun | LsrDataReady));
        Assert.Equal(0, _uart.R8(Lsr) & LsrOverrun);
    }

    [Fact]
    public void LineStatusInterruptReportsOverrun()
    {
        _uart.W8(Ier, IerLineStatus);
        _uart.W8(Mcr, McrLoopback);
        _uart.W8(Thr, 1);
        _uart.W8(Thr, 2);
        Assert.True(_irq.Asserted);
        Assert.Equal(IirLineStatus, _uart.R8(Iir));
        _uart.R8(Lsr);
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void ScratchRegisterHoldsItsValueAndModemLinesLookConnected()
    {
        _uart.W8(Scr, 0x5A);
        Assert.Equal(0x5A, _uart.R8(Scr));
        Assert.Equal(MsrDcd | MsrDsr | MsrCts, _uart.R8(Msr));
    }

    [Fact]
    public void RegShiftSpreadsRegistersOut()
    {
        var uart = new Ns16550(_irq, _clock, regShift: 2);
        var sent = new List<byte>();
        uart.Transmitted += sent.Add;
        uart.W8(Thr * 4, (byte)'s');
        Assert.Equal(LsrThre | LsrTemt, uart.R8(Lsr * 4));
        Assert.Equal([(byte)'s'], sent);
    }
}
