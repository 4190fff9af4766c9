using System.Collections.Concurrent;

namespace Cross.Devices.Serial;

/// <summary>
/// Bytes the host sends to a guest serial port. Any host thread may write; the device takes bytes
/// on the machine thread only when its receive FIFO has room, so nothing is dropped on the way in.
/// </summary>
public sealed class SerialInput
{
    private readonly ConcurrentQueue<byte> _bytes = new();

    public bool IsEmpty => _bytes.IsEmpty;

    public int Count => _bytes.Count;

    public void Write(byte value) => _bytes.Enqueue(value);

    public void Write(ReadOnlySpan<byte> data)
    {
        foreach (var value in data) _bytes.Enqueue(value);
    }

    public void Write(string text) => Write(System.Text.Encoding.UTF8.GetBytes(text));

    public bool TryTake(out byte value) => _bytes.TryDequeue(out value);
}
