/*
 * Entry from the reset ROM (QEMU's, or Cross's copy of it) or from -bios none: M-mode at
 * 0x80000000, a0 = hart id, a1 = device tree. Hart 0 runs main(hartid, fdt) on its own stack and
 * exits through the test finisher with main's result; other harts park.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    csrr    t0, mhartid
    bnez    t0, park
    .option push
    .option norelax
    la      sp, __stack_top
    .option pop
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      t0, unexpected_trap
    csrw    mtvec, t0
    li      t0, 1 << 13             /* mstatus.FS = Initial: compiled code may use the FPU */
    csrs    mstatus, t0
    call    main
    call    fw_exit
park:
    wfi
    j       park
