using System.Buffers.Binary;
using Cross.Core.Memory;
using Cross.Elf;
using Cross.UserMode.Abi;
using Cross.UserMode.Files;
using Cross.UserMode.Memory;
using Cross.UserMode.Native;
using Cross.UserMode.Signals;

namespace Cross.UserMode.Processes;

/// <summary>
/// The whole guest process as a fork hands it to the child emulator: the address space (every
/// mapping with its bytes; all-zero runs are skipped), brk and mmap bookkeeping, the forking
/// thread's registers and signal state, the handlers and the file table (the host descriptors
/// themselves are inherited by the spawn). The child continues with one thread, as on Linux.
/// </summary>
/// <remarks>
/// Limits of a copy: MAP_SHARED mappings become private to each process (the child's writes no
/// longer reach the parent or the file), and other threads' state is not copied (Linux does not
/// copy them either).
/// </remarks>
internal static class ForkImage
{
    private const int Magic = 0x4b524f46;   // "FORK"
    private const int CopyChunk = 64 << 10;

    public static void Write(UserModeProcess process, GuestThread thread, ForkChildSetup setup, TransferFile file)
    {
        var memory = process.Memory;
        var space = memory.Space;
        var writer = new StateWriter();
        writer.Int(Magic);
        writer.Int((int)process.Abi.Machine);
        writer.String(process.ExecutablePath);
        writer.ULong(space.Size);
        writer.ULong(process.SigreturnAddress);
        writer.ULong(memory.MmapTop);
        writer.ULong(memory.BrkStart);
        writer.ULong(memory.Brk);
        var mappings = memory.Mappings;
        writer.Int(mappings.Count);
        foreach (var mapping in mappings)
        {
            writer.ULong(mapping.Start);
            writer.ULong(mapping.End);
            writer.Int((int)mapping.Protection);
            writer.Bool(mapping.Shared);
            writer.String(mapping.Name);
            writer.ULong(mapping.FileOffset);
        }

        writer.Bytes(thread.Context.State.Bytes);
        writer.ULong(thread.BlockedSignals.Bits);
        writer.ULong(thread.AlternateStack.Base);
        writer.Int(thread.AlternateStack.Flags);
        writer.ULong(thread.AlternateStack.Size);
        writer.Bytes(thread.Name);
        writer.ULong(setup.StackPointer);
        writer.Bool(setup.ThreadPointer is not null);
        writer.ULong(setup.ThreadPointer ?? 0);
        writer.ULong(setup.SetTidAddress);
        writer.ULong(setup.ClearTidAddress);
        writer.Int(setup.VforkHostFd);

        for (var signal = 1; signal <= Signal.Count; signal++)
        {
            var action = process.Signals.GetAction(signal);
            writer.ULong(action.Handler);
            writer.ULong(action.Flags);
            writer.ULong(action.Mask.Bits);
        }

        WriteFiles(writer, process.Files);
        writer.WriteTo(file);

        // The bytes: (address, length) headers, each followed by that many bytes; length 0 ends.
        Span<byte> header = stackalloc byte[16];
        foreach (var mapping in mappings)
        {
            for (var address = mapping.Start; address < mapping.End; address += CopyChunk)
            {
                var length = (int)Math.Min(CopyChunk, mapping.End - address);
                // A mapping unmapped by another thread since the snapshot is simply not copied.
                if (!space.IsMapped(address, (ulong)length) || space.IsZero(address, length)) continue;
                BinaryPrimitives.WriteUInt64LittleEndian(header, address);
                BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)length);
                file.Write(header);
                file.WriteFrom(space.HostAddressForCopy(address, (ulong)length), (ulong)length);
            }
        }
        header.Clear();
        file.Write(header);
    }

    /// <summary>The guest descriptors and working directory as a new host process finds them.</summary>
    internal static void WriteFiles(StateWriter writer, GuestFileTable files, bool execing = false)
    {
        writer.Int(files.Limit);
        writer.Int(files.WorkingDirectoryHostFd);
        var entries = files.Snapshot().Where(f => !execing || !f.CloseOnExec).ToArray();
        writer.Int(entries.Length);
        foreach (var entry in entries)
        {
            writer.Int(entry.GuestFd);
            writer.Int(entry.HostFd);
            writer.Bool(entry.CloseOnExec);
            writer.Bool(entry.Owned);
        }
    }

    internal static GuestFileTable ReadFiles(StateReader reader)
    {
        var limit = reader.Int();
        var cwd = reader.Int();
        var entries = new InheritedFile[reader.Int()];
        for (var i = 0; i < entries.Length; i++) entries[i] = new InheritedFile(reader.Int(), reader.Int(), reader.Bool(), reader.Bool());
        return new GuestFileTable(entries, cwd, limit);
    }

    /// <summary>Rebuilds the process in the child emulator from <paramref name="file"/>.</summary>
    public static UserModeProcess Read(UserModeOptions options, TransferFile file)
    {
        var reader = StateReader.ReadFrom(file);
        if (reader.Int() != Magic) throw new UserModeException("the forked process state is damaged");
        var machine = (ElfMachine)reader.Int();
        var abi = GuestAbis.ForMachine(machine) ?? throw new UserModeException($"unsupported machine {machine} in a forked process");
        var executablePath = reader.String() ?? "";
        var spaceSize = reader.ULong();
        var sigreturn = reader.ULong();
        var mmapTop = reader.ULong();
        var brkStart = reader.ULong();
        var brk = reader.ULong();
        var mappings = new GuestMapping[reader.Int()];
        for (var i = 0; i < mappings.Length; i++)
        {
            var start = reader.ULong();
            var end = reader.ULong();
            var protection = (MemoryProtection)reader.Int();
            var shared = reader.Bool();
            var name = reader.String() ?? "";
            mappings[i] = new GuestMapping(start, end, protection, shared, name) { FileOffset = reader.ULong() };
        }
        var registers = reader.Bytes();
        var blocked = new SignalSet(reader.ULong());
        var altStack = new SignalStack(reader.ULong(), reader.Int(), reader.ULong());
        var threadName = reader.Bytes();
        var stackPointer = reader.ULong();
        var hasThreadPointer = reader.Bool();
        var threadPointer = reader.ULong();
        var setTid = reader.ULong();
        var clearTid = reader.ULong();
        var vforkFd = reader.Int();
        var actions = new SignalAction[Signal.Count + 1];
        for (var signal = 1; signal <= Signal.Count; signal++)
            actions[signal] = new SignalAction(reader.ULong(), reader.ULong(), new SignalSet(reader.ULong()));

        // The child exec'ing or exiting closes this end, which lets a vfork parent go on.
        if (vforkFd >= 0) Libc.Fcntl(vforkFd, 2, 1);

        var space = new GuestAddressSpace(spaceSize);
        var memory = new GuestMemoryManager(space);
        GuestFileTable? files = null;
        try
        {
            foreach (var mapping in mappings)
                memory.Map(mapping.Start, mapping.Length, mapping.Protection, mapping.Name, mapping.Shared, mapping.FileOffset);
            memory.RestoreBrk(brkStart, brk);
            memory.MmapTop = mmapTop;
            Span<byte> header = stackalloc byte[16];
            while (true)
            {
                file.ReadExactly(header);
                var address = BinaryPrimitives.ReadUInt64LittleEndian(header);
                var length = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
                if (length == 0) break;
                file.ReadInto(space.HostAddressOfMapped(address, length), length);
            }
            files = ReadFiles(reader);

            var process = UserModeProcess.CreateForked(options with { ProgramPath = executablePath }, abi, executablePath, memory, files, sigreturn);
            for (var signal = 1; signal <= Signal.Count; signal++) process.Signals.SetAction(signal, actions[signal]);
            var thread = process.MainThread;
            registers.AsSpan(0, Math.Min(registers.Length, thread.Context.State.Bytes.Length)).CopyTo(thread.Context.State.Bytes);
            abi.InitializeCloneChild(thread.Context.State, stackPointer, hasThreadPointer ? threadPointer : null);
            thread.BlockedSignals = blocked;
            thread.AlternateStack = altStack;
            thread.Name = threadName;
            thread.ClearChildTid = clearTid;
            if (setTid != 0)
            {
                var tid = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(tid, process.Pid);
                space.TryWriteBytes(setTid, tid);
            }
            return process;
        }
        catch
        {
            files?.Dispose();
            memory.Dispose();
            space.Dispose();
            throw;
        }
    }
}
