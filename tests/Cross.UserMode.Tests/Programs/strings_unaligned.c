// String and memory functions on buffers at every alignment: glibc's optimised routines use
// word-at-a-time tricks whose edge cases depend on alignment and page boundaries.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash(const unsigned char *p, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

int main(void) {
    static unsigned char buffer[4096 + 64];
    static unsigned char other[4096 + 64];
    uint32_t total = 0;
    for (int offset = 0; offset < 16; offset++) {
        for (int length = 0; length < 80; length += 3) {
            unsigned char *a = buffer + offset;
            unsigned char *b = other + (15 - offset);
            memset(buffer, 'x', sizeof buffer);
            for (int i = 0; i < length; i++) a[i] = (unsigned char)('a' + (i * 7 + offset) % 26);
            a[length] = 0;
            total = total * 31 + (uint32_t)strlen((char *)a);
            strcpy((char *)b, (char *)a);
            total = total * 31 + (uint32_t)strcmp((char *)a, (char *)b);
            total = total * 31 + (uint32_t)(memcmp(a, b, length) == 0);
            char *c = strchr((char *)a, 'q');
            total = total * 31 + (uint32_t)(c ? c - (char *)a : -1);
            char *r = strrchr((char *)a, 'e');
            total = total * 31 + (uint32_t)(r ? r - (char *)a : -1);
            memmove(a + 1, a, length);
            total = total * 31 + hash(a, length + 1);
            void *z = memchr(a, 'z', length);
            total = total * 31 + (uint32_t)(z ? (unsigned char *)z - a : -1);
            total = total * 31 + (uint32_t)strspn((char *)a, "abcdefgh");
            total = total * 31 + (uint32_t)strcspn((char *)a, "mnop");
            strncat((char *)b, "tail", 3);
            total = total * 31 + (uint32_t)strlen((char *)b);
        }
    }
    printf("total %08x\n", total);

    // A string that ends right before an unreadable boundary is not possible to arrange
    // portably here, so end strings at the last byte of a page-aligned buffer instead.
    char *page = aligned_alloc(4096, 8192);
    memset(page, 'k', 8192);
    page[4095] = 0;
    printf("page-end strlen %zu\n", strlen(page + 4000));
    char text[] = "The quick brown fox jumps over the lazy dog";
    char *token, *save = NULL;
    int words = 0;
    for (token = strtok_r(text, " ", &save); token; token = strtok_r(NULL, " ", &save)) words++;
    printf("words %d strstr %ld\n", words, (long)(strstr("haystack with needle inside", "needle") - (char *)0 != 0));
    char formatted[64];
    snprintf(formatted, sizeof formatted, "%08.3f|%-6s|%+d|%x", 3.14159, "ab", 42, 0xbeef);
    printf("%s\n", formatted);
    printf("strtol %ld strtoul %lu strtod %.10g\n", strtol("-12345xyz", NULL, 10), strtoul("ff", NULL, 16), strtod("2.5e-3", NULL));
    free(page);
    return 0;
}
