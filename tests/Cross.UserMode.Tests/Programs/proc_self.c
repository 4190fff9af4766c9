// /proc/self as a guest sees it: exe is the guest binary (not the emulator), maps lists the
// guest's own mappings, fd/N resolves guest descriptors; plus uname and getcwd.
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char exe[PATH_MAX], real[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n < 0 ? 0 : n] = 0;
    realpath(argv[0], real);
    printf("exe is argv[0] %d\n", strcmp(exe, real) == 0);
    int fd = open("/proc/self/exe", O_RDONLY);
    char magic[4] = {0};
    read(fd, magic, 4);
    printf("exe starts with ELF magic %d\n", memcmp(magic, "\177ELF", 4) == 0);
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    n = readlink(link, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    printf("fd link names the exe %d\n", strcmp(target, real) == 0);
    close(fd);

    FILE *maps = fopen("/proc/self/maps", "r");
    char line[512];
    int lines = 0, stack = 0, exe_lines = 0;
    while (maps && fgets(line, sizeof line, maps)) {
        lines++;
        stack += strstr(line, "[stack]") != NULL;
        exe_lines += strstr(line, real) != NULL;
    }
    printf("maps has the stack %d and the executable %d\n", stack == 1, exe_lines > 0);

    struct utsname u;
    uname(&u);
    printf("machine %s sysname %s\n", u.machine, u.sysname);
    char cwd[PATH_MAX];
    printf("getcwd works %d\n", getcwd(cwd, sizeof cwd) != NULL && cwd[0] == '/');
    printf("argc %d\n", argc);
    return 0;
}
