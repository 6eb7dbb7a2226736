#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, gitignored) from tests/fixtures and a few
# hand-written bodies. Safe to run again: it only adds files. These are made afresh for each
# run (the fixtures change with the tests); what fuzzing found beyond them is committed in
# fuzz/seeds/ (see fuzz/seeds/README.md), which scripts/fuzz.sh and scripts/fuzz-long.sh read
# as well.
#
# response: the first byte of an input chooses the HTTP status (see fuzz_targets/response.rs):
#   0x00 gives 200, 0xA5 picks 304 from the table, 0xF0 + 4 bytes is a raw little-endian i32.
# calls: inputs are decoded by `arbitrary` into a sequence of operations, so any bytes do; the
#   fixtures are copied as they are to give libFuzzer JSON-shaped material to mutate.
set -euo pipefail
cd "$(dirname "$0")"
root=..
response=corpus/response
calls=corpus/calls
mkdir -p "$response" "$calls"

n=0
add_response() { # status-prefix (printf format) and body file or text via stdin
  local prefix=$1 name=$2
  { printf "$prefix"; cat; } >"$response/$name"
  n=$((n + 1))
}

for fixture in "$root"/tests/fixtures/*; do
  base=$(basename "$fixture")
  add_response '\x00' "fixture-200-$base" <"$fixture"
  add_response '\xa4' "fixture-304-$base" <"$fixture"
  cp "$fixture" "$calls/fixture-$base"
done

while IFS= read -r body; do
  n=$((n + 1))
  printf '\x00%s' "$body" >"$response/hand-$n"
  printf '%s' "$body" >"$calls/hand-$n"
done <<'BODIES'
{"jsonrpc":"2.0","id":"1","result":"OK"}
{"jsonrpc":"2.0","id":null,"error":null,"result":null}
{"error":{"code":-32602,"message":"Invalid params","data":{"a":["x",1,{"b":null}],"p":{"q":{"r":"deep"}},"e":{},"n":3}}}
{"error":{"code":-32602,"message":"m","data":{"a":"1","a":"2","":"empty"}}}
{"error":{"code":10001,"message":"\u0000nul \ud800 lone \ud83d\udcf7 pair","data":"\udc00"}}
{"error":{"code":-9223372036854775808,"message":"min"}}
{"error":{"code":9223372036854775808,"message":"too big"}}
{"error":{"code":1.5,"message":"fraction"}}
{"error":{"code":1,"message":"dup","message":"dup"}}
{"error":{"code":1,"message":"m"},"error":{"code":1,"message":"m"}}
{"result":1,"result":2}
{"error":[],"result":1}
{"id":1}
[1,2,3]
"just a string"
  
{"result":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
{"error":{"code":-32602,"message":"m","data":{"a":1e400,"b":-0,"c":[true,false,null]}}}
BODIES

# Nesting at and just past the limit of 10,000 containers, and past the oracle's 256.
deep() { printf '%*s' "$1" '' | tr ' ' '['; printf '%*s' "$1" '' | tr ' ' ']'; }
{ printf '\x00{"result":'; deep 9999; printf '}'; } >"$response/deep-10000"
{ printf '\x00{"result":'; deep 10000; printf '}'; } >"$response/deep-10001"
{ printf '\x00{"error":{"code":1,"message":"m","data":'; deep 9998; printf '}}'; } >"$response/deep-data-10000"
{ printf '\x00{"error":{"code":-32602,"message":"m","data":'; deep 300; printf '}}'; } >"$response/deep-data-301"
# What a browser decodes: byte order marks, UTF-16, invalid UTF-8 in strings, codes in any
# integral notation, duplicated members (the last wins).
printf '\x00\xef\xbb\xbf{"result":1}' >"$response/bom-utf8"
printf '\x00\xff\xfe{\x00"\x00r\x00e\x00s\x00u\x00l\x00t\x00"\x00:\x001\x00}\x00' >"$response/bom-utf16le"
printf '\x00\xfe\xff\x00{\x00"\x00e\x00r\x00r\x00o\x00r\x00"\x00:\x00n\x00u\x00l\x00l\x00}' >"$response/bom-utf16be"
printf '\x00{"error":{"code":1e3,"message":"caf\xe9","data":{"k\xff":"\xed\xa0\x80"}}}' >"$response/latin1-exponent"
printf '\x00{"error":{"code":"x","code":-3.2602e4,"message":1,"message":"m"},"error":null,"error":{"code":11.0,"message":"m"}}' >"$response/duplicates"
# Invalid UTF-8, a raw status and status 0.
printf '\x00{"result":"\xff\xfe"}' >"$response/not-utf8"
printf '\xf0\x2c\x01\x00\x00{"result":1}' >"$response/status-300"
printf '\xa5{"result":1}' >"$response/status-0"

echo "corpora: $(ls "$response" | wc -l) response inputs, $(ls "$calls" | wc -l) calls inputs"
