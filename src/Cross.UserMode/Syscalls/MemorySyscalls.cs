using Cross.UserMode.Memory;
using Cross.UserMode.Native;

namespace Cross.UserMode.Syscalls;

/// <summary>brk, mmap, munmap, mprotect, mremap, madvise, msync and friends, on the guest memory map.</summary>
internal static class MemorySyscalls
{
    private const int MapShared = 0x01, MapPrivate = 0x02, MapSharedValidate = 0x03, MapTypeMask = 0x0f, MapFixed = 0x10,
        MapAnonymous = 0x20, MapFixedNoReplace = 0x100000;

    private const int MremapMaymove = 1, MremapFixed = 2, MremapDontunmap = 4;
    private const int MadvDontneed = 4;
    private const int OAccmode = 3, ORdonly = 0, OWronly = 1, ORdwr = 2;
    private const ulong PageSize = GuestMemoryManager.PageSize;

    public static void Register(SyscallTableBuilder table)
    {
        table.Add("brk", "p:x", call => (long)call.Process.Memory.SetBrk(call[0]))
            .Add("mmap", "puxxdx:x", call => Serialized(call, Mmap))
            .Add("munmap", "pu", call => Serialized(call, Munmap))
            .Add("mprotect", "pux", call => Serialized(call, Mprotect))
            .Add("mremap", "puuxp:x", call => Serialized(call, Mremap))
            .Add("madvise", "pud", call => Serialized(call, Madvise))
            .Add("msync", "pux", Msync)
            .Add("mincore", "pup", Mincore)
            .Add("mlock", "pu", _ => 0)
            .Add("mlock2", "pux", _ => 0)
            .Add("munlock", "pu", _ => 0)
            .Add("mlockall", "x", _ => 0)
            .Add("munlockall", "", _ => 0);
    }

    /// <summary>
    /// Runs a call that looks at the memory map and then changes it (finding a free range and
    /// mapping it, checking and moving a mapping) with no other such call in between, so two guest
    /// threads never get the same range (mmap_lock in Linux).
    /// </summary>
    private static long Serialized(SyscallCall call, SyscallHandler handler)
    {
        lock (call.Process.Memory.MapChangeLock) return handler(call);
    }

    private static long Mmap(SyscallCall call)
    {
        var memory = call.Process.Memory;
        var address = call[0];
        var protection = call.Int(2);
        var flags = call.Int(3);
        var offset = call[5];
        if (call[1] == 0 || offset % PageSize != 0 || (protection & ~7) != 0) return -Errno.EINVAL;
        if ((flags & MapTypeMask) is not (MapShared or MapPrivate or MapSharedValidate)) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || length > memory.Space.Size) return -Errno.ENOMEM;
        var shared = (flags & MapTypeMask) != MapPrivate;

        var hostFd = -1;
        var name = "";
        if ((flags & MapAnonymous) == 0)
        {
            if (!call.TryHostFd(4, out hostFd)) return -Errno.EBADF;
            var mode = Libc.Fcntl(hostFd, 3 /* F_GETFL */, 0);
            if (mode < 0) return -Libc.Errno;
            var access = mode & OAccmode;
            if (access == OWronly || (shared && (protection & 2) != 0 && access != ORdwr)) return -Errno.EACCES;
            name = FileName(call.Process, call.Int(4));
        }

        ulong start;
        if ((flags & (MapFixed | MapFixedNoReplace)) != 0)
        {
            if (address % PageSize != 0) return -Errno.EINVAL;
            if (address + length < address || address + length > memory.Space.Size || address < GuestMemoryManager.MinimumAddress) return -Errno.ENOMEM;
            if ((flags & MapFixed) == 0 && !memory.Space.IsFree(address, length)) return -Errno.EEXIST;
            start = address;
        }
        else if (memory.FindFree(length, address) is { } free)
        {
            start = free;
        }
        else
        {
            return -Errno.ENOMEM;
        }

        SharedFileBacking? backing = null;
        if (hostFd >= 0 && shared && (Libc.Fcntl(hostFd, 3, 0) & OAccmode) == ORdwr)
        {
            var dup = Libc.Fcntl(hostFd, 1030 /* F_DUPFD_CLOEXEC */, 0);
            if (dup < 0) return -Libc.Errno;
            backing = memory.AddBacking(dup);
        }

