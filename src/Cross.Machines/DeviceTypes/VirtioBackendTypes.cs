using Cross.Devices.Virtio;

namespace Cross.Machines.DeviceTypes;

/// <summary>virtio-blk over a raw image: file= (required), readonly=on, serial= (GET_ID).</summary>
public sealed class VirtioBlockType : VirtioBackendType
{
    public override string Name => "virtio-blk-device";

    public override IReadOnlyList<string> Aliases => ["virtio-blk"];

    public override IReadOnlyCollection<string> KnownProperties => ["file", "readonly", "serial"];

    public override void Validate(DeviceDescription device)
    {
        if (device.Property("file") is null) throw new BoardException($"{device.Name}: virtio-blk needs file=<raw image>");
    }

    public override IVirtioDevice CreateBackend(MachineBuildContext context, DeviceDescription slot)
    {
        var path = slot.Property("file")!;
        if (!File.Exists(path)) throw new BoardException($"{slot.Name}: disk image {path} does not exist");
        var readOnly = slot.Flag("readonly");
        var image = context.Own(new RawImageFile(path, readOnly));
        return new VirtioBlock(image, readOnly, slot.Property("serial") ?? "");
    }
}

/// <summary>virtio-rng; seed= fixes its output, otherwise it derives from <see cref="MachineOptions.Seed"/>.</summary>
public sealed class VirtioRngType : VirtioBackendType
{
    public override string Name => "virtio-rng-device";

    public override IReadOnlyList<string> Aliases => ["virtio-rng"];

    public override IReadOnlyCollection<string> KnownProperties => ["seed"];

    public override IVirtioDevice CreateBackend(MachineBuildContext context, DeviceDescription slot)
    {
        var seed = slot.Property("seed") is { } text ? (int)NumberParser.Parse(text, $"{slot.Name} seed") : context.Seed((int)(slot.Address >> 12));
        return new VirtioRng(seed);
    }
}

/// <summary>virtio-console with one port (hvc0 in Linux).</summary>
public sealed class VirtioConsoleType : VirtioBackendType
{
    public override string Name => "virtio-console-device";

    public override IReadOnlyList<string> Aliases => ["virtio-console", "virtconsole"];

    public override IVirtioDevice CreateBackend(MachineBuildContext context, DeviceDescription slot) => new VirtioConsole();
}
