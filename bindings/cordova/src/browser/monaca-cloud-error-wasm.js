/*
 * The plugin's native actions answered by the Rust core compiled to WebAssembly
 * (monaca_cloud_error.wasm, built by scripts/build-wasm.sh): for Cordova's browser platform
 * (MonacaCloudErrorProxy.js registers these actions), wherever the native bridge is absent,
 * such as Monaca's preview (`MonacaCloudErrorWasm.exec`, below), and in the WebView of every
 * platform for www/monaca-cloud-error.js, which reads responses with `inProcess` (below) over
 * the embedded copy of the module (native/www/monaca-cloud-error-core.js) without the bridge.
 *
 * Same actions, arguments and replies as the Android and iOS plugin classes:
 *   readResponse  [method|null, status, body, sessionHeader|null] -> the response's report text
 *                 (body: the ArrayBuffer, as cordova-browser's exec passes it on, or a Uint8Array)
 *   requestBody   [method, paramsJson|null, apiKey, deviceId, session|null] -> the body text
 *   backendUrl    [backendId]                    -> the URL text
 *   checkUrl      [url]                          -> "OK" (or the refusal)
 *   create        [code, message, dataJson|null] -> the error's report text
 *   timeout       []                             -> the report text of the -11 error
 *   bodyTooLarge  [limit]                        -> the report text of the -12 error of a body
 *                                                   larger than limit bytes
 *   describe      [code]                         -> {code, kind, name, description}
 * Input the core refuses goes to the error callback as {argument, reason, offset, line, column,
 * explanation} (the argument named as JavaScript names it: dataJson, params, apiKey, ...); bad
 * arguments and a core that cannot be loaded, as a message.
 *
 * Every answer is the core's, through its C ABI (include/monaca_cloud_error.h); this file only
 * moves bytes in and out of the module's memory. wasm32 specifics of that ABI: size_t and
 * pointers are 32-bit, int64_t is a BigInt, and a function returning a MonacaStr takes a pointer
 * to 8 bytes for it as its first argument. Strings are passed as UTF-8, a lone surrogate as the
 * three bytes it would have as a character (as the Android plugin does), which the core refuses
 * with its own explanation. The core has no unwinding here: a bug in it traps; the action then
 * fails with a message and the next call gets a new instance.
 *
 * Loaded by Cordova (a js-module) or by node, it is a CommonJS module; loaded by a <script>
 * tag, it defines the global MonacaCloudErrorWasm.
 */
