#!/usr/bin/env python3
"""A hostile (or misconfigured) Monaca Backend on loopback, for the client tests of the JS,
Kotlin and Swift faces: redirects to another port and scheme, huge and endless bodies, bodies
cut short or reset, a gzip bomb, odd session headers. Python 3 standard library only.

    python3 tests/hostile-server/server.py --port-file FILE [--max-requests N] [--lifetime S]

It binds 127.0.0.1 on two free ports: the scenario server P and a "redirect target" T, and
writes {"port":P,"target_port":T} to FILE (atomically: a reader never sees half of it) once both
listen. It stops by itself after N requests on P (default 300) or S seconds (default 600),
whichever comes first. Every request is served on its own thread, so a drip never blocks
another request. The scenarios (POST paths on P) are described in README.md next to this file;
GET /_target_count on P answers how many connections T has accepted, as decimal text.
"""
import argparse
import json
import os
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIB = 1024 * 1024
HUGE_BODY_BYTES = 256 * MIB  # /big and the inflated /gzip-bomb
DRIP_BODY_BYTES = 1000  # /drip, /short and /reset announce this Content-Length
SHORT_BODY_SENT = 40  # /short sends this many body bytes, then closes
RESET_BODY_SENT = 100  # /reset sends this many body bytes, then resets
OK_BODY = b'{"result":"OK"}'
SESSION_HEADER = b'X-Set-Monaca-Cloud-Session'


def json_body_of_size(size):
    """The pieces of `{"result":"aaa…a"}` of exactly `size` bytes: (prefix, filler count, suffix)."""
    prefix, suffix = b'{"result":"', b'"}'
    return prefix, size - len(prefix) - len(suffix), suffix


def stream_json_body(write, size, chunk=MIB):
    """Writes the body of json_body_of_size(size) in chunks, never holding it whole."""
    prefix, filler, suffix = json_body_of_size(size)
    write(prefix)
    block = b'a' * chunk
    while filler > 0:
        n = min(filler, chunk)
        write(block if n == chunk else block[:n])
        filler -= n
    write(suffix)


def make_gzip_bomb(size):
    """One gzip member that inflates to json_body_of_size(size), made in milliseconds: each MiB of
    filler is deflated after a full flush (no back-reference crosses it), so the deflated MiB is
    the same bytes every time and is made once, then repeated. Nothing inflated is ever held but
    one MiB."""
    prefix, filler, suffix = json_body_of_size(size)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = b'a' * MIB
    whole_blocks, rest = divmod(filler, MIB)
    crc = zlib.crc32(prefix)
    parts = [b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff',
             deflate.compress(prefix), deflate.flush(zlib.Z_FULL_FLUSH)]
    if whole_blocks:
        deflated_block = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
        parts += [deflated_block] * whole_blocks
        for _ in range(whole_blocks):
            crc = zlib.crc32(block, crc)
    crc = zlib.crc32(block[:rest] + suffix, crc)
    parts += [deflate.compress(block[:rest] + suffix), deflate.flush(),
              struct.pack('<II', crc, size & 0xFFFFFFFF)]
    return b''.join(parts)


def response_head(status, reason, headers):
    """The raw bytes of a status line and header block (values given as bytes, sent as they are)."""
    lines = [f'HTTP/1.1 {status} {reason}'.encode()]
    for name, value in headers:
        lines.append((name.encode() if isinstance(name, str) else name) + b': ' +
                     (value.encode() if isinstance(value, str) else value))
    return b'\r\n'.join(lines) + b'\r\n\r\n'


