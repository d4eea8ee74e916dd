#!/usr/bin/env bash
# Runs chosen Server.Tests N times in a row beside a CPU hog (one busy loop per core), as a flaky-test check.
# Usage: bench/dev/loop.sh N FILTER-ARGS…   e.g. bench/dev/loop.sh 20 --filter-class "*EscalationEndToEndTests"
# One kind of filter per call (do not mix --filter-class and --filter-method); "*A*B" wildcards match nothing.
# Build first: dotnet build test/Vigil.Server.Tests -c Release -p:WarningsNotAsErrors=NU1603 (not while looping).
# Needs VIGIL_TEST_POSTGRES for the PostgreSQL cases. Failures are kept as /tmp/loopfail-N.txt.
set -u
n=${1:?usage: loop.sh N FILTER-ARGS...}; shift
[ $# -gt 0 ] || { echo "give a filter (--filter-class/--filter-method ...); refusing to loop the whole suite" >&2; exit 2; }
cd "$(dirname "$0")/../.."
hogs=()
for _ in $(seq "$(nproc)"); do (while :; do :; done) & hogs+=($!); done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT
pass=0; fail=0
for i in $(seq "$n"); do
  out=$(dotnet test test/Vigil.Server.Tests --no-build -c Release -- "$@" 2>&1)
  summary=$(echo "$out" | grep -E "^\s*(total|failed|succeeded|Test run summary)" | tr -s ' \n' ' ')
  if echo "$out" | grep -q "Test run summary: Passed"; then pass=$((pass+1)); else fail=$((fail+1)); echo "$out" > "/tmp/loopfail-$i.txt"; fi
  echo "run $i: $summary"
done
echo "$pass passed runs, $fail failed runs of $n"
