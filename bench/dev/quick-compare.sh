#!/usr/bin/env bash
# Interleaved quick compares of installed builds (or environments): `compare --only vigil` without the 1M rows, the
# escalation burst or the CLI rows, and 2,000 one-per-request alerts — about 10 s a run. Prints, per build, the medians
# of the batch-100 ingest (alerts/s, server CPU per alert), the first page during an ingest and at idle (p99), and the
# warm one-per-request CPU per alert.
# Usage: bench/dev/quick-compare.sh N OUTPREFIX "name|INSTALLED_DIR|ENV…" …   e.g.
#        bench/dev/quick-compare.sh 8 /tmp/q "before|/tmp/old|" "after|/tmp/new|" "spin0|/tmp/new|DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0"
set -u
n=${1:?usage: quick-compare.sh N OUTPREFIX SPEC...}; prefix=${2:?usage: quick-compare.sh N OUTPREFIX SPEC...}; shift 2
cd "$(dirname "$0")/../.."
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
for i in $(seq "$n"); do
  for spec in "$@"; do
    IFS='|' read -r name dir environment <<< "$spec"
    # shellcheck disable=SC2086 # the environment is a list of NAME=value words
    env $environment $bench compare --only vigil --runs 1 --million 0 --escalations 0 --single-alerts 2000 --cli-runs 0 \
      --vigil-cmd "$dir/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}" --vigil-token-file "{data}/admin.token" \
      > "$prefix-$name-$i.txt" 2>&1
  done
done
python3 - "$prefix" "$@" <<'PY'
import glob, re, statistics, sys
prefix = sys.argv[1]
for spec in sys.argv[2:]:
    name = spec.split('|')[0]
    rows = []
    for path in sorted(glob.glob(f"{prefix}-{name}-*.txt")):
        text = open(path).read()
        ingest = re.search(r"ingest \d+ batch 100:.*?alerts/s\s*:\s*(\d+).*?server CPU\s*:\s*[\d.]+s, ([\d.]+)", text, re.S)
        loaded = re.search(r"latency during ingest: .*?p99=([\d.]+)ms", text)
        idle = re.search(r"latency idle: .*?p99=([\d.]+)ms", text)
        warm = re.search(r"batch 1 again, warm:.*?server CPU\s*:\s*[\d.]+s, ([\d.]+)", text, re.S)
        if ingest and loaded and idle and warm:
            rows.append((int(ingest[1]), float(ingest[2]), float(loaded[1]), float(idle[1]), float(warm[1])))
    if not rows:
        print(f"{name}: no complete run (see {prefix}-{name}-*.txt)")
        continue
    a, cpu, loaded, idle, warm = zip(*rows)
    m = statistics.median
    print(f"{name}: {len(rows)} runs; batch 100 {m(a):,.0f} alerts/s ({min(a):,}–{max(a):,}) at {m(cpu):.1f} µs; "
          f"first page p99 during ingest {m(loaded):.1f} ms, idle {m(idle):.1f} ms; one per request, warm {m(warm):.1f} µs")
PY
