namespace Cross.Elf.Tests.Support;

/// <summary>One note from readelf -n; Container is the section name readelf listed it under.</summary>
public sealed record ReadElfNote(string Container, string Owner, ulong DataSize, string Description, string? BuildId);
