#!/usr/bin/env bash
# Measures "a request reaches the agent within 1 s" (issue 9, agent actions). Starts a `vigil server` (SQLite) and a
# real long-polling `vigil agent` over a crafted --root with one allow-listed action (/bin/true), then makes N
# requests one after another and reads the server's own timestamps of each:
#   delivered: requestedAt -> deliveredAt (the long-poll woke and handed the signed request over);
#   started:   requestedAt -> startedAt   (the agent verified it, stored its nonce and the server accepted its start);
#   finished:  requestedAt -> finishedAt  (the command ran and its outcome was reported).
# Usage: bench/agent-actions.sh [N=20]   (build first: dotnet build -c Release src/Vigil; VIGIL_DLL=... to use another build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
vigil=${VIGIL_DLL:-src/Vigil/bin/Release/net10.0/vigil.dll}
work=$(mktemp -d /tmp/vigil-actions-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/vigil.yaml" <<YAML
route: {receiver: none}
receivers: [{name: none}]
YAML
dotnet "$vigil" server --listen 127.0.0.1:0 --data "$work/data" --config "$work/vigil.yaml" >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 300); do [ -s "$work/data/server.url" ] && break; sleep 0.1; done
url=$(cat "$work/data/server.url")
admin=$(cat "$work/data/admin.token")
created=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"host":"bench-1"}' "$url/api/v1/agents/tokens")
tok=$(echo "$created" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
key=$(echo "$created" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["serverKey"])')
root="$work/root"; mkdir -p "$root/etc" "$root/proc/sys/kernel/random"
: >"$root/etc/fstab"; echo boot-a >"$root/proc/sys/kernel/random/boot_id"; echo "5.0 1.0" >"$root/proc/uptime"
printf 'interval: 10s\nsystemd: {enabled: false}\nnetwork: {default_route: false}\nserver_key: %s\nactions:\n  noop: [/bin/true]\n' "$key" >"$work/agent.yaml"
dotnet "$vigil" agent --server "$url" --token "$tok" --root "$root" --host bench-1 --config "$work/agent.yaml" >"$work/agent.log" 2>&1 & pids+=($!)
for _ in $(seq 300); do curl -sf -o /dev/null -H "Authorization: Bearer $admin" "$url/api/v1/hosts/bench-1" && break; sleep 0.1; done
sleep 1 # let the agent's first long-poll arrive
for i in $(seq "$n"); do
  id=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"action":"noop","reason":"bench"}' "$url/api/v1/hosts/bench-1/actions" \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -H "Authorization: Bearer $admin" "$url/api/v1/hosts/bench-1/actions/$id?wait=30s" >>"$work/results.jsonl"
  echo >>"$work/results.jsonl"
done
/usr/bin/python3 - "$work/results.jsonl" <<'PY'
import json, sys, datetime
def t(s): return datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
rows = [json.loads(l)['action'] for l in open(sys.argv[1]) if l.strip()]
bad = [r for r in rows if r['state'] != 'succeeded']
def ms(a, b): return sorted((t(r[b]) - t(r[a])).total_seconds() * 1000 for r in rows if r[b])
def show(name, v):
    p = lambda q: v[min(len(v) - 1, int(q * len(v) + 0.999) - 1)]
    print(f"{name}: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {v[-1]:.1f} ms")
print(f"{len(rows)} requests, {len(rows) - len(bad)} succeeded")
show("requested -> delivered", ms('requestedAt', 'deliveredAt'))
show("requested -> started  ", ms('requestedAt', 'startedAt'))
show("requested -> finished ", ms('requestedAt', 'finishedAt'))
print("target: delivered within 1 s")
PY
