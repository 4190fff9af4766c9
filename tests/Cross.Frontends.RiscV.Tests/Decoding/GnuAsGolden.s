.option norvc
lui a0, 0x12345
auipc a0, 0xfffff
jal a0, .+0x7fe
jalr a0, -3(a1)
beq a1, a2, .-4096
bne a1, a2, .+8
blt a1, a2, .+4094
bge a1, a2, .-2
bltu a1, a2, .+64
bgeu a1, a2, .+128
lb a0, -1(a1)
lh a0, 2047(a1)
lw a0, -2048(a1)
ld a0, 8(a1)
lbu a0, 1(a1)
lhu a0, 2(a1)
lwu a0, 4(a1)
sb a2, -1(a1)
sh a2, 2047(a1)
sw a2, -2048(a1)
sd a2, 8(a1)
addi a0, a1, -1
slti a0, a1, 5
sltiu a0, a1, 5
xori a0, a1, -1
ori a0, a1, 0x7ff
andi a0, a1, 0x80
slli a0, a1, 63
srli a0, a1, 33
srai a0, a1, 1
add a0, a1, a2
sub a0, a1, a2
sll a0, a1, a2
slt a0, a1, a2
sltu a0, a1, a2
xor a0, a1, a2
srl a0, a1, a2
sra a0, a1, a2
or a0, a1, a2
and a0, a1, a2
addiw a0, a1, -7
slliw a0, a1, 31
srliw a0, a1, 3
sraiw a0, a1, 17
addw a0, a1, a2
subw a0, a1, a2
sllw a0, a1, a2
srlw a0, a1, a2
sraw a0, a1, a2
fence rw, w
ecall
ebreak
mul a0, a1, a2
mulh a0, a1, a2
mulhsu a0, a1, a2
mulhu a0, a1, a2
div a0, a1, a2
divu a0, a1, a2
rem a0, a1, a2
remu a0, a1, a2
mulw a0, a1, a2
divw a0, a1, a2
divuw a0, a1, a2
remw a0, a1, a2
remuw a0, a1, a2
lr.w a0, (a1)
sc.w a0, a2, (a1)
amoswap.w a0, a2, (a1)
amoadd.w a0, a2, (a1)
amoxor.w a0, a2, (a1)
amoand.w a0, a2, (a1)
amoor.w a0, a2, (a1)
amomin.w a0, a2, (a1)
amomax.w a0, a2, (a1)
amominu.w a0, a2, (a1)
amomaxu.w.aqrl a0, a2, (a1)
lr.d.aq a0, (a1)
sc.d.rl a0, a2, (a1)
amoswap.d a0, a2, (a1)
amoadd.d a0, a2, (a1)
amoxor.d a0, a2, (a1)
amoand.d a0, a2, (a1)
amoor.d a0, a2, (a1)
amomin.d a0, a2, (a1)
amomax.d a0, a2, (a1)
amominu.d a0, a2, (a1)
amomaxu.d a0, a2, (a1)
flw fa0, -4(a1)
fsw fa2, 4(a1)
fmadd.s fa0, fa1, fa2, fa3, rne
fmsub.s fa0, fa1, fa2, fa3, rtz
fnmsub.s fa0, fa1, fa2, fa3, rdn
fnmadd.s fa0, fa1, fa2, fa3, rup
fadd.s fa0, fa1, fa2, rmm
fsub.s fa0, fa1, fa2, dyn
fmul.s fa0, fa1, fa2
fdiv.s fa0, fa1, fa2
fsqrt.s fa0, fa1
fsgnj.s fa0, fa1, fa2
fsgnjn.s fa0, fa1, fa2
fsgnjx.s fa0, fa1, fa2
fmin.s fa0, fa1, fa2
fmax.s fa0, fa1, fa2
fcvt.w.s a0, fa1, rtz
fcvt.wu.s a0, fa1
fcvt.l.s a0, fa1
fcvt.lu.s a0, fa1
fmv.x.w a0, fa1
feq.s a0, fa1, fa2
flt.s a0, fa1, fa2
fle.s a0, fa1, fa2
fclass.s a0, fa1
fcvt.s.w fa0, a1
fcvt.s.wu fa0, a1
fcvt.s.l fa0, a1
fcvt.s.lu fa0, a1
fmv.w.x fa0, a1
fld fa0, -8(a1)
fsd fa2, 8(a1)
fmadd.d fa0, fa1, fa2, fa3
fmsub.d fa0, fa1, fa2, fa3
fnmsub.d fa0, fa1, fa2, fa3
fnmadd.d fa0, fa1, fa2, fa3
fadd.d fa0, fa1, fa2
fsub.d fa0, fa1, fa2
fmul.d fa0, fa1, fa2
fdiv.d fa0, fa1, fa2
fsqrt.d fa0, fa1
fsgnj.d fa0, fa1, fa2
fsgnjn.d fa0, fa1, fa2
fsgnjx.d fa0, fa1, fa2
fmin.d fa0, fa1, fa2
fmax.d fa0, fa1, fa2
fcvt.s.d fa0, fa1
fcvt.d.s fa0, fa1
feq.d a0, fa1, fa2
flt.d a0, fa1, fa2
fle.d a0, fa1, fa2
fclass.d a0, fa1
fcvt.w.d a0, fa1
fcvt.wu.d a0, fa1
fcvt.l.d a0, fa1
fcvt.lu.d a0, fa1
fmv.x.d a0, fa1
fcvt.d.w fa0, a1
fcvt.d.wu fa0, a1
fcvt.d.l fa0, a1
fcvt.d.lu fa0, a1
fmv.d.x fa0, a1
csrrw a0, fcsr, a1
csrrs a0, fflags, a1
csrrc a0, frm, a1
csrrwi a0, 0xc00, 31
csrrsi a0, 0x7c0, 1
csrrci a0, 0x001, 2
fence.i
add.uw a0, a1, a2
sh1add a0, a1, a2
sh2add a0, a1, a2
sh3add a0, a1, a2
sh1add.uw a0, a1, a2
sh2add.uw a0, a1, a2
sh3add.uw a0, a1, a2
slli.uw a0, a1, 40
andn a0, a1, a2
orn a0, a1, a2
xnor a0, a1, a2
clz a0, a1
clzw a0, a1
ctz a0, a1
ctzw a0, a1
cpop a0, a1
cpopw a0, a1
max a0, a1, a2
maxu a0, a1, a2
min a0, a1, a2
minu a0, a1, a2
sext.b a0, a1
sext.h a0, a1
zext.h a0, a1
rol a0, a1, a2
rolw a0, a1, a2
ror a0, a1, a2
rori a0, a1, 45
roriw a0, a1, 13
rorw a0, a1, a2
orc.b a0, a1
rev8 a0, a1
bclr a0, a1, a2
bclri a0, a1, 63
bext a0, a1, a2
bexti a0, a1, 7
binv a0, a1, a2
binvi a0, a1, 32
bset a0, a1, a2
bseti a0, a1, 1
.option rvc
c.addi4spn s0, sp, 1020
c.fld fa5, 248(a0)
c.lw a5, 124(a0)
c.ld a5, 248(a0)
c.fsd fa5, 8(a1)
c.sw a5, 4(a1)
c.sd a5, 16(a1)
c.nop
c.addi a0, -32
c.addiw a0, 31
c.li a0, -1
c.addi16sp sp, -512
c.lui a0, 0xfffe0
c.srli a0, 63
c.srai a0, 1
c.andi a0, -5
c.sub s0, a5
c.xor s0, a5
c.or s0, a5
c.and s0, a5
c.subw s0, a5
c.addw s0, a5
c.j .-2048
c.beqz a0, .+254
c.bnez a0, .-256
c.slli a0, 33
c.fldsp fa0, 504(sp)
c.lwsp a0, 252(sp)
c.ldsp a0, 504(sp)
c.jr ra
c.mv a0, a1
c.ebreak
c.jalr a0
c.add a0, a1
c.fsdsp fa0, 504(sp)
c.swsp a0, 252(sp)
c.sdsp a0, 504(sp)
