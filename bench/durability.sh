#!/usr/bin/env bash
# Ingest throughput of Vigil in each storage mode, for docs/durability.md:
#   SQLite synchronous=NORMAL (durability: process_crash), SQLite synchronous=FULL (power_loss),
#   PostgreSQL 15 with fsync and synchronous_commit on (a throwaway cluster on loopback).
# Usage: bench/durability.sh [ALERTS]   (needs root for the PostgreSQL cluster; builds Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
alerts=${1:-100000}
work=$(mktemp -d /tmp/vigil-durability.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  [ -f "$work/pg/data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  kill "${server:-}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build src/Vigil -c Release -v q >/dev/null
dotnet build bench/Vigil.Bench -c Release -v q >/dev/null
vigil=src/Vigil/bin/Release/net10.0/vigil
bench="dotnet bench/Vigil.Bench/bin/Release/net10.0/Vigil.Bench.dll"

mkdir -p "$work/pg" && chown postgres "$work/pg" && chmod 755 "$work"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o "-p 55499 -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null

run() { # name, extra server args, server: section
  local name=$1 args=$2 section=$3 data="$work/$1"
  $bench config --sink-url http://127.0.0.1:9/ > "$work/$name.yml"
  printf '%s\n' "$section" >> "$work/$name.yml"
  # shellcheck disable=SC2086
  $vigil server --config "$work/$name.yml" --listen 127.0.0.1:19590 --data "$data" $args > "$work/$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs http://127.0.0.1:19590/-/ready >/dev/null 2>&1 && break; sleep 0.1; done
  echo "== $name, batch 100"
  $bench ingest --url http://127.0.0.1:19590 --token-file "$data/admin.token" --alerts "$alerts" --batch 100 | grep -E "alerts/s|latency|CPU"
  echo "== $name, batch 1"
  $bench ingest --url http://127.0.0.1:19590 --token-file "$data/admin.token" --alerts $((alerts / 5)) --batch 1 | grep -E "alerts/s|latency|CPU"
  kill "$server"; wait "$server" 2>/dev/null || true
}
run sqlite-process-crash "" $'server:\n  durability: process_crash'
run sqlite-power-loss "" $'server:\n  durability: power_loss'
run postgres "--postgres Host=127.0.0.1;Port=55499;Username=postgres" ""
