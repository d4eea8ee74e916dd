#!/bin/bash
# usage: cold.sh RUNS "ENV BIN" ... — per variant: fresh server, ingest 20k at batch 1 (4 senders) as compare's cold row; alerts/s and server CPU/alert
RUNS=$1; shift
VARIANTS=("$@")
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
for r in $(seq $RUNS); do
  for v in "${VARIANTS[@]}"; do
    E=${v%% *}; BIN=${v#* }
    D=$(mktemp -d /tmp/cold.XXXX); PORT=19855
    $B config --sink-url http://127.0.0.1:19556/ > $D/cfg.yml
    env $E $BIN/vigil server --config $D/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
    SP=$!
    for i in $(seq 200); do curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready && break; sleep 0.05; done
    echo "$v: $($B ingest --url http://127.0.0.1:$PORT --token-file $D/data/admin.token --alerts 20000 --batch 1 2>&1 | grep -E "alerts/s  |server CPU" | tr '\n' ' ')"
    kill $SP; wait $SP 2>/dev/null; rm -rf $D
  done
done
