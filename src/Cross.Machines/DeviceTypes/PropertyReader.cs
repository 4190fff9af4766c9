namespace Cross.Machines.DeviceTypes;

/// <summary>Typed reads of a description's string properties, with errors that name the device.</summary>
public static class PropertyReader
{
    public static ulong Number(this DeviceDescription device, string key, ulong fallback) =>
        device.Property(key) is { } text ? NumberParser.Parse(text, $"{device.Name} {key}") : fallback;

    public static bool Flag(this DeviceDescription device, string key, bool fallback = false) => device.Property(key) switch
    {
        null => fallback,
        "on" or "true" or "yes" or "1" or "" => true,
        "off" or "false" or "no" or "0" => false,
        var other => throw new BoardException($"{device.Name} {key}: '{other}' is not on/off"),
    };
}
