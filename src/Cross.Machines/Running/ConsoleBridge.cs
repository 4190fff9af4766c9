using Cross.Devices.Serial;

namespace Cross.Machines.Running;

/// <summary>
/// Connects a guest serial port to host streams: what the guest transmits is buffered and written
/// to <c>output</c> (the runner flushes it between slices, so prompts without a newline show up
/// promptly), and bytes read from <c>input</c> on a background thread are queued for the port and
/// wake the machine. Reading stops at end of input; the guest keeps running.
/// </summary>
public sealed class ConsoleBridge : IDisposable
{
    private readonly Stream _output;
    private readonly MemoryStream _pending = new();
    private readonly object _lock = new();
    private readonly Thread? _reader;
    private volatile bool _disposed;

    public ConsoleBridge(ISerialPort port, Stream output, Stream? input = null, Action? onInput = null)
    {
        _output = output;
        port.Transmitted += Transmit;
        if (input is null) return;
        _reader = new Thread(() => Pump(port, input, onInput)) { IsBackground = true, Name = "console input" };
        _reader.Start();
    }

    /// <summary>Writes what the guest has sent since the last flush.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_pending.Length == 0) return;
            try
            {
                _output.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
                _output.Flush();
            }
            catch (IOException)
            {
                // The reader went away (a closed pipe); the guest keeps running, as on real hardware.
            }
            _pending.SetLength(0);
        }
    }

    private void Transmit(byte value)
    {
        lock (_lock)
        {
            _pending.WriteByte(value);
            if (_pending.Length >= 4096) Flush();
        }
    }

    private void Pump(ISerialPort port, Stream input, Action? onInput)
    {
        var buffer = new byte[256];
        try
        {
            while (!_disposed)
            {
                var count = input.Read(buffer, 0, buffer.Length);
                if (count <= 0) break;
                port.Input.Write(buffer.AsSpan(0, count));
                onInput?.Invoke();
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // Input closed under us: same as end of input.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Flush();
    }
}
