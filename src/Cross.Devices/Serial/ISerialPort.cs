namespace Cross.Devices.Serial;

/// <summary>A byte-stream console as the host sees it: what the guest sends, and a queue to answer it.</summary>
public interface ISerialPort
{
    /// <summary>Raised on the machine thread for every byte the guest transmits.</summary>
    event Action<byte>? Transmitted;

    /// <summary>Bytes for the guest to receive.</summary>
    SerialInput Input { get; }
}

public static class SerialPortExtensions
{
    /// <summary>
    /// Copies everything the guest transmits to <paramref name="sink"/>. Flushing every byte keeps
    /// prompts without a newline visible on an interactive console.
    /// </summary>
    public static void ConnectOutput(this ISerialPort port, Stream sink, bool flushEachByte = true)
    {
        port.Transmitted += value =>
        {
            sink.WriteByte(value);
            if (flushEachByte || value == (byte)'\n') sink.Flush();
        };
    }
}
