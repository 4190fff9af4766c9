// Memory: walking a linked list laid out in a random permutation (cache- and TLB-hostile).
#include "common.h"

struct node { struct node *next; uint64_t value; };

int main(int argc, char **argv) {
    long steps = 400000L * scale_from(argc, argv, 10);
    long n = 1 << 18;
    struct node *nodes = malloc(n * sizeof *nodes);
    long *order = malloc(n * sizeof *order);
    for (long i = 0; i < n; i++) order[i] = i;
    for (long i = n - 1; i > 0; i--) { long j = mix64(i) % (i + 1); long t = order[i]; order[i] = order[j]; order[j] = t; }
    for (long i = 0; i < n; i++) { nodes[order[i]].next = &nodes[order[(i + 1) % n]]; nodes[i].value = mix64(i) & 0xFFFF; }
    struct node *p = &nodes[order[0]];
    uint64_t sum = 0;
    for (long s = 0; s < steps; s++) { sum += p->value; p = p->next; }
    printf("pointer_chase %llu\n", (unsigned long long)sum);
    return 0;
}
