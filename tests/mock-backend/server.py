#!/usr/bin/env python3
"""A mock Monaca Backend on loopback, for the end-to-end tests of the Swift, Kotlin and JavaScript
clients and for the example apps (examples/). It speaks JSON-RPC 2.0 over HTTP POST at
/json-rpc/<backend id>, as cloud.monaca.mobi does, with the behaviour the tests need:

  User.login      params {username, password}: password "secret" gives the result
                  {"loginToken":"token-<n>","user":{"_id":"u1","username":<username>}} and the
                  header X-Set-Monaca-Cloud-Session: session-<n>; another password gives
                  -32602 Invalid params with data {"password":"Wrong password."}
  Collection.find needs params.__session to be a session this server issued, else error 11
                  "User login is required"; gives {"totalItems":1,"items":[{"_id":"i1"}]}
  User.register   params {username, password}: -32602 Invalid params with one entry in data per
                  invalid parameter (username "ann" is taken; a password needs 8 characters and a
                  digit: an array of messages), e.g. {"username":"ann is already registered.",
                  "password":["At least 8 characters.","At least one digit."]}; valid params
                  give the same answer as a successful User.login
  Echo            gives the params it received (so a test sees __api_key, __device, __session)
  Fail.status500  answers HTTP 500 with an HTML body
  Fail.slow       answers after SLOW seconds (default 3): for a client's timeout
  anything else   -32601 Method not found

Every request must carry __api_key "test-api-key" and __device (non-empty), else error 4 / 12,
and the path must name backend "test-backend", else HTTP 404.

CORS, so that a page on another origin (another port of 127.0.0.1) can call it with fetch: an
OPTIONS request (a preflight) is answered 204 with Access-Control-Allow-Origin: *,
Access-Control-Allow-Methods: POST, Access-Control-Allow-Headers: Content-Type; every other
answer carries Access-Control-Allow-Origin: * and Access-Control-Expose-Headers:
X-Set-Monaca-Cloud-Session (without it a page cannot read the session header). --no-cors leaves
all of these out (a page on another origin then gets no answer it may read); --no-expose leaves
out Access-Control-Expose-Headers alone (the page reads answers, but never the session).

--log FILE appends one JSON line per answer, so that a test sees what the server received and
sent: {"method", "origin", "session", "status", "setSession"}: the JSON-RPC method ("OPTIONS"
for a preflight, null when the request had none), the Origin header, params.__session, the HTTP
status, and the X-Set-Monaca-Cloud-Session header of the answer (each null when absent).

Bounded: it serves at most MAX_REQUESTS (default 200) requests and lives at most LIFETIME
seconds (default 120), then exits. It binds 127.0.0.1 on a free port and prints
"PORT <n>" as its first line on standard output.

    python3 tests/mock-backend/server.py [--max-requests N] [--lifetime S] [--slow S]
                                         [--no-cors | --no-expose] [--log FILE]
"""
import argparse
import itertools
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_KEY = 'test-api-key'
BACKEND = 'test-backend'
SESSION_HEADER = 'X-Set-Monaca-Cloud-Session'
# What a browser needs to call this server from another origin and read the session header.
ALLOW_ORIGIN = ('Access-Control-Allow-Origin', '*')
EXPOSE_SESSION = ('Access-Control-Expose-Headers', SESSION_HEADER)
CORS_PREFLIGHT = [ALLOW_ORIGIN, ('Access-Control-Allow-Methods', 'POST'),
                  ('Access-Control-Allow-Headers', 'Content-Type'), ('Access-Control-Max-Age', '600')]
TAKEN_USERNAMES = {'ann'}


