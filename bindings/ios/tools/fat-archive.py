#!/usr/bin/env python3
"""Merges thin Mach-O static archives into one universal ("fat") archive, as `lipo -create` does.

Usage: fat-archive.py OUTPUT ARCHIVE...

Debian's llvm-lipo (LLVM 14) crashes on the archives of current rustc (it takes their members for
LLVM IR), so build-xcframework.sh uses this when Apple's lipo is not there. The format
(<mach-o/fat.h>): a big-endian header {0xcafebabe, count}, one {cputype, cpusubtype, offset,
size, align} per architecture, then each archive unchanged at an offset aligned to 2^align.
The CPU type of an archive is read from the Mach-O header of its first object member; every
object member must agree, and two inputs may not have the same CPU type.
"""
import struct
import sys

ALIGN = 14  # 16 KiB, what lipo uses for arm64 and x86_64


def members(data):
    """(name, bytes) of each member of a BSD or GNU ar archive."""
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        name = header[:16].decode("ascii").rstrip()
        size = int(header[48:58].decode("ascii").strip())
        body = data[pos + 60:pos + 60 + size]
        if name.startswith("#1/"):  # BSD: the name follows the header, inside the size
            name_len = int(name[3:])
            name, body = body[:name_len].rstrip(b"\0").decode("utf-8"), body[name_len:]
        yield name, body
        pos += 60 + size + (size & 1)


def cpu_of(path):
    with open(path, "rb") as f:
        data = f.read()
    cpus = set()
    for name, body in members(data):
        if name.startswith("__.SYMDEF") or name in ("/", "//"):
            continue
        magic, cputype, cpusubtype = struct.unpack_from("<Iii", body)
        if magic != 0xFEEDFACF:
            raise ValueError(f"{path}: member {name} is not a 64-bit Mach-O object")
        cpus.add((cputype, cpusubtype & 0x00FFFFFF))
    if len(cpus) != 1:
        raise ValueError(f"{path}: members of {len(cpus)} CPU types, expected exactly one")
    return cpus.pop(), data


def main(output, inputs):
    slices = [cpu_of(path) for path in inputs]
    if len({cpu for cpu, _ in slices}) != len(slices):
        raise ValueError("two inputs have the same CPU type")
    header = struct.pack(">II", 0xCAFEBABE, len(slices))
    offset = (len(header) + 20 * len(slices) + (1 << ALIGN) - 1) >> ALIGN << ALIGN
    entries, payload = [], b""
    for (cputype, cpusubtype), data in slices:
        entries.append(struct.pack(">iiIII", cputype, cpusubtype, offset, len(data), ALIGN))
        padded = len(data) + (-len(data) % (1 << ALIGN))
        payload += data.ljust(padded, b"\0")
        offset += padded
    head = header + b"".join(entries)
    first = (len(head) + (1 << ALIGN) - 1) >> ALIGN << ALIGN
    with open(output, "wb") as f:
        f.write(head.ljust(first, b"\0") + payload)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    try:
        main(sys.argv[1], sys.argv[2:])
    except (OSError, ValueError) as error:
        sys.exit(f"fat-archive.py: {error}")
