using System.Runtime.InteropServices;
using Cross.UserMode.Native;

namespace Cross.UserMode;

/// <summary>
/// The guest's resource limits (getrlimit/setrlimit/prlimit64). They start as the host's, with
/// RLIMIT_STACK set to the guest stack size, and changing them never changes the host process's
/// own limits (an RLIMIT_AS meant for the guest must not starve the emulator).
/// </summary>
public sealed class ResourceLimits
{
    public const int Count = 16;
    public const int Stack = 3, NoFile = 7;
    public const ulong Infinity = ulong.MaxValue;

    private readonly (ulong Current, ulong Maximum)[] _limits = new (ulong, ulong)[Count];
    private readonly object _sync = new();

    internal ResourceLimits(ulong stackSize)
    {
        var buffer = new ulong[2];
        var handle = GCHandle.Alloc(buffer, GCHandleType.Pinned);
        try
        {
            for (var resource = 0; resource < Count; resource++)
            {
                _limits[resource] = Libc.Prlimit(0, resource, 0, handle.AddrOfPinnedObject()) == 0
                    ? (buffer[0], buffer[1])
                    : (Infinity, Infinity);
            }
        }
        finally
        {
            handle.Free();
        }
        _limits[Stack] = (stackSize, Math.Max(stackSize, _limits[Stack].Maximum));
        _limits[NoFile] = (1024, Math.Max(1024, _limits[NoFile].Maximum));
    }

    public (ulong Current, ulong Maximum) Get(int resource)
    {
        lock (_sync) return _limits[resource];
    }

    /// <summary>Sets a limit; false (EPERM) when it would raise the hard limit or put the soft one above it.</summary>
    public bool TrySet(int resource, ulong current, ulong maximum)
    {
        lock (_sync)
        {
            if (current > maximum || maximum > _limits[resource].Maximum) return false;
            _limits[resource] = (current, maximum);
            return true;
        }
    }
}
