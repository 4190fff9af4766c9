namespace Cross.Devices.Virtio;

/// <summary>Storage behind a virtio-blk device. Offsets and lengths are in bytes and already range-checked.</summary>
public interface IBlockBackend
{
    long Length { get; }

    bool IsReadOnly { get; }

    /// <summary>Fills <paramref name="destination"/>; bytes past the end of the storage read as zero.</summary>
    void Read(long offset, Span<byte> destination);

    void Write(long offset, ReadOnlySpan<byte> source);

    void Flush();
}

/// <summary>A raw disk image file, read with positional I/O so the device keeps no file position.</summary>
public sealed class RawImageFile : IBlockBackend, IDisposable
{
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;

    public RawImageFile(string path, bool readOnly = false)
    {
        _handle = File.OpenHandle(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.Read);
        IsReadOnly = readOnly;
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    public bool IsReadOnly { get; }

    public void Read(long offset, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var count = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (count == 0) break;
            total += count;
        }
        destination[total..].Clear();
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        if (IsReadOnly) throw new IOException("the image is read-only");
        RandomAccess.Write(_handle, source, offset);
    }

    public void Flush() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();
}

/// <summary>A disk held in host memory, for tests and scratch disks.</summary>
public sealed class MemoryBlockBackend(byte[] bytes, bool readOnly = false) : IBlockBackend
{
    public byte[] Bytes => bytes;

    public long Length => bytes.LongLength;

    public bool IsReadOnly => readOnly;

    public int FlushCount { get; private set; }

    public void Read(long offset, Span<byte> destination)
    {
        var available = (int)Math.Clamp(bytes.LongLength - offset, 0, destination.Length);
        bytes.AsSpan((int)Math.Min(offset, bytes.LongLength), available).CopyTo(destination);
        destination[available..].Clear();
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        if (readOnly) throw new IOException("the disk is read-only");
        source.CopyTo(bytes.AsSpan((int)offset));
    }

    public void Flush() => FlushCount++;
}
