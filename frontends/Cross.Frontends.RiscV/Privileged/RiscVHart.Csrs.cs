using Cross.Core.Engine;
using Cross.Core.Ir;
using Cross.Frontends.RiscV.Csr;
using static Cross.Frontends.RiscV.Csr.CsrFile;

namespace Cross.Frontends.RiscV.Privileged;

// The CSRs: storage, WARL rules, and the run-time access checks of csrrw/csrrs/csrrc.
public sealed partial class RiscVHart
{
    /// <summary>Exceptions medeleg can delegate: all but ecall from M (11) and the reserved codes 10 and 14.</summary>
    public const ulong DelegableExceptions = 0xB3FF;

    /// <summary>menvcfg: STCE (Sstc enable) and FIOM; senvcfg: FIOM.</summary>
    public const ulong MenvcfgStce = 1UL << 63, EnvcfgFiom = 1;

    private const ulong SatpModeBare = 0, SatpModeSv39 = 8, SatpModeSv48 = 9;
    private const ulong SatpAsidPpnMask = (1UL << 60) - 1;

    private ulong _mstatus, _medeleg, _mideleg, _mie;
    private ulong _mtvec, _stvec, _mscratch, _sscratch, _mepc, _sepc, _mcause, _scause, _mtval, _stval;
    private ulong _satp, _menvcfg, _senvcfg, _stimecmp;
    private uint _mcounteren, _scounteren, _mcountinhibit;
    private long _cycleOffset, _instretOffset;
    private ulong _cycleFrozen, _instretFrozen;

    /// <summary>Software-writable mip bits: SSIP, STIP (while Sstc is off) and the software half of SEIP.</summary>
    private ulong _softwareIp;

    /// <summary>Levels of the MSIP, MTIP, MEIP and (external) SEIP pins; written from any thread.</summary>
    private long _pins;

    /// <summary>STIP as the Sstc comparator drives it (time ≥ stimecmp), while menvcfg.STCE is set.</summary>
    private bool _sstcPending;

    public PmpRegisters Pmp { get; } = new();

    /// <summary>Every CSR number a system-mode hart implements besides fflags/frm/fcsr, with its name and whether a write ends the block.</summary>
    public static IReadOnlyList<(int Number, string Name, bool EndsBlockOnWrite)> ImplementedCsrs { get; } = ListCsrs();

    private static List<(int, string, bool)> ListCsrs()
    {
        var list = new List<(int, string, bool)>
        {
            (Cycle, "cycle", false), (Time, "time", false), (Instret, "instret", false),
            (Sstatus, "sstatus", true), (Sie, "sie", true), (Stvec, "stvec", false), (Scounteren, "scounteren", false),
            (Senvcfg, "senvcfg", false), (Sscratch, "sscratch", false), (Sepc, "sepc", false), (Scause, "scause", false),
            (Stval, "stval", false), (Sip, "sip", true), (Stimecmp, "stimecmp", true), (Satp, "satp", true),
            (Mvendorid, "mvendorid", false), (Marchid, "marchid", false), (Mimpid, "mimpid", false),
            (Mhartid, "mhartid", false), (Mconfigptr, "mconfigptr", false),
            (Mstatus, "mstatus", true), (Misa, "misa", false), (Medeleg, "medeleg", false), (Mideleg, "mideleg", true),
            (Mie, "mie", true), (Mtvec, "mtvec", false), (Mcounteren, "mcounteren", false), (Menvcfg, "menvcfg", true),
            (Mcountinhibit, "mcountinhibit", false), (Mscratch, "mscratch", false), (Mepc, "mepc", false),
            (Mcause, "mcause", false), (Mtval, "mtval", false), (Mip, "mip", true),
            (Mcycle, "mcycle", false), (Minstret, "minstret", false),
        };
        for (var n = 3; n <= 31; n++)
        {
            list.Add((Hpmcounter3 + n - 3, $"hpmcounter{n}", false));
            list.Add((Mhpmcounter3 + n - 3, $"mhpmcounter{n}", false));
            list.Add((Mhpmevent3 + n - 3, $"mhpmevent{n}", false));
        }
        for (var n = 0; n <= 14; n += 2) list.Add((Pmpcfg0 + n, $"pmpcfg{n}", false));
        for (var n = 0; n < PmpRegisters.Entries; n++) list.Add((Pmpaddr0 + n, $"pmpaddr{n}", false));
        return list;
    }

