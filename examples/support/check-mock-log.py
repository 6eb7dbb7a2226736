#!/usr/bin/env python3
"""Checks what the mock backend received from one example (its --log file, one JSON line per
answer; tests/mock-backend/server.py): a User.login whose answer set a session, then a
Collection.find that sent exactly that session as __session, then a User.register.

    check-mock-log.py LOG [--cross-origin BACKEND_ORIGIN]

--cross-origin (the browser examples): every call must come from a page of another origin than
BACKEND_ORIGIN (its Origin header), after a CORS preflight (an OPTIONS request). Prints what it
found; exits 1 with the reason when a check fails.
"""
import argparse
import json
import sys


def fail(reason, lines):
    print(f'check-mock-log: {reason}')
    for line in lines:
        print(f'    {json.dumps(line)}')
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('log')
    parser.add_argument('--cross-origin', metavar='BACKEND_ORIGIN')
    args = parser.parse_args()
    with open(args.log, encoding='utf-8') as f:
        lines = [json.loads(line) for line in f if line.strip()]
    calls = [line for line in lines if line['method'] != 'OPTIONS']
    methods = [line['method'] for line in calls]
    if methods != ['User.login', 'Collection.find', 'User.register']:
        fail(f'expected the calls User.login, Collection.find, User.register; got {methods}', lines)
    login, find, register = calls
    if login['status'] != 200 or not login['setSession']:
        fail('User.login was not answered with a session header', [login])
    if find['session'] != login['setSession']:
        fail(f"Collection.find sent __session {find['session']!r}, not the session {login['setSession']!r} "
             'that User.login set', [login, find])
    print(f"mock: User.login set session {login['setSession']!r}; Collection.find sent __session "
          f"{find['session']!r}; User.register answered {register['status']}")
    if args.cross_origin:
        preflights = len(lines) - len(calls)
        if preflights == 0:
            fail('no CORS preflight (OPTIONS) reached the mock', lines)
        origins = {line['origin'] for line in calls}
        if None in origins or args.cross_origin in origins:
            fail(f'calls not from another origin than {args.cross_origin}: {sorted(map(str, origins))}', calls)
        print(f"mock: every call from {', '.join(sorted(origins))} (another origin than {args.cross_origin}), "
              f'{preflights} preflight(s)')


if __name__ == '__main__':
    main()
