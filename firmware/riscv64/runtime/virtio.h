/* A minimal virtio-mmio (version 2, "modern") driver: one split virtqueue, polled or interrupt-driven. */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "fw.h"

#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_ENTROPY 4

#define VIRTQ_DESC_F_NEXT  1
#define VIRTQ_DESC_F_WRITE 2
#define VIRTQ_SIZE 8

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct virtq {
    struct virtq_desc desc[VIRTQ_SIZE];
    struct {
        uint16_t flags;
        uint16_t idx;
        uint16_t ring[VIRTQ_SIZE];
        uint16_t used_event;
    } avail __attribute__((aligned(2)));
    struct {
        uint16_t flags;
        uint16_t idx;
        struct { uint32_t id; uint32_t len; } ring[VIRTQ_SIZE];
        uint16_t avail_event;
    } used __attribute__((aligned(4)));
    uint16_t last_used;
} __attribute__((aligned(16)));

struct virtio_dev {
    uintptr_t base;
    int slot; /* virtio-mmio slot; its PLIC source is slot + 1 on the virt board */
    struct virtq *queue;
};

/* Finds the first transport with a device of this ID; returns 0 when found. */
int virtio_find(uint32_t device_id, struct virtio_dev *dev);
/* Resets the device, negotiates VERSION_1 only and sets up queue 0; returns 0 on success. */
int virtio_setup(struct virtio_dev *dev, struct virtq *queue);
/* Queues descriptors 0..count-1 as one chain (NEXT flags are filled in) and notifies queue 0. */
void virtio_submit(struct virtio_dev *dev, const struct virtq_desc *chain, int count);
/* Whether the device has returned a chain since the last virtio_take_used. */
int virtio_used_pending(struct virtio_dev *dev);
/* Takes the next used element; returns its length. */
uint32_t virtio_take_used(struct virtio_dev *dev);
/* Reads and acknowledges InterruptStatus; returns what it was. */
uint32_t virtio_ack_interrupt(struct virtio_dev *dev);
/* Device-specific configuration space, from offset 0x100. */
static inline uintptr_t virtio_config(struct virtio_dev *dev) { return dev->base + 0x100; }

#endif
