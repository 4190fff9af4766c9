namespace Cross.UserMode.Processes;

/// <summary>
/// What clone's arguments ask of a forked child's first moments: its stack pointer (0 keeps the
/// parent's), thread pointer (CLONE_SETTLS), where it writes its own pid (CLONE_CHILD_SETTID) and
/// which word it clears at exit (CLONE_CHILD_CLEARTID); 0 means not asked. <see cref="VforkHostFd"/>
/// is the write end of a pipe the parent reads until the child has exec'd or exited (vfork), or -1.
/// </summary>
internal readonly record struct ForkChildSetup(ulong StackPointer, ulong? ThreadPointer, ulong SetTidAddress, ulong ClearTidAddress, int VforkHostFd);
