#!/bin/bash
# idle.sh BIN [PORT]: the first notification at idle — a fresh server from BIN (a built or installed Vigil folder)
# on an empty data folder, then 300 latency probes (group_wait 0s, one new group each); prints the summary line.
BIN=$1; PORT=${2:-19200}; SINK=$((PORT+1))
B=$(cd "$(dirname "$0")/../.." && pwd)/bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll
d=$(mktemp -d); dotnet $B latency --print-config --sink-port $SINK > $d/c.yml
$BIN/vigil server --config $d/c.yml --listen 127.0.0.1:$PORT --data $d/data > $d/log 2>&1 & pid=$!
until curl -sf http://127.0.0.1:$PORT/-/ready >/dev/null; do sleep 0.1; done
sleep ${SETTLE:-2}
dotnet $B latency --url http://127.0.0.1:$PORT --token "$(cat $d/data/admin.token)" --sink-port $SINK --samples 300 2>&1 | grep -iE "p50|p99|idle" | head -4
kill $pid; wait $pid 2>/dev/null; rm -rf $d
