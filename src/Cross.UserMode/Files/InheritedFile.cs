namespace Cross.UserMode.Files;

/// <summary>
/// One guest descriptor handed to a new host process (fork, execve): the new process inherits
/// <see cref="HostFd"/> at the same number and gives it the same guest number, so both share the
/// open file description (offset, flags) as after a real fork. Borrowed descriptors (the host's
/// own standard streams) stay borrowed.
/// </summary>
public readonly record struct InheritedFile(int GuestFd, int HostFd, bool CloseOnExec, bool Owned);
