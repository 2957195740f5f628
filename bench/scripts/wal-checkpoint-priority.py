#!/usr/bin/env python3
"""Why a WAL checkpoint slows the ReportApi's commits, without HTTP or .NET: SQLite and the disk alone.

Usage: python3 bench/scripts/wal-checkpoint-priority.py [SECONDS] [RATE]   (default 10 s at 500 commits/s)

One thread commits rows shaped like the ReportApi's (1.1 KB payload, five indexes, random HMAC-like keys) at a
fixed rate, on a connection set up as the ReportApi's (WAL, synchronous=NORMAL, secure_delete, no
autocheckpoint); another thread runs `PRAGMA wal_checkpoint(PASSIVE)` every second, first at normal priority,
then at nice 19 (set on that thread only). Prints the commit latency of commits started while a checkpoint was
running and of the others, for both runs. Python's sqlite3 releases the GIL inside SQLite, so both threads run at
once.
"""
import base64
import os
import sqlite3
import sys
import tempfile
import threading
import time

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
RATE = int(sys.argv[2]) if len(sys.argv) > 2 else 500
SCHEMA = """
CREATE TABLE r (tid TEXT PRIMARY KEY, p TEXT, a TEXT, e TEXT, payload BLOB, mac TEXT, status TEXT,
                created BIGINT, expires BIGINT, retrieved BIGINT);
CREATE INDEX ip ON r (p, created); CREATE INDEX ia ON r (a, created); CREATE INDEX ie ON r (e, created);
CREATE INDEX ix ON r (expires);
"""
PRAGMAS = "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=0;"


def key():
    return base64.b64encode(os.urandom(32)).decode()


def run(nice):
    folder = tempfile.mkdtemp(prefix="wal-checkpoint-")
    path = os.path.join(folder, "reports.db")
    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.executescript(SCHEMA)
    setup.close()
    windows, stop = [], threading.Event()

    def checkpointer():
        if nice:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.executescript(PRAGMAS)
        while not stop.wait(1.0):
            start = time.perf_counter()
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            windows.append((start, time.perf_counter()))
        connection.close()

    thread = threading.Thread(target=checkpointer)
    thread.start()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.executescript(PRAGMAS)
    payload, same_patient, same_exam = os.urandom(1100), key(), key()
    latencies = []
    begin = time.perf_counter()
    for i in range(SECONDS * RATE):
        due = begin + i / RATE
        while time.perf_counter() < due:
            time.sleep(0.0002)
        start = time.perf_counter()
        writer.execute("INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, NULL)",
                       (key(), same_patient, key(), same_exam, payload, key(), i, i + 10**9))
        latencies.append((start, (time.perf_counter() - start) * 1000))
    stop.set()
    thread.join()
    wal = os.path.getsize(path + "-wal")
    writer.close()
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)

    def during(start):
        return any(a <= start <= b for a, b in windows)

    def summary(values):
        values = sorted(values)
        if not values:
            return "n=0"
        return (f"n={len(values)} p50={values[len(values) // 2]:.2f} ms p99={values[int(len(values) * 0.99)]:.2f} ms "
                f"max={values[-1]:.1f} ms")

    inside = [ms for start, ms in latencies if during(start)]
    outside = [ms for start, ms in latencies if not during(start)]
    label = "nice 19" if nice else "normal "
    took = ", ".join(f"{(b - a) * 1000:.0f}" for a, b in windows)
    print(f"checkpoint {label}: took {took} ms; WAL at the end {wal / 2**20:.0f} MiB")
    print(f"  commits during a checkpoint: {summary(inside)}")
    print(f"  other commits:               {summary(outside)}")


print(f"load average at start: {os.getloadavg()[0]:.2f}; {SECONDS} s at {RATE} commits/s per run")
for nice in (False, True, False, True):
    run(nice)