    private static readonly HashSet<int> Implemented = [Fflags, Frm, Fcsr, .. ImplementedCsrs.Select(c => c.Number)];

    /// <summary>Whether <paramref name="number"/> names a CSR this hart has (others are illegal instructions).</summary>
    public static bool IsImplemented(int number) => Implemented.Contains(number);

    /// <summary>mstatus as csrr reads it (with UXL, SXL and SD).</summary>
    private ulong StatusValue => _mstatus | MStatus.XlenFields | (MStatus.FsOf(_mstatus) == FloatingPointState.Dirty ? MStatus.Sd : 0);

    public FloatingPointState FloatingPoint => MStatus.FsOf(_mstatus);

    /// <summary>mip as csrr reads it: pins, software bits and the Sstc comparator.</summary>
    public ulong InterruptsPending
    {
        get
        {
            var software = _softwareIp;
            if (SstcEnabled) software = (software & ~InterruptBits.Stip) | (_sstcPending ? InterruptBits.Stip : 0);
            return software | (ulong)Volatile.Read(ref _pins);
        }
    }

    /// <summary>menvcfg.STCE: stimecmp drives STIP.</summary>
    public bool SstcEnabled => (_menvcfg & MenvcfgStce) != 0;

    private void ResetCsrs()
    {
        _mstatus = _medeleg = _mideleg = _mie = 0;
        _mtvec = _stvec = _mscratch = _sscratch = _mepc = _sepc = _mcause = _scause = _mtval = _stval = 0;
        _satp = _menvcfg = _senvcfg = _stimecmp = 0;
        _mcounteren = _scounteren = _mcountinhibit = 0;
        _softwareIp = 0;
        _sstcPending = false;
        var now = Context.InstructionsRetired;
        _cycleOffset = _instretOffset = -now;
        _cycleFrozen = _instretFrozen = 0;
        Pmp.Reset();
        Mmu.SetRoot(0, 0);
    }

    /// <summary>Reads a CSR with no privilege checks (debuggers, tests, loaders).</summary>
    public ulong ReadCsr(int number)
    {
        if (!IsImplemented(number)) throw new ArgumentOutOfRangeException(nameof(number), $"no CSR 0x{number:x3}");
        return Read(number, Context.InstructionsRetired);
    }

    /// <summary>Writes a CSR with no privilege checks, applying its WARL rules; read-only CSRs ignore it.</summary>
    public void WriteCsr(int number, ulong value)
    {
        if (!IsImplemented(number)) throw new ArgumentOutOfRangeException(nameof(number), $"no CSR 0x{number:x3}");
        Write(number, value, Context.InstructionsRetired);
    }

    /// <summary>
    /// One csrrw/csrrs/csrrc from generated code. <paramref name="packed"/> holds the CSR number
    /// (bits 11:0), the <see cref="CsrOperation"/> (13:12), whether to read (14) and write (15), and
    /// the instruction word (63:32) for an illegal-instruction trap. <paramref name="retired"/>
    /// counts instructions before this one. Returns the old value.
    /// </summary>
    internal ulong ExecuteCsr(ulong packed, ulong operand, long retired)
    {
        var number = (int)(packed & 0xFFF);
        var operation = (CsrOperation)((packed >> 12) & 3);
        var reads = (packed >> 14 & 1) != 0;
        var writes = (packed >> 15 & 1) != 0;
        var bits = packed >> 32;
        if (!Permits(number)) throw new GuestTrapException(TrapKind.IllegalInstruction, bits);

        var old = reads ? Read(number, retired) : 0;
        if (writes)
        {
            var current = operation == CsrOperation.ReadWrite ? 0 : reads ? old : Read(number, retired);
            // Only the software-writable SEIP bit takes part in a read-modify-write of mip.
            if (number == Mip) current = (current & ~InterruptBits.Seip) | (_softwareIp & InterruptBits.Seip);
            var value = operation switch
            {
                CsrOperation.ReadWrite => operand,
                CsrOperation.ReadSet => current | operand,
                _ => current & ~operand,
            };
            // The write takes effect once this instruction has retired (which matters to the counters).
            Write(number, value, retired + 1);
        }
        return old;
    }

