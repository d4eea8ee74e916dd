#!/usr/bin/env python3
"""writer-timing.py SERVER_LOG BENCH_OUT: sums the TMPW lines that writer-timing.patch makes Database.WriteAsync print,
from the resume of `escalation --at-once` (its "resuming it at HH:MM:SS.mmm" line) for 2 s: per caller, the writer's
time (work, commit), calls, rows returned and how many returned none; then the writer's busy ms per 100 ms."""
import collections, datetime, re, sys

rows = []
for line in open(sys.argv[1]):
    if line.startswith('TMPW'):
        p = line.split()
        kv = dict(x.split('=') for x in p[3:])
        rows.append((int(p[1]), re.sub(r'.*<(\w+)>.*', r'\1', p[2]), float(kv['wait']), float(kv['work']), float(kv['commit']), int(kv['n'])))
day = datetime.datetime.fromtimestamp(rows[0][0] / 1000, datetime.timezone.utc).date()
h, mi, se, ms = map(int, re.search(r'resuming it at (\d+):(\d+):(\d+)\.(\d+)', open(sys.argv[2]).read()).groups())
t0 = datetime.datetime(day.year, day.month, day.day, h, mi, se, ms * 1000, tzinfo=datetime.timezone.utc).timestamp() * 1000
agg = collections.defaultdict(lambda: [0, 0.0, 0.0, 0, 0.0, 0])
buckets = collections.defaultdict(lambda: collections.defaultdict(float))
for t, name, wait, work, commit, n in rows:
    t -= t0
    if not 0 <= t < 2000:
        continue
    a = agg[name]
    a[0] += 1; a[1] += work; a[2] += commit; a[3] += max(n, 0); a[4] += wait; a[5] += n == 0
    buckets[int(t // 100)][name] += work + commit
for name, a in sorted(agg.items(), key=lambda x: -x[1][1] - x[1][2]):
    print(f"{name:25s} calls={a[0]:5d} work={a[1]:7.1f}ms commit={a[2]:6.1f}ms rows={a[3]:6d} waited={a[4]:8.1f}ms none={a[5]}")
for b in sorted(buckets):
    print(b * 100, {n: round(v, 1) for n, v in buckets[b].items()})
