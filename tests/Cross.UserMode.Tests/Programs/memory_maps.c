// mmap, munmap, mprotect and mremap as a program sees them: fresh pages are zero, protections
// hold (a write to a read-only page raises SIGSEGV with si_code SEGV_ACCERR at the right
// address), unmapped pages give SEGV_MAPERR, mremap keeps contents, brk grows the heap.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf back;
static void *fault_address;
static int fault_code;

static void on_segv(int signo, siginfo_t *info, void *context) {
    (void)signo; (void)context;
    fault_address = info->si_addr;
    fault_code = info->si_code;
    siglongjmp(back, 1);
}

static int faults(volatile char *p, int write) {
    fault_address = 0;
    if (sigsetjmp(back, 1) == 0) {
        if (write) *p = 1; else (void)*p;
        return 0;
    }
    return 1;
}

int main(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &action, NULL);

    long page = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", page);
    char *p = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int zero = 1;
    for (long i = 0; i < 4 * page; i++) zero &= p[i] == 0;
    printf("fresh pages zero %d, aligned %d\n", zero, ((uintptr_t)p % page) == 0);
    memset(p, 0x5A, 4 * page);

    mprotect(p + page, page, PROT_READ);
    printf("read of read-only page faults %d\n", faults(p + page + 8, 0));
    printf("write to read-only page faults %d at offset %ld code %s\n", faults(p + page + 8, 1),
           (long)((char *)fault_address - p), fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    mprotect(p + 2 * page, page, PROT_NONE);
    printf("read of PROT_NONE page faults %d code %s\n", faults(p + 2 * page, 0), fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other");
    munmap(p + 3 * page, page);
    printf("read of unmapped page faults %d at offset %ld code %s\n", faults(p + 3 * page + 100, 0),
           (long)((char *)fault_address - p), fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other");

    char *q = mremap(p, page, 16 * page, MREMAP_MAYMOVE);
    printf("mremap kept contents %d, new tail zero %d\n", q[0] == 0x5A && q[page - 1] == 0x5A, q[16 * page - 1] == 0);
    printf("munmap of unaligned address fails %d\n", munmap(q + 1, page) != 0);

    char *heap = sbrk(0);
    if (sbrk(3 * page) == (void *)-1) return 1;
    heap[3 * page - 1] = 7;
    printf("brk grew %d\n", sbrk(0) == heap + 3 * page);
    char *fixed = mmap((void *)0x200000000, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED honoured %d\n", fixed == (void *)0x200000000);
    char *again = mmap((void *)0x200000000, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    // Linux refuses (MAP_FAILED, EEXIST); qemu-user 7.2 treats the address as a hint. Either way not there.
    printf("MAP_FIXED_NOREPLACE did not replace %d\n", again != fixed);
    return 0;
}
