using System.Text;

namespace Cross.UserMode.Processes;

/// <summary>Reads back a record written by <see cref="StateWriter"/>.</summary>
internal sealed class StateReader
{
    /// <summary>No honest record is this large (argv and envp are far smaller; memory contents follow the record).</summary>
    private const long MaximumRecord = 1L << 30;

    private readonly BinaryReader _reader;

    private StateReader(byte[] record) => _reader = new BinaryReader(new MemoryStream(record), Encoding.UTF8);

    public static StateReader ReadFrom(TransferFile file)
    {
        Span<byte> length = stackalloc byte[8];
        file.ReadExactly(length);
        var size = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(length);
        if (size < 0 || size > MaximumRecord) throw new IOException("the process state is damaged");
        var record = new byte[size];
        file.ReadExactly(record);
        return new StateReader(record);
    }

    public int Int() => _reader.ReadInt32();

    public ulong ULong() => _reader.ReadUInt64();

    public bool Bool() => _reader.ReadBoolean();

    public byte[] Bytes() => _reader.ReadBytes(_reader.ReadInt32());

    public string? String() => _reader.ReadBoolean() ? Encoding.UTF8.GetString(Bytes()) : null;

    public string[] Strings()
    {
        var values = new string[Int()];
        for (var i = 0; i < values.Length; i++) values[i] = String() ?? "";
        return values;
    }
}
