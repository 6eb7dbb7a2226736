/*
 * Thread test for the C ABI of monaca-cloud-error (include/monaca_cloud_error.h).
 *
 * The header promises that any number of threads may read one handle at once, and that the
 * lazily built JSON form is built exactly once whichever thread asks first. This test:
 *
 *   - makes one shared handle (a -32602 error with several parameters, a nested parameter and
 *     data) per "generation", and lets 8 reader threads loose on it at the same moment (a
 *     barrier): each first asks for the JSON form (so they race to build it), then reads every
 *     accessor many times, recording each text's pointer, length and bytes into a "dump";
 *   - checks that every round of every reader gives the very same dump (same bytes, same
 *     pointers: the JSON form is one buffer for all threads), and that the dump says what the
 *     body says;
 *   - meanwhile 3 churner threads parse, make and free handles of their own in a loop, until
 *     the readers are done (within a bound on rounds);
 *   - at the end, once every handle is freed, the live count is zero.
 *
 * Usage: threads [SCALE]   (SCALE >= 1 multiplies the rounds; the default of 1 finishes in
 * well under a second natively and in seconds under ASan or valgrind).
 * Prints "N passed, N failed" and exits 1 when any check failed.
 *
 * Ownership: the shared handle of a generation is made and freed by main(), only while no
 * reader uses it (between the two barriers); every churner frees what it makes.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */

#include "monaca_cloud_error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READERS 8
#define CHURNERS 3
#define GENERATIONS 100
#define DUMP_SIZE 8192

