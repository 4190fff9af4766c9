// File I/O in a temporary directory given as argv[1]: create, write, seek, read back, stat,
// rename, list the directory, unlink, and stdio buffering.
// cross-test: scratch
// cross-test: args {tmp}
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: file_io DIR\n"); return 2; }
    if (chdir(argv[1]) != 0) { perror("chdir"); return 1; }
    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0) { perror("open"); return 1; }
    char block[1000];
    for (int i = 0; i < 1000; i++) block[i] = (char)(i * 13);
    for (int i = 0; i < 50; i++) if (write(fd, block, sizeof block) != sizeof block) return 1;
    printf("size after write %ld\n", (long)lseek(fd, 0, SEEK_END));
    lseek(fd, 12345, SEEK_SET);
    char got[16];
    if (read(fd, got, sizeof got) != sizeof got) return 1;
    printf("byte at 12345: %d %d\n", got[0], got[15]);
    if (pread(fd, got, 4, 49998) != 2) printf("short pread as expected\n");
    struct stat st;
    fstat(fd, &st);
    printf("fstat size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    close(fd);

    FILE *f = fopen("text.txt", "w");
    for (int i = 0; i < 100; i++) fprintf(f, "line %d %s\n", i, i % 2 ? "odd" : "even");
    fclose(f);
    f = fopen("text.txt", "r");
    char line[64];
    int lines = 0, odd = 0;
    while (fgets(line, sizeof line, f)) { lines++; odd += strstr(line, "odd") != NULL; }
    fclose(f);
    printf("lines %d odd %d\n", lines, odd);

    mkdir("sub", 0755);
    rename("text.txt", "sub/moved.txt");
    printf("stat old: %d errno %s\n", stat("text.txt", &st), errno == ENOENT ? "ENOENT" : "other");
    printf("stat new: %d size %lld\n", stat("sub/moved.txt", &st), (long long)st.st_size);
    printf("access: %d\n", access("sub/moved.txt", R_OK));

    DIR *dir = opendir(".");
    char *names[16];
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) && count < 16)
        if (entry->d_name[0] != '.') names[count++] = strdup(entry->d_name);
    closedir(dir);
    qsort(names, count, sizeof names[0], compare);
    for (int i = 0; i < count; i++) printf("entry %s\n", names[i]);

    int pipes[2];
    pipe(pipes);
    write(pipes[1], "through a pipe", 14);
    close(pipes[1]);
    char piped[32] = {0};
    read(pipes[0], piped, sizeof piped - 1);
    close(pipes[0]);
    printf("pipe: %s\n", piped);
    int copy = dup(1);
    dprintf(copy, "dup works\n");
    close(copy);

    unlink("sub/moved.txt");
    rmdir("sub");
    unlink("data.bin");
    printf("cleaned %d\n", access("data.bin", F_OK) != 0);
    printf("missing open: %d errno %d\n", open("nope/none", O_RDONLY), errno);
    return 0;
}
