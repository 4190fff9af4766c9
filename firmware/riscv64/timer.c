/* Machine timer interrupts from the CLINT: arms mtimecmp three times, sleeping in WFI until
 * each interrupt, and checks that mtime (and the time CSR) moved on by at least the intervals.
 *
 * expect: timer: 3 interrupts
 */
#include "fw.h"

#define INTERVAL (TIMEBASE_HZ / 1000) /* 1 ms */
#define WANTED 3

static volatile unsigned ticks;
static volatile uint64_t fired_at[WANTED];

static void arm(uint64_t deadline)
{
    mmio_write64(CLINT_MTIMECMP, deadline); /* hart 0 */
}

MACHINE_TRAP_HANDLER static void on_trap(void)
{
    unsigned long cause = csr_read(mcause);
    if (cause != (MCAUSE_INTERRUPT | 7))
        FAIL("timer: unexpected trap mcause 0x%lx mepc 0x%lx\n", cause, csr_read(mepc));
    uint64_t now = mtime();
    CHECK(now >= mmio_read64(CLINT_MTIMECMP));
    fired_at[ticks] = now;
    if (++ticks < WANTED) arm(now + INTERVAL);
    else arm(UINT64_MAX); /* lowers MTIP */
}

int main(unsigned long hartid, unsigned long fdt)
{
    (void)hartid;
    (void)fdt;
    uint64_t start = mtime();
    csr_write(mtvec, (uintptr_t)on_trap);
    arm(start + INTERVAL);
    csr_set(mie, MIE_MTIE);
    csr_set(mstatus, MSTATUS_MIE);
    WAIT_UNTIL(ticks >= WANTED);
    csr_clear(mie, MIE_MTIE);

    uint64_t end = mtime();
    uint64_t time_csr = csr_read(time);
    CHECK(end - start >= WANTED * INTERVAL);
    CHECK(fired_at[0] >= start + INTERVAL);
    for (int i = 1; i < WANTED; i++) CHECK(fired_at[i] >= fired_at[i - 1] + INTERVAL);
    CHECK(time_csr >= end);
    fw_printf("timer: %u interrupts, mtime advanced %lu ticks\n", ticks, end - start);
    return 0;
}
