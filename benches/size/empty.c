/* The baseline of benches/size.sh: a C program that links nothing of the library. */
#include <stdio.h>

int main(void) {
    printf("%d\n", 0);
    return 0;
}
