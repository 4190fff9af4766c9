namespace Cross.Machines.Boot;

/// <summary>Images that cannot be booted as asked (missing file, not fitting in RAM, overlapping); the message says why.</summary>
public sealed class BootException(string message) : Exception(message);
