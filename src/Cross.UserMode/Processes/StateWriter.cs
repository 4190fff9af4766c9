using System.Text;

namespace Cross.UserMode.Processes;

/// <summary>Little-endian fields of a process state record, collected in memory and then written to a <see cref="TransferFile"/> with its length first.</summary>
internal sealed class StateWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public StateWriter() => _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);

    public void Int(int value) => _writer.Write(value);

    public void ULong(ulong value) => _writer.Write(value);

    public void Bool(bool value) => _writer.Write(value);

    public void Bytes(ReadOnlySpan<byte> value)
    {
        _writer.Write(value.Length);
        _writer.Write(value);
    }

    public void String(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null) Bytes(Encoding.UTF8.GetBytes(value));
    }

    public void Strings(IReadOnlyList<string> values)
    {
        Int(values.Count);
        foreach (var value in values) String(value);
    }

    /// <summary>Writes the record (length, then fields) to <paramref name="file"/>.</summary>
    public void WriteTo(TransferFile file)
    {
        _writer.Flush();
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, _buffer.Length);
        file.Write(length);
        file.Write(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
    }
}