    /// <summary>The access rules that depend on run-time state (the static ones were checked at translation).</summary>
    private bool Permits(int number)
    {
        if (Privilege == PrivilegeLevel.Machine) return true;
        switch (number)
        {
            case Satp:
                return Privilege != PrivilegeLevel.Supervisor || (_mstatus & MStatus.Tvm) == 0;
            case Stimecmp:
                return (_mcounteren & 2) != 0 && SstcEnabled;
            case >= Cycle and <= Hpmcounter31:
                var bit = 1u << (number - Cycle);
                if ((_mcounteren & bit) == 0) return false;
                return Privilege != PrivilegeLevel.User || (_scounteren & bit) != 0;
            default:
                return true;
        }
    }

    private ulong Read(int number, long now)
    {
        switch (number)
        {
            case Fflags: return Context.State.Read(RiscVState.Fcsr, 4) & 0x1F;
            case Frm: return (Context.State.Read(RiscVState.Fcsr, 4) >> 5) & 7;
            case Fcsr: return Context.State.Read(RiscVState.Fcsr, 4) & 0xFF;
            case Cycle or Mcycle: return CycleCount(now);
            case Instret or Minstret: return InstretCount(now);
            case Time: return TimeSource();
            case >= Hpmcounter3 and <= Hpmcounter31: return 0;
            case Sstatus: return StatusValue & MStatus.SupervisorView;
            case Sie: return _mie & _mideleg;
            case Stvec: return _stvec;
            case Scounteren: return _scounteren;
            case Senvcfg: return _senvcfg;
            case Sscratch: return _sscratch;
            case Sepc: return _sepc;
            case Scause: return _scause;
            case Stval: return _stval;
            case Sip: return InterruptsPending & _mideleg;
            case Stimecmp: return _stimecmp;
            case Satp: return _satp;
            case Mvendorid or Marchid or Mimpid or Mconfigptr: return 0;
            case Mhartid: return HartId;
            case Mstatus: return StatusValue;
            case Misa: return MisaValue;
            case Medeleg: return _medeleg;
            case Mideleg: return _mideleg;
            case Mie: return _mie;
            case Mtvec: return _mtvec;
            case Mcounteren: return _mcounteren;
            case Menvcfg: return _menvcfg;
            case Mcountinhibit: return _mcountinhibit;
            case >= Mhpmevent3 and <= Mhpmevent31: return 0;
            case Mscratch: return _mscratch;
            case Mepc: return _mepc;
            case Mcause: return _mcause;
            case Mtval: return _mtval;
            case Mip: return InterruptsPending;
            case >= Pmpcfg0 and <= Pmpcfg14: return Pmp.ReadConfig(number - Pmpcfg0);
            case >= Pmpaddr0 and <= Pmpaddr63: return Pmp.ReadAddress(number - Pmpaddr0);
            case >= Mhpmcounter3 and <= Mhpmcounter31: return 0;
            default: throw new ArgumentOutOfRangeException(nameof(number), $"no CSR 0x{number:x3}");
        }
    }

    /// <summary>Writes a CSR; <paramref name="countAfter"/> is the instruction count once the write has taken effect.</summary>
    private void Write(int number, ulong value, long countAfter)
    {
        switch (number)
        {
            case Fflags or Frm or Fcsr:
                WriteFloatingPointCsr(number, value);
                return;
            case Sstatus:
                WriteMstatus((_mstatus & ~MStatus.SupervisorWritable) | (value & MStatus.SupervisorWritable));
                break;
            case Sie:
                _mie = (_mie & ~_mideleg) | (value & _mideleg);
                break;
            case Stvec:
                _stvec = LegalTvec(value, _stvec);
                return;
            case Scounteren:
                _scounteren = (uint)value;
                return;
            case Senvcfg:
                _senvcfg = value & EnvcfgFiom;
                return;
            case Sscratch:
                _sscratch = value;
                return;
            case Sepc:
                _sepc = value & ~1UL;
                return;
            case Scause:
                _scause = value;
                return;
            case Stval:
                _stval = value;
                return;
            case Sip:
                // Only SSIP is writable through sip, and only while delegated.
                var ssip = _mideleg & InterruptBits.Ssip;
                _softwareIp = (_softwareIp & ~ssip) | (value & ssip);
                break;
            case Stimecmp:
                _stimecmp = value;
                UpdateSupervisorTimer();
                break;
            case Satp:
                WriteSatp(value);
                return;
            case Mstatus:
                WriteMstatus(value);
                break;
            case Medeleg:
                _medeleg = value & DelegableExceptions;
                return;
            case Mideleg:
                _mideleg = value & InterruptBits.Supervisor;
                break;
            case Mie:
                _mie = value & InterruptBits.All;
                break;
            case Mtvec:
                _mtvec = LegalTvec(value, _mtvec);
                return;
            case Mcounteren:
                _mcounteren = (uint)value;
                return;
            case Menvcfg:
                _menvcfg = value & (MenvcfgStce | EnvcfgFiom);
                UpdateSupervisorTimer();
                break;
            case Mcountinhibit:
                WriteCountInhibit((uint)value & ~2u, countAfter);
                return;
            case Mscratch:
                _mscratch = value;
                return;
            case Mepc:
                _mepc = value & ~1UL;
                return;
            case Mcause:
                _mcause = value;
                return;
            case Mtval:
                _mtval = value;
                return;
            case Mip:
                var writable = InterruptBits.Ssip | InterruptBits.Seip | (SstcEnabled ? 0 : InterruptBits.Stip);
                _softwareIp = (_softwareIp & ~writable) | (value & writable);
                break;
            case Mcycle:
                if ((_mcountinhibit & 1) != 0) _cycleFrozen = value;
                else _cycleOffset = (long)value - countAfter;
                return;
            case Minstret:
                if ((_mcountinhibit & 4) != 0) _instretFrozen = value;
                else _instretOffset = (long)value - countAfter;
                return;
            case >= Pmpcfg0 and <= Pmpcfg14:
                Pmp.WriteConfig(number - Pmpcfg0, value);
                return;
            case >= Pmpaddr0 and <= Pmpaddr63:
                Pmp.WriteAddress(number - Pmpaddr0, value);
                return;
            default:
                // misa (WARL, one legal value), the read-only IDs and counters, mhpm* (read-only zero).
                return;
        }
        InterruptStateChanged();
    }

