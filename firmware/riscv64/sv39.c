/* Supervisor mode under Sv39 paging: M-mode builds page tables (gigapages for RAM and devices,
 * a 4 KiB alias of a data page, and a page left unmapped), delegates page faults and drops to
 * S-mode. The S-mode program writes through the alias, then touches the unmapped page; its
 * page-fault handler maps a fresh frame there and the store is retried. An ecall returns to M.
 *
 * expect: sv39: S-mode store page fault handled
 * expect: sv39: back in M-mode
 */
#include "fw.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE(pa, flags) ((((uintptr_t)(pa)) >> 12 << 10) | (flags))
#define SATP_SV39 (8UL << 60)

#define ALIAS_VA  0x40000000UL /* -> alias_target, through root[1] -> l1[0] -> l0[0] */
#define DEMAND_VA 0x40001000UL /* l0[1]: unmapped until the fault handler maps it */

#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15
#define CAUSE_ECALL_FROM_S     9

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint8_t alias_target[4096] __attribute__((aligned(4096)));
static uint8_t frames[2][4096] __attribute__((aligned(4096)));
static volatile unsigned faults, frames_used;
static volatile unsigned long fault_cause, fault_address;

SUPERVISOR_TRAP_HANDLER static void supervisor_trap(void)
{
    unsigned long cause = csr_read(scause), address = csr_read(stval);
    if ((cause != CAUSE_STORE_PAGE_FAULT && cause != CAUSE_LOAD_PAGE_FAULT) || address >> 12 != DEMAND_VA >> 12)
        FAIL("sv39: unexpected S-mode trap scause %lu stval 0x%lx sepc 0x%lx\n", cause, address, csr_read(sepc));
    fault_cause = cause;
    fault_address = address;
    l0[(address >> 12) & 511] = PTE(frames[frames_used++], PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    __asm__ volatile("sfence.vma %0, zero" :: "r"(address) : "memory");
    faults++;
}

static void __attribute__((noreturn)) supervisor_main(void)
{
    csr_write(stvec, (uintptr_t)supervisor_trap);
    CHECK((csr_read(satp) >> 60) == 8);

    volatile uint64_t *alias = (volatile uint64_t *)ALIAS_VA;
    alias[1] = 0x5a5a0000c0ffeeUL;
    CHECK(((volatile uint64_t *)alias_target)[1] == 0x5a5a0000c0ffeeUL); /* the same frame, by its identity mapping */

    volatile uint64_t *demand = (volatile uint64_t *)(DEMAND_VA + 8);
    *demand = 0x1234;
    CHECK(faults == 1 && fault_cause == CAUSE_STORE_PAGE_FAULT && fault_address == DEMAND_VA + 8);
    CHECK(*demand == 0x1234 && faults == 1);
    CHECK(((volatile uint64_t *)frames[0])[1] == 0x1234);
    fw_printf("sv39: S-mode store page fault handled at 0x%lx (%u fault), alias ok\n", fault_address, faults);
    __asm__ volatile("ecall");
    FAIL("sv39: ecall returned\n");
    for (;;) { }
}

MACHINE_TRAP_HANDLER static void machine_trap(void)
{
    unsigned long cause = csr_read(mcause);
    if (cause != CAUSE_ECALL_FROM_S)
        FAIL("sv39: unexpected M-mode trap mcause 0x%lx mepc 0x%lx mtval 0x%lx\n", cause, csr_read(mepc), csr_read(mtval));
    CHECK((csr_read(mstatus) & MSTATUS_MPP) == MSTATUS_MPP_S);
    fw_printf("sv39: back in M-mode from S-mode ecall at 0x%lx\n", csr_read(mepc));
    fw_exit(0);
}

int main(unsigned long hartid, unsigned long fdt)
{
    (void)hartid;
    (void)fdt;
    /* PMP: give S-mode the whole address space (with no entry at all, S-mode may touch nothing). */
    csr_write(pmpaddr0, ~0UL);
    csr_write(pmpcfg0, 0x1f); /* NAPOT, R W X */

    root[0] = PTE(0x00000000UL, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);         /* devices, 1 GiB */
    root[1] = PTE(l1, PTE_V);
    root[2] = PTE(0x80000000UL, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* RAM, 1 GiB */
    l1[0] = PTE(l0, PTE_V);
    l0[0] = PTE(alias_target, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);

    csr_write(medeleg, (1UL << 12) | (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT));
    csr_write(satp, SATP_SV39 | ((uintptr_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    csr_write(mtvec, (uintptr_t)machine_trap);
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, MSTATUS_MPP_S);
    csr_write(mepc, (uintptr_t)supervisor_main);
    __asm__ volatile("mret");
    return 3;
}
