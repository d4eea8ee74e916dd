#!/bin/bash
# usage: single.sh BUILD_DIR OUT [perf]  — fresh server, 20k batch-1 warm, then 40k batch-1 measured (perf optional)
# SCRAPE=1: read /metrics once after ready, as a Prometheus scraping the server would (starts the meter listeners)
BIN=$1; OUT=$2; PERF=$3
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
D=$(mktemp -d /tmp/single.XXXX); PORT=19555
$B config --sink-url http://127.0.0.1:19556/ > $D/cfg.yml
env DOTNET_PerfMapEnabled=${PERF:+1} DOTNET_EnableWriteXorExecute=${PERF:+0} $XENV $BIN/vigil server --config $D/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
SP=$!
for i in $(seq 100); do curl -sf http://127.0.0.1:$PORT/-/ready >/dev/null && break; sleep 0.1; done
[ -n "$SCRAPE" ] && curl -sf -H "Authorization: Bearer $(cat $D/data/admin.token)" http://127.0.0.1:$PORT/metrics > /dev/null
$B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts 20000 --batch 1 > $OUT.warm 2>&1
if [ -n "$PERF" ]; then perf record -F 999 -g -p $SP -o $OUT.perf.data > /dev/null 2>&1 & PP=$!; sleep 0.5; fi
$B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts 40000 --batch 1 > $OUT 2>&1
if [ -n "$PERF" ]; then kill -INT $PP; wait $PP; fi
kill $SP; wait $SP 2>/dev/null; rm -rf $D
