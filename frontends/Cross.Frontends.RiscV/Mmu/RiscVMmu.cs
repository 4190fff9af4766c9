using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.Frontends.RiscV.Privileged;

namespace Cross.Frontends.RiscV.Mmu;

/// <summary>
/// A hart's virtual memory: an <see cref="IGuestMemory"/> over the physical bus that translates
/// every access with the hart's current effective privilege (mstatus.MPRV/MPP for loads and
/// stores, the current mode for fetches), through a soft TLB and Sv39/Sv48 page-table walks that
/// set A/D bits in hardware. Engines and backends run on it unchanged.
/// <para>
/// Faults come out as <see cref="GuestMemoryFaultException"/> with the virtual address:
/// <see cref="MemoryFaultReason.Permission"/> for page faults, <see cref="MemoryFaultReason.Unmapped"/>
/// for access faults (nothing on the bus, at the data or at a page-table entry), and
/// <see cref="MemoryFaultReason.Misaligned"/> when the policy says so; see
/// <see cref="RiscVHart.TrapFor(GuestMemoryFaultException)"/>.
/// </para>
/// <para>
/// Code tracking: translated code is tracked on the physical bus by frame, and a write to a
/// tracked frame is reported through <see cref="CodeModified"/> as the virtual pages that code
/// was translated at, which is what the engine's block cache is indexed by.
/// </para>
/// </summary>
public sealed class RiscVMmu : IGuestMemory
{
    private const int PageShift = 12;
    private const ulong PageSize = 1UL << PageShift, OffsetMask = PageSize - 1;

    private readonly RiscVHart _hart;
    private readonly IGuestMemory _physical;
    private readonly MisalignedAccessPolicy _misaligned;
    private readonly Dictionary<ulong, HashSet<ulong>> _codePagesByFrame = new();
    private readonly object _codeLock = new();

    /// <summary>0 for Bare, 3 for Sv39, 4 for Sv48.</summary>
    private int _levels;

    /// <summary>Physical address of the root page table.</summary>
    private ulong _root;

    public RiscVMmu(RiscVHart hart, IGuestMemory physical, MisalignedAccessPolicy misaligned)
    {
        _hart = hart;
        _physical = physical;
        _misaligned = misaligned;
        physical.CodeModified += OnPhysicalCodeModified;
    }

    /// <summary>The physical address space underneath.</summary>
    public IGuestMemory Physical => _physical;

    public Tlb Tlb { get; } = new();

    /// <summary>Page-table levels of the current satp mode: 0 (Bare), 3 (Sv39) or 4 (Sv48).</summary>
    public int Levels => _levels;

    public event Action<ulong, ulong>? CodeModified;

    /// <summary>Installs a new translation root (satp write); flushes the TLB.</summary>
    internal void SetRoot(int levels, ulong root)
    {
        _levels = levels;
        _root = root;
        Tlb.FlushAll();
    }

    public void FlushAll() => Tlb.FlushAll();

    /// <summary>Drops the translations of the page holding <paramref name="address"/> (all pieces of a superpage).</summary>
    public void Flush(ulong address) => Tlb.Flush(address);

    /// <summary>The privilege loads and stores are checked and translated with: mstatus.MPP while MPRV is set in M-mode.</summary>
    public PrivilegeLevel DataPrivilege
    {
        get
        {
            var privilege = _hart.Privilege;
            if (privilege != PrivilegeLevel.Machine) return privilege;
            var status = _hart.StatusBits;
            return (status & MStatus.Mprv) != 0 ? MStatus.MppOf(status) : privilege;
        }
    }

    /// <summary>Translates with the hart's current effective privilege for <paramref name="access"/>.</summary>
    public ulong Translate(ulong address, MemoryAccessType access) =>
        Translate(address, access, access == MemoryAccessType.Execute ? _hart.Privilege : DataPrivilege);

    /// <summary>
    /// The physical address of <paramref name="address"/> for an access of type
    /// <paramref name="access"/> at <paramref name="privilege"/>. Walks the page tables, updating
    /// A/D bits, unless the TLB holds an entry that allows the access (with D set, for a write).
    /// Like QEMU, an entry that does not allow it is a miss rather than a fault, so a PTE whose
    /// permissions were raised without an SFENCE.VMA takes effect without a spurious page fault.
    /// </summary>
    public ulong Translate(ulong address, MemoryAccessType access, PrivilegeLevel privilege)
    {
        if (privilege == PrivilegeLevel.Machine || _levels == 0) return address;
        if (Tlb.TryGet(address >> PageShift, out var entry) && Permits(entry.Flags, access, privilege)
            && (access != MemoryAccessType.Write || (entry.Flags & Pte.Dirty) != 0))
            return entry.Frame | (address & OffsetMask);
        return Walk(address, access, privilege);
    }

