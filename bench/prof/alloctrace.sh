#!/bin/bash
# usage: alloctrace.sh BIN OUTDIR — which types the ingest path allocates. A fresh server from BIN under an EventPipe
# trace of the runtime's GC events (allocation ticks), 200k alerts ingested (batch 100) and 35 s for the first group
# flushes, then measured: 100k alerts at batch 100, and 30k single-alert requests; `allocs` sums each window by type.
BIN=$1; D=$2; mkdir -p "$D"; HERE=$(cd "$(dirname "$0")" && pwd)
B="dotnet $HERE/../Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"
A="$HERE/allocs/bin/Release/net10.0/allocs.dll"
[ -f "$A" ] || dotnet build -c Release "$HERE/allocs" > "$D/allocs-build.log" || exit 1
$B config --sink-url http://127.0.0.1:19557/ > "$D/cfg.yml"; T0=$(date +%s.%N)
DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath="$D/trace.nettrace" DOTNET_EventPipeConfig="Microsoft-Windows-DotNETRuntime:0x1:5" \
  "$BIN/vigil" server --config "$D/cfg.yml" --listen 127.0.0.1:19757 --data "$D/data" > "$D/server.log" 2>&1 & SP=$!
for i in $(seq 200); do curl -sf -o /dev/null http://127.0.0.1:19757/-/ready && break; sleep 0.05; done
$B ingest --url http://127.0.0.1:19757 --token-file "$D/data/admin.token" --alerts 200000 --batch 100 > /dev/null; sleep 35
T1=$(date +%s.%N); $B ingest --url http://127.0.0.1:19757 --token-file "$D/data/admin.token" --alerts 100000 --batch 100 | grep "alerts/s "
T2=$(date +%s.%N); sleep 3
T3=$(date +%s.%N); $B ingest --url http://127.0.0.1:19757 --token-file "$D/data/admin.token" --alerts 30000 --batch 1 | grep "alerts/s "
T4=$(date +%s.%N); kill $SP; wait $SP
s() { echo "$1 - $T0" | bc; }
echo "batch 100:"; dotnet "$A" "$D/trace.nettrace" "$(s $T1)" "$(s $T2)" | cut -c1-150
echo "one alert per request:"; dotnet "$A" "$D/trace.nettrace" "$(s $T3)" "$(s $T4)" | cut -c1-150
rm -f "$D/trace.nettrace"
