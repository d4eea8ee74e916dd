#!/bin/bash
# usage: plantrace.sh VIGIL_DIR OUT [SECONDS] — what a 500-host plan run (`plans --scenario scale --runs 1`) makes the
# server allocate and collect. dotnet-trace (`dotnet tool install -g dotnet-trace`) attaches to the bench's server as
# soon as it starts and records the runtime's GC events (allocation ticks with their stacks, every collection) for
# SECONDS (default 22: the trace must stop before the bench stops the server, or it has no method names). Then `allocs/`
# prints each collection (pause, what it promoted and from which roots: OUT.gcs), the bytes by type (OUT.types) and
# where the strings were allocated (OUT.strings). VIGIL_DIR: an installed build (`dotnet publish -c Release src/Vigil -o DIR`).
# JIT=1 also records the JIT's events and prints what it compiled during the run, by tier and type (OUT.jits).
D=$1; O=$2; DUR=${3:-22}; HERE=$(cd "$(dirname "$0")" && pwd)
A="$HERE/allocs/bin/Release/net10.0/allocs.dll"
[ -f "$A" ] || dotnet build -c Release "$HERE/allocs" > "$O.allocs-build.log" || exit 1
(timeout 300 dotnet "$HERE/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll" plans --scenario scale --hosts 500 --serial 50 --runs 1 --vigil "$D/vigil" > "$O.txt" 2>&1 &)
for _ in $(seq 200); do P=$(pgrep -f "$D/vigil-server server" | head -1); [ -n "$P" ] && break; sleep 0.05; done
~/.dotnet/tools/dotnet-trace collect -p "$P" --providers "Microsoft-Windows-DotNETRuntime:$([ -n "${JIT:-}" ] && echo 0x11 || echo 0x1):5" --duration "00:00:00:$DUR" -o "$O.nettrace" > "$O.dt.log" 2>&1
while pgrep -f "$D/vigil-server server" > /dev/null; do sleep 0.5; done
GCS=1 dotnet "$A" "$O.nettrace" > "$O.gcs"
TOP=15 dotnet "$A" "$O.nettrace" > "$O.types"
STACKS=System.String TOP=25 DEPTH=4 dotnet "$A" "$O.nettrace" > "$O.strings"
[ -n "${JIT:-}" ] && JITS=1 TOP=40 dotnet "$A" "$O.nettrace" > "$O.jits"
grep -E "^  500 hosts" "$O.txt"; cat "$O.gcs" "$O.types"
