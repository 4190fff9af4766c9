// Integer: our own quicksort and merge sort of pseudo-random keys.
#include "common.h"
#include <string.h>

static void quicksort(int64_t *a, long lo, long hi) {
    while (lo < hi) {
        int64_t pivot = a[(lo + hi) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int64_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}

static void merge_sort(uint32_t *a, uint32_t *tmp, long n) {
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

int main(int argc, char **argv) {
    long n = 20000L * scale_from(argc, argv, 10);
    int64_t *keys = malloc(n * sizeof *keys);
    uint32_t *small = malloc(n * sizeof *small), *tmp = malloc(n * sizeof *tmp);
    for (long i = 0; i < n; i++) { keys[i] = (int64_t)mix64(i); small[i] = (uint32_t)mix64(i * 7 + 1); }
    quicksort(keys, 0, n - 1);
    merge_sort(small, tmp, n);
    uint64_t sum = 0;
    for (long i = 0; i < n; i += 97) sum = sum * 31 + (uint64_t)keys[i] + small[i];
    for (long i = 1; i < n; i++) if (keys[i - 1] > keys[i] || small[i - 1] > small[i]) return 1;
    printf("sort %016llx\n", (unsigned long long)sum);
    return 0;
}