(function (root, factory) {
    if (typeof module === 'object' && module.exports) {
        module.exports = factory(null);
    } else {
        var script = typeof document !== 'undefined' ? document.currentScript : null;
        root.MonacaCloudErrorWasm = factory(script && script.src ? script.src : null);
    }
}(typeof globalThis !== 'undefined' ? globalThis : this, function (scriptUrl) {
    'use strict';

    var WASM_FILE = 'monaca_cloud_error.wasm';
    var ACTIONS = ['readResponse', 'requestBody', 'backendUrl', 'checkUrl', 'create', 'timeout', 'bodyTooLarge',
        'describe'];
    var OK = 0;
    // struct MonacaArgumentError on wasm32: MonacaStr argument, char reason[128], size_t offset,
    // line, column, char explanation[256].
    var WHY = { size: 404, reason: 8, reasonSize: 128, offset: 136, line: 140, column: 144, explanation: 148, explanationSize: 256 };
    // A refused argument's name as JavaScript's API calls it (the C ABI's name -> www's), as the
    // Android and iOS plugin classes rename it.
    var JS_NAMES = { data_json: 'dataJson', params_json: 'params', api_key: 'apiKey', device_id: 'deviceId',
        backend_id: 'backendId' };
    var decoder = new TextDecoder();

    function jsName(name) {
        return Object.prototype.hasOwnProperty.call(JS_NAMES, name) ? JS_NAMES[name] : name;
    }

    /** A reply for the error callback (a message, or a refusal object). */
    function Failure(reply) {
        this.reply = reply;
    }

    function badArguments(action, expected) {
        return new Failure('bad arguments for ' + action + ': expected ' + expected);
    }

    function isInt32(value) {
        return typeof value === 'number' && (value | 0) === value;
    }

    function isText(value, orNull) {
        return typeof value === 'string' || (orNull && (value === null || value === undefined));
    }

    // The body's bytes: an ArrayBuffer (as cordova-browser's exec passes it on) or a view of one.
    function bodyBytes(body) {
        if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return new Uint8Array(body);
        if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        return null;
    }

    // UTF-8, a lone surrogate written as the 3 bytes of its value (not UTF-8: the core refuses it).
    function utf8(text) {
        var out = new Uint8Array(text.length * 3);
        var n = 0;
        for (var i = 0; i < text.length; i++) {
            var c = text.charCodeAt(i);
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < text.length) {
                var low = text.charCodeAt(i + 1);
                if (low >= 0xDC00 && low < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    i++;
                }
            }
            if (c < 0x80) {
                out[n++] = c;
            } else if (c < 0x800) {
                out[n++] = 0xC0 | (c >> 6);
                out[n++] = 0x80 | (c & 0x3F);
            } else if (c < 0x10000) {
                out[n++] = 0xE0 | (c >> 12);
                out[n++] = 0x80 | ((c >> 6) & 0x3F);
                out[n++] = 0x80 | (c & 0x3F);
            } else {
                out[n++] = 0xF0 | (c >> 18);
                out[n++] = 0x80 | ((c >> 12) & 0x3F);
                out[n++] = 0x80 | ((c >> 6) & 0x3F);
                out[n++] = 0x80 | (c & 0x3F);
            }
        }
        return out.subarray(0, n);
    }

    // The answers of one instance of the core: answer(action, args) -> {ok, reply}.
    function answerer(instance) {
        var x = instance.exports;
        if (typeof x.monaca_wasm_alloc !== 'function') {
            throw new Error('not the monaca-cloud-error WebAssembly core (no monaca_wasm_alloc export)');
        }
        var blocks = []; // [ptr, len, ...] of the current call, freed when it ends
        var trapped = false;

        function block(len) {
            var ptr = x.monaca_wasm_alloc(len);
            blocks.push(ptr, len);
            return ptr;
        }
        function bytesIn(bytes) {
            var ptr = block(bytes.length);
            new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
            return ptr;
        }
        // A text argument as (pointer, length); null or undefined: (NULL, 0).
        function textIn(text) {
            if (text === null || text === undefined) return [0, 0];
            var bytes = utf8(text);
            return [bytesIn(bytes), bytes.length];
        }
        function u32(ptr) {
            return new DataView(x.memory.buffer).getUint32(ptr, true);
        }
        function textAt(ptr, len) {
            return decoder.decode(new Uint8Array(x.memory.buffer, ptr, len));
        }
        function cString(ptr, size) {
            var bytes = new Uint8Array(x.memory.buffer, ptr, size);
            var end = bytes.indexOf(0);
            return decoder.decode(bytes.subarray(0, end < 0 ? size : end));
        }
        // Calls a function returning a MonacaStr (through the pointer passed first); its text.
        function str(fn) {
            var out = block(8);
            fn.apply(null, [out].concat(Array.prototype.slice.call(arguments, 1)));
            return textAt(u32(out), u32(out + 4));
        }
        // The refusal in a MonacaArgumentError, or null when nothing was refused.
        function refusal(why) {
            var argumentLength = u32(why + 4);
            if (argumentLength === 0) return null;
            return {
                argument: jsName(textAt(u32(why), argumentLength)),
                reason: cString(why + WHY.reason, WHY.reasonSize),
                offset: u32(why + WHY.offset),
                line: u32(why + WHY.line),
                column: u32(why + WHY.column),
                explanation: cString(why + WHY.explanation, WHY.explanationSize)
            };
        }
        // Throws the refusal, or the status's description, unless the call succeeded.
        function check(name, status, why) {
            if (status === OK) return;
            throw new Failure((why && refusal(why)) || name + ' failed: ' + str(x.monaca_status_description, status));
        }
        // The report of an error handle, which is then freed.
        function reportOf(error) {
            try {
                return str(x.monaca_error_report_json, error);
            } finally {
                x.monaca_error_free(error);
            }
        }
        // The text of a MonacaText, which is then freed.
        function textOf(text) {
            try {
                return str(x.monaca_text_str, text);
            } finally {
                x.monaca_text_free(text);
            }
        }
        var answer = {
            create: function (args) {
                if (!Number.isSafeInteger(args[0]) || !isText(args[1]) || !isText(args[2], true)) {
                    throw badArguments('create', '[code, message, dataJson]');
                }
                var message = textIn(args[1]);
                var data = textIn(args[2]);
                var out = block(4);
                var why = block(WHY.size);
                check('monaca_error_new_explained', x.monaca_error_new_explained(BigInt(args[0]),
                    message[0], message[1], data[0], data[1], out, why), why);
                return reportOf(u32(out));
            },
            timeout: function () {
                var error = x.monaca_error_timeout();
                if (error === 0) throw new Failure('monaca_error_timeout failed');
                return reportOf(error);
            },
            bodyTooLarge: function (args) {
                if (!Number.isSafeInteger(args[0]) || args[0] < 0) throw badArguments('bodyTooLarge', '[limit]');
                var error = x.monaca_error_body_too_large(BigInt(args[0]));
                if (error === 0) throw new Failure('monaca_error_body_too_large failed');
                return reportOf(error);
            },
            describe: function (args) {
                if (!Number.isSafeInteger(args[0])) throw badArguments('describe', '[code]');
                var code = BigInt(args[0]);
                // The kind's and the name's texts as the core writes them: those of an error
                // with this code, read from its report.
                var out = block(4);
                check('monaca_error_new', x.monaca_error_new(code, 0, 0, 0, 0, out));
                var report = JSON.parse(reportOf(u32(out)));
                return { code: args[0], kind: report.kind, name: report.name, description: str(x.monaca_code_description, code) };
            },
            readResponse: function (args) {
                var bytes = bodyBytes(args[2]);
                if (args.length !== 4 || !isText(args[0], true) || !isInt32(args[1]) || bytes === null ||
                        !isText(args[3], true)) {
                    throw badArguments('readResponse', '[method, status, body (an ArrayBuffer), sessionHeader]');
                }
                var method = textIn(args[0]);
                var body = { ptr: bytesIn(bytes), len: bytes.length };
                var header = textIn(args[3]);
                var out = block(4);
                check('monaca_response_from_exchange', x.monaca_response_from_exchange(method[0], method[1], args[1],
                    body.ptr, body.len, header[0], header[1], out));
                var response = u32(out);
                try {
                    return str(x.monaca_response_report_json, response);
                } finally {
                    x.monaca_response_free(response);
                }
            },
            requestBody: function (args) {
                if (args.length !== 5 || !isText(args[0]) || !isText(args[1], true) || !isText(args[2]) ||
                        !isText(args[3]) || !isText(args[4], true)) {
                    throw badArguments('requestBody', '[method, paramsJson, apiKey, deviceId, session]');
                }
                var texts = args.map(textIn);
                var out = block(4);
                var why = block(WHY.size);
                check('monaca_request_new', x.monaca_request_new(texts[0][0], texts[0][1], texts[1][0], texts[1][1],
                    texts[2][0], texts[2][1], texts[3][0], texts[3][1], texts[4][0], texts[4][1], out, why), why);
                return textOf(u32(out));
            },
            checkUrl: function (args) {
                if (!isText(args[0])) throw badArguments('checkUrl', '[url]');
                var url = textIn(args[0]);
                var why = block(WHY.size);
                check('monaca_endpoint_url_check', x.monaca_endpoint_url_check(url[0], url[1], why), why);
                return 'OK';
            },
            backendUrl: function (args) {
                if (!isText(args[0])) throw badArguments('backendUrl', '[backendId]');
                var id = textIn(args[0]);
                var out = block(4);
                var why = block(WHY.size);
                check('monaca_backend_url', x.monaca_backend_url(id[0], id[1], out, why), why);
                return textOf(u32(out));
            }
        };

        // {ok, reply} for the success or the error callback; a trap in the core is thrown.
        return function (name, args) {
            if (trapped) throw new Error('this instance of the core trapped in an earlier call');
            try {
                return { ok: true, reply: answer[name](Array.isArray(args) ? args : []) };
            } catch (e) {
                if (!(e instanceof Failure)) {
                    trapped = true; // its memory may be inconsistent: never use it again
                    blocks.length = 0;
                    throw e;
                }
                return { ok: false, reply: e.reply };
            } finally {
                while (blocks.length > 0) {
                    var len = blocks.pop();
                    x.monaca_wasm_free(blocks.pop(), len);
                }
            }
        };
    }

    function reply(outcome, success, fail) {
        if (outcome.ok) success(outcome.reply);
        else fail(outcome.reply);
    }

    /**
     * The actions over an instance of the core (a WebAssembly.Instance of monaca_cloud_error.wasm),
     * answering synchronously: each calls success(reply) or fail(reply). A trap in the core is
     * thrown (a WebAssembly.RuntimeError); every later call on that instance throws an Error.
     */
    function bind(instance) {
        var answer = answerer(instance);
        var table = {};
        ACTIONS.forEach(function (name) {
            table[name] = function (success, fail, args) {
                reply(answer(name, args), success, fail);
            };
        });
        return table;
    }

    // The bytes of base64 text (the embedded copy's), without atob's intermediate string.
    var BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    function fromBase64(text) {
        var values = new Uint8Array(128).fill(255);
        for (var v = 0; v < 64; v++) values[BASE64.charCodeAt(v)] = v;
        var end = text.length;
        while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
        var out = new Uint8Array(Math.floor(end * 3 / 4));
        var n = 0;
        var bits = 0;
        var count = 0;
        for (var i = 0; i < end; i++) {
            var c = text.charCodeAt(i);
            var value = c < 128 ? values[c] : 255;
            if (value === 255) throw new Error('not base64 at offset ' + i);
            bits = (bits << 6) | value;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out[n++] = (bits >> count) & 0xFF;
            }
        }
        return out.subarray(0, n);
    }

    // The module's bytes of the embedded copy {size, sha256, base64}, checked against its size.
    function embeddedBytes(embedded) {
        var bytes = fromBase64(embedded.base64);
        if (bytes.length !== embedded.size) {
            throw new Error('the embedded WebAssembly core holds ' + bytes.length + ' bytes, not ' + embedded.size);
        }
        return bytes;
    }

    function compile(source) {
        if (source instanceof WebAssembly.Module) return Promise.resolve(source);
        if (source !== null && typeof source === 'object' && typeof source.base64 === 'string') {
            return Promise.resolve(source).then(embeddedBytes).then(function (bytes) { return WebAssembly.compile(bytes); });
        }
        if (typeof source === 'string' || (typeof URL !== 'undefined' && source instanceof URL)) {
            return fetch(source).then(function (response) {
                if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + source);
                return response.arrayBuffer();
            }).then(function (bytes) { return WebAssembly.compile(bytes); });
        }
        return WebAssembly.compile(source); // an ArrayBuffer or a typed array
    }

    /**
     * The actions, ready at once: the core is loaded from `source` (a URL, the bytes, or a
     * WebAssembly.Module) on the first call, which waits for it. Replies come asynchronously.
     */
    function actions(source) {
        var module = null;
        var bound = null;
        function ready() {
            if (module === null) module = compile(source);
            if (bound === null) {
                bound = module.then(function (m) { return WebAssembly.instantiate(m, {}); }).then(answerer);
            }
            return bound;
        }
        var table = {};
        ACTIONS.forEach(function (name) {
            table[name] = function (success, fail, args) {
                ready().then(function (answer) {
                    var outcome;
                    try {
                        outcome = answer(name, args);
                    } catch (e) {
                        bound = null; // a trap: the next call gets a new instance
                        outcome = { ok: false, reply: 'MonacaCloudError.' + name + ': the WebAssembly core failed: ' + e };
                    }
                    reply(outcome, success, fail);
                }, function (e) {
                    module = bound = null; // the next call tries again
                    fail('MonacaCloudError.' + name + ': cannot load the WebAssembly core: ' + e);
                });
            };
        });
        return table;
    }

    /**
     * The core in this JavaScript realm, for calls that answer synchronously: `source` (the
     * embedded copy {size, sha256, base64}, a URL, the bytes, or a WebAssembly.Module) is
     * compiled and instantiated asynchronously (Chrome refuses to compile a module over 4 KB
     * synchronously on the main thread), once. Then:
     *   ready()              a Promise: resolves once answer() can answer; rejects with why the
     *                        core cannot be loaded (a CSP without 'unsafe-eval' or
     *                        'wasm-unsafe-eval', no WebAssembly); the next ready() tries again
     *   isReady()            whether answer() can answer now
     *   answer(name, args)   {ok, reply}, as the actions' success or error callback would get it;
     *                        throws an Error before ready() resolved, and the trap when the core
     *                        traps (a new instance is then made, asynchronously: ready() again)
     * Loading starts at the first ready().
     */
    function inProcess(source) {
        var module = null; // the compiled module, kept to make a new instance after a trap
        var answer = null;
        var loading = null;
        function ready() {
            if (answer !== null) return Promise.resolve();
            if (loading === null) {
                var compiled = module !== null ? Promise.resolve(module) : compile(source);
                loading = compiled.then(function (m) {
                    module = m;
                    return WebAssembly.instantiate(m, {});
                }).then(function (instance) {
                    answer = answerer(instance);
                }, function (e) {
                    loading = null; // the next ready() tries again
                    throw e;
                });
            }
            return loading;
        }
        return {
            ready: ready,
            isReady: function () { return answer !== null; },
            answer: function (name, args) {
                if (answer === null) throw new Error('the WebAssembly core is not loaded yet: wait for ready()');
                if (ACTIONS.indexOf(name) < 0) throw new Error('no action ' + name + ' in the WebAssembly core');
                try {
                    return answer(name, args);
                } catch (e) {
                    answer = null; // a trap: this instance is never used again
                    loading = null;
                    ready().catch(function () { /* reported by the next ready() */ });
                    throw e;
                }
            }
        };
    }

    /** A function with cordova/exec's signature answering the service MonacaCloudError. */
    function execFor(source) {
        var table = actions(source);
        return function exec(success, fail, service, action, args) {
            if (service !== 'MonacaCloudError' || !Object.prototype.hasOwnProperty.call(table, action)) {
                fail('no action ' + service + '.' + action + ' in the WebAssembly core');
                return;
            }
            table[action](success, fail, args);
        };
    }

    return {
        /** The file name of the core, which the browser platform puts beside this file. */
        WASM_FILE: WASM_FILE,
        bind: bind,
        actions: actions,
        execFor: execFor,
        inProcess: inProcess,
        /** Loaded by a <script> tag: the URL of the core beside that script (else undefined). */
        source: scriptUrl ? new URL(WASM_FILE, scriptUrl).href : undefined,
        /** Loaded by a <script> tag: an exec over the core beside that script (else undefined). */
        exec: scriptUrl ? execFor(new URL(WASM_FILE, scriptUrl).href) : undefined
    };
}));