static const char SHARED_BODY[] =
    "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":{\"code\":-32602,\"message\":\"Invalid params\","
    "\"data\":{\"collectionName\":\"Collection not found.\","
    "\"criteria\":[\"Unknown field \\\"agee\\\".\",\"Use a number for age.\",42],"
    "\"properties\":{\"age\":\"Must be between 0 and 150.\",\"name\":{\"first\":\"Required.\"}},"
    "\"tags\":{},\"note\":null,\"city\":\"\xe6\x9d\xb1\xe4\xba\xac \\u00e9\"}}}";

/* What the shared handle must say, param by param (name, message count, first message). */
static const struct {
    const char *name;
    size_t messages;
    const char *first;
} EXPECTED_PARAMS[] = {
    {"collectionName", 1, "Collection not found."},
    {"criteria", 3, "Unknown field \"agee\"."},
    {"properties.age", 1, "Must be between 0 and 150."},
    {"properties.name.first", 1, "Required."},
    {"tags", 0, ""},
    {"note", 1, "null"},
    {"city", 1, "\xe6\x9d\xb1\xe4\xba\xac \xc3\xa9"},
};
#define EXPECTED_PARAM_COUNT (sizeof EXPECTED_PARAMS / sizeof EXPECTED_PARAMS[0])

/* ---- a dump: every answer of a handle, texts with their pointers --------------------------- */

typedef struct {
    char bytes[DUMP_SIZE];
    size_t len;
    int broken; /* a MonacaStr without its NUL or with a NULL ptr, or the dump overflowed */
} Dump;

static void put(Dump *d, const void *p, size_t n)
{
    if (d->len + n > sizeof d->bytes) {
        d->broken = 1;
        return;
    }
    memcpy(d->bytes + d->len, p, n);
    d->len += n;
}

static void put_size(Dump *d, size_t v) { put(d, &v, sizeof v); }

/* A text's pointer, length and bytes: two dumps are equal only if both the bytes and the
 * memory they are lent from are the same. */
static void put_str(Dump *d, MonacaStr s)
{
    if (s.ptr == NULL || s.ptr[s.len] != '\0') {
        d->broken = 1;
        return;
    }
    put(d, &s.ptr, sizeof s.ptr);
    put_size(d, s.len);
    put(d, s.ptr, s.len);
}

static void dump_handle(Dump *d, const MonacaError *err)
{
    size_t i, m, count;
    int64_t code = monaca_error_code(err);
    MonacaErrorKind kind = monaca_error_kind(err);
    int has_data = monaca_error_has_data(err) ? 1 : 0;

    d->len = 0;
    d->broken = 0;
    /* The JSON form first, as the readers race on it. */
    put_str(d, monaca_error_to_json(err));
    put(d, &code, sizeof code);
    put(d, &kind, sizeof kind);
    put(d, &has_data, sizeof has_data);
    put_str(d, monaca_error_message(err));
    put_str(d, monaca_error_name(err));
    put_str(d, monaca_error_detail(err));
    put_str(d, monaca_error_data_json(err));
    count = monaca_error_param_count(err);
    put_size(d, count);
    for (i = 0; i <= count; i++) { /* i == count: out of range, must be "" and 0 */
        size_t messages = monaca_error_param_message_count(err, i);
        MonacaStr name = monaca_error_param_name(err, i);
        put_str(d, name);
        put_size(d, messages);
        for (m = 0; m <= messages; m++)
            put_str(d, monaca_error_param_message(err, i, m));
        put_str(d, monaca_error_first_message_for(err, name.ptr, name.len));
    }
    put_str(d, monaca_error_param_name(err, (size_t)-1));
    put_str(d, monaca_error_first_message_for(err, "no such param", 13));
    put_str(d, monaca_error_first_message_for(err, NULL, 5));
}

/* ---- checks ----------------------------------------------------------------------------- */

static int passed;
static int failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static int str_is(MonacaStr s, const char *want)
{
    size_t n = strlen(want);
    return s.ptr != NULL && s.len == n && memcmp(s.ptr, want, n) == 0 && s.ptr[n] == '\0';
}

/* Checks that the shared handle says what SHARED_BODY says (on the main thread). */
static void check_shared_contents(const MonacaError *err)
{
    static const char json_head[] = "{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{";
    MonacaStr json = monaca_error_to_json(err);
    size_t i, ok = 1;

    check(monaca_error_code(err) == -32602, "shared: code is -32602");
    check(monaca_error_kind(err) == MONACA_KIND_JSON_RPC, "shared: kind is JSON-RPC");
    check(str_is(monaca_error_message(err), "Invalid params"), "shared: message");
    check(str_is(monaca_error_name(err), "INVALID_PARAMS"), "shared: name");
    check(str_is(monaca_error_detail(err), ""), "shared: no detail");
    check(monaca_error_has_data(err), "shared: has data");
    check(json.ptr != NULL && json.len > sizeof json_head &&
              memcmp(json.ptr, json_head, sizeof json_head - 1) == 0 && json.ptr[json.len] == '\0',
          "shared: JSON form starts with code, message and data");
    check(monaca_error_param_count(err) == EXPECTED_PARAM_COUNT, "shared: param count");
    for (i = 0; i < EXPECTED_PARAM_COUNT && i < monaca_error_param_count(err); i++) {
        MonacaStr first = monaca_error_first_message_for(err, EXPECTED_PARAMS[i].name,
                                                         strlen(EXPECTED_PARAMS[i].name));
        ok &= str_is(monaca_error_param_name(err, i), EXPECTED_PARAMS[i].name);
        ok &= monaca_error_param_message_count(err, i) == EXPECTED_PARAMS[i].messages;
        ok &= str_is(first, EXPECTED_PARAMS[i].first);
    }
    check(ok != 0, "shared: every param's name, message count and first message");
}

/* ---- threads ---------------------------------------------------------------------------- */

static pthread_barrier_t start_all;  /* everyone, once: churners start with the readers */
static pthread_barrier_t gen_start;  /* readers + main: the generation's handle is ready */
static pthread_barrier_t gen_end;    /* readers + main: the readers are done with it */
static MonacaError *shared;          /* written by main only between gen_end and gen_start */
static int scale = 1;
/* Set by main once the readers are done; the churners run until then (within bounds), so that
 * they overlap the readers' generations. */
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;
static int stop;

static int should_stop(void)
{
    int value;
    pthread_mutex_lock(&stop_lock);
    value = stop;
    pthread_mutex_unlock(&stop_lock);
    return value;
}

typedef struct {
    Dump first;     /* the first round's dump of this generation */
    Dump current;
    int mismatches; /* rounds whose dump differed from the first, over all generations */
    int broken;     /* dumps with a malformed text */
} Reader;

static void *reader_main(void *arg)
{
    Reader *r = arg;
    int gen, round;
    pthread_barrier_wait(&start_all);
    for (gen = 0; gen < GENERATIONS; gen++) {
        pthread_barrier_wait(&gen_start);
        /* All readers leave the barrier together and ask for the JSON form first. */
        dump_handle(&r->first, shared);
        r->broken += r->first.broken;
        for (round = 0; round < 40 * scale; round++) {
            dump_handle(&r->current, shared);
            r->broken += r->current.broken;
            if (r->current.len != r->first.len ||
                memcmp(r->current.bytes, r->first.bytes, r->first.len) != 0)
                r->mismatches++;
        }
        pthread_barrier_wait(&gen_end);
    }
    return NULL;
}

typedef struct {
    int id;
    int failures;
    int made;
} Churner;

/* One made handle checked: the expected code, a JSON form that starts right, then freed. */
static void churn_one(Churner *c, MonacaError *err, int64_t code)
{
    char head[64];
    MonacaStr json;
    int n;
    if (err == NULL) {
        c->failures++;
        return;
    }
    c->made++;
    n = snprintf(head, sizeof head, "{\"code\":%lld,", (long long)code);
    json = monaca_error_to_json(err);
    if (monaca_error_code(err) != code || json.ptr == NULL || json.ptr[json.len] != '\0' ||
        json.len < (size_t)n || memcmp(json.ptr, head, (size_t)n) != 0)
        c->failures++;
    if (monaca_error_message(err).ptr == NULL || monaca_error_detail(err).ptr == NULL)
        c->failures++;
    monaca_error_free(err);
}

static void *churner_main(void *arg)
{
    static const char success[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"items\":[1,2,3]}}";
    static const char garbage[] = "<html>502</html>";
    static const char data[] = "{\"limit\":100,\"used\":[100,\"photos\"]}";
    Churner *c = arg;
    int round;
    pthread_barrier_wait(&start_all);
    /* At least 60 rounds, then on until the readers are done, but at most 2000 (valgrind runs
     * threads one at a time, and the readers must not starve). */
    for (round = 0; round < 2000 * scale && (round < 60 * scale || !should_stop()); round++) {
        MonacaError *err = NULL;
        switch ((round + c->id) % 6) {
        case 0:
            if (monaca_error_from_response(200, (const uint8_t *)SHARED_BODY,
                                           sizeof SHARED_BODY - 1, &err) != MONACA_STATUS_OK ||
                monaca_error_param_count(err) != EXPECTED_PARAM_COUNT)
                c->failures++;
            churn_one(c, err, -32602);
            break;
        case 1:
            if (monaca_error_from_response(200, (const uint8_t *)success, sizeof success - 1,
                                           &err) != MONACA_STATUS_OK || err != NULL) {
                c->failures++;
                monaca_error_free(err);
            }
            break;
        case 2:
            if (monaca_error_from_response(200, (const uint8_t *)garbage, sizeof garbage - 1,
                                           &err) != MONACA_STATUS_OK)
                c->failures++;
            churn_one(c, err, -12);
            break;
        case 3:
            if (monaca_error_from_response(503, (const uint8_t *)garbage, sizeof garbage - 1,
                                           &err) != MONACA_STATUS_OK)
                c->failures++;
            churn_one(c, err, -13);
            break;
        case 4:
            if (monaca_error_new(10001, "quota", 5, data, sizeof data - 1, &err) !=
                MONACA_STATUS_OK)
                c->failures++;
            churn_one(c, err, 10001);
            break;
        default:
            churn_one(c, monaca_error_timeout(), -11);
            break;
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t readers[READERS], churners[CHURNERS];
    static Reader reader_state[READERS];
    Churner churner_state[CHURNERS];
    static Dump reference;
    int i, gen, mismatches = 0, broken = 0, churn_failures = 0, churned = 0, same_json = 1;

    if (argc > 1)
        scale = atoi(argv[1]);
    if (scale < 1) {
        fprintf(stderr, "usage: %s [SCALE >= 1]\n", argv[0]);
        return 2;
    }
    check(monaca_error_live_count() == 0, "no live handle at the start");

    pthread_barrier_init(&start_all, NULL, READERS + CHURNERS + 1);
    pthread_barrier_init(&gen_start, NULL, READERS + 1);
    pthread_barrier_init(&gen_end, NULL, READERS + 1);
    for (i = 0; i < READERS; i++)
        if (pthread_create(&readers[i], NULL, reader_main, &reader_state[i]) != 0)
            return 1;
    for (i = 0; i < CHURNERS; i++) {
        churner_state[i].id = i;
        churner_state[i].failures = 0;
        churner_state[i].made = 0;
        if (pthread_create(&churners[i], NULL, churner_main, &churner_state[i]) != 0)
            return 1;
    }
    pthread_barrier_wait(&start_all);

    for (gen = 0; gen < GENERATIONS; gen++) {
        MonacaStatus status = monaca_error_from_response(
            200, (const uint8_t *)SHARED_BODY, sizeof SHARED_BODY - 1, &shared);
        if (status != MONACA_STATUS_OK || shared == NULL) {
            printf("FAIL generation %d: parsing the shared body gave status %d\n", gen, status);
            return 1; /* the readers would read NULL: nothing sensible left to test */
        }
        pthread_barrier_wait(&gen_start);
        pthread_barrier_wait(&gen_end);
        /* The readers are done: compare what each saw with the others and with main's view. */
        dump_handle(&reference, shared);
        broken += reference.broken;
        for (i = 0; i < READERS; i++) {
            Reader *r = &reader_state[i];
            if (r->first.len != reference.len ||
                memcmp(r->first.bytes, reference.bytes, reference.len) != 0)
                same_json = 0;
        }
        if (gen == 0)
            check_shared_contents(shared);
        monaca_error_free(shared);
        shared = NULL;
    }
    for (i = 0; i < READERS; i++) {
        pthread_join(readers[i], NULL);
        mismatches += reader_state[i].mismatches;
        broken += reader_state[i].broken;
    }
    pthread_mutex_lock(&stop_lock);
    stop = 1;
    pthread_mutex_unlock(&stop_lock);
    for (i = 0; i < CHURNERS; i++) {
        pthread_join(churners[i], NULL);
        churn_failures += churner_state[i].failures;
        churned += churner_state[i].made;
    }

    check(broken == 0, "every text had a non-NULL ptr and a NUL at ptr[len]");
    check(same_json, "every reader saw the same bytes at the same addresses as main, "
                     "JSON form included (built once)");
    check(mismatches == 0, "every round of every reader saw the same dump");
    check(churn_failures == 0, "churners: every parse, new and timeout gave what it should");
    check(churned > 0, "churners made handles");
    check(monaca_error_live_count() == 0, "live count is zero once everything is freed");
    if (mismatches != 0 || broken != 0 || churn_failures != 0)
        printf("     mismatched rounds %d, broken dumps %d, churn failures %d\n", mismatches, broken,
               churn_failures);

    pthread_barrier_destroy(&start_all);
    pthread_barrier_destroy(&gen_start);
    pthread_barrier_destroy(&gen_end);
    printf("threads: %d readers x %d generations, %d churners made %d handles\n", READERS,
           GENERATIONS, CHURNERS, churned);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
