using Cross.Core.Devices;

namespace Cross.Devices.Tests.Support;

/// <summary>Short names for 32-bit register accesses in tests.</summary>
public static class RegisterAccess
{
    public static uint R32(this IMmioDevice device, ulong offset) => (uint)device.Read(offset, 4);

    public static void W32(this IMmioDevice device, ulong offset, uint value) => device.Write(offset, 4, value);

    public static byte R8(this IMmioDevice device, ulong offset) => (byte)device.Read(offset, 1);

    public static void W8(this IMmioDevice device, ulong offset, byte value) => device.Write(offset, 1, value);
}
