using Cross.Core.Devices;

namespace Cross.Devices.Power;

/// <summary>
/// SiFive's test finisher ("sifive,test0", QEMU's sifive_test). A 32-bit write to offset 0 with
/// low half 0x5555 passes, 0x3333 fails with the code in bits 31:16, 0x7777 resets. Linux uses
/// it through syscon-poweroff/-reboot, bare-metal tests write it directly. Other values are
/// ignored, as in QEMU.
/// </summary>
public sealed class SifiveTest : IMmioDevice, IPowerController
{
    public const ushort Pass = 0x5555, Fail = 0x3333, Reset = 0x7777;
    public const ulong Size = 0x1000;

    public event Action<ShutdownRequest>? ShutdownRequested;

    public ulong Read(ulong offset, int size) => 0;

    public void Write(ulong offset, int size, ulong value)
    {
        if (offset != 0 || size < 4) return;
        var code = (int)((value >> 16) & 0xFFFF);
        ShutdownRequest? request = (ushort)value switch
        {
            Pass => new ShutdownRequest(ShutdownKind.Pass, 0),
            Fail => new ShutdownRequest(ShutdownKind.Fail, code),
            Reset => new ShutdownRequest(ShutdownKind.Reset, 0),
            _ => null,
        };
        if (request is { } r) ShutdownRequested?.Invoke(r);
    }
}
