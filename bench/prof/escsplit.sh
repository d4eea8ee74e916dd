#!/bin/bash
# usage: escsplit.sh BIN OUT — escalation --at-once with a system-wide `perf record` (no call graphs) from the pause to
# the last webhook; prints, per 50 ms from the resume, the samples of the server, of the bench (its webhook sink), idle
# (swapper) and anything else: where the two cores went during the burst. BIN is an installed or built Vigil folder.
BIN=$1; OUT=$2; HERE=$(cd "$(dirname "$0")" && pwd)
EXE=$BIN/vigil-server; [ -x "$EXE" ] || EXE=$BIN/vigil
dotnet "$HERE/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll" escalation --at-once --ack-timeout-s 60 \
  --vigil-cmd "$EXE server --config {config} --listen 127.0.0.1:{port} --data {data}" > "$OUT.txt" 2>&1 & BP=$!
until grep -q "server paused" "$OUT.txt" 2>/dev/null; do sleep 1; done
perf record -a -F 1999 -o "$OUT.perf" > /dev/null 2>&1 & PP=$!
CLOCK="$(date +%s.%N) $(cut -d' ' -f1 /proc/uptime)"   # wall clock and perf's clock (CLOCK_MONOTONIC ~ uptime)
until grep -q "level 2 delivered" "$OUT.txt" 2>/dev/null; do sleep 1; done
kill -INT $PP; wait $PP; wait $BP
grep -E "^step lag|^server CPU" "$OUT.txt"
SPID=$(grep -o "(pid [0-9]*)" "$OUT.txt" | grep -o "[0-9]*"); BPID=$BP
RESUME=$(grep -o "resuming it at [0-9:.]*" "$OUT.txt" | awk '{print $4}')
LAST=$(grep -o "resume → last level-2 webhook [0-9.]*s" "$OUT.txt" | grep -o "[0-9.]*s$" | tr -d s)
read WALL UP <<< "$CLOCK"
START=$(python3 -c "import datetime as d;w=d.datetime.combine(d.datetime.fromtimestamp($WALL,d.timezone.utc).date(),d.time.fromisoformat('$RESUME'),d.timezone.utc).timestamp();print(f'{$UP+w-$WALL:.3f}')")
END=$(python3 -c "print(f'{$START+$LAST:.3f}')")
perf script -i "$OUT.perf" --time "$START,$END" -F pid,time 2>/dev/null | python3 -c "
import sys, collections
start, server, bench = float('$START'), '$SPID', '$BPID'
buckets, total = collections.defaultdict(collections.Counter), collections.Counter()
for line in sys.stdin:
    pid, t = line.split()
    who = {server: 'server', bench: 'bench', '0': 'idle'}.get(pid, 'other')
    buckets[int((float(t.rstrip(':')) - start) / 0.05)][who] += 1
    total[who] += 1
n = sum(total.values())
print('whole burst: ' + ', '.join(f'{k} {100 * total[k] / n:.0f} %' for k in ('server', 'bench', 'idle', 'other')))
for b in sorted(buckets):
    c = buckets[b]
    print(f'{b * 50:5d} ms  server {c[\"server\"]:4d}  bench {c[\"bench\"]:4d}  idle {c[\"idle\"]:4d}  other {c[\"other\"]:4d}')
"
