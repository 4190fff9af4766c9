// User mode is Linux-only: guest system calls become host Linux calls.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
