#!/usr/bin/env python3
"""What one durable instance costs on this disk, against no sync: the floor under a durable C-STORE SCP.

Usage: python3 bench/scripts/durability-floor.py [DIR] [COUNT]   (DIR default /tmp, COUNT default 50; 520 KiB writes,
about one 512x512 CT slice). Prints ms per file for: new file + fsync + rename + directory fsync (what the gateway
does), overwrite of a preallocated journal + fdatasync (a write-ahead record), and a new file without any sync
(what dcmtk storescp does).
"""
import os
import shutil
import sys
import tempfile
import time

base = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
payload = os.urandom(520 * 1024)
folder = tempfile.mkdtemp(prefix="durability-floor-", dir=base)
try:
    directory = os.open(folder, os.O_RDONLY)
    start = time.perf_counter()
    for i in range(count):
        temp = os.path.join(folder, f"f{i}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.write(fd, payload)
        os.fsync(fd)
        os.close(fd)
        os.rename(temp, os.path.join(folder, f"f{i}.dcm"))
        os.fsync(directory)
    renamed = (time.perf_counter() - start) / count * 1000

    journal = os.open(os.path.join(folder, "journal"), os.O_RDWR | os.O_CREAT)
    os.posix_fallocate(journal, 0, count * len(payload))
    os.fsync(journal)
    start = time.perf_counter()
    for i in range(count):
        os.pwrite(journal, payload, i * len(payload))
        os.fdatasync(journal)
    journaled = (time.perf_counter() - start) / count * 1000
    os.close(journal)

    start = time.perf_counter()
    for i in range(count):
        fd = os.open(os.path.join(folder, f"g{i}.dcm"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.write(fd, payload)
        os.close(fd)
    unsynced = (time.perf_counter() - start) / count * 1000
    os.close(directory)
finally:
    shutil.rmtree(folder)

print(f"load average {os.getloadavg()[0]:.2f}, {count} files of 520 KiB in {base}")
print(f"new file + fsync + rename + directory fsync: {renamed:.2f} ms/file")
print(f"preallocated journal + fdatasync:            {journaled:.2f} ms/file")
print(f"new file, no sync:                           {unsynced:.2f} ms/file")
