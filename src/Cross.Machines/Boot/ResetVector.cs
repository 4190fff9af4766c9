using System.Buffers.Binary;

namespace Cross.Machines.Boot;

/// <summary>
/// The reset ROM QEMU's RISC-V boards build (hw/riscv/boot.c, riscv_setup_rom_reset_vec): six
/// instructions that load a0 = mhartid, a1 = the FDT address, a2 = &amp;fw_dynamic_info and jump
/// to the first stage, followed by the two addresses they load and by fw_dynamic_info.
/// <code>
/// 0x00: auipc t0, 0            t0 = base
/// 0x04: addi  a2, t0, 40       a2 = &amp;fw_dynamic_info
/// 0x08: csrr  a0, mhartid
/// 0x0c: ld    a1, 32(t0)       a1 = fdt
/// 0x10: ld    t0, 24(t0)       t0 = start
/// 0x14: jr    t0
/// 0x18: .dword start
/// 0x20: .dword fdt
/// 0x28: fw_dynamic_info
/// </code>
/// Every hart runs it; each gets its own hart id from mhartid.
/// </summary>
public static class ResetVector
{
    public const int StartOffset = 0x18, FdtOffset = 0x20, InfoOffset = 0x28;

    private const int T0 = 5, A0 = 10, A1 = 11, A2 = 12;
    private const uint Mhartid = 0xF14;

    /// <summary>The ROM image: code, the two addresses, then <paramref name="info"/>.</summary>
    public static byte[] Build(ulong start, ulong fdt, FwDynamicInfo info)
    {
        uint[] code =
        [
            Auipc(T0, 0),
            Addi(A2, T0, InfoOffset),
            Csrr(A0, Mhartid),
            Ld(A1, T0, FdtOffset),
            Ld(T0, T0, StartOffset),
            Jalr(0, T0, 0),
        ];
        var image = new byte[InfoOffset + FwDynamicInfo.Size];
        for (var i = 0; i < code.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4 * i), code[i]);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(StartOffset), start);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(FdtOffset), fdt);
        info.ToBytes().CopyTo(image.AsSpan(InfoOffset));
        return image;
    }

    // RV64I encodings of the few instructions the ROM needs.
    private static uint Auipc(int rd, uint upper20) => upper20 << 12 | (uint)rd << 7 | 0x17;

    private static uint IType(uint opcode, uint funct3, int rd, int rs1, int immediate) =>
        ((uint)immediate & 0xFFF) << 20 | (uint)rs1 << 15 | funct3 << 12 | (uint)rd << 7 | opcode;

    private static uint Addi(int rd, int rs1, int immediate) => IType(0x13, 0, rd, rs1, immediate);

    private static uint Ld(int rd, int rs1, int offset) => IType(0x03, 3, rd, rs1, offset);

    private static uint Jalr(int rd, int rs1, int offset) => IType(0x67, 0, rd, rs1, offset);

    /// <summary>csrr rd, csr = csrrs rd, csr, x0.</summary>
    private static uint Csrr(int rd, uint csr) => IType(0x73, 2, rd, 0, (int)csr);
}
