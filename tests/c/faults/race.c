/*
 * A deliberate data race for scripts/tsan.sh: ThreadSanitizer (with the options the script
 * uses for the thread test) must report it, which proves that the TSan setup used for the
 * thread test really detects races, in the library's own code as well as in the program's.
 * Not a test of the library: never run it expecting success.
 *
 * A reader thread reads a shared handle through the library while main frees it, with
 * nothing ordering the two: a relaxed atomic flag makes main wait until the reader is done (so
 * the program never touches freed memory and would seem to work), but a relaxed store and load
 * create no happens-before edge. The free (a write to the handle's memory) then races with
 * the reader's earlier reads inside the library, whatever the scheduling: TSan reports it every
 * run. The same handle's code is also incremented by both threads in a plain C counter, a
 * second race that lies wholly in this program.
 */
#include "monaca_cloud_error.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static MonacaError *shared;
static int64_t codes_seen; /* written by both threads, unsynchronised: the second race */
static int read_done;      /* only ever accessed with relaxed atomics: orders nothing */

static void *reader(void *arg)
{
    (void)arg;
    codes_seen += monaca_error_code(shared);
    (void)monaca_error_message(shared);
    __atomic_store_n(&read_done, 1, __ATOMIC_RELAXED);
    return NULL;
}

int main(void)
{
    pthread_t thread;
    shared = monaca_error_timeout();
    if (shared == NULL || pthread_create(&thread, NULL, reader, NULL) != 0)
        return 2;
    while (!__atomic_load_n(&read_done, __ATOMIC_RELAXED))
        ; /* spin: the reader is done in time, though nothing says so to TSan */
    codes_seen += monaca_error_code(shared);
    monaca_error_free(shared); /* the race: the reader's reads happened-before nothing */
    shared = NULL;
    pthread_join(thread, NULL);
    printf("codes seen: %lld, with no report\n", (long long)codes_seen);
    return 0;
}
