namespace Cross.UserMode.Syscalls;

/// <summary>
/// All the shared Linux system call handlers, by name. Architectures with the generic numbering
/// (riscv64, aarch64) bind them through <see cref="GenericSyscallNumbers"/>; x86-64 will bind the
/// same handlers through its own numbering.
/// </summary>
public static class GenericSyscalls
{
    public static void Register(SyscallTableBuilder table)
    {
        FileSyscalls.Register(table);
        MemorySyscalls.Register(table);
        ProcessSyscalls.Register(table);
        ThreadSyscalls.Register(table);
        ProcessCreationSyscalls.Register(table);
        FutexSyscalls.Register(table);
        TimeSyscalls.Register(table);
        SignalSyscalls.Register(table);
        MiscSyscalls.Register(table);
    }
}
