namespace Cross.Frontends.RiscV.Csr;

/// <summary>
/// The CSRs a hart implements, by number. Accesses to numbers not listed are illegal
/// instructions. Immutable: <see cref="With"/> returns a new file, so system mode can add its
/// CSRs to <see cref="UserMode"/>.
/// </summary>
public sealed class CsrFile
{
    private readonly Dictionary<int, ICsr> _csrs;

    public const int Fflags = 0x001, Frm = 0x002, Fcsr = 0x003;
    public const int Cycle = 0xC00, Time = 0xC01, Instret = 0xC02;

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

    public CsrFile(IReadOnlyDictionary<int, ICsr> csrs) => _csrs = new Dictionary<int, ICsr>(csrs);

    public IReadOnlyDictionary<int, ICsr> All => _csrs;

    public ICsr? Find(int number) => _csrs.GetValueOrDefault(number);

    public CsrFile With(int number, ICsr csr) => new(new Dictionary<int, ICsr>(_csrs) { [number] = csr });
}
