/*
 * The browser peers of the benchmark (benches/peers/browser/run.sh), run in headless Chromium
 * from bench.html: what Monaca's JavaScript SDK does with a response (JSON.parse of the
 * response text, then its checks: an `error` member is the error, else the `result` is the
 * answer) against the WebAssembly core, on the inputs of benches/inputs.rs. The task of each
 * method: parse the body and read the error's code, message and per-parameter messages (for a
 * success: decide that it is one).
 *
 *   ours          the plugin's browser path: monaca-cloud-error-wasm.js's readResponse action
 *                 (the body's bytes copied into the module, monaca_response_from_exchange, the
 *                 response report) and JSON.parse of that report, as www/monaca-cloud-error.js
 *                 does before it builds a MonacaCloudError
 *   C ABI         the core's C ABI straight through the module's exports:
 *                 monaca_error_from_response and the error's accessors (no report)
 *   SDK           JSON.parse of the text (the SDK gets xhr.responseText; the decoding is the
 *                 browser's, outside the timing), then the SDK's reading
 *   SDK, bytes    the same from the bytes (TextDecoder first), as ours starts from the bytes
 *
 * One page, one process: the methods run in interleaved rounds (each method one batch per
 * round, the order rotated each round), after warm-up rounds that are not counted; a method's
 * figure is the median over the rounds of (batch time / batch size). Before any timing every
 * method reads every input once and all must agree, so a broken one cannot post a fast number.
 * The outcome ({lines, failed}) goes into #result and to server.js (POST /result).
 */
