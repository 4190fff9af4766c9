namespace Cross.Benchmarks;

/// <summary>
/// One benchmark program (Workloads/NAME.c): it takes a scale factor as argv[1] and prints a
/// checksum, which must be the same under every runner. <see cref="Scale"/> is the factor of a
/// full run, chosen so qemu-riscv64 needs about a second.
/// </summary>
public sealed record Workload(string Name, int Scale, string What)
{
    public static IReadOnlyList<Workload> All { get; } =
    [
        new("hash", 400, "integer: FNV and CRC32 over a buffer"),
        new("sort", 60, "integer: quicksort and merge sort"),
        new("bytecode", 20, "integer: switch-dispatched bytecode loop"),
        new("memcopy", 80, "memory: memcpy/memset/memmove and strided copies"),
        new("pointer_chase", 100, "memory: linked-list walk over a random permutation"),
        new("nbody", 20, "floating point: n-body simulation"),
        new("matmul", 100, "floating point: blocked double matrix multiply"),
        new("branchy", 50, "integer: data-dependent branches (sieve, collatz)"),
    ];

    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "Workloads");

    public string SourcePath => Path.Combine(SourceDirectory, Name + ".c");
}
