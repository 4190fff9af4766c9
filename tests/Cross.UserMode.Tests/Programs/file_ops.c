// Less common file calls: readv/writev, pread/pwrite, O_APPEND, ftruncate, fcntl flags and
// FD_CLOEXEC, dup2 onto stdout, lseek SEEK_END/SEEK_CUR, access, unlinkat, renameat.
// cross-test: scratch
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
    int fd = open("v.txt", O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
    struct iovec out[3] = { { "alpha ", 6 }, { "beta ", 5 }, { "gamma\n", 6 } };
    printf("writev %zd\n", writev(fd, out, 3));
    char a[6] = {0}, b[5] = {0}, c[7] = {0};
    struct iovec in[3] = { { a, 5 }, { b, 4 }, { c, 6 } };
    lseek(fd, 0, SEEK_SET);
    printf("readv %zd: [%s][%s][%s]\n", readv(fd, in, 3), a, b, c);
    printf("pwrite %zd pread ", pwrite(fd, "BETA", 4, 6));
    char p[5] = {0};
    pread(fd, p, 4, 6);
    printf("%s, offset still %ld\n", p, (long)lseek(fd, 0, SEEK_CUR));
    printf("FD_CLOEXEC %d, O_RDWR %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC, (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    fcntl(fd, F_SETFD, 0);
    printf("FD_CLOEXEC cleared %d\n", fcntl(fd, F_GETFD) == 0);
    ftruncate(fd, 3);
    struct stat st;
    fstat(fd, &st);
    printf("truncated size %lld, end %ld\n", (long long)st.st_size, (long)lseek(fd, 0, SEEK_END));
    close(fd);

    fd = open("v.txt", O_WRONLY | O_APPEND);
    write(fd, "++", 2);
    close(fd);
    fd = open("v.txt", O_RDONLY);
    char all[16] = {0};
    read(fd, all, sizeof all - 1);
    printf("after append: %s\n", all);
    close(fd);

    printf("renameat %d, access old %d new %d\n", renameat(AT_FDCWD, "v.txt", AT_FDCWD, "w.txt"), access("v.txt", F_OK), access("w.txt", R_OK | W_OK));
    printf("unlinkat dir without flag %d errno EISDIR/EPERM %d\n", (mkdir("d", 0700), unlinkat(AT_FDCWD, "d", 0)), errno == EISDIR || errno == EPERM);
    printf("unlinkat AT_REMOVEDIR %d\n", unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
    printf("close(-1) %d EBADF %d\n", close(-1), errno == EBADF);

    fflush(stdout);
    int saved = dup(1);
    fd = open("redirected", O_CREAT | O_WRONLY | O_TRUNC, 0600);
    dup2(fd, 1);
    printf("this goes to the file\n");
    fflush(stdout);
    dup2(saved, 1);
    close(fd);
    fd = open("redirected", O_RDONLY);
    char text[64] = {0};
    read(fd, text, sizeof text - 1);
    printf("redirected text: %s", text);
    return 0;
}
