// argv, envp and auxv as the kernel lays them out.
// cross-test: args one "two words" '' --not-an-option
// cross-test: env CROSS_TEST_VALUE=forty two
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

int main(int argc, char **argv, char **envp) {
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = '%s' (%zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    printf("environ matches envp %d\n", environ == envp);
    const char *value = getenv("CROSS_TEST_VALUE");
    printf("CROSS_TEST_VALUE=%s\n", value ? value : "(unset)");
    printf("HOME set %d\n", getenv("HOME") != NULL);
    setenv("ADDED", "yes", 1);
    printf("ADDED=%s\n", getenv("ADDED"));
    printf("pagesz %lu\n", getauxval(AT_PAGESZ));
    printf("random aligned %d\n", getauxval(AT_RANDOM) != 0);
    printf("entry set %d phdr set %d\n", getauxval(AT_ENTRY) != 0, getauxval(AT_PHDR) != 0);
    return argc;
}
