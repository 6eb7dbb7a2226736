#!/usr/bin/env python3
"""Writes the conformance corpus (tests/corpus/*.json) that every face's tests read and check
in full: each case is an HTTP exchange (status, body) and the report the library must give
(the schema of `monaca_error_report_json`; null for a success).

The inputs and the expected code of each case are written here by hand, one rule of README's
classification table (or one params shape) at a time; the rest of each expected report is what
the library's CLI (`monaca-error --report`) answers, checked against the hand-written code
before it is written. Run it after a deliberate change of behaviour, read the diff, commit:

    cargo build --release && python3 tests/corpus/make.py
"""
import base64
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, '..', '..', 'target', 'release', 'monaca-error')

def utf16(text, little):
    return (b'\xff\xfe' if little else b'\xfe\xff') + text.encode('utf-16-le' if little else 'utf-16-be')

SUCCESS = None

# (file, rule, [(name, status, body (str or bytes), expected code or None for success)])
GROUPS = [
    ('success', 'a 2xx or 304 body with a result and no usable error is a success', [
        ('result string', 200, '{"jsonrpc":"2.0","id":"1","result":"OK"}', SUCCESS),
        ('result object', 200, '{"jsonrpc":"2.0","id":1,"result":{"totalItems":0,"items":[]}}', SUCCESS),
        ('result null', 200, '{"result":null}', SUCCESS),
        ('result false', 200, '{"result":false}', SUCCESS),
        ('error null beside result', 200, '{"error":null,"result":[1,2]}', SUCCESS),
        ('id of any type', 200, '{"id":{"any":["json",1.5e3]},"result":0}', SUCCESS),
        ('no jsonrpc member', 200, '{"result":"OK"}', SUCCESS),
        ('whitespace around', 200, ' \r\n\t{"result":"OK"} \n', SUCCESS),
        ('status 201', 201, '{"result":1}', SUCCESS),
        ('status 204', 204, '{"result":1}', SUCCESS),
        ('status 299', 299, '{"result":1}', SUCCESS),
        ('status 304', 304, '{"result":1}', SUCCESS),
        ('duplicates inside result', 200, '{"result":{"a":1,"a":2}}', SUCCESS),
        ('escaped result key', 200, '{"r\\u0065sult":1}', SUCCESS),
    ]),
    ('server-errors', 'a usable error object is that error, data kept exactly as sent', [
        ('documented invalid params', 200, '{"jsonrpc":"2.0","id":"1","error":{"code":-32602,"message":"Invalid params","data":{"collectionName":"Collection not found."}}}', -32602),
        ('login required, no data', 200, '{"error":{"code":11,"message":"User login is required"}}', 11),
        ('parse error', 200, '{"error":{"code":-32700,"message":"Parse error"}}', -32700),
        ('internal error', 200, '{"error":{"code":-32603,"message":"Failed to send mail"}}', -32603),
        ('method not found', 200, '{"error":{"code":-32601,"message":"Method not found"}}', -32601),
        ('invalid request', 200, '{"error":{"code":-32600,"message":"Invalid Request"}}', -32600),
        ('api key invalid', 200, '{"error":{"code":4,"message":"Invalid API key"}}', 4),
        ('session id invalid', 200, '{"error":{"code":10,"message":"Session ID format invalid"}}', 10),
        ('device id required', 200, '{"error":{"code":12,"message":"Device ID required"}}', 12),
        ('operation invalid', 200, '{"error":{"code":13,"message":"Already logged in"}}', 13),
        ('permission denied 14', 200, '{"error":{"code":14,"message":"Permission denied"}}', 14),
        ('permission denied -14', 200, '{"error":{"code":-14,"message":"Permission denied"}}', -14),
        ('call limit', 200, '{"error":{"code":9999,"message":"Monthly API call limit exceeded"}}', 9999),
        ('server-defined', 200, '{"error":{"code":-32050,"message":"Server busy"}}', -32050),
        ('user-defined', 200, '{"error":{"code":10001,"message":"Out of stock","data":{"sku":"A-1"}}}', 10001),
        ('unknown code', 200, '{"error":{"code":42,"message":"Odd"}}', 42),
        ('int64 min', 200, '{"error":{"code":-9223372036854775808,"message":"min"}}', -9223372036854775808),
        ('int64 max', 200, '{"error":{"code":9223372036854775807,"message":"max"}}', 9223372036854775807),
        ('data spacing and number spelling kept', 200, '{"error":{"data":{ "b" : 1.50E+2, "a":[ true ,null]},"message":"m","code":10001},"id":3}', 10001),
        ('data null', 200, '{"error":{"code":-32602,"message":"m","data":null}}', -32602),
        ('data string', 200, '{"error":{"code":-32602,"message":"m","data":"text"}}', -32602),
        ('error wins over result', 200, '{"result":1,"error":{"code":11,"message":"m"}}', 11),
        ('escapes in message', 200, '{"error":{"code":1,"message":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u2028\\ud83c\\udf89\\u0000z"}}', 1),
        ('lone surrogate in message', 200, '{"error":{"code":1,"message":"x\\ud800y"}}', 1),
        ('non-ASCII message', 200, '{"error":{"code":10001,"message":"東京 🎉 é"}}', 10001),
        ('extra members in error', 200, '{"error":{"code":11,"message":"m","extra":[1,{"x":2}]}}', 11),
    ]),
    ('codes', 'a code is the integer JSON.parse reads, in any notation, exactly', [
        ('exponent', 200, '{"error":{"code":1e3,"message":"m"}}', 1000),
        ('capital exponent', 200, '{"error":{"code":1E3,"message":"m"}}', 1000),
        ('plus exponent', 200, '{"error":{"code":1e+3,"message":"m"}}', 1000),
        ('fraction zero', 200, '{"error":{"code":11.0,"message":"m"}}', 11),
        ('invalid params in exponent form', 200, '{"error":{"code":-3.2602e4,"message":"Invalid params","data":{"a":"x"}}}', -32602),
        ('negative zero', 200, '{"error":{"code":-0.0,"message":"m"}}', 0),
        ('fraction', 200, '{"error":{"code":11.5,"message":"m"}}', -12),
        ('negative exponent', 200, '{"error":{"code":1e-3,"message":"m"}}', -12),
        ('long fraction', 200, '{"error":{"code":11.' + '0' * 40 + '1,"message":"m"}}', -12),
        ('huge exponent', 200, '{"error":{"code":1e400,"message":"m"}}', -12),
        ('above int64', 200, '{"error":{"code":9223372036854775808,"message":"m"}}', -12),
        ('below int64', 200, '{"error":{"code":-9223372036854775809,"message":"m"}}', -12),
        ('string code', 200, '{"error":{"code":"11","message":"m"}}', -12),
        ('null code', 200, '{"error":{"code":null,"message":"m"}}', -12),
        ('boolean code', 200, '{"error":{"code":true,"message":"m"}}', -12),
    ]),
    ('malformed', 'a body that is no usable JSON-RPC response is -12 with a precise detail', [
        ('empty body', 200, '', -12),
        ('only whitespace', 200, ' \n\t ', -12),
        ('array body', 200, '[]', -12),
        ('string body', 200, '"OK"', -12),
        ('null body', 200, 'null', -12),
        ('number body', 200, '12', -12),
        ('html', 200, '<html>502 Bad Gateway</html>', -12),
        ('bad literal', 200, '{"result":1,\n  "x": tru}', -12),
        ('trailing characters', 200, '{"result":1}}', -12),
        ('unterminated array', 200, '[1,2', -12),
        ('syntax error wins', 200, '{"error":{"code":"x","message":"m"},"result":[}', -12),
        ('error string', 200, '{"error":"boom"}', -12),
        ('error array beside result', 200, '{"error":[1],"result":1}', -12),
        ('error number', 200, '{"error":42}', -12),
        ('code missing', 200, '{"error":{"message":"m"}}', -12),
        ('message missing', 200, '{"error":{"code":1}}', -12),
        ('empty error', 200, '{"error":{}}', -12),
        ('message number', 200, '{"error":{"code":1,"message":7}}', -12),
        ('message null', 200, '{"error":{"code":1,"message":null}}', -12),
        ('error null without result', 200, '{"error":null}', -12),
        ('neither result nor error', 200, '{"jsonrpc":"2.0","id":1}', -12),
        ('empty object', 200, '{}', -12),
        ('control character in string', 200, '{"result":"a\u0001"}', -12),
        ('bad escape', 200, '{"result":"\\x"}', -12),
    ]),
    ('statuses', 'any other status is -13 naming it, whatever the body', [
        ('no response', 0, '', -13),
        ('status 0 with a body', 0, '{"result":1}', -13),
        ('status 199', 199, '{"result":1}', -13),
        ('status 300', 300, '{"result":1}', -13),
        ('status 301', 301, '{"result":1}', -13),
        ('status 400', 400, '{"error":{"code":-32600,"message":"Invalid Request"}}', -13),
        ('status 401', 401, '{"result":1}', -13),
        ('status 404', 404, 'Not Found', -13),
        ('status 500', 500, '{"error":{"code":-32603,"message":"m"}}', -13),
        ('status 503', 503, '', -13),
        ('negative status', -1, '{"result":1}', -13),
    ]),
    ('duplicates', 'the last of duplicated members wins, as in JSON.parse', [
        ('two results', 200, '{"result":1,"result":2}', SUCCESS),
        ('two null errors', 200, '{"error":null,"error":null,"result":1}', SUCCESS),
        ('error then null beside result', 200, '{"error":{"code":1,"message":"a"},"error":null,"result":1}', SUCCESS),
        ('two errors', 200, '{"error":{"code":1,"message":"a"},"error":{"code":2,"message":"b"}}', 2),
        ('null then error', 200, '{"error":null,"error":{"code":3,"message":"c"},"result":1}', 3),
        ('malformed then error', 200, '{"error":"boom","error":{"code":4,"message":"d"}}', 4),
        ('two codes', 200, '{"error":{"code":1,"code":2,"message":"a"}}', 2),
        ('bad then good code', 200, '{"error":{"code":"x","code":5,"message":"a"}}', 5),
        ('two messages', 200, '{"error":{"code":1,"message":"a","message":"b"}}', 1),
        ('two data', 200, '{"error":{"code":1,"message":"a","data":1,"data":[2]}}', 1),
        ('escaped data key then data', 200, '{"error":{"code":1,"message":"a","d\\u0061ta":{"x":1},"data":null}}', 1),
        ('error then number', 200, '{"error":{"code":1,"message":"a"},"error":5}', -12),
        ('good then bad code', 200, '{"error":{"code":1,"code":"1","message":"a"}}', -12),
    ]),
    ('encodings', 'the body is decoded as a browser does: BOM, UTF-16, U+FFFD for invalid UTF-8 in strings', [
        ('utf-8 bom success', 200, b'\xef\xbb\xbf{"result":1}', SUCCESS),
        ('utf-8 bom error', 200, '\ufeff{"error":{"code":11,"message":"\u00e9","data":[1]}}'.encode(), 11),
        ('utf-8 bom only', 200, b'\xef\xbb\xbf', -12),
        ('two utf-8 boms', 200, b'\xef\xbb\xbf\xef\xbb\xbf{"result":1}', -12),
        ('utf-16le error', 200, utf16('{"error":{"code":-32602,"message":"Invalid params","data":{"名前":"必須です 🎉"}}}', True), -32602),
        ('utf-16be success', 200, utf16('{"result":"OK"}', False), SUCCESS),
        ('utf-16le bad literal', 200, utf16('{"result":\n tru}', True), -12),
        ('latin-1 message', 200, b'{"error":{"code":10001,"message":"Donn\xe9es invalides"}}', 10001),
        ('stray byte in id', 200, b'{"id":"\xff","result":1}', SUCCESS),
        ('invalid utf-8 in key and data', 200, b'{"error":{"code":-32602,"message":"caf\xe9 \xf0\x9f\x8e!","data":{"n\xffm":"\xed\xa0\x80"}}}', -32602),
        ('invalid byte outside a string', 200, b'{"result":1}\xff', -12),
        ('invalid byte after invalid strings', 200, b'{"id":"\xff\xff","result":\xff}', -12),
    ]),
    ('nesting', 'result and data may each nest 10,000 containers (the envelope and the error object aside), deeper is -12', [
        ('result 10000 deep', 200, '{"result":' + '[' * 10000 + ']' * 10000 + '}', SUCCESS),
        ('result 10001 deep', 200, '{"result":' + '[' * 10001 + ']' * 10001 + '}', -12),
        ('data 10000 deep', 200, '{"error":{"code":7,"message":"m","data":' + '[' * 10000 + ']' * 10000 + '}}', 7),
        ('data 200 deep objects', 200, '{"error":{"code":-32602,"message":"m","data":' + '{"a":' * 200 + '"x"' + '}' * 200 + '}}', -32602),
    ]),
    ('params', 'validation messages of -32602 with object data: every shape', [
        ('string message', 200, '{"error":{"code":-32602,"message":"Invalid params","data":{"name":"Required."}}}', -32602),
        ('array of messages', 200, '{"error":{"code":-32602,"message":"m","data":{"criteria":["Unknown field.","Use a number."]}}}', -32602),
        ('non-string elements', 200, '{"error":{"code":-32602,"message":"m","data":{"a":[1,true,null,{"x":[2]},"s"]}}}', -32602),
        ('nested object dotted names', 200, '{"error":{"code":-32602,"message":"m","data":{"properties":{"age":"Too old.","address":{"zip":["Bad.","Short."]}}}}}', -32602),
        ('empty array and object', 200, '{"error":{"code":-32602,"message":"m","data":{"a":[],"b":{},"c":{"d":{}}}}}', -32602),
        ('other values as json text', 200, '{"error":{"code":-32602,"message":"m","data":{"n":1.50E+2,"t":true,"z":null}}}', -32602),
        ('repeated name kept', 200, '{"error":{"code":-32602,"message":"m","data":{"a":"first","b":"x","a":["second","third"]}}}', -32602),
        ('escaped names and messages', 200, '{"error":{"code":-32602,"message":"m","data":{"k\\u00e9y":"line\\nbreak \\"q\\"","":"empty name"}}}', -32602),
        ('data array gives no params', 200, '{"error":{"code":-32602,"message":"m","data":["a","b"]}}', -32602),
        ('other code gives no params', 200, '{"error":{"code":10001,"message":"m","data":{"a":"x"}}}', 10001),
        ('dotted key and nested key', 200, '{"error":{"code":-32602,"message":"m","data":{"a.b":"flat","a":{"b":"nested"}}}}', -32602),
    ]),
]

def report(status, body):
    out = subprocess.run([CLI, '--status', str(status), '--report', '-'], input=body,
                         capture_output=True, check=True).stdout
    return json.loads(out)

def main():
    if not os.path.exists(CLI):
        sys.exit(f'{CLI} missing: run cargo build --release first')
    total = 0
    for file, rule, cases in GROUPS:
        out = []
        for name, status, body, code in cases:
            raw = body.encode() if isinstance(body, str) else body
            expected = report(status, raw)
            got = None if expected is None else expected['code']
            if got != code:
                sys.exit(f'{file}/{name}: the library says {got}, the case says {code}')
            case = {'name': name, 'status': status}
            try:
                text = raw.decode('utf-8')
                case['body'] = text
            except UnicodeDecodeError:
                case['bodyBase64'] = base64.b64encode(raw).decode()
            case['expected'] = expected
            out.append(case)
        with open(os.path.join(HERE, f'{file}.json'), 'w', encoding='utf-8') as f:
            json.dump({'rule': rule, 'cases': out}, f, ensure_ascii=False, indent=1)
            f.write('\n')
        total += len(out)
    print(f'{total} cases in {len(GROUPS)} files')

main()
