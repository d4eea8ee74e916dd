#!/bin/bash
# usage: planknobs.sh VIGIL ROUNDS "ENV" "ENV" …   ("X=1" for none; several variables space-separated)
# Issue 9's scale scenario (`plans --scenario scale --hosts 500 --serial 50 --runs 2`) with runtime variables set on the
# server only (not on the bench and its simulated agents): each variant once per round, interleaved; prints the first
# run's and the warm run's engine overhead p99 per variant. VIGIL is a built or installed `vigil`. Outputs in /tmp/planknobs.
VIGIL=$1; ROUNDS=$2; shift 2
cd "$(dirname "$0")/../.." || exit 1
mkdir -p /tmp/planknobs
wrap=/tmp/planknobs/wrap.sh
printf '#!/bin/bash\nfor kv in $KNOB_ENV; do export "$kv"; done\nexec %s "$@"\n' "$VIGIL" > $wrap
chmod +x $wrap
for r in $(seq "$ROUNDS"); do for v in "$@"; do
  out=/tmp/planknobs/$(echo "$v" | tr ' =' '_-')-$r.txt
  KNOB_ENV="$v" dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll plans --scenario scale --hosts 500 --serial 50 --runs 2 --vigil $wrap > "$out" 2>&1
  echo "$v, round $r: $(grep -o 'run [12].*engine overhead per step p99 [0-9.]* ms' "$out" | sed 's/500 hosts, serial 50: run [0-9.]* s; engine overhead per step//' | tr '\n' ' ')"
done; done
