#!/usr/bin/env python3
"""Zips a folder so that the same files always give the same bytes (a checksum that a release's
manifest can name): entries sorted, every timestamp 1980-01-01, modes 0644 (0755 for folders).

Usage: deterministic-zip.py OUTPUT.zip BASE ENTRY
       zips BASE/ENTRY (a file or a folder) under the name ENTRY; ENTRY "." zips BASE's content.
"""
import os
import sys
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def add(archive, path, name):
    if os.path.isdir(path):
        if name:
            info = zipfile.ZipInfo(name.rstrip("/") + "/", EPOCH)
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for child in sorted(os.listdir(path)):
            add(archive, os.path.join(path, child), f"{name}/{child}" if name else child)
    else:
        info = zipfile.ZipInfo(name, EPOCH)
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as f:
            archive.writestr(info, f.read())


def main(output, base, entry):
    with zipfile.ZipFile(output, "w") as archive:
        add(archive, os.path.join(base, entry), "" if entry == "." else entry)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
