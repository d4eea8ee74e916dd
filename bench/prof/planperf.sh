#!/bin/bash
# usage: planperf.sh VIGIL OUT [HOSTS SERIAL] — issue 9's scale scenario with perf recording the server (call graphs,
# JIT-compiled code named through perf maps). VIGIL: a built or installed `vigil`. Then: perf report -i OUT --no-children
set -e
VIGIL=$1; OUT=$2; HOSTS=${3:-500}; SERIAL=${4:-50}
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet "$(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll" plans --scenario scale --hosts "$HOSTS" --serial "$SERIAL" --vigil "$VIGIL" > "$OUT.txt" 2>&1 &
BP=$!
for _ in $(seq 300); do SPID=$(pgrep -f "server --config /tmp/vigil-planscale" | head -1); [ -n "$SPID" ] && break; sleep 0.1; done
perf record -F 999 -g -p "$SPID" -o "$OUT" > /dev/null 2>&1 & PP=$!
wait $BP
kill -INT $PP 2>/dev/null || true; wait $PP || true
tail -3 "$OUT.txt"
