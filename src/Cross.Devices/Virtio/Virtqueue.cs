using Cross.Core.Memory;
using Cross.Devices.Memory;

namespace Cross.Devices.Virtio;

/// <summary>
/// A split virtqueue (virtio 1.2, 2.7): descriptor table, available ring (driver to device) and
/// used ring (device to driver) in guest RAM. Everything here is written by the guest, so every
/// read is checked and every walk is bounded (see <see cref="WalkChain"/>). A driver error that
/// leaves the ring itself unusable (its memory outside RAM, the available index running ahead by
/// more than the queue size) breaks the queue: it stops processing and the transport reports
/// DEVICE_NEEDS_RESET, as the specification asks and QEMU does.
/// </summary>
public sealed partial class Virtqueue
{
    private const int DescriptorSize = 16;

    private readonly GuestRam _memory;
    private readonly ulong _descriptorTable, _availableRing, _usedRing;
    private readonly bool _eventIdx, _indirect;
    private ushort _nextAvailable, _nextUsed, _signalledUsed;

    public Virtqueue(GuestRam memory, int index, ushort size, ulong descriptorTable, ulong availableRing, ulong usedRing, ulong negotiatedFeatures)
    {
        if (size == 0 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), "a split queue size is a power of two");
        _memory = memory;
        Index = index;
        Size = size;
        _descriptorTable = descriptorTable;
        _availableRing = availableRing;
        _usedRing = usedRing;
        _eventIdx = (negotiatedFeatures & VirtioConstants.Bit(VirtioConstants.FeatureEventIdx)) != 0;
        _indirect = (negotiatedFeatures & VirtioConstants.Bit(VirtioConstants.FeatureIndirectDesc)) != 0;
    }

    public int Index { get; }

    public ushort Size { get; }

    /// <summary>Why the queue stopped working, or null while it works.</summary>
    public string? BrokenReason { get; private set; }

    public bool IsBroken => BrokenReason is not null;

    /// <summary>Requests taken but not yet returned (the device's in-flight count).</summary>
    public int InFlight => (ushort)(_nextAvailable - _nextUsed);

    /// <summary>True when the driver has made a request available that the device has not taken.</summary>
    public bool HasAvailable
    {
        get
        {
            if (IsBroken) return false;
            try
            {
                return _memory.ReadU16(_availableRing + 2) != _nextAvailable;
            }
            catch (GuestMemoryFaultException)
            {
                Break("available ring is outside RAM");
                return false;
            }
        }
    }

    /// <summary>
    /// Takes the next available request. False when there is none or the queue is broken. A
    /// request whose chain is malformed is still returned (with <see cref="DescriptorChain.Error"/>
    /// set), so the device can hand it back with zero length and the driver is not left waiting.
    /// </summary>
    public bool TryPop(out DescriptorChain chain)
    {
        chain = null!;
        if (IsBroken) return false;
        try
        {
            var availableIndex = _memory.ReadU16(_availableRing + 2);
            var waiting = (ushort)(availableIndex - _nextAvailable);
            if (waiting == 0) return false;
            if (waiting > Size)
            {
                Break($"available index moved {waiting} entries ahead of a {Size}-entry queue");
                return false;
            }
            // Read the ring entry only after the index that published it.
            Interlocked.MemoryBarrier();
            var head = _memory.ReadU16(_availableRing + 4 + 2 * (ulong)(_nextAvailable % Size));
            _nextAvailable++;
            // With EVENT_IDX, avail_event asks the driver to kick again once it adds past this entry.
            if (_eventIdx) _memory.WriteU16(_usedRing + 4 + 8 * (ulong)Size, _nextAvailable);
            chain = WalkChain(head);
            return true;
        }
        catch (GuestMemoryFaultException)
        {
            Break("available ring is outside RAM");
            return false;
        }
    }

    /// <summary>Returns a request to the driver with <paramref name="written"/> bytes written into its buffers.</summary>
    public void Push(DescriptorChain chain, uint written) => Push(chain.Head, chain.IsValid ? written : 0);

    private void Push(ushort head, uint written)
    {
        if (IsBroken) return;
        try
        {
            var element = _usedRing + 4 + 8 * (ulong)(_nextUsed % Size);
            _memory.WriteU32(element, head);
            _memory.WriteU32(element + 4, written);
            _nextUsed++;
            // The element must be visible before the index that publishes it.
            Interlocked.MemoryBarrier();
            _memory.WriteU16(_usedRing + 2, _nextUsed);
        }
        catch (GuestMemoryFaultException)
        {
            Break("used ring is outside RAM");
        }
    }

    /// <summary>
    /// Whether the driver wants an interrupt for the buffers used since the last call: with
    /// EVENT_IDX, when the used index passed used_event (2.7.10); otherwise unless it set
    /// NO_INTERRUPT in the available ring's flags.
    /// </summary>
    public bool ShouldInterrupt()
    {
        var previous = _signalledUsed;
        var current = _nextUsed;
        if (previous == current || IsBroken) return false;
        _signalledUsed = current;
        try
        {
            if (_eventIdx)
            {
                var usedEvent = _memory.ReadU16(_availableRing + 4 + 2 * (ulong)Size);
                return (ushort)(current - usedEvent - 1) < (ushort)(current - previous);
            }
            return (_memory.ReadU16(_availableRing) & VirtioConstants.AvailNoInterrupt) == 0;
        }
        catch (GuestMemoryFaultException)
        {
            Break("available ring is outside RAM");
            return false;
        }
    }

    private void Break(string reason) => BrokenReason ??= reason;
}
