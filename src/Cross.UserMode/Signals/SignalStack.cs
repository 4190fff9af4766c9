namespace Cross.UserMode.Signals;

/// <summary>stack_t: an alternate signal stack (sigaltstack). Layout: ss_sp u64, ss_flags i32 + pad, ss_size u64.</summary>
public readonly record struct SignalStack(ulong Base, int Flags, ulong Size)
{
    public const int OnStack = 1, Disable = 2;
    public const int AutoDisarm = unchecked((int)0x80000000);

    /// <summary>Bytes of stack_t.</summary>
    public const int ByteSize = 24;

    /// <summary>MINSIGSTKSZ for the generic ABI.</summary>
    public const ulong MinimumSize = 2048;

    public static SignalStack Disabled => new(0, Disable, 0);

    public bool IsEnabled => (Flags & Disable) == 0 && Size != 0;

    public bool Contains(ulong stackPointer) => IsEnabled && stackPointer > Base && stackPointer - Base <= Size;

    public void WriteTo(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, Base);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Flags);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[12..], 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], Size);
    }

    public static SignalStack ReadFrom(ReadOnlySpan<byte> source) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(source),
        System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));
}
