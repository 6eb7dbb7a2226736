#!/usr/bin/env python3
"""Checks that tests/hostile-server/server.py behaves as its README says, scenario by scenario,
over raw sockets (so what is checked is the bytes on the wire, not what an HTTP library makes
of them). Starts its own servers and stops them; ends with a "hostile-server self-test: N passed,
N failed" line and exits non-zero when any check fails.

    python3 tests/hostile-server/self_test.py
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, 'server.py')
HUGE = 256 * 1024 * 1024
SESSION = b'x-set-monaca-cloud-session'

results = []
results_lock = threading.Lock()


def check(name, condition, detail=''):
    with results_lock:
        results.append((name, bool(condition)))
    print(f"{'ok' if condition else 'FAIL'}: {name}{'' if condition else f' ({detail})'}", flush=True)


def start_server(*extra):
    port_file = os.path.join(tempfile.mkdtemp(prefix='hostile-self-test-'), 'ports.json')
    process = subprocess.Popen([sys.executable, SERVER, '--port-file', port_file, *extra])
    deadline = time.monotonic() + 20
    while not os.path.exists(port_file):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f'the server did not start (exit {process.poll()})')
        time.sleep(0.05)
    with open(port_file) as f:
        text = f.read()
    ports = json.loads(text)
    if text != json.dumps(ports, separators=(',', ':')):
        raise SystemExit(f'the port file is not compact JSON: {text!r}')
    return process, ports


class Exchange:
    """One request on a fresh connection; reads the raw head, then the body as asked."""

    def __init__(self, port, path, method='POST', body=b'{}', timeout=10):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.sock.sendall(f'{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
                          f'Content-Length: {len(body)}\r\n\r\n'.encode() + body)
        self.buffer = b''

    def head(self):
        while b'\r\n\r\n' not in self.buffer:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError('the connection ended inside the head')
            self.buffer += data
        head, self.buffer = self.buffer.split(b'\r\n\r\n', 1)
        lines = head.split(b'\r\n')
        self.status = int(lines[0].split()[1])
        self.header_lines = lines[1:]
        self.headers = [(n.strip().lower(), v[1:] if v.startswith(b' ') else v)
                        for n, v in (line.split(b':', 1) for line in lines[1:])]
        return self

    def header(self, name):
        values = [v for n, v in self.headers if n == name.lower().encode()]
        return values[0].decode() if len(values) == 1 else None

    def chunks(self):
        """The body's bytes as they come, until the end of the stream."""
        if self.buffer:
            yield self.buffer
            self.buffer = b''
        while True:
            data = self.sock.recv(1 << 20)
            if not data:
                return
            yield data

    def body(self):
        return b''.join(self.chunks())

    def close(self):
        self.sock.close()


def exchange(port, path, **kw):
    return Exchange(port, path, **kw).head()


def check_json_filler(name, chunks, size):
    """Checks that the streamed chunks are exactly {"result":"a…a"} of `size` bytes."""
    total, first, last, non_a = 0, b'', b'', 0
    for chunk in chunks:
        if len(first) < 11:
            first += chunk[:11 - len(first)]
        last = (last + chunk)[-2:]
        non_a += len(chunk) - chunk.count(b'a')
        total += len(chunk)
    # the only bytes that are not "a" are the 11 of {"result":" and the 2 of "}
    check(name, total == size and first == b'{"result":"' and last == b'"}' and non_a == 13,
          f'{total} bytes, starts {first!r}, ends {last!r}, {non_a} bytes other than "a"')


