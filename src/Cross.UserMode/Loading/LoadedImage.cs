namespace Cross.UserMode.Loading;

/// <summary>Where an ELF image landed in guest memory: what the initial stack's auxv and brk need.</summary>
public sealed record LoadedImage
{
    /// <summary>The entry point, load bias included.</summary>
    public required ulong Entry { get; init; }

    /// <summary>Added to every p_vaddr (0 for ET_EXEC).</summary>
    public required ulong LoadBias { get; init; }

    /// <summary>AT_PHDR: where the program headers are in guest memory (0 when not mapped).</summary>
    public required ulong ProgramHeaderAddress { get; init; }

    public required int ProgramHeaderEntrySize { get; init; }

    public required int ProgramHeaderCount { get; init; }

    /// <summary>Lowest mapped address (page-aligned).</summary>
    public required ulong LowAddress { get; init; }

    /// <summary>End of the highest segment's memory image (p_vaddr + p_memsz), not page-aligned.</summary>
    public required ulong HighAddress { get; init; }

    /// <summary>PT_INTERP, when the image asks for a dynamic loader.</summary>
    public string? Interpreter { get; init; }
}
