#!/bin/bash
# usage: getcurl.sh BIN_DIR [N] — fresh server, ingest N (batch 100), 5 GETs with curl (time_total, ttfb, size)
BIN=$1; N=${2:-100000}
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
D=$(mktemp -d /tmp/getq.XXXX); PORT=19755
$B config --sink-url http://127.0.0.1:19556/ > $D/cfg.yml
$BIN/vigil server --config $D/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
SP=$!
for i in $(seq 200); do curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready && break; sleep 0.05; done
$B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts $N --batch 100 > $D/ingest.out 2>&1
T=$(cat $D/data/admin.token)
for i in $(seq ${GETS:-5}); do curl -s -H "Authorization: Bearer $T" -o $D/out.json -w "%{time_total} ttfb %{time_starttransfer} %{size_download}\n" http://127.0.0.1:$PORT/api/v2/alerts; done
md5sum $D/out.json
kill $SP; wait $SP 2>/dev/null; rm -rf $D