def registration_faults(params):
    """The per-parameter messages of a User.register the mock refuses ({} when it accepts it)."""
    faults = {}
    if params.get('username') in TAKEN_USERNAMES:
        faults['username'] = f"{params['username']} is already registered."
    password = params.get('password')
    password = password if isinstance(password, str) else ''
    messages = []
    if len(password) < 8:
        messages.append('At least 8 characters.')
    if not any(c.isdigit() for c in password):
        messages.append('At least one digit.')
    if messages:
        faults['password'] = messages
    return faults


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--max-requests', type=int, default=200)
    parser.add_argument('--lifetime', type=float, default=120.0)
    parser.add_argument('--slow', type=float, default=3.0)
    parser.add_argument('--no-cors', action='store_true')
    parser.add_argument('--no-expose', action='store_true')
    parser.add_argument('--log')
    args = parser.parse_args()

    counter = itertools.count(1)
    sessions = set()
    lock = threading.Lock()
    served = [0]
    cors_answer = [] if args.no_cors else [ALLOW_ORIGIN] if args.no_expose else [ALLOW_ORIGIN, EXPOSE_SESSION]
    log = open(args.log, 'a', encoding='utf-8') if args.log else None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *_):
            pass

        def count(self):
            with lock:
                served[0] += 1
                if served[0] >= args.max_requests:
                    threading.Thread(target=self.server.shutdown, daemon=True).start()

        # What the request asked, for --log: its method and params.__session.
        asked = (None, None)

        def record(self, status, headers):
            if log is None:
                return
            line = json.dumps({'method': self.asked[0], 'origin': self.headers.get('Origin'), 'session': self.asked[1],
                               'status': status, 'setSession': dict(headers).get(SESSION_HEADER)})
            with lock:
                log.write(line + '\n')
                log.flush()

        def reply(self, status, body, headers=()):
            self.record(status, headers)
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header('Content-Type', 'application/json; charset=utf-8')
            self.send_header('Content-Length', str(len(data)))
            for name, value in [*headers, *cors_answer]:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def rpc(self, request_id, result=None, error=None, headers=()):
            body = {'jsonrpc': '2.0', 'id': request_id}
            if error is not None:
                body['error'] = error
            else:
                body['result'] = result
            self.reply(200, json.dumps(body), headers)

        def logged_in(self, request_id, params):
            """The answer of a successful User.login or User.register: a new session and token."""
            n = next(counter)
            session = f'session-{n}'
            with lock:
                sessions.add(session)
            result = {'loginToken': f'token-{n}', 'user': {'_id': 'u1', 'username': params.get('username')}}
            return self.rpc(request_id, result=result, headers=[(SESSION_HEADER, session)])

        def do_GET(self):
            self.asked = (None, None)
            self.reply(405, '{"error":"POST only"}')

        def do_OPTIONS(self):
            self.count()
            self.asked = ('OPTIONS', None)
            self.record(204, ())
            self.send_response(204)
            for name, value in [] if args.no_cors else CORS_PREFLIGHT:
                self.send_header(name, value)
            self.send_header('Content-Length', '0')
            self.end_headers()

        def do_POST(self):
            self.count()
            self.asked = (None, None)
            length = int(self.headers.get('Content-Length') or 0)
            raw = self.rfile.read(length)
            if self.path != f'/json-rpc/{BACKEND}':
                return self.reply(404, '<html>Not Found</html>')
            try:
                request = json.loads(raw)
                method, params, request_id = request['method'], request['params'], request['id']
            except (ValueError, KeyError, TypeError):
                return self.rpc(None, error={'code': -32700, 'message': 'Parse error'})
            self.asked = (method, params.get('__session') if isinstance(params, dict) else None)
            if request.get('jsonrpc') != '2.0' or not isinstance(params, dict):
                return self.rpc(request_id, error={'code': -32600, 'message': 'Invalid Request'})
            if params.get('__api_key') != API_KEY:
                return self.rpc(request_id, error={'code': 4, 'message': 'Cloud API key or Cloud ID invalid'})
            if not params.get('__device'):
                return self.rpc(request_id, error={'code': 12, 'message': 'A device ID must be given'})
            if method == 'User.register':
                faults = registration_faults(params)
                if faults:
                    return self.rpc(request_id, error={'code': -32602, 'message': 'Invalid params', 'data': faults})
                return self.logged_in(request_id, params)
            if method == 'User.login':
                if params.get('password') != 'secret':
                    return self.rpc(request_id, error={'code': -32602, 'message': 'Invalid params',
                                                       'data': {'password': 'Wrong password.'}})
                return self.logged_in(request_id, params)
            if method == 'Collection.find':
                with lock:
                    known = params.get('__session') in sessions
                if not known:
                    return self.rpc(request_id, error={'code': 11, 'message': 'User login is required'})
                return self.rpc(request_id, result={'totalItems': 1, 'items': [{'_id': 'i1'}]})
            if method == 'Echo':
                return self.rpc(request_id, result=params)
            if method == 'Fail.status500':
                return self.reply(500, '<html>Internal Server Error</html>')
            if method == 'Fail.slow':
                time.sleep(args.slow)
                return self.rpc(request_id, result='late')
            return self.rpc(request_id, error={'code': -32601, 'message': 'Method not found'})

    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    print(f'PORT {server.server_address[1]}', flush=True)
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()
    server.server_close()
    if log is not None:
        log.close()
    print(f'served {served[0]} requests', file=sys.stderr)


if __name__ == '__main__':
    main()
