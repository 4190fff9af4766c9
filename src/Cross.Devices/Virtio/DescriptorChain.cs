using Cross.Devices.Memory;

namespace Cross.Devices.Virtio;

/// <summary>One guest buffer of a request: guest-physical address and length, already checked to lie in RAM.</summary>
public readonly record struct GuestBuffer(ulong Address, uint Length);

/// <summary>
/// A request popped from a virtqueue: its head index (what goes back in the used ring) and its
/// buffers, device-readable first, then device-writable. A malformed chain has
/// <see cref="Error"/> set and no buffers; the device must return it with zero length.
/// </summary>
public sealed class DescriptorChain
{
    internal DescriptorChain(ushort head, IReadOnlyList<GuestBuffer> readable, IReadOnlyList<GuestBuffer> writable, string? error)
    {
        Head = head;
        Readable = readable;
        Writable = writable;
        Error = error;
        foreach (var buffer in readable) ReadableLength += buffer.Length;
        foreach (var buffer in writable) WritableLength += buffer.Length;
    }

    internal static DescriptorChain Malformed(ushort head, string error) => new(head, [], [], error);

    public ushort Head { get; }

    public IReadOnlyList<GuestBuffer> Readable { get; }

    public IReadOnlyList<GuestBuffer> Writable { get; }

    /// <summary>Why the driver's chain was rejected, or null for a well-formed chain.</summary>
    public string? Error { get; }

    public bool IsValid => Error is null;

    public ulong ReadableLength { get; }

    public ulong WritableLength { get; }
}

/// <summary>Reads a chain's device-readable buffers as one byte stream.</summary>
public sealed class ChainReader(GuestRam memory, IReadOnlyList<GuestBuffer> buffers)
{
    private int _buffer;
    private uint _offset;

    public ulong Consumed { get; private set; }

    /// <summary>Copies up to <paramref name="destination"/>.Length bytes; returns how many there were.</summary>
    public int Read(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length && _buffer < buffers.Count)
        {
            var buffer = buffers[_buffer];
            var count = (int)Math.Min(buffer.Length - _offset, (uint)(destination.Length - total));
            memory.Read(buffer.Address + _offset, destination.Slice(total, count));
            total += count;
            _offset += (uint)count;
            if (_offset == buffer.Length)
            {
                _buffer++;
                _offset = 0;
            }
        }
        Consumed += (ulong)total;
        return total;
    }
}

/// <summary>Writes a chain's device-writable buffers as one byte stream, up to a limit.</summary>
public sealed class ChainWriter(GuestRam memory, IReadOnlyList<GuestBuffer> buffers, ulong limit = ulong.MaxValue)
{
    private int _buffer;
    private uint _offset;

    public ulong Written { get; private set; }

    public ulong Remaining
    {
        get
        {
            ulong left = 0;
            for (var i = _buffer; i < buffers.Count; i++) left += buffers[i].Length;
            return Math.Min(left - _offset, limit - Written);
        }
    }

    /// <summary>Copies as much of <paramref name="source"/> as fits; returns how many bytes were written.</summary>
    public int Write(ReadOnlySpan<byte> source)
    {
        var total = 0;
        var room = (int)Math.Min((ulong)source.Length, limit - Written);
        while (total < room && _buffer < buffers.Count)
        {
            var buffer = buffers[_buffer];
            var count = (int)Math.Min(buffer.Length - _offset, (uint)(room - total));
            memory.Write(buffer.Address + _offset, source.Slice(total, count));
            total += count;
            _offset += (uint)count;
            if (_offset == buffer.Length)
            {
                _buffer++;
                _offset = 0;
            }
        }
        Written += (ulong)total;
        return total;
    }
}
