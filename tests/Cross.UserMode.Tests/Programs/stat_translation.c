// struct stat through fstat, stat, lstat and fstatat on a file, a directory, a symlink and
// /dev/null, compared field by field against statx (whose layout is the same on every
// architecture), so any translation slip shows.
// cross-test: scratch
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int check(const char *what, const struct stat *st, const char *path, int flags) {
    struct statx sx;
    if (statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, &sx) != 0) { perror("statx"); return 1; }
    int ok = st->st_ino == sx.stx_ino && st->st_mode == sx.stx_mode && st->st_nlink == sx.stx_nlink &&
             st->st_uid == sx.stx_uid && st->st_gid == sx.stx_gid && st->st_size == (off_t)sx.stx_size &&
             st->st_blocks == (blkcnt_t)sx.stx_blocks && st->st_blksize == (blksize_t)sx.stx_blksize &&
             major(st->st_dev) == sx.stx_dev_major && minor(st->st_dev) == sx.stx_dev_minor &&
             major(st->st_rdev) == sx.stx_rdev_major && minor(st->st_rdev) == sx.stx_rdev_minor &&
             st->st_mtim.tv_sec == sx.stx_mtime.tv_sec && st->st_mtim.tv_nsec == sx.stx_mtime.tv_nsec &&
             st->st_atim.tv_sec == sx.stx_atime.tv_sec && st->st_ctim.tv_nsec == sx.stx_ctime.tv_nsec;
    printf("%-8s matches statx %d, type %o, size %lld\n", what, ok, st->st_mode & S_IFMT,
           S_ISREG(st->st_mode) ? (long long)st->st_size : -1LL);
    return !ok;
}

int main(void) {
    int fd = open("file.bin", O_CREAT | O_WRONLY | O_TRUNC, 0640);
    char buffer[5000];
    memset(buffer, 'x', sizeof buffer);
    write(fd, buffer, sizeof buffer);
    struct stat st;
    int bad = 0;
    fstat(fd, &st);
    bad += check("fstat", &st, "file.bin", 0);
    printf("mode bits %o\n", st.st_mode & 0777 & ~0022);
    close(fd);
    mkdir("dir", 0755);
    stat("dir", &st);
    bad += check("dir", &st, "dir", 0);
    symlink("file.bin", "link");
    lstat("link", &st);
    bad += check("lstat", &st, "link", AT_SYMLINK_NOFOLLOW);
    stat("link", &st);
    bad += check("stat", &st, "link", 0);
    fstatat(AT_FDCWD, "/dev/null", &st, 0);
    bad += check("devnull", &st, "/dev/null", 0);
    printf("devnull is char device %d, rdev %u:%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    printf("missing: %d\n", stat("nothing-here", &st));
    return bad;
}
