namespace Cross.Benchmarks;

/// <summary>
/// One benchmark program (Workloads/NAME.c): it takes a scale factor as argv[1] and prints a
/// checksum, which must be the same under every runner. <see cref="Scale"/> is the factor of a
/// full run, chosen so qemu-riscv64 needs one to three seconds on the development machines: long enough
/// that the fixed start-up of each runner (about 0.25 s for Cross's .NET runtime and LLVM) does not decide the table.
/// </summary>
public sealed record Workload(string Name, int Scale, string What)
{
    public static IReadOnlyList<Workload> All { get; } =
    [
        new("hash", 6000, "integer: FNV and CRC32 over a buffer"),
        new("sort", 240, "integer: quicksort and merge sort"),
        new("bytecode", 50, "integer: switch-dispatched bytecode loop"),
        new("memcopy", 800, "memory: memcpy/memset/memmove and strided copies"),
        new("pointer_chase", 100, "memory: linked-list walk over a random permutation"),
        new("nbody", 40, "floating point: n-body simulation"),
        new("matmul", 200, "floating point: blocked double matrix multiply"),
        new("branchy", 150, "integer: data-dependent branches (sieve, collatz)"),
    ];

    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "Workloads");

    public string SourcePath => Path.Combine(SourceDirectory, Name + ".c");
}
