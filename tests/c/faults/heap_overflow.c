/*
 * A deliberate fault for scripts/sanitize.sh: it must be reported by AddressSanitizer as a
 * heap-buffer-overflow, which proves that the sanitizer setup used for the harness and the
 * thread test really detects memory errors. Not a test of the library: never run it expecting
 * success.
 *
 * It copies a handle's message (len bytes and the NUL at ptr[len]) into a heap buffer of
 * exactly len + 1 bytes and then reads one byte past that buffer.
 */
#include "monaca_cloud_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    MonacaError *err = monaca_error_timeout();
    MonacaStr message = monaca_error_message(err);
    char *copy = malloc(message.len + 1);
    volatile char past_the_end;
    if (copy == NULL)
        return 2;
    memcpy(copy, message.ptr, message.len + 1);
    past_the_end = copy[message.len + 1]; /* the fault: one byte past the allocation */
    printf("read %d past the end without a report\n", past_the_end);
    free(copy);
    monaca_error_free(err);
    return 0;
}
