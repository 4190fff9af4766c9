// Standard input passes through: read lines, echo them upper-cased with their numbers, then
// report EOF; also isatty on a non-terminal and the tcgetattr failure it implies.
// cross-test: stdin first line\nsecond, with more words\n\nlast without newline
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
    char line[256];
    int number = 0;
    while (fgets(line, sizeof line, stdin)) {
        for (char *p = line; *p; p++) *p = (char)toupper((unsigned char)*p);
        printf("%d: %s", ++number, line);
    }
    printf("\nEOF after %d lines, feof %d\n", number, feof(stdin));
    struct termios t;
    printf("isatty(0) %d, tcgetattr %d errno ENOTTY %d\n", isatty(0), tcgetattr(0, &t), errno == ENOTTY);
    return 0;
}