        memory.Map(start, length, (MemoryProtection)protection, name, shared, offset, backing);
        if (hostFd >= 0)
        {
            var error = Fill(memory, start, length, hostFd, offset);
            if (error < 0)
            {
                memory.Unmap(start, length);
                return error;
            }
        }
        return (long)start;
    }

    /// <summary>Copies a file's bytes into a fresh mapping (pages past the end of the file stay zero).</summary>
    private static long Fill(GuestMemoryManager memory, ulong start, ulong length, int hostFd, ulong offset)
    {
        var host = memory.Space.HostAddressOfMapped(start, length);
        ulong done = 0;
        while (done < length)
        {
            var read = Libc.Pread(hostFd, host + (nint)done, (nuint)(length - done), (long)(offset + done));
            if (read < 0)
            {
                var errno = Libc.Errno;
                if (errno == Errno.EINTR) continue;
                return -errno;
            }
            if (read == 0) break;
            done += (ulong)read;
        }
        return 0;
    }

    private static string FileName(UserModeProcess process, int guestFd)
    {
        if (!process.Files.TryGetHost(guestFd, out var hostFd)) return "";
        var buffer = new byte[SyscallCall.PathMax];
        var length = Libc.Readlinkat(Files.GuestFileTable.AtFdCwd, Files.GuestPaths.Z($"/proc/self/fd/{hostFd}"), buffer, (nuint)buffer.Length);
        return length > 0 ? System.Text.Encoding.UTF8.GetString(buffer, 0, (int)length) : "";
    }

    private static long Munmap(SyscallCall call)
    {
        var memory = call.Process.Memory;
        var address = call[0];
        if (address % PageSize != 0 || call[1] == 0) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || address + length < address || address + length > memory.Space.Size)
            return -Errno.EINVAL;
        memory.Unmap(address, length);
        return 0;
    }

    private static long Mprotect(SyscallCall call)
    {
        var address = call[0];
        var protection = call.Int(2);
        if (address % PageSize != 0 || (protection & ~7 & ~0x03000000) != 0) return -Errno.EINVAL;
        if (call[1] == 0) return 0;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || address + length < address) return -Errno.ENOMEM;
        return call.Process.Memory.Protect(address, length, (MemoryProtection)(protection & 7)) ? 0 : -Errno.ENOMEM;
    }

    private static long Mremap(SyscallCall call)
    {
        var memory = call.Process.Memory;
        var oldAddress = call[0];
        var flags = call.Int(3);
        if (oldAddress % PageSize != 0 || (flags & ~(MremapMaymove | MremapFixed | MremapDontunmap)) != 0) return -Errno.EINVAL;
        if ((flags & MremapFixed) != 0 && (flags & MremapMaymove) == 0) return -Errno.EINVAL;
        if ((flags & MremapDontunmap) != 0) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var oldSize) || !GuestMemoryManager.TryPageAlignUp(call[2], out var newSize)) return -Errno.EINVAL;
        if (oldSize == 0 || newSize == 0) return -Errno.EINVAL;
        var mapping = memory.Find(oldAddress);
        if (mapping is null || !memory.Space.IsMapped(oldAddress, oldSize) || oldAddress + oldSize > mapping.End) return -Errno.EFAULT;

        if ((flags & MremapFixed) != 0)
        {
            var target = call[4];
            if (target % PageSize != 0 || target + newSize < target || target + newSize > memory.Space.Size) return -Errno.EINVAL;
            if (target < oldAddress + oldSize && oldAddress < target + newSize) return -Errno.EINVAL;
            return (long)MoveTo(memory, mapping, oldAddress, oldSize, newSize, target);
        }

        if (newSize <= oldSize)
        {
            memory.Unmap(oldAddress + newSize, oldSize - newSize);
            return (long)oldAddress;
        }

        var extension = oldAddress + oldSize;
        if (extension + (newSize - oldSize) <= memory.Space.Size && memory.IsFree(extension, newSize - oldSize))
        {
            memory.Map(extension, newSize - oldSize, mapping.Protection, mapping.Name, mapping.Shared,
                mapping.FileOffset + (extension - mapping.Start), mapping.Backing);
            return (long)oldAddress;
        }

        if ((flags & MremapMaymove) == 0) return -Errno.ENOMEM;
        if (memory.FindFree(newSize) is not { } destination) return -Errno.ENOMEM;
        return (long)MoveTo(memory, mapping, oldAddress, oldSize, newSize, destination);
    }

    private static ulong MoveTo(GuestMemoryManager memory, GuestMapping mapping, ulong oldAddress, ulong oldSize, ulong newSize, ulong target)
    {
        memory.Map(target, newSize, mapping.Protection, mapping.Name, mapping.Shared,
            mapping.FileOffset + (oldAddress - mapping.Start), mapping.Backing);
        memory.Space.Move(oldAddress, target, Math.Min(oldSize, newSize));
        memory.Unmap(oldAddress, oldSize);
        return target;
    }

    /// <summary>MADV_DONTNEED zero-fills private anonymous memory, as Linux does; other advice is accepted and ignored.</summary>
    private static long Madvise(SyscallCall call)
    {
        var address = call[0];
        if (address % PageSize != 0) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || address + length < address) return -Errno.EINVAL;
        if (call.Int(2) != MadvDontneed || length == 0) return 0;
        var memory = call.Process.Memory;
        if (!memory.Space.IsMapped(address, length)) return -Errno.ENOMEM;
        foreach (var mapping in memory.Mappings)
        {
            var start = Math.Max(mapping.Start, address);
            var end = Math.Min(mapping.End, address + length);
            if (start >= end || mapping.Shared || mapping.Name.StartsWith('/')) continue;
            memory.Space.Map(start, end - start, mapping.Protection);
        }
        return 0;
    }

    private static long Msync(SyscallCall call)
    {
        var address = call[0];
        if (address % PageSize != 0) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || address + length < address) return -Errno.ENOMEM;
        if (!call.Process.Memory.Space.IsMapped(address, length)) return -Errno.ENOMEM;
        call.Process.Memory.Sync(address, address + length);
        return 0;
    }

    private static long Mincore(SyscallCall call)
    {
        var address = call[0];
        if (address % PageSize != 0) return -Errno.EINVAL;
        if (!GuestMemoryManager.TryPageAlignUp(call[1], out var length) || address + length < address) return -Errno.ENOMEM;
        if (!call.Process.Memory.Space.IsMapped(address, length)) return -Errno.ENOMEM;
        var vector = new byte[length / PageSize];
        Array.Fill(vector, (byte)1);
        return call.WriteOut(call[2], vector);
    }
}