def peak_memory_kib(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return -1


def fast_scenarios(port, target_port, pid):
    r = exchange(port, '/ok')
    check('/ok: 200, the SDK envelope, session s-ok',
          r.status == 200 and r.body() == b'{"jsonrpc":"2.0","id":"1","result":"OK"}' and r.header(SESSION.decode()) == 's-ok',
          f'{r.status} {r.headers}')

    for scheme, statuses in (('http', (301, 302, 307, 308)), ('https', (307, 308))):
        for status in statuses:
            path = f"/redirect{'-https' if scheme == 'https' else ''}/{status}"
            r = exchange(port, path)
            expected = f'{scheme}://127.0.0.1:{target_port}/stolen'
            check(f'{path}: {status} to {expected}', r.status == status and r.header('location') == expected,
                  f'{r.status} {r.header("location")}')
            r.close()
    check('the redirect target has accepted nothing while nobody followed',
          exchange(port, '/_target_count', method='GET').body() == b'0')
    with socket.create_connection(('127.0.0.1', target_port)) as tls:
        tls.sendall(b'\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00')  # the start of a TLS ClientHello
        tls.recv(100)
    with socket.create_connection(('127.0.0.1', target_port)) as plain:
        plain.sendall(b'POST /stolen HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n')
        answer = plain.recv(1000)
    count = exchange(port, '/_target_count', method='GET').body()
    check('the redirect target counts every connection, a TLS ClientHello too (GET /_target_count)',
          count == b'2' and b'STOLEN' in answer, f'count {count!r}, answer {answer!r}')

    r = exchange(port, '/big')
    check('/big announces Content-Length 268435456', r.status == 200 and r.header('content-length') == str(HUGE))
    check_json_filler('/big sends 256 MiB of valid JSON {"result":"a…a"}', r.chunks(), HUGE)

    r = exchange(port, '/short')
    body = r.body()
    check('/short: Content-Length 1000, 40 bytes of body, then a clean end of stream',
          r.header('content-length') == '1000' and body == b'{"result":"' + b'a' * 29, f'{len(body)} bytes: {body!r}')

    r = exchange(port, '/reset')
    received, error = b'', None
    try:
        for chunk in r.chunks():
            received += chunk
    except ConnectionResetError as e:
        error = e
    check('/reset: Content-Length 1000, then a TCP reset (not a clean end) before 1000 bytes',
          r.header('content-length') == '1000' and error is not None and len(received) < 1000,
          f'{len(received)} bytes, error {error!r}')

    r = exchange(port, '/gzip-bomb')
    compressed = r.body()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def inflated():
        data = inflate.decompress(compressed, 1 << 20)
        while data:
            yield data
            data = inflate.decompress(inflate.unconsumed_tail, 1 << 20)
    check('/gzip-bomb: Content-Encoding gzip, under 1 MiB on the wire',
          r.header('content-encoding') == 'gzip' and int(r.header('content-length')) == len(compressed) < 1 << 20,
          f'{len(compressed)} bytes')
    check_json_filler('/gzip-bomb inflates to 256 MiB of valid JSON {"result":"a…a"}', inflated(), HUGE)
    check('/gzip-bomb is one whole gzip member (checksum and length checked by zlib)',
          inflate.eof and not inflate.unused_data)

    for path, values in (('/two-sessions', [b's1', b's2']), ('/empty-session', [b'']),
                         ('/blank-session', [b'   ']), ('/nul-session', [b'abc\x00def']),
                         ('/logout', [b's-after-logout'])):
        r = exchange(port, path)
        lines = [line for line in r.header_lines if line.lower().startswith(SESSION + b':')]
        check(f'{path}: 200 {{"result":"OK"}} with the session header lines {values!r}',
              r.status == 200 and r.body() == b'{"result":"OK"}'
              and lines == [b'X-Set-Monaca-Cloud-Session: ' + v for v in values], f'{lines!r}')

    r = exchange(port, '/login')
    check('/login: 200 with a loginToken t-login and session s-login',
          r.status == 200 and json.loads(r.body()) == {'result': {'loginToken': 't-login', 'user': {'_id': 'u1'}}}
          and r.header(SESSION.decode()) == 's-login', r.headers)

    sent = {'jsonrpc': '2.0', 'method': 'User.logout', 'params': {'__session': 's-x'}, 'id': '1'}
    r = exchange(port, '/echo', body=json.dumps(sent).encode())
    check('/echo answers {"result": <the body it received>}', json.loads(r.body()) == {'result': sent})

    check('an unknown path is 404', exchange(port, '/nope').status == 404)
    check('GET on a scenario is 405', exchange(port, '/ok', method='GET').status == 405)
    peak = peak_memory_kib(pid)
    check('the server never held a 256 MiB body (peak resident memory under 64 MiB)', 0 < peak < 64 * 1024,
          f'{peak} KiB')


def drip(port):
    r = Exchange(port, '/drip')
    started = time.monotonic()
    r.head()
    head_time = time.monotonic() - started
    got, times = b'', []
    for chunk in r.chunks():
        got += chunk
        times.append(time.monotonic() - started)
        if len(got) >= 3:
            break
    r.close()
    check('/drip: the head at once with Content-Length 1000, then one body byte a second',
          head_time < 1.5 and r.header('content-length') == '1000' and got[:3] == b'{"r' and 2.5 < times[-1] < 10,
          f'head after {head_time:.2f}s, {got!r} after {times}')


def drip_headers(port):
    r = Exchange(port, '/drip-headers')
    started = time.monotonic()
    r.sock.settimeout(0.5)
    got = b''
    while time.monotonic() - started < 2.6:
        try:
            got += r.sock.recv(100)
        except socket.timeout:
            pass
    r.close()
    check('/drip-headers: the status line one byte a second', got in (b'HTT', b'HTTP'), f'{got!r} in 2.6 s')


def stops_by_itself():
    process, ports = start_server('--max-requests', '3')
    for _ in range(3):
        exchange(ports['port'], '/ok').body()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    check('--max-requests 3: the server exits after its third request', process.returncode == 0,
          f'exit {process.returncode}')
    process, ports = start_server('--lifetime', '2')
    started = time.monotonic()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    check('--lifetime 2: the server exits by itself after 2 s',
          process.returncode == 0 and 1.5 < time.monotonic() - started < 8, f'exit {process.returncode}')


def main():
    process, ports = start_server('--max-requests', '100', '--lifetime', '120')
    check('the port file holds {"port":P,"target_port":T}',
          sorted(ports) == ['port', 'target_port'] and all(isinstance(p, int) for p in ports.values()), ports)
    try:
        with ThreadPoolExecutor(4) as pool:
            slow = [pool.submit(drip, ports['port']), pool.submit(drip_headers, ports['port']),
                    pool.submit(stops_by_itself)]
            # while the drips are in flight: the server is threaded, a drip never blocks the rest
            fast_scenarios(ports['port'], ports['target_port'], process.pid)
            for job in slow:
                job.result()
    finally:
        process.kill()
        process.wait()
    passed = sum(ok for _, ok in results)
    failed = len(results) - passed
    print(f'hostile-server self-test: {passed} passed, {failed} failed')
    sys.exit(1 if failed or not results else 0)


if __name__ == '__main__':
    main()
