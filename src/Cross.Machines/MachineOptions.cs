namespace Cross.Machines;

/// <summary>What a run changes about a board: QEMU's -m, -smp and -device, and sources of nondeterminism.</summary>
public sealed record MachineOptions
{
    /// <summary>RAM size in bytes (-m), or the board's.</summary>
    public ulong? RamSize { get; init; }

    /// <summary>Number of harts (-smp), or the board's.</summary>
    public int? HartCount { get; init; }

    /// <summary>Extra devices (-device), added to the board or placed in its free virtio-mmio slots.</summary>
    public IReadOnlyList<DeviceDescription> Devices { get; init; } = [];

    /// <summary>What the RTC reads at guest time zero, in ns since 1970; null means the host's time now.</summary>
    public ulong? RtcEpochNanoseconds { get; init; }

    /// <summary>Seed for entropy sources without their own seed= (virtio-rng); null means a random one.</summary>
    public int? Seed { get; init; }
}

/// <summary>Boot-time contents of /chosen, known only once images are placed in RAM.</summary>
public sealed record ChosenOptions
{
    public string? BootArgs { get; init; }

    public ulong? InitrdStart { get; init; }

    public ulong? InitrdEnd { get; init; }

    /// <summary>Bytes for /chosen/rng-seed (Linux credits them as entropy); omitted when null.</summary>
    public byte[]? RngSeed { get; init; }
}