class RedirectTarget:
    """The second server T: counts every connection it accepts (before reading anything, so a TLS
    ClientHello counts too), then answers a plain HTTP request with a "STOLEN" result and closes."""

    def __init__(self):
        self.listener = socket.create_server(('127.0.0.1', 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.lock = threading.Lock()
        threading.Thread(target=self.accept_forever, daemon=True).start()

    def accept_forever(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.accepted += 1
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        with connection:
            connection.settimeout(2)
            received = b''
            try:
                while b'\r\n\r\n' not in received and len(received) < 65536:
                    data = connection.recv(4096)
                    if not data:
                        break
                    received += data
                body = b'{"jsonrpc":"2.0","id":"1","result":"STOLEN"}'
                connection.sendall(response_head(200, 'OK', [
                    ('Content-Type', 'application/json'), ('Content-Length', str(len(body))),
                    ('Connection', 'close'), (SESSION_HEADER, b's-stolen')]) + body)
            except OSError:
                pass

    def count(self):
        with self.lock:
            return self.accepted


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--port-file', required=True)
    parser.add_argument('--max-requests', type=int, default=300)
    parser.add_argument('--lifetime', type=float, default=600.0)
    args = parser.parse_args()

    target = RedirectTarget()
    gzip_bomb = make_gzip_bomb(HUGE_BODY_BYTES)
    served = [0]
    lock = threading.Lock()
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *_):
            pass

        def send_raw(self, data):
            self.wfile.write(data)
            self.wfile.flush()

        def reply(self, status, reason, body, headers=()):
            self.close_connection = True
            self.send_raw(response_head(status, reason, [
                ('Content-Type', 'application/json; charset=utf-8'),
                ('Content-Length', str(len(body))), ('Connection', 'close'), *headers]) + body)

        def read_body(self):
            if 'chunked' in (self.headers.get('Transfer-Encoding') or '').lower():
                parts = []
                while True:
                    size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                    if size == 0:
                        while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                            pass
                        return b''.join(parts)
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get('Content-Length') or 0))

        def count_request(self):
            with lock:
                served[0] += 1
                return served[0]

        def finish_request(self, number):
            if number >= args.max_requests:
                stop.set()

        def do_GET(self):
            number = self.count_request()
            try:
                if self.path == '/_target_count':
                    self.reply(200, 'OK', str(target.count()).encode(), [('Content-Type', 'text/plain')])
                else:
                    self.reply(405, 'Method Not Allowed', b'{"error":"POST only"}')
            finally:
                self.finish_request(number)

        def do_POST(self):
            number = self.count_request()
            try:
                body = self.read_body()
                scenario = SCENARIOS.get(self.path)
                if scenario is None:
                    self.reply(404, 'Not Found', b'{"error":"no such scenario"}')
                else:
                    scenario(self, body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (it stopped reading a big or slow body): expected
            finally:
                self.finish_request(number)

        # ---- the scenarios ------------------------------------------------------------------
        def ok(self, _body):
            self.reply(200, 'OK', b'{"jsonrpc":"2.0","id":"1","result":"OK"}', [(SESSION_HEADER, b's-ok')])

        def redirect(self, status, scheme):
            reason = {301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect'}
            self.reply(status, reason[status], b'', [('Location', f'{scheme}://127.0.0.1:{target.port}/stolen')])

        def big(self, _body):
            self.close_connection = True
            self.send_raw(response_head(200, 'OK', [
                ('Content-Type', 'application/json'), ('Content-Length', str(HUGE_BODY_BYTES)), ('Connection', 'close')]))
            stream_json_body(self.wfile.write, HUGE_BODY_BYTES)

        def drip_body(self):
            prefix, filler, suffix = json_body_of_size(DRIP_BODY_BYTES)
            return prefix + b'a' * filler + suffix

        def drip(self, _body):
            self.close_connection = True
            self.send_raw(response_head(200, 'OK', [
                ('Content-Type', 'application/json'), ('Content-Length', str(DRIP_BODY_BYTES)), ('Connection', 'close')]))
            for byte in self.drip_body():
                time.sleep(1)
                self.send_raw(bytes([byte]))

        def drip_headers(self, _body):
            self.close_connection = True
            head = response_head(200, 'OK', [
                ('Content-Type', 'application/json'), ('Content-Length', str(len(OK_BODY))), ('Connection', 'close')])
            for byte in head:
                self.send_raw(bytes([byte]))
                time.sleep(1)
            self.send_raw(OK_BODY)

        def cut_short(self, _body):
            self.close_connection = True
            self.send_raw(response_head(200, 'OK', [
                ('Content-Type', 'application/json'), ('Content-Length', str(DRIP_BODY_BYTES)), ('Connection', 'close')])
                + self.drip_body()[:SHORT_BODY_SENT])
            self.connection.shutdown(socket.SHUT_WR)  # a clean end of stream (FIN), 960 bytes early

        def reset(self, _body):
            self.close_connection = True
            self.send_raw(response_head(200, 'OK', [
                ('Content-Type', 'application/json'), ('Content-Length', str(DRIP_BODY_BYTES)), ('Connection', 'close')])
                + self.drip_body()[:RESET_BODY_SENT])
            time.sleep(0.3)  # let the client read the head, then reset under it
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()  # SO_LINGER 0: close sends a TCP RST

        def gzip_bomb(self, _body):
            self.reply(200, 'OK', gzip_bomb, [('Content-Encoding', 'gzip')])

        def login(self, _body):
            self.reply(200, 'OK', b'{"result":{"loginToken":"t-login","user":{"_id":"u1"}}}', [(SESSION_HEADER, b's-login')])

        def session_headers(self, *values):
            self.reply(200, 'OK', OK_BODY, [(SESSION_HEADER, value) for value in values])

        def echo(self, body):
            try:
                received = json.loads(body)
            except ValueError:
                received = body.decode('utf-8', 'replace')
            self.reply(200, 'OK', json.dumps({'result': received}).encode())

    SCENARIOS = {
        '/ok': Handler.ok,
        **{f'/redirect/{status}': (lambda status: lambda h, _b: h.redirect(status, 'http'))(status)
           for status in (301, 302, 307, 308)},
        **{f'/redirect-https/{status}': (lambda status: lambda h, _b: h.redirect(status, 'https'))(status)
           for status in (307, 308)},
        '/big': Handler.big,
        '/drip': Handler.drip,
        '/drip-headers': Handler.drip_headers,
        '/short': Handler.cut_short,
        '/reset': Handler.reset,
        '/gzip-bomb': Handler.gzip_bomb,
        '/two-sessions': lambda h, _b: h.session_headers(b's1', b's2'),
        '/empty-session': lambda h, _b: h.session_headers(b''),
        '/blank-session': lambda h, _b: h.session_headers(b'   '),
        '/nul-session': lambda h, _b: h.session_headers(b'abc\x00def'),
        '/login': Handler.login,
        '/logout': lambda h, _b: h.session_headers(b's-after-logout'),
        '/echo': Handler.echo,
    }

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ports = json.dumps({'port': server.server_address[1], 'target_port': target.port}, separators=(',', ':'))
    partial = f'{args.port_file}.{os.getpid()}.tmp'
    with open(partial, 'w') as f:
        f.write(ports)
    os.replace(partial, args.port_file)

    stopped_by = 'the request limit' if stop.wait(args.lifetime) else 'its lifetime'
    server.shutdown()
    print(f'hostile server: stopped by {stopped_by} after {served[0]} requests; '
          f'the redirect target accepted {target.count()} connections', file=sys.stderr, flush=True)
    os._exit(0)  # daemon threads still dripping die with the process


if __name__ == '__main__':
    main()
