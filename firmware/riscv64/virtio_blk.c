/* virtio-blk on a raw disk image: reads two sectors and checks the test pattern (byte i of the
 * image is (i / 512) * 31 + i % 512, modulo 256), writes sector 2 (byte i = 0xa5 ^ i) and reads it back.
 *
 * boot: -drive file={disk},format=raw,if=none,id=disk0 -device virtio-blk-device,drive=disk0
 * qemu: -global virtio-mmio.force-legacy=false
 * disk: 64K
 * expect: virtio_blk: read sectors 0-1 ok
 * expect: virtio_blk: wrote sector 2 and read it back
 */
#include "virtio.h"

#define SECTOR 512
#define VIRTIO_BLK_T_IN  0
#define VIRTIO_BLK_T_OUT 1

struct virtio_blk_request {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

static struct virtio_dev disk;
static struct virtq queue;
static struct virtio_blk_request header;
static uint8_t buffer[2 * SECTOR] __attribute__((aligned(16)));
static volatile uint8_t status;

static int transfer(uint32_t type, uint64_t sector, void *data, uint32_t length)
{
    header.type = type;
    header.reserved = 0;
    header.sector = sector;
    status = 0xff;
    struct virtq_desc chain[3] = {
        { .addr = (uintptr_t)&header, .len = sizeof header, .flags = 0 },
        { .addr = (uintptr_t)data, .len = length, .flags = type == VIRTIO_BLK_T_IN ? VIRTQ_DESC_F_WRITE : 0 },
        { .addr = (uintptr_t)&status, .len = 1, .flags = VIRTQ_DESC_F_WRITE },
    };
    virtio_submit(&disk, chain, 3);
    while (!virtio_used_pending(&disk)) { }
    virtio_take_used(&disk);
    virtio_ack_interrupt(&disk);
    return status;
}

static uint8_t pattern(uint64_t offset) { return (uint8_t)((offset / SECTOR) * 31 + offset % SECTOR); }

int main(unsigned long hartid, unsigned long fdt)
{
    (void)hartid;
    (void)fdt;
    if (virtio_find(VIRTIO_ID_BLOCK, &disk) != 0) FAIL("virtio_blk: no virtio-blk device (give it a disk with -drive)\n");
    int setup = virtio_setup(&disk, &queue);
    if (setup != 0) FAIL("virtio_blk: setup failed (%d)\n", setup);
    uint64_t capacity = mmio_read32(virtio_config(&disk)) | (uint64_t)mmio_read32(virtio_config(&disk) + 4) << 32;
    fw_printf("virtio_blk: disk in slot %d, capacity %lu sectors\n", disk.slot, capacity);
    CHECK(capacity >= 3);

    CHECK(transfer(VIRTIO_BLK_T_IN, 0, buffer, 2 * SECTOR) == 0);
    for (unsigned i = 0; i < 2 * SECTOR; i++)
        if (buffer[i] != pattern(i)) FAIL("virtio_blk: byte %u reads 0x%x, expected 0x%x\n", i, buffer[i], pattern(i));
    fw_puts("virtio_blk: read sectors 0-1 ok\n");

    for (unsigned i = 0; i < SECTOR; i++) buffer[i] = (uint8_t)(0xa5 ^ i);
    CHECK(transfer(VIRTIO_BLK_T_OUT, 2, buffer, SECTOR) == 0);
    memset(buffer, 0, sizeof buffer);
    CHECK(transfer(VIRTIO_BLK_T_IN, 2, buffer, SECTOR) == 0);
    for (unsigned i = 0; i < SECTOR; i++) CHECK(buffer[i] == (uint8_t)(0xa5 ^ i));
    fw_puts("virtio_blk: wrote sector 2 and read it back\n");
    return 0;
}
