#!/usr/bin/env python3
"""What SQLite's RETURNING costs on the outbox table (session 24): the outbox's schema and indexes, 16 KiB pages, WAL,
synchronous=NORMAL as Vigil opens SQLite; one insert per transaction, with and without RETURNING / ON CONFLICT, hot
(back to back) and with the CPU idle 2 ms between inserts. Python's sqlite3 caches prepared statements, so this is the
statement's execution alone. Usage: python3 bench/prof/sqlite-returning.py [N]"""
import os
import sqlite3
import sys
import tempfile
import time

SCHEMA = """CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, receiver TEXT NOT NULL, integration TEXT NOT NULL,
integration_index BIGINT NOT NULL, target_url TEXT NOT NULL, group_key TEXT NOT NULL, payload BLOB NOT NULL,
created_at BIGINT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,
lease_owner TEXT NULL, lease_until BIGINT NULL, delivered_at BIGINT NULL, last_error TEXT NULL, dedup_key TEXT NULL UNIQUE,
group_state BIGINT NOT NULL DEFAULT 0, superseded_by BIGINT NULL);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_receiver ON outbox (receiver, id);
CREATE INDEX outbox_group_key ON outbox (group_key);
CREATE INDEX outbox_pending_group_state ON outbox (receiver, integration_index, group_key, id) WHERE group_state = 1 AND state = 'pending';"""


def run(conflict, returning, sleep, n):
    folder = tempfile.mkdtemp()
    c = sqlite3.connect(os.path.join(folder, "o.db"), isolation_level=None)
    c.execute("pragma page_size=16384")
    c.execute("pragma journal_mode=wal")
    c.execute("pragma synchronous=normal")
    c.executescript(SCHEMA)
    payload = os.urandom(1500)
    sql = ("INSERT INTO outbox (receiver, integration, integration_index, target_url, group_key, payload, created_at, "
           "state, attempts, next_attempt_at, dedup_key, group_state) VALUES (?,?,?,?,?,?,?, 'pending', 0, ?, ?, 1)"
           + (" ON CONFLICT (dedup_key) DO NOTHING" if conflict else "") + (" RETURNING id" if returning else ""))
    times = []
    for i in range(n):
        c.execute("BEGIN IMMEDIATE")
        t = time.perf_counter()
        c.execute(sql, ("probe", "webhook", 0, "http://127.0.0.1:9/probe", '{}:{probe_id="q%d"}' % i, payload, i, i, "dk%d" % i)).fetchall()
        if not returning:
            c.execute("SELECT CASE WHEN changes() = 1 THEN last_insert_rowid() END").fetchall()
        times.append((time.perf_counter() - t) * 1e6)
        c.execute("COMMIT")
        if sleep:
            time.sleep(sleep)
    c.close()
    times.sort()
    return times[n // 2], times[int(n * 0.9)]


n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
for conflict, returning, sleep in [(1, 1, 0), (1, 0, 0), (1, 1, 0.002), (1, 0, 0.002)]:
    p50, p90 = run(conflict, returning, sleep, n)
    print(f"ON CONFLICT {'yes' if conflict else 'no '}  RETURNING {'yes' if returning else 'no '}  "
          f"{'idle 2 ms between' if sleep else 'back to back     '}: p50 {p50:.0f} µs, p90 {p90:.0f} µs")