(function () {
    'use strict';

    var params = new URLSearchParams(location.search);
    var ROUNDS = Number(params.get('rounds') || 21);
    var BATCH_MS = Number(params.get('batchMs') || 5);
    var WARMUP = 5;
    var NAMES = ['S1', 'S2', 'L1', 'L2'];
    var decoder = new TextDecoder();

    function Read(success, code, message, params, messages, lengths) {
        this.success = success;
        this.code = code;
        this.message = message;
        this.params = params;
        this.messages = messages;
        this.lengths = lengths;
    }
    var SUCCESS = new Read(true, 0, '', 0, 0, 0);
    function weight(read) {
        return read.success ? 1 : read.code + read.lengths + read.params + read.messages;
    }

    // The SDK's reading of a parsed response: an `error` object is the error (code, message,
    // data as sent); otherwise the result.
    function sdkRead(value) {
        var error = value.error;
        if (error === null || typeof error !== 'object') return 'result' in value ? SUCCESS : new Read(false, -12, '', 0, 0, 0);
        var lengths = error.message.length;
        var count = 0;
        var messages = 0;
        var data = error.data;
        if (data && typeof data === 'object' && !Array.isArray(data)) {
            for (var name in data) {
                if (!Object.prototype.hasOwnProperty.call(data, name)) continue;
                count++;
                lengths += name.length;
                var m = data[name];
                if (typeof m === 'string') {
                    messages++;
                    lengths += m.length;
                } else if (Array.isArray(m)) {
                    for (var i = 0; i < m.length; i++) {
                        if (typeof m[i] === 'string') {
                            messages++;
                            lengths += m[i].length;
                        }
                    }
                }
            }
        }
        return new Read(false, error.code, error.message, count, messages, lengths);
    }

    function methods(instance) {
        var actions = MonacaCloudErrorWasm.bind(instance);
        var x = instance.exports;

        // ours: the readResponse action, then the report parsed as www does.
        function ours(input) {
            var reply = null;
            actions.readResponse(function (r) { reply = r; }, function (e) { throw new Error('readResponse: ' + JSON.stringify(e)); },
                [null, 200, input.bytes, null]);
            var r = JSON.parse(reply);
            if (!('error' in r)) return SUCCESS;
            var e = r.error;
            var lengths = e.message.length;
            var messages = 0;
            for (var i = 0; i < e.params.length; i++) {
                var p = e.params[i];
                lengths += p.name.length;
                for (var j = 0; j < p.messages.length; j++) lengths += p.messages[j].length;
                messages += p.messages.length;
            }
            return new Read(false, e.code, e.message, e.params.length, messages, lengths);
        }

        // The C ABI through the module's exports (wasm32: size_t and pointers are i32, int64_t a
        // BigInt, a MonacaStr comes back through a pointer to 8 bytes passed first).
        var scratch = x.monaca_wasm_alloc(16); // [0..8): a MonacaStr, [8..12): a handle
        function str(fn, a, b, c) {
            fn(scratch, a, b, c);
            var view = new DataView(x.memory.buffer);
            var ptr = view.getUint32(scratch, true);
            var len = view.getUint32(scratch + 4, true);
            return decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
        }
        function cAbi(input) {
            var len = input.bytes.length;
            var body = x.monaca_wasm_alloc(len);
            try {
                new Uint8Array(x.memory.buffer, body, len).set(input.bytes);
                if (x.monaca_error_from_response(200, body, len, scratch + 8) !== 0) throw new Error('monaca_error_from_response failed');
                var error = new DataView(x.memory.buffer).getUint32(scratch + 8, true);
                if (error === 0) return SUCCESS;
                try {
                    var message = str(x.monaca_error_message, error);
                    var lengths = message.length;
                    var count = x.monaca_error_param_count(error);
                    var messages = 0;
                    for (var i = 0; i < count; i++) {
                        lengths += str(x.monaca_error_param_name, error, i).length;
                        var n = x.monaca_error_param_message_count(error, i);
                        for (var j = 0; j < n; j++) lengths += str(x.monaca_error_param_message, error, i, j).length;
                        messages += n;
                    }
                    return new Read(false, Number(x.monaca_error_code(error)), message, count, messages, lengths);
                } finally {
                    x.monaca_error_free(error);
                }
            } finally {
                x.monaca_wasm_free(body, len);
            }
        }

        return [
            { name: 'wasm readResponse action + JSON.parse of its report (ours)', run: ours },
            { name: 'wasm C ABI (monaca_error_from_response + accessors)', run: cAbi },
            { name: 'SDK: JSON.parse (text) + its checks', run: function (input) { return sdkRead(JSON.parse(input.text)); } },
            { name: 'SDK from bytes: TextDecoder + JSON.parse + its checks',
                run: function (input) { return sdkRead(JSON.parse(decoder.decode(input.bytes))); } }
        ];
    }

    var sink = 0;
    function batch(method, input, n) {
        var s = 0;
        var start = performance.now();
        for (var i = 0; i < n; i++) s += weight(method.run(input));
        var ns = (performance.now() - start) * 1e6;
        sink += s;
        return ns / n;
    }
    function median(values) {
        var sorted = values.slice().sort(function (a, b) { return a - b; });
        var mid = sorted.length >> 1;
        return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
    function show(ns) {
        return ns >= 1e5 ? (ns / 1e6).toFixed(3) + ' ms' : ns.toFixed(0) + ' ns';
    }
    function pause() {
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
    }

    async function run() {
        var lines = [];
        var wasm = await (await fetch('/fallback/monaca_cloud_error.wasm')).arrayBuffer();
        var instance = (await WebAssembly.instantiate(wasm, {})).instance;
        var list = methods(instance);
        var inputs = [];
        for (var k = 0; k < NAMES.length; k++) {
            var bytes = new Uint8Array(await (await fetch('inputs/' + NAMES[k] + '.json')).arrayBuffer());
            inputs.push({ name: NAMES[k], bytes: bytes, text: decoder.decode(bytes) });
        }

        // Correctness first: every method reads every input the same way.
        var failed = 0;
        inputs.forEach(function (input) {
            var reads = list.map(function (m) { return JSON.stringify(m.run(input)); });
            var expected = JSON.parse(reads[0]);
            var before = failed;
            reads.forEach(function (read, i) {
                if (read !== reads[0]) {
                    failed++;
                    lines.push('FAILED ' + input.name + ': ' + list[i].name + ' read ' + read + ', ours read ' + reads[0]);
                }
            });
            if (failed === before) lines.push('check ' + input.name + ': all ' + list.length + ' methods read ' + (expected.success ? 'success'
                : 'code ' + expected.code + ', "' + expected.message + '", ' + expected.params + ' params, ' + expected.messages + ' messages'));
        });
        if (failed > 0) return { lines: lines, failed: failed };

        lines.push('');
        lines.push('| input | method | median | throughput | time / ours |');
        lines.push('| --- | --- | ---: | ---: | ---: |');
        for (var n = 0; n < inputs.length; n++) {
            var input = inputs[n];
            // Warm-up (V8's tiers): each method for 100 ms.
            list.forEach(function (m) {
                var until = performance.now() + 100;
                while (performance.now() < until) sink += weight(m.run(input));
            });
            var sizes = list.map(function (m) {
                var size = 1;
                while (batch(m, input, size) * size < BATCH_MS * 1e6 && size < (1 << 24)) size *= 2;
                return size;
            });
            var samples = list.map(function () { return []; });
            for (var round = 0; round < WARMUP + ROUNDS; round++) {
                for (var j = 0; j < list.length; j++) {
                    var i = (j + round) % list.length;
                    var ns = batch(list[i], input, sizes[i]);
                    if (round >= WARMUP) samples[i].push(ns);
                }
                await pause();
            }
            var medians = samples.map(median);
            list.forEach(function (m, i) {
                lines.push('| ' + input.name + ' (' + input.bytes.length + ' B) | ' + m.name + ' | ' + show(medians[i]) + ' | ' +
                    (input.bytes.length / medians[i]).toFixed(3) + ' GB/s | ' + (medians[i] / medians[0]).toFixed(2) + 'x |');
            });
        }
        if (sink === 0.5) lines.push('unreachable');
        return { lines: lines, failed: 0 };
    }

    run().catch(function (e) {
        return { lines: ['FAILED: the benchmark stopped: ' + (e && e.stack || e)], failed: 1 };
    }).then(function (outcome) {
        document.getElementById('result').textContent = outcome.lines.join('\n');
        document.getElementById('status').textContent = outcome.failed ? 'failed' : 'done';
        return fetch('/result?page=peers', { method: 'POST', body: JSON.stringify(outcome) });
    });
}());
