#!/bin/bash
# usage: startup.sh BIN_DIR [N] — time from exec to /-/ready 200 on an empty data folder, N times
BIN=$1; N=${2:-5}
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
C=$(mktemp -d /tmp/st.XXXX); $B config --sink-url http://127.0.0.1:19556/ > $C/cfg.yml
for r in $(seq $N); do
  D=$(mktemp -d /tmp/st.XXXX); PORT=19655
  t0=$(date +%s%N)
  $BIN/vigil server --config $C/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
  SP=$!
  for i in $(seq 1000); do curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready && break; sleep 0.005; done
  t1=$(date +%s%N); echo "run $r: $(( (t1-t0)/1000000 )) ms"
  kill $SP; wait $SP 2>/dev/null; cp $D/server.log /tmp/st.last.log; rm -rf $D
done
