using System.Runtime.InteropServices;
using System.Text;

namespace Cross.UserMode.Native;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 strings in native memory (argv, envp for
/// execve and posix_spawn). Owned by this object and freed on dispose; nothing else keeps the
/// pointers, so the memory cannot be used after it is freed.
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly List<nint> _strings = new();

    public NativeStringArray(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
            bytes.CopyTo(new Span<byte>(copy, bytes.Length));
            copy[bytes.Length] = 0;
            _strings.Add((nint)copy);
        }
        var array = (nint*)NativeMemory.Alloc((nuint)(_strings.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < _strings.Count; i++) array[i] = _strings[i];
        array[_strings.Count] = 0;
        Pointer = (nint)array;
    }

    public nint Pointer { get; private set; }

    public void Dispose()
    {
        if (Pointer == 0) return;
        foreach (var s in _strings) NativeMemory.Free((void*)s);
        NativeMemory.Free((void*)Pointer);
        Pointer = 0;
    }
}
