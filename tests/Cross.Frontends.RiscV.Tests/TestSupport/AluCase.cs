namespace Cross.Frontends.RiscV.Tests.TestSupport;

/// <summary>
/// One integer operation case: <c>op x3, x1, x2</c> (or <c>op x3, x1, imm</c> when
/// <see cref="Immediate"/> is set, or <c>op x3, x1</c> for unary operations).
/// </summary>
public sealed record AluCase(string Mnemonic, ulong A, ulong B, ulong Expected, bool Immediate = false, bool Unary = false)
{
    public static AluCase Rr(string mnemonic, long a, long b, long expected) => new(mnemonic, (ulong)a, (ulong)b, (ulong)expected);

    public static AluCase Rr(string mnemonic, ulong a, ulong b, ulong expected) => new(mnemonic, a, b, expected);

    public static AluCase Ri(string mnemonic, long a, long imm, long expected) => new(mnemonic, (ulong)a, (ulong)imm, (ulong)expected, Immediate: true);

    public static AluCase Ri(string mnemonic, ulong a, long imm, ulong expected) => new(mnemonic, a, (ulong)imm, expected, Immediate: true);

    public static AluCase Un(string mnemonic, ulong a, ulong expected) => new(mnemonic, a, 0, expected, Unary: true);

    public uint Encode() =>
        Unary ? Asm.Op(Mnemonic, rd: 3, rs1: 1)
        : Immediate ? Asm.Op(Mnemonic, rd: 3, rs1: 1, imm: (long)B)
        : Asm.Op(Mnemonic, rd: 3, rs1: 1, rs2: 2);

    /// <summary>Runs the case on <paramref name="backend"/> and returns x3.</summary>
    public ulong Run(string backend)
    {
        var machine = new RiscVMachine(backend).SetX(1, A).SetX(2, B).Load(Encode()).RunToBreak();
        return machine.X(3);
    }

    public override string ToString() =>
        Unary ? $"{Mnemonic}(0x{A:x})" : $"{Mnemonic}(0x{A:x}, {(Immediate ? ((long)B).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"0x{B:x}")})";

    /// <summary>Every case crossed with every backend, for MemberData.</summary>
    public static TheoryData<string, AluCase> OnAllBackends(IEnumerable<AluCase> cases)
    {
        var data = new TheoryData<string, AluCase>();
        foreach (var backend in TestBackends.All)
            foreach (var item in cases)
                data.Add(backend, item);
        return data;
    }
}
