using Cross.Core.Devices;
using Cross.Devices.Registers;

namespace Cross.Devices.Rtc;

/// <summary>
/// Google's goldfish RTC, as on QEMU's RISC-V virt board: nanoseconds since the Unix epoch, with
/// one alarm. Time is the start epoch plus guest time (VirtualClock), so a deterministic run sees
/// a deterministic date. Reading TIME_LOW latches TIME_HIGH so a 64-bit read is consistent;
/// writing ALARM_HIGH then ALARM_LOW arms the alarm, as Linux's rtc-goldfish does.
/// </summary>
public sealed class GoldfishRtc : IMmioDevice
{
    public const ulong TimeLow = 0x00, TimeHigh = 0x04, AlarmLow = 0x08, AlarmHigh = 0x0C, IrqEnabled = 0x10,
        ClearAlarm = 0x14, AlarmStatus = 0x18, ClearInterrupt = 0x1C, Size = 0x1000;

    private readonly IInterruptLine _irq;
    private readonly VirtualClock _clock;
    private readonly RegisterBank _registers;
    private ulong _epochAtZero;
    private uint _timeHighLatch, _alarmHighLatch;
    private ulong _alarm;
    private bool _irqEnabled, _irqPending;
    private VirtualClock.Timer? _alarmTimer;

    /// <param name="startEpochNanoseconds">Wall-clock time (ns since 1970) when guest time is zero.</param>
    public GoldfishRtc(IInterruptLine irq, VirtualClock clock, ulong startEpochNanoseconds)
    {
        _irq = irq;
        _clock = clock;
        _epochAtZero = startEpochNanoseconds;
        _registers = new RegisterBank()
            .Define(TimeLow, "TIME_LOW", ReadTimeLow, value => SetTime(Now & 0xFFFF_FFFF_0000_0000UL | value))
            .Define(TimeHigh, "TIME_HIGH", () => _timeHighLatch, value => SetTime(Now & 0xFFFF_FFFFUL | (ulong)value << 32))
            .Define(AlarmLow, "ALARM_LOW", () => (uint)_alarm, value => Arm((ulong)_alarmHighLatch << 32 | value))
            .Define(AlarmHigh, "ALARM_HIGH", () => (uint)(_alarm >> 32), value => _alarmHighLatch = value)
            .Define(IrqEnabled, "IRQ_ENABLED", () => _irqEnabled ? 1u : 0u, value => _irqEnabled = (value & 1) != 0)
            .Define(ClearAlarm, "CLEAR_ALARM", null, _ => Disarm())
            .Define(AlarmStatus, "ALARM_STATUS", () => _alarmTimer is null ? 0u : 1u)
            .Define(ClearInterrupt, "CLEAR_INTERRUPT", null, _ => _irqPending = false);
    }

    /// <summary>Current RTC time in nanoseconds since the epoch.</summary>
    public ulong Now => unchecked(_epochAtZero + _clock.Now);

    public bool InterruptAsserted => _irqEnabled && _irqPending;

    public ulong Read(ulong offset, int size) => _registers.Read(offset, size);

    public void Write(ulong offset, int size, ulong value)
    {
        _registers.Write(offset, size, value);
        _irq.Set(InterruptAsserted);
    }

    private uint ReadTimeLow()
    {
        var now = Now;
        _timeHighLatch = (uint)(now >> 32);
        return (uint)now;
    }

    private void SetTime(ulong time) => _epochAtZero = unchecked(time - _clock.Now);

    private void Arm(ulong alarm)
    {
        Disarm();
        _alarm = alarm;
        if (alarm <= Now)
        {
            Fire();
            return;
        }
        var delay = alarm - Now;
        if (delay > ulong.MaxValue - _clock.Now) return; // beyond the end of guest time
        _alarmTimer = _clock.Schedule(_clock.Now + delay, Fire);
    }

    private void Disarm()
    {
        _alarmTimer?.Cancel();
        _alarmTimer = null;
    }

    private void Fire()
    {
        _alarmTimer = null;
        _irqPending = true;
        _irq.Set(InterruptAsserted);
    }
}
