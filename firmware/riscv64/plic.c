/* External interrupts through the PLIC into M-mode: the UART's receive interrupt (source 10),
 * raised by a byte on the console, and a virtio-rng used-buffer interrupt (source slot + 1).
 *
 * boot: -device virtio-rng-device
 * qemu: -global virtio-mmio.force-legacy=false
 * input: x
 * expect: plic: UART interrupt received 'x'
 * expect: plic: virtio interrupt
 */
#include "virtio.h"

#define PLIC_PRIORITY(source) (PLIC_BASE + 4 * (source))
#define PLIC_ENABLE(context)  (PLIC_BASE + 0x2000 + 0x80 * (context))
#define PLIC_THRESHOLD(context) (PLIC_BASE + 0x200000 + 0x1000 * (context))
#define PLIC_CLAIM(context)   (PLIC_BASE + 0x200004 + 0x1000 * (context))
#define CONTEXT 0 /* hart 0, M-mode */

#define UART_IER 1
#define UART_IER_RDI 0x01

static struct virtio_dev rng;
static struct virtq queue;
static uint8_t entropy[16];
static volatile int uart_byte = -1;
static volatile unsigned uart_interrupts, virtio_interrupts, spurious;

static void plic_enable(unsigned source, unsigned priority)
{
    mmio_write32(PLIC_PRIORITY(source), priority);
    uintptr_t word = PLIC_ENABLE(CONTEXT) + 4 * (source / 32);
    mmio_write32(word, mmio_read32(word) | 1u << (source % 32));
}

MACHINE_TRAP_HANDLER static void on_trap(void)
{
    unsigned long cause = csr_read(mcause);
    if (cause != (MCAUSE_INTERRUPT | 11))
        FAIL("plic: unexpected trap mcause 0x%lx mepc 0x%lx\n", cause, csr_read(mepc));
    uint32_t source;
    while ((source = mmio_read32(PLIC_CLAIM(CONTEXT))) != 0) {
        if (source == UART0_IRQ) {
            int c;
            while ((c = uart_getc()) >= 0)
                if (uart_byte < 0) uart_byte = c;
            uart_interrupts++;
        } else if (source == (uint32_t)rng.slot + 1) {
            virtio_ack_interrupt(&rng);
            virtio_interrupts++;
        } else {
            spurious++;
        }
        mmio_write32(PLIC_CLAIM(CONTEXT), source); /* complete */
    }
}

int main(unsigned long hartid, unsigned long fdt)
{
    (void)hartid;
    (void)fdt;
    if (virtio_find(VIRTIO_ID_ENTROPY, &rng) != 0) FAIL("plic: no virtio-rng device (add -device virtio-rng-device)\n");
    int status = virtio_setup(&rng, &queue);
    if (status != 0) FAIL("plic: virtio-rng setup failed (%d)\n", status);

    mmio_write32(PLIC_THRESHOLD(CONTEXT), 0);
    plic_enable(UART0_IRQ, 1);
    plic_enable(rng.slot + 1, 2);
    csr_write(mtvec, (uintptr_t)on_trap);
    csr_set(mie, MIE_MEIE);
    csr_set(mstatus, MSTATUS_MIE);

    fw_puts("plic: waiting for a byte on the UART\n");
    mmio_write8(UART0_BASE + UART_IER, UART_IER_RDI);
    WAIT_UNTIL(uart_byte >= 0);
    mmio_write8(UART0_BASE + UART_IER, 0);
    fw_printf("plic: UART interrupt received '%c'\n", uart_byte);

    struct virtq_desc request = { .addr = (uintptr_t)entropy, .len = sizeof entropy, .flags = VIRTQ_DESC_F_WRITE };
    virtio_submit(&rng, &request, 1);
    WAIT_UNTIL(virtio_interrupts != 0);
    CHECK(virtio_used_pending(&rng));
    uint32_t length = virtio_take_used(&rng);
    CHECK(length > 0 && length <= sizeof entropy);
    fw_printf("plic: virtio interrupt from slot %d (source %d), %u bytes of entropy\n", rng.slot, rng.slot + 1, length);
    CHECK(spurious == 0);
    return 0;
}
