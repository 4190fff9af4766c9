using Cross.Devices.Rtc;
using Cross.Machines.Dtb;

namespace Cross.Machines.DeviceTypes;

/// <summary>The goldfish RTC; its epoch comes from <see cref="MachineOptions.RtcEpochNanoseconds"/> or the host clock.</summary>
public sealed class GoldfishRtcType : DeviceType
{
    public override string Name => "goldfish_rtc";

    public override IReadOnlyList<string> Aliases => ["goldfish-rtc"];

    public override string NodeName => "rtc";

    public override int IrqCount => 1;

    public override object Create(MachineBuildContext context, DeviceDescription device)
    {
        var epoch = context.Options.RtcEpochNanoseconds ?? (ulong)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        var rtc = new GoldfishRtc(context.Irq(device), context.Clock, epoch);
        context.Map(device, rtc);
        return rtc;
    }

    public override void AddNodes(DeviceTreeContext tree, DeviceDescription device)
    {
        var node = tree.AddSocNode(device);
        node.SetString("compatible", "google,goldfish-rtc");
        tree.AddInterrupts(node, device);
    }
}
