using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Csr;

/// <summary>
/// The CSRs a hart implements, by number. Accesses to numbers not listed are illegal
/// instructions. Immutable: <see cref="With"/> returns a new file, so system mode can add its
/// CSRs to <see cref="UserMode"/>.
/// </summary>
public sealed class CsrFile
{
    private readonly Dictionary<int, ICsr> _csrs;

    // Unprivileged.
    public const int Fflags = 0x001, Frm = 0x002, Fcsr = 0x003;
    public const int Cycle = 0xC00, Time = 0xC01, Instret = 0xC02, Hpmcounter3 = 0xC03, Hpmcounter31 = 0xC1F;

    // Supervisor.
    public const int Sstatus = 0x100, Sie = 0x104, Stvec = 0x105, Scounteren = 0x106, Senvcfg = 0x10A;
    public const int Sscratch = 0x140, Sepc = 0x141, Scause = 0x142, Stval = 0x143, Sip = 0x144, Stimecmp = 0x14D;
    public const int Satp = 0x180;

    // Machine.
    public const int Mvendorid = 0xF11, Marchid = 0xF12, Mimpid = 0xF13, Mhartid = 0xF14, Mconfigptr = 0xF15;
    public const int Mstatus = 0x300, Misa = 0x301, Medeleg = 0x302, Mideleg = 0x303, Mie = 0x304, Mtvec = 0x305;
    public const int Mcounteren = 0x306, Menvcfg = 0x30A, Mcountinhibit = 0x320, Mhpmevent3 = 0x323, Mhpmevent31 = 0x33F;
    public const int Mscratch = 0x340, Mepc = 0x341, Mcause = 0x342, Mtval = 0x343, Mip = 0x344;
    /// <summary>pmpcfg0, 2, …, 14: RV64 has only the even-numbered ones, eight entries each.</summary>
    public const int Pmpcfg0 = 0x3A0, Pmpcfg14 = 0x3AE, Pmpaddr0 = 0x3B0, Pmpaddr63 = 0x3EF;
    public const int Mcycle = 0xB00, Minstret = 0xB02, Mhpmcounter3 = 0xB03, Mhpmcounter31 = 0xB1F;

    /// <summary>fflags, frm, fcsr, cycle, time and instret.</summary>
    public static CsrFile UserMode { get; } = new(new Dictionary<int, ICsr>
    {
        [Fflags] = FloatingPointCsr.Fflags,
        [Frm] = FloatingPointCsr.Frm,
        [Fcsr] = FloatingPointCsr.Fcsr,
        [Cycle] = CounterCsr.Cycle,
        [Time] = CounterCsr.Time,
        [Instret] = CounterCsr.Instret,
    });

    /// <summary>
    /// Everything a system-mode hart implements: the FP CSRs inline, and every other CSR through
    /// the <see cref="RiscVHart"/> (see <see cref="SystemCsr"/>).
    /// </summary>
    public static CsrFile SystemMode { get; } = BuildSystemMode();

    public CsrFile(IReadOnlyDictionary<int, ICsr> csrs) => _csrs = new Dictionary<int, ICsr>(csrs);

    public IReadOnlyDictionary<int, ICsr> All => _csrs;

    public ICsr? Find(int number) => _csrs.GetValueOrDefault(number);

    public CsrFile With(int number, ICsr csr) => new(new Dictionary<int, ICsr>(_csrs) { [number] = csr });

    private static CsrFile BuildSystemMode()
    {
        var csrs = new Dictionary<int, ICsr>
        {
            [Fflags] = FloatingPointCsr.Fflags,
            [Frm] = FloatingPointCsr.Frm,
            [Fcsr] = FloatingPointCsr.Fcsr,
        };
        foreach (var (number, name, endsBlock) in RiscVHart.ImplementedCsrs)
            if (!csrs.ContainsKey(number)) csrs[number] = new SystemCsr(number, name, endsBlock);
        return new CsrFile(csrs);
    }
}