    /// <summary>The leaf permission check: U pages for U-mode only (and for S-mode data with SUM), R (or X with MXR), W, X.</summary>
    private bool Permits(ulong pte, MemoryAccessType access, PrivilegeLevel privilege)
    {
        var status = _hart.StatusBits;
        if ((pte & Pte.User) != 0)
        {
            if (privilege == PrivilegeLevel.Supervisor && (access == MemoryAccessType.Execute || (status & MStatus.Sum) == 0)) return false;
        }
        else if (privilege == PrivilegeLevel.User)
        {
            return false;
        }
        return access switch
        {
            MemoryAccessType.Read => (pte & Pte.Read) != 0 || ((status & MStatus.Mxr) != 0 && (pte & Pte.Execute) != 0),
            MemoryAccessType.Write => (pte & Pte.Write) != 0,
            _ => (pte & Pte.Execute) != 0,
        };
    }

    /// <summary>The Sv39/Sv48 walk of priv spec 4.3.2, with hardware A/D updates by compare-and-swap.</summary>
    private ulong Walk(ulong address, MemoryAccessType access, PrivilegeLevel privilege)
    {
        var levels = _levels;
        var virtualBits = PageShift + 9 * levels;
        // Bits above the top VPN field must all equal its top bit.
        if ((ulong)((long)(address << (64 - virtualBits)) >> (64 - virtualBits)) != address) throw PageFault(address, access);

        while (true)
        {
            var table = _root;
            for (var level = levels - 1; ; level--)
            {
                var entryAddress = table + ((address >> (PageShift + 9 * level)) & 0x1FF) * 8;
                var pte = ReadPageTable(entryAddress, address, access);
                if ((pte & Pte.Valid) == 0 || (pte & (Pte.Read | Pte.Write)) == Pte.Write || (pte & Pte.Reserved) != 0)
                    throw PageFault(address, access);

                if ((pte & (Pte.Read | Pte.Execute)) == 0)
                {
                    // A pointer to the next level; its D, A and U bits are reserved.
                    if (level == 0 || (pte & (Pte.Dirty | Pte.Accessed | Pte.User)) != 0) throw PageFault(address, access);
                    table = Pte.Ppn(pte) << PageShift;
                    continue;
                }

                if (!Permits(pte, access, privilege)) throw PageFault(address, access);
                var ppn = Pte.Ppn(pte);
                var leafPageMask = (1UL << (9 * level)) - 1;
                if ((ppn & leafPageMask) != 0) throw PageFault(address, access); // misaligned superpage

                var needed = Pte.Accessed | (access == MemoryAccessType.Write ? Pte.Dirty : 0);
                if ((pte & needed) != needed)
                {
                    var updated = pte | needed;
                    if (CompareExchangePageTable(entryAddress, pte, updated, address, access) != pte) break; // changed under us: walk again
                    pte = updated;
                }

                var page = address >> PageShift;
                var frame = (ppn | (page & leafPageMask)) << PageShift;
                Tlb.Fill(page, frame, leafPageMask, (byte)pte);
                return frame | (address & OffsetMask);
            }
        }
    }

