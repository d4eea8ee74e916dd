#!/bin/bash
# usage: getq1m.sh "ENV BIN" [HELD] [RUNS] [RATE] — fresh server, HELD alerts ingested (batch 100), then
# `query --runs RUNS --during-ingest 50000 --ingest-rate RATE`: item 4's "ingestion unaffected during a GET" near 1M
# (posts' and /-/ready's p99 while the GET runs). Variants as in the other scripts: `X=1 BIN` for none.
VAR=$1; HELD=${2:-800000}; RUNS=${3:-3}; RATE=${4:-10000}
ENVS=${VAR% *}; BIN=${VAR##* }
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
D=$(mktemp -d /tmp/getq1m.XXXX); PORT=19756
$B config --sink-url http://127.0.0.1:19557/ > $D/cfg.yml
env $ENVS $BIN/vigil server --config $D/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
SP=$!
for i in $(seq 200); do curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready && break; sleep 0.05; done
$B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts $HELD --batch 100 > $D/ingest.out 2>&1
sleep 10
$B query --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --pid $SP --runs $RUNS --during-ingest 50000 --ingest-rate $RATE 2>&1 | tail -12
kill $SP; wait $SP 2>/dev/null; rm -rf $D
