using Cross.Devices.Virtio;

namespace Cross.Devices.Tests.Virtio;

public class VirtioConsoleTests
{
    [Fact]
    public void TransmitQueueBytesReachTheSink()
    {
        var console = new VirtioConsole();
        var output = new List<byte>();
        console.Transmitted += output.Add;
        var bench = new VirtioBench(console);
        var queues = bench.Start();
        "hello, "u8.CopyTo(bench.RamSpan(0x8001_0000, 7));
        "hvc0\n"u8.CopyTo(bench.RamSpan(0x8001_1000, 5));
        queues[VirtioConsole.TransmitQueue].Submit(0, (0x8001_0000, 7, false), (0x8001_1000, 5, false));
        Assert.Equal("hello, hvc0\n"u8.ToArray(), output);
        Assert.Equal([(0u, 0u)], queues[VirtioConsole.TransmitQueue].TakeUsed());
    }

    [Fact]
    public void HostInputFillsReceiveBuffersAsTheyArrive()
    {
        var console = new VirtioConsole();
        var bench = new VirtioBench(console);
        var rx = bench.Start()[VirtioConsole.ReceiveQueue];
        console.Input.Write("typed");
        bench.Transport.Poll(); // no buffers yet: input waits
        Assert.Equal(5, console.Input.Count);

        rx.Submit(0, (0x8001_0000, 3, true));
        Assert.Equal([(0u, 3u)], rx.TakeUsed());
        Assert.Equal("typ"u8.ToArray(), bench.RamSpan(0x8001_0000, 3).ToArray());
        rx.SetDescriptor(1, 0x8001_1000, 64, VirtioConstants.DescWrite);
        rx.Publish(1);
        bench.Transport.Poll();
        Assert.Equal([(1u, 2u)], rx.TakeUsed());
        Assert.Equal("ed"u8.ToArray(), bench.RamSpan(0x8001_1000, 2).ToArray());
        Assert.True(bench.Irq.Asserted);
    }

    [Fact]
    public void WrongShapedRequestsMoveNoBytes()
    {
        var console = new VirtioConsole();
        var output = new List<byte>();
        console.Transmitted += output.Add;
        var bench = new VirtioBench(console);
        var queues = bench.Start();
        queues[VirtioConsole.TransmitQueue].Submit(0, (0x8001_0000, 4, false), (0x8001_1000, 4, true));
        Assert.Empty(output);
        console.Input.Write("x");
        queues[VirtioConsole.ReceiveQueue].Submit(0, (0x8001_0000, 4, false), (0x8001_1000, 4, true));
        Assert.Equal([(0u, 0u)], queues[VirtioConsole.ReceiveQueue].TakeUsed());
        Assert.Equal(1, console.Input.Count);
    }
}
