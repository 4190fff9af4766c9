using Cross.Core.Devices;

namespace Cross.Devices.Timers;

/// <summary>
/// The SiFive CLINT (ACLINT MSWI + MTIMER in one window), QEMU virt layout: msip[h] at 4h,
/// mtimecmp[h] at 0x4000 + 8h, mtime at 0xBFF8. mtime is derived from the machine's
/// <see cref="VirtualClock"/> at 10 MHz, so it never drifts from guest time; writing mtime
/// stores an offset. A VirtualClock timer fires at the next mtimecmp, so MTIP rises exactly
/// when guest time passes it, with no polling.
/// </summary>
public sealed class Clint : IMmioDevice
{
    public const ulong TimebaseFrequency = 10_000_000;
    public const ulong NanosecondsPerTick = 1_000_000_000 / TimebaseFrequency;
    public const ulong MsipBase = 0x0, MtimecmpBase = 0x4000, MtimeOffset = 0xBFF8, Size = 0x10000;
    public const int MaxHarts = 4095;

    private readonly VirtualClock _clock;
    private readonly IReadOnlyList<IInterruptLine> _msip, _mtip;
    private readonly bool[] _softwarePending;
    private readonly ulong[] _mtimecmp;
    private readonly VirtualClock.Timer?[] _timers;
    private ulong _mtimeOffset;

    /// <param name="msip">Per-hart machine software interrupt lines (hart order).</param>
    /// <param name="mtip">Per-hart machine timer interrupt lines (hart order).</param>
    public Clint(VirtualClock clock, IReadOnlyList<IInterruptLine> msip, IReadOnlyList<IInterruptLine> mtip)
    {
        if (msip.Count != mtip.Count || msip.Count is < 1 or > MaxHarts)
            throw new ArgumentException("CLINT needs one MSIP and one MTIP line per hart, 1..4095 harts");
        _clock = clock;
        _msip = msip;
        _mtip = mtip;
        _softwarePending = new bool[msip.Count];
        // Reset mtimecmp to the maximum so MTIP stays low until firmware programs a deadline.
        _mtimecmp = Enumerable.Repeat(ulong.MaxValue, msip.Count).ToArray();
        _timers = new VirtualClock.Timer?[msip.Count];
        for (var hart = 0; hart < HartCount; hart++) _mtip[hart].Set(false);
    }

    public int HartCount => _softwarePending.Length;

    /// <summary>The current mtime; the RISC-V <c>time</c> CSR reads this.</summary>
    public ulong MTime => unchecked(_clock.Now / NanosecondsPerTick + _mtimeOffset);

    public ulong MTimeCmp(int hart) => _mtimecmp[hart];

    public ulong Read(ulong offset, int size)
    {
        if (!IsSupported(offset, size)) return 0;
        if (offset < MtimecmpBase)
        {
            var hart = (int)(offset / 4);
            return hart < HartCount && offset % 4 == 0 ? (_softwarePending[hart] ? 1u : 0u) : 0;
        }
        if (offset >= MtimeOffset) return Slice(MTime, offset - MtimeOffset, size);
        var index = (offset - MtimecmpBase) / 8;
        return index < (ulong)HartCount ? Slice(_mtimecmp[index], (offset - MtimecmpBase) % 8, size) : 0;
    }

    public void Write(ulong offset, int size, ulong value)
    {
        if (!IsSupported(offset, size)) return;
        if (offset < MtimecmpBase)
        {
            var hart = (int)(offset / 4);
            if (hart >= HartCount || offset % 4 != 0) return;
            _softwarePending[hart] = (value & 1) != 0;
            _msip[hart].Set(_softwarePending[hart]);
        }
        else if (offset >= MtimeOffset)
        {
            var mtime = Merge(MTime, offset - MtimeOffset, size, value);
            _mtimeOffset = unchecked(mtime - _clock.Now / NanosecondsPerTick);
            for (var hart = 0; hart < HartCount; hart++) Rearm(hart);
        }
        else
        {
            var index = (offset - MtimecmpBase) / 8;
            if (index >= (ulong)HartCount) return;
            _mtimecmp[index] = Merge(_mtimecmp[index], (offset - MtimecmpBase) % 8, size, value);
            Rearm((int)index);
        }
    }

    /// <summary>Naturally aligned 4- and 8-byte accesses, the ones RISC-V software uses.</summary>
    private static bool IsSupported(ulong offset, int size) =>
        size is 4 or 8 && offset % (ulong)size == 0 && offset + (ulong)size <= Size;

    private static ulong Slice(ulong register, ulong byteOffset, int size) =>
        size == 8 ? register : (uint)(register >> (int)(byteOffset * 8));

    private static ulong Merge(ulong register, ulong byteOffset, int size, ulong value)
    {
        if (size == 8) return value;
        var shift = (int)(byteOffset * 8);
        return register & ~(0xFFFF_FFFFUL << shift) | (ulong)(uint)value << shift;
    }

    /// <summary>Sets MTIP from the comparison now, and schedules the moment it will become true.</summary>
    private void Rearm(int hart)
    {
        _timers[hart]?.Cancel();
        _timers[hart] = null;
        var now = MTime;
        var compare = _mtimecmp[hart];
        if (now >= compare)
        {
            _mtip[hart].Set(true);
            return;
        }
        _mtip[hart].Set(false);
        // The tick at which mtime reaches mtimecmp, as a VirtualClock deadline. A deadline past
        // the end of 64-bit nanoseconds (mtimecmp = -1 to disable) is simply never scheduled.
        var ticksLeft = compare - now;
        var currentTick = _clock.Now / NanosecondsPerTick;
        if (ticksLeft > ulong.MaxValue / NanosecondsPerTick - currentTick) return;
        var deadline = (currentTick + ticksLeft) * NanosecondsPerTick;
        _timers[hart] = _clock.Schedule(deadline, () =>
        {
            _timers[hart] = null;
            Rearm(hart);
        });
    }
}
