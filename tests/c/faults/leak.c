/*
 * A deliberate leak for scripts/sanitize.sh: valgrind memcheck (with the options the script
 * uses for the harness and the thread test) must report it as "definitely lost" and exit
 * non-zero, which proves that the memcheck setup really detects leaks. Not a test of the
 * library: never run it expecting success.
 *
 * It makes a handle and never frees it, and mallocs a buffer without freeing it. The pointers
 * live only in the (dead) frames of leak_both() and the calls it made, which scrub_stack()
 * overwrites, so nothing reaches them at exit. scrub_stack() is not instrumented by ASan: its
 * array must lie flat over those frames, with no redzones left unwritten in between (a stale
 * copy of a pointer there would make the leak look reachable).
 */
#include "monaca_cloud_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void leak_both(void)
{
    MonacaError *volatile err = monaca_error_timeout();
    char *volatile buffer = malloc(64);
    if (buffer != NULL)
        memset(buffer, 'x', 64);
    printf("made handle %s and a buffer, freed neither\n", err != NULL ? "ok" : "NULL");
    /* Drop this frame's own copies: where they sit depends on the frame layout ASan chooses,
       which scrub_stack() cannot be relied on to overwrite. */
    err = NULL;
    buffer = NULL;
}

__attribute__((noinline, no_sanitize_address)) static void scrub_stack(void)
{
    volatile char scratch[65536];
    memset((char *)scratch, 0, sizeof scratch);
}

int main(void)
{
    leak_both();
    /* The library's own frames may keep a stale copy of the leaked handle's address (ASan can
       place them on its heap-allocated fake stack, which scrub_stack() does not reach): the
       same call again overwrites that slot with a handle that is then freed. */
    monaca_error_free(monaca_error_timeout());
    scrub_stack();
    printf("live handles at exit: %lu\n", (unsigned long)monaca_error_live_count());
    return 0;
}
