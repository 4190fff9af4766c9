using Cross.Testing;

namespace Cross.Machines.Tests.Support;

/// <summary>
/// Tiny bare-metal RISC-V programs written in assembly for a test, built with the Debian cross
/// compiler (cached by source) and linked at the start of virt's RAM.
/// </summary>
public static class BareMetal
{
    public const ulong RamBase = 0x8000_0000;

    /// <summary>Assembles <paramref name="body"/> after a <c>_start</c> label at 0x80000000; returns the ELF's path.</summary>
    public static string Elf(string body, ulong textAddress = RamBase)
    {
        var missing = HostTools.Missing(HostTools.RiscV64Gcc);
        if (missing is not null) throw new InvalidOperationException(missing);
        var source = $"""
                .option norvc
                .section .text
                .globl _start
            _start:
            {body}
            """;
        return GuestCompiler.Compile(HostTools.RiscV64Gcc, source + "\n", ".S",
            "-nostdlib", "-nostartfiles", "-static", "-fno-pie", "-no-pie", "-march=rv64gc", "-mabi=lp64d", "-Wl,-N",
            $"-Wl,-Ttext=0x{textAddress:x}", "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments");
    }

    /// <summary>The same program as a flat binary (objcopy -O binary), for raw-image tests.</summary>
    public static byte[] Flat(string body)
    {
        var elf = Cross.Elf.ElfFile.Load(Elf(body));
        var segment = elf.LoadSegments.Single(s => s.FileSize > 0);
        return segment.Data.Span[..(int)segment.FileSize].ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a fresh temporary file and returns its path.</summary>
    public static string TempFile(byte[] bytes, string extension = ".bin")
    {
        var path = Path.Combine(Path.GetTempPath(), $"cross-boot-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
