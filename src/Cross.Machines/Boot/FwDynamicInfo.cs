using System.Buffers.Binary;

namespace Cross.Machines.Boot;

/// <summary>Privilege mode in which OpenSBI's fw_dynamic starts the next stage.</summary>
public enum NextStageMode : ulong
{
    User = 0,
    Supervisor = 1,
    Machine = 3,
}

/// <summary>
/// OpenSBI's <c>struct fw_dynamic_info</c> (include/sbi/fw_dynamic.h) for RV64: six
/// little-endian u64 words that tell fw_dynamic where the next stage is. The reset vector passes
/// its address in a2. QEMU 7.2 fills it with version 2, next mode S, options 0 and boot hart 0.
/// </summary>
public sealed record FwDynamicInfo(ulong NextAddress, NextStageMode NextMode = NextStageMode.Supervisor, ulong Options = 0, ulong BootHart = 0)
{
    /// <summary>"OSBI" as a little-endian word.</summary>
    public const ulong Magic = 0x4942534F;
    public const ulong Version = 2;
    public const int Size = 6 * 8;

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        ulong[] words = [Magic, Version, NextAddress, (ulong)NextMode, Options, BootHart];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8 * i), words[i]);
        return bytes;
    }
}
