#!/bin/bash
# usage: firstget.sh RUNS "ENV BIN" ... — per variant: fresh server, ingest 100k (batch 100), ONE GET right after (as compare does); prints times
RUNS=$1; shift
VARIANTS=("$@")
declare -A res
for r in $(seq $RUNS); do
  for v in "${VARIANTS[@]}"; do
    E=${v%% *}; BIN=${v#* }
    t=$(env $E CURL=1 GETS=1 $(dirname "$0")/getq.sh $BIN 100000 | head -1 | awk '{print $1}')
    res[$v]="${res[$v]} $t"
  done
done
for v in "${VARIANTS[@]}"; do echo "$v:${res[$v]} median $(echo ${res[$v]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"; done
