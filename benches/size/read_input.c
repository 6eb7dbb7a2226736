/* Reads one benchmark input (a file written by `profile_input --write DIR`) ROUNDS times as a
 * plugin does: the handle from the response, its code, message and every parameter's
 * messages, then free. benches/size.sh links it with the shipped archive and with the same
 * archive built at opt-level 3, and counts the instructions of each under cachegrind. */
#include "monaca_cloud_error.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE ROUNDS\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) return 2;
    static uint8_t body[2 << 20];
    size_t len = fread(body, 1, sizeof body, file);
    fclose(file);
    long rounds = atol(argv[2]);
    size_t sum = 0;
    for (long round = 0; round < rounds; round++) {
        MonacaError *err = NULL;
        if (monaca_error_from_response(200, body, len, &err) != MONACA_STATUS_OK) return 1;
        if (err == NULL) continue; /* a success */
        sum += (size_t)monaca_error_code(err) + monaca_error_message(err).len;
        size_t params = monaca_error_param_count(err);
        for (size_t index = 0; index < params; index++) {
            sum += monaca_error_param_name(err, index).len;
            size_t messages = monaca_error_param_message_count(err, index);
            for (size_t message = 0; message < messages; message++) {
                sum += monaca_error_param_message(err, index, message).len;
            }
        }
        monaca_error_free(err);
    }
    printf("%zu\n", sum);
    return 0;
}
