using Cross.Core.Devices;
using Cross.Devices.Serial;
using Cross.Devices.Tests.Support;
using static Cross.Devices.Serial.Pl011;

namespace Cross.Devices.Tests.Serial;

public class Pl011Tests
{
    private readonly VirtualClock _clock = new();
    private readonly InterruptLine _irq = new();
    private readonly List<byte> _output = new();
    private readonly Pl011 _uart;

    public Pl011Tests()
    {
        _uart = new Pl011(_irq, _clock);
        _uart.Transmitted += _output.Add;
    }

    [Fact]
    public void PrimeCellIdentifiesAsPl011()
    {
        uint[] expected = [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], _uart.R32(0xFE0 + 4 * (ulong)i));
    }

    [Fact]
    public void ResetStateMatchesTheManual()
    {
        Assert.Equal(CrTxe | CrRxe, _uart.R32(Cr));
        Assert.Equal(0x12u, _uart.R32(Ifls));
        Assert.Equal(FrTxfe | FrRxfe, _uart.R32(Fr));
    }

    [Fact]
    public void TransmitGoesToTheSinkAndRaisesTxInterruptUntilCleared()
    {
        _uart.W32(Imsc, IntTx);
        _uart.W32(Dr, 'A');
        Assert.Equal([(byte)'A'], _output);
        Assert.Equal(IntTx, _uart.R32(Ris) & IntTx);
        Assert.Equal(IntTx, _uart.R32(Mis));
        Assert.True(_irq.Asserted);
        _uart.W32(Icr, IntTx);
        Assert.False(_irq.Asserted);
        Assert.Equal(0u, _uart.R32(Mis));
    }

    [Fact]
    public void ReceiveFillsDrAndFlags()
    {
        _uart.Input.Write("ab");
        Assert.Equal(0u, _uart.R32(Fr) & FrRxfe);
        Assert.Equal((uint)'a', _uart.R32(Dr));
        Assert.Equal((uint)'b', _uart.R32(Dr));
        Assert.Equal(FrRxfe, _uart.R32(Fr) & FrRxfe);
    }

    [Fact]
    public void SixteenBitAccessesWorkAsLinuxUsesThem()
    {
        _uart.Write(Ibrd, 2, 13);
        _uart.Write(Fbrd, 2, 1);
        Assert.Equal(13ul, _uart.Read(Ibrd, 2));
        Assert.Equal(1ul, _uart.Read(Fbrd, 2));
        Assert.Equal((ulong)(FrTxfe | FrRxfe), _uart.Read(Fr, 2));
    }

    [Fact]
    public void RxInterruptWaitsForTheFifoTriggerOrTheTimeout()
    {
        _uart.W32(LcrH, LcrHFen | 0x60);
        _uart.W32(Imsc, IntRx | IntRt);
        _uart.Input.Write("abc"); // IFLS reset: half full = 8 entries
        _uart.Poll();
        Assert.False(_irq.Asserted);

        _clock.Advance(32 * 8_681 + 1); // 32 bit periods at the default 115200 baud
        Assert.True(_irq.Asserted);
        Assert.Equal(IntRt, _uart.R32(Mis));
        for (var i = 0; i < 3; i++) _uart.R32(Dr);
        Assert.False(_irq.Asserted); // RT clears once the FIFO is empty

        _uart.Input.Write("12345678");
        _uart.Poll();
        Assert.True(_irq.Asserted);
        Assert.Equal(IntRx, _uart.R32(Mis) & IntRx);
        for (var i = 0; i < 8; i++) _uart.R32(Dr);
        Assert.Equal(0u, _uart.R32(Mis) & IntRx);
    }

    [Fact]
    public void WithoutFifoEachByteRaisesRx()
    {
        _uart.W32(Imsc, IntRx);
        _uart.Input.Write("xy");
        _uart.Poll();
        Assert.True(_irq.Asserted);
        Assert.Equal(FrRxff, _uart.R32(Fr) & FrRxff);
        Assert.Equal((uint)'x', _uart.R32(Dr));
        Assert.True(_irq.Asserted); // 'y' moved in behind it
        Assert.Equal((uint)'y', _uart.R32(Dr));
        Assert.False(_irq.Asserted);
    }

    [Fact]
    public void LoopbackReturnsTransmittedBytes()
    {
        _uart.W32(Cr, CrUarten | CrTxe | CrRxe | CrLbe);
        _uart.W32(Dr, 'L');
        Assert.Empty(_output);
        Assert.Equal((uint)'L', _uart.R32(Dr));
    }
}
