#!/usr/bin/env bash
# A maintenance plan on one machine, end to end, with nothing faked: a real HAProxy in front of two backends
# (web-1, web-2: small python3 web servers), a Vigil server, one real agent per backend host (app-1, app-2) whose
# allow-listed action `restart-web` restarts its backend, and a client sending ~50 requests/s through HAProxy the
# whole time. The plan takes each backend out of the pool, restarts it, and puts it back; it must end `succeeded`
# with zero failed client requests. Everything binds to 127.0.0.1 and lives in a temporary folder.
#
#   docs/examples/try-plans.sh             # needs haproxy, python3 and the .NET SDK (builds Vigil once)
#   VIGIL="vigil" docs/examples/try-plans.sh   # with an installed vigil
#   KEEP=1 ...                              # leave everything running afterwards, to look around
#
# Ports: TRY_PORT (default 18080) is HAProxy's frontend, the two backends use the next two; Vigil takes a free port.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${TRY_PORT:-18080}
web1=$((port + 1)) web2=$((port + 2))
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-try-plans.XXXXXX")
pids=()
cleanup() {
  if [ -z "${KEEP:-}" ]; then
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for f in "$work"/web-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    rm -rf "$work"
  else
    echo "left running; everything is under $work"
  fi
}
trap cleanup EXIT
command -v haproxy >/dev/null || { echo "haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; }

if [ -z "${VIGIL:-}" ]; then
  echo "building Vigil..."
  dotnet build "$repo/src/Vigil" -c Release -v quiet -nologo >/dev/null
  VIGIL="dotnet $repo/src/Vigil/bin/Release/net10.0/vigil.dll"
fi
vigil() { $VIGIL "$@" --url "$url" --data "$work/data"; }

# 1. Two backends. Each serves /health; restart-web.sh stops one and starts it again (a new process).
cat >"$work/restart-web.sh" <<EOF
#!/bin/sh
# restart-web.sh N: what the agent of app-N runs for its action restart-web.
n=\$1; port=\$((${port} + n))
[ -f "$work/web-\$n.pid" ] && kill "\$(cat "$work/web-\$n.pid")" 2>/dev/null
sleep 1
mkdir -p "$work/web-\$n"; echo ok >"$work/web-\$n/health"
setsid python3 -m http.server "\$port" --bind 127.0.0.1 --directory "$work/web-\$n" >/dev/null 2>&1 </dev/null &
echo \$! >"$work/web-\$n.pid"
EOF
sh "$work/restart-web.sh" 1
sh "$work/restart-web.sh" 2

# 2. HAProxy: an admin-level stats socket, health checks every second, retries elsewhere when a member goes.
cat >"$work/haproxy.cfg" <<EOF
global
    stats socket $work/admin.sock mode 600 level admin
defaults
    mode http
    timeout connect 2s
    timeout client 10s
    timeout server 10s
    option redispatch
    retries 3
frontend shop
    bind 127.0.0.1:$port
    default_backend web
backend web
    option httpchk GET /health
    server web-1 127.0.0.1:$web1 check inter 1s fall 2 rise 2
    server web-2 127.0.0.1:$web2 check inter 1s fall 2 rise 2
EOF
haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)

# 3. Vigil: the pool (HAProxy server name: the host its agent reports as), and the watcher and backup of the plan.
cat >"$work/vigil.yaml" <<EOF
route:
  receiver: nobody
receivers:
  - name: nobody
people:
  - name: alice
  - name: bob
pools:
  - name: web
    backend: web
    min_healthy: 1
    haproxy:
      - socket: $work/admin.sock
    members:
      web-1: app-1
      web-2: app-2
EOF
# Port 0: the server takes a free port and writes its URL to DATA/server.url, where the CLI finds it too.
$VIGIL server --config "$work/vigil.yaml" --data "$work/data" --listen 127.0.0.1:0 >"$work/vigil.log" 2>&1 &
server=$!
pids+=($server)
url=""
for _ in $(seq 1 240); do
  kill -0 "$server" 2>/dev/null || { echo "vigil server exited:" >&2; tail -20 "$work/vigil.log" >&2; exit 1; }
  url=$(cat "$work/data/server.url" 2>/dev/null || true)
  [ -n "$url" ] && curl -sf "$url/-/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "$url/-/ready" >/dev/null || { echo "vigil server not ready after 120 s:" >&2; tail -20 "$work/vigil.log" >&2; exit 1; }
echo "Vigil at $url"

# 4. One agent per host, each allow-listing restart-web for its own backend and trusting the server's action key.
for n in 1 2; do
  created=$(vigil agent token create "app-$n" -o json)
  token=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  key=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverKey"])')
  cat >"$work/agent-$n.yaml" <<EOF
interval: 2s
systemd: {enabled: false}
state_dir: $work/agent-$n-state
server_key: $key
actions:
  restart-web: {run: [/bin/sh, $work/restart-web.sh, "$n"], timeout: 30s}
EOF
  $VIGIL agent --server "$url" --token "$token" --host "app-$n" --config "$work/agent-$n.yaml" >"$work/agent-$n.log" 2>&1 &
  pids+=($!)
done

# 5. Wait until the pool counts both members healthy (UP in HAProxy, and their agents reporting).
for _ in $(seq 1 120); do
  vigil pools web -o json 2>/dev/null | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["healthy"] == 2 else 1)' && break
  sleep 0.5
done
vigil pools web

# 6. A client through HAProxy, ~50 requests/s, counting every failed request.
cat >"$work/client.py" <<'EOF'
import os, sys, time, urllib.request
url, out = sys.argv[1], sys.argv[2]
sent = failed = 0
while True:
    sent += 1
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            if r.status != 200:
                failed += 1
    except Exception:
        failed += 1
    with open(out + ".tmp", "w") as f:
        f.write(f"{sent} {failed}\n")
    os.replace(out + ".tmp", out)  # whole lines only, for the reader
    time.sleep(0.02)
EOF
python3 "$work/client.py" "http://127.0.0.1:$port/health" "$work/client.out" &
pids+=($!)

# 7. The plan: one host at a time, never below min_healthy, each backend drained before it restarts.
cat >"$work/restart-web.yaml" <<EOF
name: try-restart-web
description: Restart each web backend in turn, keeping one serving
hosts: {pool: web}
serial: 1
window: {watcher: alice, backup: bob, announcement: restart of the web backends}
steps:
  - gate: pool_min_healthy
  - haproxy: drain
  - wait: drained
    timeout: 30s
  - haproxy: maint
  - agent: restart-web
    timeout: 30s
  - haproxy: ready
  - wait: haproxy_up
    timeout: 30s
EOF
vigil plan validate "$work/restart-web.yaml" --server
vigil plan run "$work/restart-web.yaml" --dry-run
status=0
vigil plan run "$work/restart-web.yaml" --follow || status=$?
sleep 1
read -r sent failed <"$work/client.out"
echo "client: $sent requests through HAProxy, $failed failed"
if [ "$status" != 0 ] || [ "$failed" != 0 ]; then exit 1; fi
