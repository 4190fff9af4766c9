namespace Cross.Frontends.RiscV.Privileged;

/// <summary>Fields of mstatus (RV64) and the views sstatus shows of it.</summary>
public static class MStatus
{
    public const ulong Sie = 1UL << 1, Mie = 1UL << 3, Spie = 1UL << 5, Ube = 1UL << 6, Mpie = 1UL << 7, Spp = 1UL << 8;
    public const int MppShift = 11, FsShift = 13;
    public const ulong Mpp = 3UL << MppShift, Fs = 3UL << FsShift, Vs = 3UL << 9, Xs = 3UL << 15;
    public const ulong Mprv = 1UL << 17, Sum = 1UL << 18, Mxr = 1UL << 19, Tvm = 1UL << 20, Tw = 1UL << 21, Tsr = 1UL << 22;
    public const ulong Uxl = 3UL << 32, Sxl = 3UL << 34, Sd = 1UL << 63;

    /// <summary>UXL = SXL = 2: U and S run with XLEN 64 (read-only).</summary>
    public const ulong XlenFields = 2UL << 32 | 2UL << 34;

    /// <summary>What an mstatus write can change (MPP is further limited to legal modes).</summary>
    public const ulong Writable = Sie | Mie | Spie | Mpie | Spp | Mpp | Fs | Mprv | Sum | Mxr | Tvm | Tw | Tsr;

    /// <summary>What sstatus shows of mstatus.</summary>
    public const ulong SupervisorView = Sie | Spie | Ube | Spp | Vs | Fs | Xs | Sum | Mxr | Uxl | Sd;

    /// <summary>What an sstatus write can change.</summary>
    public const ulong SupervisorWritable = Sie | Spie | Spp | Fs | Sum | Mxr;

    public static FloatingPointState FsOf(ulong mstatus) => (FloatingPointState)((mstatus >> FsShift) & 3);

    public static PrivilegeLevel MppOf(ulong mstatus) => (PrivilegeLevel)((mstatus >> MppShift) & 3);
}
