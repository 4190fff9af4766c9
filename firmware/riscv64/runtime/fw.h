/* What every firmware program uses: the virt board's addresses, MMIO and CSR access, console
 * output and the test finisher. */
#ifndef FW_H
#define FW_H

#include <stddef.h>
#include <stdint.h>

#define UART0_BASE      0x10000000UL
#define UART0_IRQ       10
#define TEST_BASE       0x00100000UL
#define CLINT_BASE      0x02000000UL
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xBFF8)
#define PLIC_BASE       0x0C000000UL
#define VIRTIO_BASE     0x10001000UL
#define VIRTIO_STRIDE   0x1000UL
#define VIRTIO_SLOTS    8
#define TIMEBASE_HZ     10000000UL

#define MSTATUS_SIE     (1UL << 1)
#define MSTATUS_MIE     (1UL << 3)
#define MSTATUS_MPP     (3UL << 11)
#define MSTATUS_MPP_S   (1UL << 11)
#define MIE_MSIE        (1UL << 3)
#define MIE_MTIE        (1UL << 7)
#define MIE_MEIE        (1UL << 11)
#define MCAUSE_INTERRUPT (1UL << 63)

static inline uint32_t mmio_read32(uintptr_t address) { return *(volatile uint32_t *)address; }
static inline void mmio_write32(uintptr_t address, uint32_t value) { *(volatile uint32_t *)address = value; }
static inline uint64_t mmio_read64(uintptr_t address) { return *(volatile uint64_t *)address; }
static inline void mmio_write64(uintptr_t address, uint64_t value) { *(volatile uint64_t *)address = value; }
static inline uint8_t mmio_read8(uintptr_t address) { return *(volatile uint8_t *)address; }
static inline void mmio_write8(uintptr_t address, uint8_t value) { *(volatile uint8_t *)address = value; }

#define csr_read(csr) ({ unsigned long __v; __asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, value) __asm__ volatile("csrw " #csr ", %0" :: "rK"((unsigned long)(value)) : "memory")
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" :: "rK"((unsigned long)(bits)) : "memory")
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" :: "rK"((unsigned long)(bits)) : "memory")

static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void fence(void) { __asm__ volatile("fence" ::: "memory"); }

/* Sleeps in WFI until an interrupt handler makes `condition` true, without losing a wake-up
 * between testing it and WFI: machine interrupts stay masked (WFI still wakes on them) and are
 * opened only for a moment after each WFI, when the handler runs. */
#define WAIT_UNTIL(condition) do { \
        csr_clear(mstatus, MSTATUS_MIE); \
        while (!(condition)) { \
            wfi(); \
            csr_set(mstatus, MSTATUS_MIE); \
            csr_clear(mstatus, MSTATUS_MIE); \
        } \
        csr_set(mstatus, MSTATUS_MIE); \
    } while (0)

/* An M-mode trap handler that the compiler saves registers for and ends with mret. */
#define MACHINE_TRAP_HANDLER __attribute__((interrupt("machine"), aligned(4)))
#define SUPERVISOR_TRAP_HANDLER __attribute__((interrupt("supervisor"), aligned(4)))

void uart_init(void);
void fw_putc(char c);
void fw_puts(const char *text);
/* printf with %c %s %d %u %x %lu %lx %ld %p (no widths). */
void fw_printf(const char *format, ...);
int uart_getc(void); /* -1 when nothing was received */

uint64_t mtime(void);

/* Reports to the sifive_test finisher: code 0 passes (QEMU exits 0), anything else fails with it. */
void fw_exit(int code) __attribute__((noreturn));
#define FAIL(...) do { fw_printf("FAIL: " __VA_ARGS__); fw_exit(1); } while (0)
#define CHECK(condition) do { if (!(condition)) FAIL("%s:%d: %s\n", __FILE__, __LINE__, #condition); } while (0)

void *memset(void *destination, int value, size_t count);
void *memcpy(void *destination, const void *source, size_t count);
int memcmp(const void *a, const void *b, size_t count);

int main(unsigned long hartid, unsigned long fdt);

#endif