    /// <summary>MPP keeps its old value when written with the reserved mode 2.</summary>
    private void WriteMstatus(ulong value)
    {
        if (MStatus.MppOf(value) == (PrivilegeLevel)2) value = (value & ~MStatus.Mpp) | (_mstatus & MStatus.Mpp);
        _mstatus = (_mstatus & ~MStatus.Writable) | (value & MStatus.Writable);
    }

    /// <summary>MODE 0 (direct) and 1 (vectored); a write selecting the reserved modes 2 and 3 is ignored, as in QEMU.</summary>
    private static ulong LegalTvec(ulong value, ulong old) => (value & 3) < 2 ? value : old;

    /// <summary>Bare, Sv39 and (when enabled) Sv48; a write selecting any other mode is ignored entirely.</summary>
    private void WriteSatp(ulong value)
    {
        var mode = value >> 60;
        if (mode != SatpModeBare && mode != SatpModeSv39 && !(mode == SatpModeSv48 && Options.Sv48)) return;
        _satp = value;
        var levels = mode switch { SatpModeSv39 => 3, SatpModeSv48 => 4, _ => 0 };
        Mmu.SetRoot(levels, (value & ((1UL << 44) - 1)) << 12);
    }

    private void WriteFloatingPointCsr(int number, ulong value)
    {
        var fcsr = (uint)Context.State.Read(RiscVState.Fcsr, 4);
        fcsr = number switch
        {
            Fflags => (fcsr & ~0x1Fu) | ((uint)value & 0x1F),
            Frm => (fcsr & ~0xE0u) | (((uint)value & 7) << 5),
            _ => (uint)value & 0xFF,
        };
        Context.State.Write(RiscVState.Fcsr, 4, fcsr);
        MarkFloatingPointDirty();
    }

    /// <summary>mstatus.FS = Dirty: an FP register or fcsr was written.</summary>
    internal void MarkFloatingPointDirty() => _mstatus |= MStatus.Fs;

    private ulong CycleCount(long now) => (_mcountinhibit & 1) != 0 ? _cycleFrozen : (ulong)(now + _cycleOffset);

    private ulong InstretCount(long now) => (_mcountinhibit & 4) != 0 ? _instretFrozen : (ulong)(now + _instretOffset);

    private void WriteCountInhibit(uint value, long countAfter)
    {
        var changed = _mcountinhibit ^ value;
        if ((changed & 1) != 0)
        {
            if ((value & 1) != 0) _cycleFrozen = CycleCount(countAfter);
            else _cycleOffset = (long)_cycleFrozen - countAfter;
        }
        if ((changed & 4) != 0)
        {
            if ((value & 4) != 0) _instretFrozen = InstretCount(countAfter);
            else _instretOffset = (long)_instretFrozen - countAfter;
        }
        _mcountinhibit = value;
    }
}
