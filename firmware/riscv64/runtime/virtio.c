#include "virtio.h"

#define MMIO_MAGIC            0x000
#define MMIO_VERSION          0x004
#define MMIO_DEVICE_ID        0x008
#define MMIO_DEVICE_FEATURES  0x010
#define MMIO_DEVICE_FEAT_SEL  0x014
#define MMIO_DRIVER_FEATURES  0x020
#define MMIO_DRIVER_FEAT_SEL  0x024
#define MMIO_QUEUE_SEL        0x030
#define MMIO_QUEUE_NUM_MAX    0x034
#define MMIO_QUEUE_NUM        0x038
#define MMIO_QUEUE_READY      0x044
#define MMIO_QUEUE_NOTIFY     0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK    0x064
#define MMIO_STATUS           0x070
#define MMIO_QUEUE_DESC       0x080
#define MMIO_QUEUE_DRIVER     0x090
#define MMIO_QUEUE_DEVICE     0x0A0

#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER      2
#define STATUS_DRIVER_OK   4
#define STATUS_FEATURES_OK 8

static uint32_t reg(struct virtio_dev *dev, unsigned offset) { return mmio_read32(dev->base + offset); }
static void set_reg(struct virtio_dev *dev, unsigned offset, uint32_t value) { mmio_write32(dev->base + offset, value); }

static void set_address(struct virtio_dev *dev, unsigned offset, const void *address)
{
    set_reg(dev, offset, (uint32_t)(uintptr_t)address);
    set_reg(dev, offset + 4, (uint32_t)((uintptr_t)address >> 32));
}

int virtio_find(uint32_t device_id, struct virtio_dev *dev)
{
    for (int slot = 0; slot < VIRTIO_SLOTS; slot++) {
        uintptr_t base = VIRTIO_BASE + VIRTIO_STRIDE * slot;
        if (mmio_read32(base + MMIO_MAGIC) != 0x74726976) continue;
        if (mmio_read32(base + MMIO_DEVICE_ID) != device_id) continue;
        dev->base = base;
        dev->slot = slot;
        return 0;
    }
    return -1;
}

int virtio_setup(struct virtio_dev *dev, struct virtq *queue)
{
    if (reg(dev, MMIO_VERSION) != 2) {
        fw_printf("virtio: transport version %u; only version 2 (modern) is supported\n", reg(dev, MMIO_VERSION));
        return -1;
    }
    set_reg(dev, MMIO_STATUS, 0);
    set_reg(dev, MMIO_STATUS, STATUS_ACKNOWLEDGE);
    set_reg(dev, MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    set_reg(dev, MMIO_DEVICE_FEAT_SEL, 1);
    if (!(reg(dev, MMIO_DEVICE_FEATURES) & 1)) return -2; /* VERSION_1 is feature bit 32 */
    set_reg(dev, MMIO_DRIVER_FEAT_SEL, 0);
    set_reg(dev, MMIO_DRIVER_FEATURES, 0);
    set_reg(dev, MMIO_DRIVER_FEAT_SEL, 1);
    set_reg(dev, MMIO_DRIVER_FEATURES, 1);
    set_reg(dev, MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    if (!(reg(dev, MMIO_STATUS) & STATUS_FEATURES_OK)) return -3;

    memset(queue, 0, sizeof *queue);
    set_reg(dev, MMIO_QUEUE_SEL, 0);
    if (reg(dev, MMIO_QUEUE_NUM_MAX) < VIRTQ_SIZE) return -4;
    set_reg(dev, MMIO_QUEUE_NUM, VIRTQ_SIZE);
    set_address(dev, MMIO_QUEUE_DESC, queue->desc);
    set_address(dev, MMIO_QUEUE_DRIVER, &queue->avail);
    set_address(dev, MMIO_QUEUE_DEVICE, &queue->used);
    set_reg(dev, MMIO_QUEUE_READY, 1);
    dev->queue = queue;
    set_reg(dev, MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    return 0;
}

void virtio_submit(struct virtio_dev *dev, const struct virtq_desc *chain, int count)
{
    struct virtq *q = dev->queue;
    for (int i = 0; i < count; i++) {
        q->desc[i] = chain[i];
        if (i + 1 < count) {
            q->desc[i].flags |= VIRTQ_DESC_F_NEXT;
            q->desc[i].next = (uint16_t)(i + 1);
        }
    }
    q->avail.ring[q->avail.idx % VIRTQ_SIZE] = 0;
    fence();
    q->avail.idx++;
    fence();
    set_reg(dev, MMIO_QUEUE_NOTIFY, 0);
}

int virtio_used_pending(struct virtio_dev *dev)
{
    fence();
    return *(volatile uint16_t *)&dev->queue->used.idx != dev->queue->last_used;
}

uint32_t virtio_take_used(struct virtio_dev *dev)
{
    struct virtq *q = dev->queue;
    uint32_t length = *(volatile uint32_t *)&q->used.ring[q->last_used % VIRTQ_SIZE].len;
    q->last_used++;
    return length;
}

uint32_t virtio_ack_interrupt(struct virtio_dev *dev)
{
    uint32_t status = reg(dev, MMIO_INTERRUPT_STATUS);
    set_reg(dev, MMIO_INTERRUPT_ACK, status);
    return status;
}