    private ulong ReadPageTable(ulong entryAddress, ulong address, MemoryAccessType access)
    {
        try
        {
            return _physical.Read(entryAddress, 8);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, access);
        }
    }

    private ulong CompareExchangePageTable(ulong entryAddress, ulong expected, ulong desired, ulong address, MemoryAccessType access)
    {
        try
        {
            return _physical.CompareExchange(entryAddress, 8, expected, desired);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, access);
        }
    }

    private static GuestMemoryFaultException PageFault(ulong address, MemoryAccessType access) =>
        new(address, access, MemoryFaultReason.Permission);

    private static GuestMemoryFaultException AccessFault(ulong address, MemoryAccessType access) =>
        new(address, access, MemoryFaultReason.Unmapped);

    private static bool CrossesPage(ulong address, int size) => (address & OffsetMask) + (ulong)size > PageSize;

    /// <summary>Whether an access needs the misaligned path; throws under the trap policy.</summary>
    private bool IsMisaligned(ulong address, int size, MemoryAccessType access)
    {
        if ((address & (ulong)(size - 1)) == 0) return false;
        if (_misaligned == MisalignedAccessPolicy.Trap) throw new GuestMemoryFaultException(address, access, MemoryFaultReason.Misaligned);
        return true;
    }

    public ulong Read(ulong address, int size)
    {
        var privilege = DataPrivilege;
        if (IsMisaligned(address, size, MemoryAccessType.Read) && CrossesPage(address, size))
            return ReadAcrossPages(address, size, privilege);
        var physical = Translate(address, MemoryAccessType.Read, privilege);
        try
        {
            return _physical.Read(physical, size);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, MemoryAccessType.Read);
        }
    }

    public void Write(ulong address, int size, ulong value)
    {
        var privilege = DataPrivilege;
        if (IsMisaligned(address, size, MemoryAccessType.Write) && CrossesPage(address, size))
        {
            WriteAcrossPages(address, size, value, privilege);
            return;
        }
        var physical = Translate(address, MemoryAccessType.Write, privilege);
        try
        {
            _physical.Write(physical, size, value);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, MemoryAccessType.Write);
        }
    }

    /// <summary>Both pages are translated (and checked) before any byte moves; a fault names the first byte of the page that failed.</summary>
    private (ulong First, ulong Second) TranslateBoth(ulong address, MemoryAccessType access, PrivilegeLevel privilege)
    {
        var first = Translate(address, access, privilege);
        var second = Translate((address | OffsetMask) + 1, access, privilege);
        return (first, second);
    }

    private ulong PhysicalByte(ulong address, ulong offset, (ulong First, ulong Second) frames)
    {
        var byteAddress = address + offset;
        return (byteAddress >> PageShift) == (address >> PageShift) ? frames.First + offset : frames.Second + (byteAddress & OffsetMask);
    }

    private ulong ReadAcrossPages(ulong address, int size, PrivilegeLevel privilege)
    {
        var frames = TranslateBoth(address, MemoryAccessType.Read, privilege);
        ulong value = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            try
            {
                value = value << 8 | _physical.Read(PhysicalByte(address, (ulong)i, frames), 1);
            }
            catch (GuestMemoryFaultException)
            {
                throw AccessFault(address + (ulong)i, MemoryAccessType.Read);
            }
        }
        return value;
    }

    private void WriteAcrossPages(ulong address, int size, ulong value, PrivilegeLevel privilege)
    {
        var frames = TranslateBoth(address, MemoryAccessType.Write, privilege);
        for (var i = 0; i < size; i++)
        {
            try
            {
                _physical.Write(PhysicalByte(address, (ulong)i, frames), 1, value >> (8 * i) & 0xFF);
            }
            catch (GuestMemoryFaultException)
            {
                throw AccessFault(address + (ulong)i, MemoryAccessType.Write);
            }
        }
    }

    public UInt128 Read128(ulong address) => new(Read(address + 8, 8), Read(address, 8));

    public void Write128(ulong address, UInt128 value)
    {
        var privilege = DataPrivilege;
        Translate(address, MemoryAccessType.Write, privilege);
        Translate(address + 15, MemoryAccessType.Write, privilege);
        Write(address, 8, (ulong)value);
        Write(address + 8, 8, (ulong)(value >> 64));
    }

    /// <summary>AMOs and SC need write permission (and set D); they must be aligned.</summary>
    private ulong TranslateAtomic(ulong address, int size)
    {
        if ((address & (ulong)(size - 1)) != 0) throw new GuestMemoryFaultException(address, MemoryAccessType.Write, MemoryFaultReason.Misaligned);
        return Translate(address, MemoryAccessType.Write, DataPrivilege);
    }

    public ulong AtomicRmw(AtomicOp op, ulong address, int size, ulong operand)
    {
        var physical = TranslateAtomic(address, size);
        try
        {
            return _physical.AtomicRmw(op, physical, size, operand);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, MemoryAccessType.Write);
        }
    }

    public ulong CompareExchange(ulong address, int size, ulong expected, ulong desired)
    {
        var physical = TranslateAtomic(address, size);
        try
        {
            return _physical.CompareExchange(physical, size, expected, desired);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, MemoryAccessType.Write);
        }
    }

    /// <summary>Instruction parcels, translated with the hart's privilege (MPRV does not apply to fetches).</summary>
    public ulong Fetch(ulong address, int size)
    {
        if (CrossesPage(address, size) && size > 2)
            return Fetch(address, 2) | Fetch(address + 2, size - 2) << 16;
        var physical = Translate(address, MemoryAccessType.Execute, _hart.Privilege);
        try
        {
            return _physical.Fetch(physical, size);
        }
        catch (GuestMemoryFaultException)
        {
            throw AccessFault(address, MemoryAccessType.Execute);
        }
    }

    /// <summary>Tracks the frames under [start, end) on the bus and remembers which virtual pages they were translated at.</summary>
    public void TrackCode(ulong start, ulong end)
    {
        if (end <= start) return;
        var privilege = _hart.Privilege;
        for (var page = start >> PageShift; page <= (end - 1) >> PageShift; page++)
        {
            var pageStart = page << PageShift;
            ulong frame;
            try
            {
                frame = Translate(pageStart, MemoryAccessType.Execute, privilege) & ~OffsetMask;
            }
            catch (GuestMemoryFaultException)
            {
                continue;
            }
            lock (_codeLock)
            {
                if (!_codePagesByFrame.TryGetValue(frame >> PageShift, out var pages)) _codePagesByFrame[frame >> PageShift] = pages = new();
                pages.Add(page);
            }
            var from = Math.Max(start, pageStart) - pageStart;
            var to = Math.Min(end - 1, pageStart + OffsetMask) - pageStart + 1;
            _physical.TrackCode(frame + from, frame + to);
        }
    }

    private void OnPhysicalCodeModified(ulong start, ulong end)
    {
        if (end <= start) return;
        List<ulong>? pages = null;
        lock (_codeLock)
        {
            for (var frame = start >> PageShift; frame <= (end - 1) >> PageShift; frame++)
                if (_codePagesByFrame.Remove(frame, out var set)) (pages ??= new()).AddRange(set);
        }
        if (pages is null) return;
        foreach (var page in pages) CodeModified?.Invoke(page << PageShift, (page + 1) << PageShift);
    }
}
