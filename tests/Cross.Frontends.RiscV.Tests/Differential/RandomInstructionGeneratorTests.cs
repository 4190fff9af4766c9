using Cross.Frontends.RiscV.Decoding;
using Cross.Testing;

namespace Cross.Frontends.RiscV.Tests.Differential;

public class RandomInstructionGeneratorTests
{
    [Fact]
    public void DrawsFromEveryExtension()
    {
        var generator = new RandomInstructionGenerator(new Random(1));
        var seen = generator.Sequence(20_000).Select(i => i.Encoding.Extension).ToHashSet();
        // Every extension of the user-level tables (the privileged instructions are system-mode only).
        Assert.Equal(RiscVEncodings.All.Select(e => e.Extension).ToHashSet(), seen);
    }

    [Fact]
    public void GeneratedInstructionsDecodeToTheirEncodingAndNeverWriteTheBaseRegister()
    {
        var generator = new RandomInstructionGenerator(new Random(2));
        foreach (var instruction in generator.Sequence(20_000))
        {
            Assert.True(RiscVDecoder.Rv64gc.TryDecode(instruction.Bits, out var decoded), instruction.Describe());
            Assert.Same(instruction.Encoding, decoded.Encoding);
            var rd = OperandLayout.Registers(instruction.Bits, instruction.Encoding.Format).Rd;
            if (!instruction.Encoding.HasFlag(EncodingFlags.RdIsFp)) Assert.NotEqual(RandomInstructionGenerator.BaseRegister, rd);
        }
    }

    [Fact]
    public void QemuRunsEveryGeneratedCaseToCompletion()
    {
        var missing = HostTools.Missing(HostTools.RiscV64Gcc, HostTools.QemuRiscV64);
        Assert.True(missing is null, missing);
        var random = new Random(3);
        var generator = new RandomInstructionGenerator(random);
        var program = new DifferentialProgram();
        for (var i = 0; i < 300; i++) program.Cases.Add(DifferentialProgram.RandomCase(random, generator, 24));
        var binary = GuestCompiler.Compile(HostTools.RiscV64Gcc, program.Assembly(), ".S", "-nostdlib", "-static", "-march=rv64gc");
        var result = ProcessRunner.Run(HostTools.QemuRiscV64, [binary], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Equal(300 * DifferentialProgram.OutputSize, result.StandardOutput.Length);
    }
}
