#include <stdarg.h>
#include "fw.h"

#define UART_RBR 0
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_DR 0x01
#define UART_LSR_THRE 0x20

void fw_putc(char c)
{
    while (!(mmio_read8(UART0_BASE + UART_LSR) & UART_LSR_THRE)) { }
    mmio_write8(UART0_BASE + UART_THR, (uint8_t)c);
}

void fw_puts(const char *text)
{
    while (*text) fw_putc(*text++);
}

int uart_getc(void)
{
    if (!(mmio_read8(UART0_BASE + UART_LSR) & UART_LSR_DR)) return -1;
    return mmio_read8(UART0_BASE + UART_RBR);
}

static void put_unsigned(uint64_t value, unsigned base)
{
    char digits[24];
    int count = 0;
    do {
        unsigned digit = value % base;
        digits[count++] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
        value /= base;
    } while (value);
    while (count) fw_putc(digits[--count]);
}

void fw_printf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    for (const char *p = format; *p; p++) {
        if (*p != '%') { fw_putc(*p); continue; }
        int is_long = 0;
        while (p[1] == 'l') { is_long = 1; p++; }
        switch (*++p) {
        case 'c': fw_putc((char)va_arg(args, int)); break;
        case 's': fw_puts(va_arg(args, const char *)); break;
        case 'd': {
            int64_t value = is_long ? va_arg(args, int64_t) : va_arg(args, int);
            if (value < 0) { fw_putc('-'); value = -value; }
            put_unsigned((uint64_t)value, 10);
            break;
        }
        case 'u': put_unsigned(is_long ? va_arg(args, uint64_t) : va_arg(args, unsigned), 10); break;
        case 'x': put_unsigned(is_long ? va_arg(args, uint64_t) : va_arg(args, unsigned), 16); break;
        case 'p': fw_puts("0x"); put_unsigned((uintptr_t)va_arg(args, void *), 16); break;
        case '%': fw_putc('%'); break;
        case '\0': p--; break;
        default: fw_putc('%'); fw_putc(*p); break;
        }
    }
    va_end(args);
}

uint64_t mtime(void)
{
    return mmio_read64(CLINT_MTIME);
}

void fw_exit(int code)
{
    /* 0x5555 passes; 0x3333 fails with the code in bits 31:16 (QEMU exits with it). */
    mmio_write32(TEST_BASE, code == 0 ? 0x5555 : ((uint32_t)code << 16) | 0x3333);
    for (;;) wfi();
}

MACHINE_TRAP_HANDLER void unexpected_trap(void)
{
    fw_printf("FAIL: unexpected trap: mcause 0x%lx mepc 0x%lx mtval 0x%lx\n",
              csr_read(mcause), csr_read(mepc), csr_read(mtval));
    fw_exit(2);
}

void *memset(void *destination, int value, size_t count)
{
    uint8_t *d = destination;
    while (count--) *d++ = (uint8_t)value;
    return destination;
}

void *memcpy(void *destination, const void *source, size_t count)
{
    uint8_t *d = destination;
    const uint8_t *s = source;
    while (count--) *d++ = *s++;
    return destination;
}

int memcmp(const void *a, const void *b, size_t count)
{
    const uint8_t *x = a, *y = b;
    for (; count; count--, x++, y++)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}
