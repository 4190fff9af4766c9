using Cross.Frontends.Arm64.Decoding;
using Cross.Frontends.Arm64.Lowering;
using static Cross.Frontends.Arm64.Encodings.Define;

namespace Cross.Frontends.Arm64.Encodings;

/// <summary>Branches, exception generation, hints, barriers and system-register moves.</summary>
public static class BranchesAndSystem
{
    public static IReadOnlyList<A64Encoding> Encodings { get; } =
    [
        Row("b", 0x14000000, 0xFC000000, (e, i) => e.BranchImmediate(i, link: false)),
        Row("bl", 0x94000000, 0xFC000000, (e, i) => e.BranchImmediate(i, link: true)),
        Row("b.cond", 0x54000000, 0xFF000010, (e, i) => e.BranchConditional(i)),
        Row("cbz", 0x34000000, 0x7F000000, (e, i) => e.CompareAndBranch(i, nonZero: false)),
        Row("cbnz", 0x35000000, 0x7F000000, (e, i) => e.CompareAndBranch(i, nonZero: true)),
        Row("tbz", 0x36000000, 0x7F000000, (e, i) => e.TestAndBranch(i, nonZero: false)),
        Row("tbnz", 0x37000000, 0x7F000000, (e, i) => e.TestAndBranch(i, nonZero: true)),
        Row("br", 0xD61F0000, 0xFFFFFC1F, (e, i) => e.BranchRegister(i, link: false)),
        Row("blr", 0xD63F0000, 0xFFFFFC1F, (e, i) => e.BranchRegister(i, link: true)),
        Row("ret", 0xD65F0000, 0xFFFFFC1F, (e, i) => e.BranchRegister(i, link: false)),
        Row("svc", 0xD4000001, 0xFFE0001F, (e, i) => e.SupervisorCall()),
        Row("brk", 0xD4200000, 0xFFE0001F, (e, i) => e.Breakpoint()),
        Row("udf", 0x00000000, 0xFFFF0000, (e, i) => e.Illegal()),
        // HINT space: NOP, YIELD, WFE, WFI, SEV, SEVL, pointer-authentication hints (NOPs
        // without FEAT_PAuth), BTI… all behave as NOP in user mode.
        Row("hint", 0xD503201F, 0xFFFFF01F, (e, i) => { }),
        Row("clrex", 0xD503305F, 0xFFFFF0FF, (e, i) => e.ClearExclusive()),
        Row("dsb", 0xD503309F, 0xFFFFF0FF, (e, i) => e.Barrier()),
        Row("dmb", 0xD50330BF, 0xFFFFF0FF, (e, i) => e.Barrier()),
        Row("isb", 0xD50330DF, 0xFFFFF0FF, (e, i) => e.InstructionBarrier()),
        Row("msr nzcv", 0xD51B4200, 0xFFFFFFE0, (e, i) => e.WriteNzcv(i.Rt)),
        Row("mrs nzcv", 0xD53B4200, 0xFFFFFFE0, (e, i) => e.ReadNzcv(i.Rt)),
        Row("msr", 0xD5100000, 0xFFF00000, (e, i) => e.MoveToSystemRegister(i), bits => SystemRegister.Writable.Contains(SystemRegister.KeyOf(bits))),
        Row("mrs", 0xD5300000, 0xFFF00000, (e, i) => e.MoveFromSystemRegister(i), bits => SystemRegister.Readable.Contains(SystemRegister.KeyOf(bits))),
        Row("sys", 0xD5080000, 0xFFF80000, (e, i) => e.SystemInstruction(i), SystemRegister.IsUserSystemInstruction),
    ];
}
