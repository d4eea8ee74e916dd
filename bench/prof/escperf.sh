#!/bin/bash
# usage: escperf.sh BIN_DIR OUT — escalation --at-once with perf recording the server; prints the resume time in perf's clock
BIN=$1; OUT=$2
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet $(dirname "$0")/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll escalation --at-once --ack-timeout-s 60 --vigil-cmd "$BIN/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}" > $OUT.txt 2>&1 &
BP=$!
for i in $(seq 200); do SPID=$(pgrep -f "vigil server --config /tmp/vigil-escbench" | head -1); [ -n "$SPID" ] && break; sleep 0.1; done
perf record -F 1999 -g -p $SPID -o $OUT > /dev/null 2>&1 & PP=$!
# map wall clock to perf clock (CLOCK_MONOTONIC ~ uptime)
echo "wall $(date +%s.%N) uptime $(cut -d' ' -f1 /proc/uptime)" > $OUT.clock
wait $BP
kill -INT $PP; wait $PP
