// The cross CLI is Linux-only (user mode makes host Linux calls); these tests use its option parsing.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
