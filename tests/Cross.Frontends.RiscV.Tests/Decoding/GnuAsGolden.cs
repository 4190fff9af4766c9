namespace Cross.Frontends.RiscV.Tests.Decoding;

/// <summary>
/// Instruction words produced by GNU as from GnuAsGolden.s, with objdump's reading of them:
/// <code>
/// riscv64-linux-gnu-as -march=rv64gc_zba_zbb_zbs -o g.o GnuAsGolden.s
/// riscv64-linux-gnu-objdump -d -M no-aliases,numeric g.o
/// </code>
/// Registers lists the register operands objdump printed; Imm is the immediate as our decoder
/// should see it (branch and jump targets made relative), or null where objdump shows none.
/// </summary>
public static class GnuAsGolden
{
    public sealed record Row(uint Word, string Mnemonic, string Registers, long? Imm)
    {
        public override string ToString() => $"{Mnemonic} 0x{Word:x8}";
    }

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new(0x12345537, "lui", "x10", 305418240), // x10,0x12345
        new(0xFFFFF517, "auipc", "x10", -4096), // x10,0xfffff
        new(0x7FE0056F, "jal", "x10", 2046), // x10,806 <.text+0x806>
        new(0xFFD58567, "jalr", "x10 x11", -3), // x10,-3(x11)
        new(0x80C58063, "beq", "x11 x12", -4096), // x11,x12,fffffffffffff010 <.text+0xfffffffffffff010>
        new(0x00C59463, "bne", "x11 x12", 8), // x11,x12,1c <.text+0x1c>
        new(0x7EC5CFE3, "blt", "x11 x12", 4094), // x11,x12,1016 <.text+0x1016>
        new(0xFEC5DFE3, "bge", "x11 x12", -2), // x11,x12,1a <.text+0x1a>
        new(0x04C5E063, "bltu", "x11 x12", 64), // x11,x12,60 <.text+0x60>
        new(0x08C5F063, "bgeu", "x11 x12", 128), // x11,x12,a4 <.text+0xa4>
        new(0xFFF58503, "lb", "x10 x11", -1), // x10,-1(x11)
        new(0x7FF59503, "lh", "x10 x11", 2047), // x10,2047(x11)
        new(0x8005A503, "lw", "x10 x11", -2048), // x10,-2048(x11)
        new(0x0085B503, "ld", "x10 x11", 8), // x10,8(x11)
        new(0x0015C503, "lbu", "x10 x11", 1), // x10,1(x11)
        new(0x0025D503, "lhu", "x10 x11", 2), // x10,2(x11)
        new(0x0045E503, "lwu", "x10 x11", 4), // x10,4(x11)
        new(0xFEC58FA3, "sb", "x12 x11", -1), // x12,-1(x11)
        new(0x7EC59FA3, "sh", "x12 x11", 2047), // x12,2047(x11)
        new(0x80C5A023, "sw", "x12 x11", -2048), // x12,-2048(x11)
        new(0x00C5B423, "sd", "x12 x11", 8), // x12,8(x11)
        new(0xFFF58513, "addi", "x10 x11", -1), // x10,x11,-1
        new(0x0055A513, "slti", "x10 x11", 5), // x10,x11,5
        new(0x0055B513, "sltiu", "x10 x11", 5), // x10,x11,5
        new(0xFFF5C513, "xori", "x10 x11", -1), // x10,x11,-1
        new(0x7FF5E513, "ori", "x10 x11", 2047), // x10,x11,2047
        new(0x0805F513, "andi", "x10 x11", 128), // x10,x11,128
        new(0x03F59513, "slli", "x10 x11", 63), // x10,x11,0x3f
        new(0x0215D513, "srli", "x10 x11", 33), // x10,x11,0x21
        new(0x4015D513, "srai", "x10 x11", 1), // x10,x11,0x1
        new(0x00C58533, "add", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C58533, "sub", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C59533, "sll", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5A533, "slt", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5B533, "sltu", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5C533, "xor", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5D533, "srl", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C5D533, "sra", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5E533, "or", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5F533, "and", "x10 x11 x12", null), // x10,x11,x12
        new(0xFF95851B, "addiw", "x10 x11", -7), // x10,x11,-7
        new(0x01F5951B, "slliw", "x10 x11", 31), // x10,x11,0x1f
        new(0x0035D51B, "srliw", "x10 x11", 3), // x10,x11,0x3
        new(0x4115D51B, "sraiw", "x10 x11", 17), // x10,x11,0x11
        new(0x00C5853B, "addw", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C5853B, "subw", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5953B, "sllw", "x10 x11 x12", null), // x10,x11,x12
        new(0x00C5D53B, "srlw", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C5D53B, "sraw", "x10 x11 x12", null), // x10,x11,x12
        new(0x0310000F, "fence", "", null), // rw,w
        new(0x00000073, "ecall", "", null), // 
        new(0x00100073, "ebreak", "", null), // 
        new(0x02C58533, "mul", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C59533, "mulh", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5A533, "mulhsu", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5B533, "mulhu", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5C533, "div", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5D533, "divu", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5E533, "rem", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5F533, "remu", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5853B, "mulw", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5C53B, "divw", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5D53B, "divuw", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5E53B, "remw", "x10 x11 x12", null), // x10,x11,x12
        new(0x02C5F53B, "remuw", "x10 x11 x12", null), // x10,x11,x12
        new(0x1005A52F, "lr.w", "x10 x11", null), // x10,(x11)
        new(0x18C5A52F, "sc.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x08C5A52F, "amoswap.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x00C5A52F, "amoadd.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x20C5A52F, "amoxor.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x60C5A52F, "amoand.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x40C5A52F, "amoor.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x80C5A52F, "amomin.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xA0C5A52F, "amomax.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xC0C5A52F, "amominu.w", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xE6C5A52F, "amomaxu.w.aqrl", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x1405B52F, "lr.d.aq", "x10 x11", null), // x10,(x11)
        new(0x1AC5B52F, "sc.d.rl", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x08C5B52F, "amoswap.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x00C5B52F, "amoadd.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x20C5B52F, "amoxor.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x60C5B52F, "amoand.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x40C5B52F, "amoor.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0x80C5B52F, "amomin.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xA0C5B52F, "amomax.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xC0C5B52F, "amominu.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xE0C5B52F, "amomaxu.d", "x10 x12 x11", null), // x10,x12,(x11)
        new(0xFFC5A507, "flw", "f10 x11", -4), // f10,-4(x11)
        new(0x00C5A227, "fsw", "f12 x11", 4), // f12,4(x11)
        new(0x68C58543, "fmadd.s", "f10 f11 f12 f13", null), // f10,f11,f12,f13,rne
        new(0x68C59547, "fmsub.s", "f10 f11 f12 f13", null), // f10,f11,f12,f13,rtz
        new(0x68C5A54B, "fnmsub.s", "f10 f11 f12 f13", null), // f10,f11,f12,f13,rdn
        new(0x68C5B54F, "fnmadd.s", "f10 f11 f12 f13", null), // f10,f11,f12,f13,rup
        new(0x00C5C553, "fadd.s", "f10 f11 f12", null), // f10,f11,f12,rmm
        new(0x08C5F553, "fsub.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x10C5F553, "fmul.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x18C5F553, "fdiv.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x5805F553, "fsqrt.s", "f10 f11", null), // f10,f11
        new(0x20C58553, "fsgnj.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x20C59553, "fsgnjn.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x20C5A553, "fsgnjx.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x28C58553, "fmin.s", "f10 f11 f12", null), // f10,f11,f12
        new(0x28C59553, "fmax.s", "f10 f11 f12", null), // f10,f11,f12
        new(0xC0059553, "fcvt.w.s", "x10 f11", null), // x10,f11,rtz
        new(0xC015F553, "fcvt.wu.s", "x10 f11", null), // x10,f11
        new(0xC025F553, "fcvt.l.s", "x10 f11", null), // x10,f11
        new(0xC035F553, "fcvt.lu.s", "x10 f11", null), // x10,f11
        new(0xE0058553, "fmv.x.w", "x10 f11", null), // x10,f11
        new(0xA0C5A553, "feq.s", "x10 f11 f12", null), // x10,f11,f12
        new(0xA0C59553, "flt.s", "x10 f11 f12", null), // x10,f11,f12
        new(0xA0C58553, "fle.s", "x10 f11 f12", null), // x10,f11,f12
        new(0xE0059553, "fclass.s", "x10 f11", null), // x10,f11
        new(0xD005F553, "fcvt.s.w", "f10 x11", null), // f10,x11
        new(0xD015F553, "fcvt.s.wu", "f10 x11", null), // f10,x11
        new(0xD025F553, "fcvt.s.l", "f10 x11", null), // f10,x11
        new(0xD035F553, "fcvt.s.lu", "f10 x11", null), // f10,x11
        new(0xF0058553, "fmv.w.x", "f10 x11", null), // f10,x11
        new(0xFF85B507, "fld", "f10 x11", -8), // f10,-8(x11)
        new(0x00C5B427, "fsd", "f12 x11", 8), // f12,8(x11)
        new(0x6AC5F543, "fmadd.d", "f10 f11 f12 f13", null), // f10,f11,f12,f13
        new(0x6AC5F547, "fmsub.d", "f10 f11 f12 f13", null), // f10,f11,f12,f13
        new(0x6AC5F54B, "fnmsub.d", "f10 f11 f12 f13", null), // f10,f11,f12,f13
        new(0x6AC5F54F, "fnmadd.d", "f10 f11 f12 f13", null), // f10,f11,f12,f13
        new(0x02C5F553, "fadd.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x0AC5F553, "fsub.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x12C5F553, "fmul.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x1AC5F553, "fdiv.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x5A05F553, "fsqrt.d", "f10 f11", null), // f10,f11
        new(0x22C58553, "fsgnj.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x22C59553, "fsgnjn.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x22C5A553, "fsgnjx.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x2AC58553, "fmin.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x2AC59553, "fmax.d", "f10 f11 f12", null), // f10,f11,f12
        new(0x4015F553, "fcvt.s.d", "f10 f11", null), // f10,f11
        new(0x42058553, "fcvt.d.s", "f10 f11", null), // f10,f11
        new(0xA2C5A553, "feq.d", "x10 f11 f12", null), // x10,f11,f12
        new(0xA2C59553, "flt.d", "x10 f11 f12", null), // x10,f11,f12
        new(0xA2C58553, "fle.d", "x10 f11 f12", null), // x10,f11,f12
        new(0xE2059553, "fclass.d", "x10 f11", null), // x10,f11
        new(0xC205F553, "fcvt.w.d", "x10 f11", null), // x10,f11
        new(0xC215F553, "fcvt.wu.d", "x10 f11", null), // x10,f11
        new(0xC225F553, "fcvt.l.d", "x10 f11", null), // x10,f11
        new(0xC235F553, "fcvt.lu.d", "x10 f11", null), // x10,f11
        new(0xE2058553, "fmv.x.d", "x10 f11", null), // x10,f11
        new(0xD2058553, "fcvt.d.w", "f10 x11", null), // f10,x11
        new(0xD2158553, "fcvt.d.wu", "f10 x11", null), // f10,x11
        new(0xD225F553, "fcvt.d.l", "f10 x11", null), // f10,x11
        new(0xD235F553, "fcvt.d.lu", "f10 x11", null), // f10,x11
        new(0xF2058553, "fmv.d.x", "f10 x11", null), // f10,x11
        new(0x00359573, "csrrw", "x10 x11", null), // x10,fcsr,x11
        new(0x0015A573, "csrrs", "x10 x11", null), // x10,fflags,x11
        new(0x0025B573, "csrrc", "x10 x11", null), // x10,frm,x11
        new(0xC00FD573, "csrrwi", "x10", 31), // x10,cycle,31
        new(0x7C00E573, "csrrsi", "x10", 1), // x10,0x7c0,1
        new(0x00117573, "csrrci", "x10", 2), // x10,fflags,2
        new(0x0000100F, "fence.i", "", null), // 
        new(0x08C5853B, "add.uw", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5A533, "sh1add", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5C533, "sh2add", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5E533, "sh3add", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5A53B, "sh1add.uw", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5C53B, "sh2add.uw", "x10 x11 x12", null), // x10,x11,x12
        new(0x20C5E53B, "sh3add.uw", "x10 x11 x12", null), // x10,x11,x12
        new(0x0A85951B, "slli.uw", "x10 x11", 40), // x10,x11,0x28
        new(0x40C5F533, "andn", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C5E533, "orn", "x10 x11 x12", null), // x10,x11,x12
        new(0x40C5C533, "xnor", "x10 x11 x12", null), // x10,x11,x12
        new(0x60059513, "clz", "x10 x11", null), // x10,x11
        new(0x6005951B, "clzw", "x10 x11", null), // x10,x11
        new(0x60159513, "ctz", "x10 x11", null), // x10,x11
        new(0x6015951B, "ctzw", "x10 x11", null), // x10,x11
        new(0x60259513, "cpop", "x10 x11", null), // x10,x11
        new(0x6025951B, "cpopw", "x10 x11", null), // x10,x11
        new(0x0AC5E533, "max", "x10 x11 x12", null), // x10,x11,x12
        new(0x0AC5F533, "maxu", "x10 x11 x12", null), // x10,x11,x12
        new(0x0AC5C533, "min", "x10 x11 x12", null), // x10,x11,x12
        new(0x0AC5D533, "minu", "x10 x11 x12", null), // x10,x11,x12
        new(0x60459513, "sext.b", "x10 x11", null), // x10,x11
        new(0x60559513, "sext.h", "x10 x11", null), // x10,x11
        new(0x0805C53B, "zext.h", "x10 x11", null), // x10,x11
        new(0x60C59533, "rol", "x10 x11 x12", null), // x10,x11,x12
        new(0x60C5953B, "rolw", "x10 x11 x12", null), // x10,x11,x12
        new(0x60C5D533, "ror", "x10 x11 x12", null), // x10,x11,x12
        new(0x62D5D513, "rori", "x10 x11", 45), // x10,x11,0x2d
        new(0x60D5D51B, "roriw", "x10 x11", 13), // x10,x11,0xd
        new(0x60C5D53B, "rorw", "x10 x11 x12", null), // x10,x11,x12
        new(0x2875D513, "orc.b", "x10 x11", null), // x10,x11
        new(0x6B85D513, "rev8", "x10 x11", null), // x10,x11
        new(0x48C59533, "bclr", "x10 x11 x12", null), // x10,x11,x12
        new(0x4BF59513, "bclri", "x10 x11", 63), // x10,x11,0x3f
        new(0x48C5D533, "bext", "x10 x11 x12", null), // x10,x11,x12
        new(0x4875D513, "bexti", "x10 x11", 7), // x10,x11,0x7
        new(0x68C59533, "binv", "x10 x11 x12", null), // x10,x11,x12
        new(0x6A059513, "binvi", "x10 x11", 32), // x10,x11,0x20
        new(0x28C59533, "bset", "x10 x11 x12", null), // x10,x11,x12
        new(0x28159513, "bseti", "x10 x11", 1), // x10,x11,0x1
        new(0x00001FE0, "c.addi4spn", "x8 x2", 1020), // x8,x2,1020
        new(0x00003D7C, "c.fld", "f15 x10", 248), // f15,248(x10)
        new(0x00005D7C, "c.lw", "x15 x10", 124), // x15,124(x10)
        new(0x00007D7C, "c.ld", "x15 x10", 248), // x15,248(x10)
        new(0x0000A59C, "c.fsd", "f15 x11", 8), // f15,8(x11)
        new(0x0000C1DC, "c.sw", "x15 x11", 4), // x15,4(x11)
        new(0x0000E99C, "c.sd", "x15 x11", 16), // x15,16(x11)
        new(0x00000001, "c.addi", "x0", 0), // x0,0
        new(0x00001501, "c.addi", "x10", -32), // x10,-32
        new(0x0000257D, "c.addiw", "x10", 31), // x10,31
        new(0x0000557D, "c.li", "x10", -1), // x10,-1
        new(0x00007101, "c.addi16sp", "x2", -512), // x2,-512
        new(0x00007501, "c.lui", "x10", -131072), // x10,0xfffe0
        new(0x0000917D, "c.srli", "x10", 63), // x10,0x3f
        new(0x00008505, "c.srai", "x10", 1), // x10,0x1
        new(0x0000996D, "c.andi", "x10", -5), // x10,-5
        new(0x00008C1D, "c.sub", "x8 x15", null), // x8,x15
        new(0x00008C3D, "c.xor", "x8 x15", null), // x8,x15
        new(0x00008C5D, "c.or", "x8 x15", null), // x8,x15
        new(0x00008C7D, "c.and", "x8 x15", null), // x8,x15
        new(0x00009C1D, "c.subw", "x8 x15", null), // x8,x15
        new(0x00009C3D, "c.addw", "x8 x15", null), // x8,x15
        new(0x0000B001, "c.j", "", -2048), // fffffffffffffb3c <.text+0xfffffffffffffb3c>
        new(0x0000CD7D, "c.beqz", "x10", 254), // x10,43c <.text+0x43c>
        new(0x0000F101, "c.bnez", "x10", -256), // x10,240 <.text+0x240>
        new(0x00001506, "c.slli", "x10", 33), // x10,0x21
        new(0x0000357E, "c.fldsp", "f10 x2", 504), // f10,504(x2)
        new(0x0000557E, "c.lwsp", "x10 x2", 252), // x10,252(x2)
        new(0x0000757E, "c.ldsp", "x10 x2", 504), // x10,504(x2)
        new(0x00008082, "c.jr", "x1", null), // x1
        new(0x0000852E, "c.mv", "x10 x11", null), // x10,x11
        new(0x00009002, "c.ebreak", "", null), // 
        new(0x00009502, "c.jalr", "x10", null), // x10
        new(0x0000952E, "c.add", "x10 x11", null), // x10,x11
        new(0x0000BFAA, "c.fsdsp", "f10 x2", 504), // f10,504(x2)
        new(0x0000DFAA, "c.swsp", "x10 x2", 252), // x10,252(x2)
        new(0x0000FFAA, "c.sdsp", "x10 x2", 504), // x10,504(x2)
    ];
}
