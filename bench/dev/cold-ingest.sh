#!/usr/bin/env bash
# The sequence compare's batch-100 row measures, alone: a fresh installed server, 200 idle latency probes, then the
# first 100k alerts at batch 100 — optionally after a pause, and optionally with `perf record` attached from the
# ingest's start (DOTNET_PerfMapEnabled=1, so JIT-compiled methods have names).
# Usage: bench/dev/cold-ingest.sh INSTALLED_DIR OUT [perf]    (env: GAP=seconds between probes and ingest, default 0;
#        XENV="NAME=value …" for the server's environment). Writes OUT (the ingest's report), OUT.lat, OUT.perf.data.
# Build the bench first: dotnet build bench/Vigil.Bench -c Release -p:WarningsNotAsErrors=NU1603
set -u
bin=${1:?usage: cold-ingest.sh INSTALLED_DIR OUT [perf]}; out=${2:?usage: cold-ingest.sh INSTALLED_DIR OUT [perf]}; perf=${3:-}
cd "$(dirname "$0")/../.."
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
dir=$(mktemp -d /tmp/cold-ingest.XXXX); port=19555; sink=19556
$bench config --sink-url "http://127.0.0.1:$sink/" > "$dir/cfg.yml"
# shellcheck disable=SC2086 # XENV is a list of NAME=value words
env DOTNET_PerfMapEnabled=${perf:+1} DOTNET_EnableWriteXorExecute=${perf:+0} ${XENV:-} "$bin/vigil" server --config "$dir/cfg.yml" \
  --listen "127.0.0.1:$port" --data "$dir/data" > "$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/-/ready" > /dev/null && break; sleep 0.1; done
$bench latency --url "http://127.0.0.1:$port" --token-file "$dir/data/admin.token" --sink-port "$sink" --samples 200 > "$out.lat" 2>&1
sleep "${GAP:-0}"
if [ -n "$perf" ]; then perf record -F 1999 -g -p "$server" -o "$out.perf.data" > /dev/null 2>&1 & recorder=$!; sleep 0.05; fi
$bench ingest --url "http://127.0.0.1:$port" --token-file "$dir/data/admin.token" --alerts 100000 --batch 100 --concurrency 4 > "$out" 2>&1
if [ -n "$perf" ]; then kill -INT "$recorder"; wait "$recorder"; fi
kill "$server"; wait "$server" 2> /dev/null; rm -rf "$dir"
grep -E "alerts/s  |server CPU" "$out"
