#!/bin/bash
# usage: getq.sh BIN_DIR [N_ALERTS] [RUNS] — fresh server, ingest N alerts (batch 100), then `query --runs RUNS`
# (GET time, first byte, server CPU and RSS, /-/ready during it). With CURL=1: GETS (default 5) GETs with curl
# instead (time_total, time to first byte, size); the first is the one `compare` times.
BIN=$1; N=${2:-100000}; RUNS=${3:-5}
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
D=$(mktemp -d /tmp/getq.XXXX); PORT=19755
$B config --sink-url http://127.0.0.1:19556/ > $D/cfg.yml
$BIN/vigil server --config $D/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
SP=$!
for i in $(seq 200); do curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready && break; sleep 0.05; done
$B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts $N --batch 100 > $D/ingest.out 2>&1
if [ -n "$CURL" ]; then
  T=$(cat $D/data/admin.token)
  for i in $(seq ${GETS:-5}); do
    curl -s -H "Authorization: Bearer $T" -o /dev/null -w "%{time_total} ttfb %{time_starttransfer} %{size_download}\n" http://127.0.0.1:$PORT/api/v2/alerts
  done
else
  $B query --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --runs $RUNS 2>&1 | tail -8
fi
kill $SP; wait $SP 2>/dev/null; rm -rf $D
