// qsort and bsearch over integers, doubles and strings, with a checked result.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int by_double_desc(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}
static int by_string(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    enum { N = 50000 };
    static int numbers[N];
    static double reals[N];
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        numbers[i] = (int)(seed >> 1) - (1 << 30);
        reals[i] = (double)(seed % 100000) / 7.0 - 5000.0;
    }
    qsort(numbers, N, sizeof numbers[0], by_int);
    qsort(reals, N, sizeof reals[0], by_double_desc);
    for (int i = 1; i < N; i++) {
        if (numbers[i - 1] > numbers[i]) { printf("int order broken at %d\n", i); return 1; }
        if (reals[i - 1] < reals[i]) { printf("double order broken at %d\n", i); return 1; }
    }
    long long sum = 0;
    for (int i = 0; i < N; i += 997) sum += numbers[i];
    printf("min %d max %d sample-sum %lld\n", numbers[0], numbers[N - 1], sum);
    printf("reals %.6f %.6f %.6f\n", reals[0], reals[N / 2], reals[N - 1]);
    int key = numbers[N / 3];
    int *found = bsearch(&key, numbers, N, sizeof numbers[0], by_int);
    printf("bsearch %s\n", found && *found == key ? "found" : "missing");

    char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape",
                     "kiwi", "lemon", "mango", "nectarine", "orange", "papaya", "quince", "apple"};
    int count = sizeof words / sizeof words[0];
    qsort(words, count, sizeof words[0], by_string);
    for (int i = 0; i < count; i++) printf("%s%c", words[i], i + 1 < count ? ' ' : '\n');
    return 0;
}
