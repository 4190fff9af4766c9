using Cross.Frontends.RiscV.Extensions;

namespace Cross.Frontends.RiscV.Decoding;

/// <summary>The encoding tables of every supported extension.</summary>
public static class RiscVEncodings
{
    /// <summary>RV64GC + Zba/Zbb/Zbs, extension by extension.</summary>
    public static IReadOnlyList<RiscVEncoding> All { get; } =
    [
        .. RvI.Encodings, .. RvM.Encodings, .. RvA.Encodings, .. RvF.Encodings, .. RvD.Encodings, .. RvC.Encodings,
        .. Zicsr.Encodings, .. Zifencei.Encodings, .. Zba.Encodings, .. Zbb.Encodings, .. Zbs.Encodings,
    ];

    /// <summary>The privileged instructions (mret, sret, wfi, sfence.vma), which only system mode decodes.</summary>
    public static IReadOnlyList<RiscVEncoding> Privileged => Extensions.Privileged.Encodings;
}
