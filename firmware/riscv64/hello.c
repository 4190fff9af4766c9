/* The smallest firmware: greets on the UART and powers off through the test finisher.
 *
 * expect: Hello from Cross firmware on hart 0
 */
#include "fw.h"

int main(unsigned long hartid, unsigned long fdt)
{
    fw_printf("Hello from Cross firmware on hart %lu (device tree at 0x%lx)\n", hartid, fdt);
    CHECK(fdt != 0 && mmio_read32(fdt) == 0xedfe0dd0); /* the FDT magic, big-endian in memory */
    return 0;
}
