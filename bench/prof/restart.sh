#!/bin/bash
# usage: restart.sh DATA RUNS "ENV BIN" … — item 5's restart, without the ingest before it: each variant is started
# RUNS times (interleaved) on a fresh copy of the data folder DATA (one that a server holding 1M alerts left behind,
# see the README) and timed from exec to the first 200 from /-/ready; prints the process's CPU seconds, RSS and minor
# page faults at that moment. BIN is a built (`vigil server`) or installed (`vigil-server server`) folder.
DATA=$1; RUNS=$2; shift 2
B="dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
C=$(mktemp -d /tmp/rs.XXXX); $B config --sink-url http://127.0.0.1:19556/ > $C/cfg.yml
for r in $(seq "$RUNS"); do
  for V in "$@"; do
    read -r ENVS BIN <<< "$V"; PORT=19657
    D=$(mktemp -d /tmp/rs.XXXX); cp -r "$DATA" $D/data; sync
    if [ -x "$BIN/vigil-server" ]; then S="$BIN/vigil-server server"; else S="$BIN/vigil server"; fi
    t0=$(date +%s%N)
    env $ENVS $S --config $C/cfg.yml --listen 127.0.0.1:$PORT --data $D/data > $D/server.log 2>&1 &
    SP=$!
    until curl -sf -o /dev/null http://127.0.0.1:$PORT/-/ready; do sleep 0.02; kill -0 $SP 2>/dev/null || break; done
    t1=$(date +%s%N)
    read -r cpu flt <<< "$(awk '{print ($14+$15)/100, $10}' /proc/$SP/stat)"
    rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$SP/status)
    echo "run $r $V: ready $(( (t1-t0)/1000000 )) ms, cpu ${cpu} s, rss ${rss} MiB, minor faults ${flt}"
    kill $SP; wait $SP 2>/dev/null; cp $D/server.log /tmp/rs.last.log; rm -rf $D
  done
done
rm -rf $C
