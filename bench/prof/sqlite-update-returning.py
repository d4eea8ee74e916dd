#!/usr/bin/env python3
"""What RETURNING costs on the outbox's completion update (session 36): N leased rows on the outbox's schema and indexes
(16 KiB pages, WAL, synchronous=NORMAL), marked delivered 33 per transaction (the size of the completion batches in the
10,000-page burst), with `RETURNING state` and without. Usage: python3 bench/prof/sqlite-update-returning.py [N]"""
import os
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
SCHEMA = __import__("sqlite-returning").SCHEMA
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
UPDATE = ("UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL, attempts = attempts + ?, lease_owner = NULL, "
          "lease_until = NULL WHERE id = ? AND state = 'pending' AND lease_owner = ?")


def run(returning):
    with tempfile.TemporaryDirectory() as folder:
        c = sqlite3.connect(os.path.join(folder, "t.db"), isolation_level=None)
        c.executescript("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + SCHEMA)
        c.execute("BEGIN")
        for i in range(N):
            c.execute("INSERT INTO outbox (receiver, integration, integration_index, target_url, group_key, payload, created_at, state, "
                      "attempts, next_attempt_at, dedup_key, lease_owner, lease_until) VALUES ('vigil', 'webhook', 0, ?, ?, ?, 1, "
                      "'pending', 0, 1, ?, 'me', 5)", ("http://127.0.0.1:1/page/second", f"page:{i}", b"x" * 700, f"d{i}"))
        c.execute("COMMIT")
        ids = [r[0] for r in c.execute("SELECT id FROM outbox")]
        sql = UPDATE + (" RETURNING state" if returning else "")
        started = time.perf_counter()
        for first in range(0, len(ids), 33):
            c.execute("BEGIN")
            for i in ids[first:first + 33]:
                cur = c.execute(sql, (2, 1, i, "me"))
                if returning:
                    cur.fetchall()
            c.execute("COMMIT")
        c.close()
        return (time.perf_counter() - started) / len(ids) * 1e6


for _ in range(2):
    for returning in (True, False):
        print(f"{'with' if returning else 'without'} RETURNING: {run(returning):.1f} µs a row")
