#!/usr/bin/env bash
# An incident on one machine, end to end, with nothing faked: a customer-facing probe against a site that is down
# (nothing listens on its port) opens a SEV1 incident by itself and pages its commander; the public status page shows
# the outage; a note, a vendor ticket (acknowledged through the link the vendor receives) and a public update land on
# the timeline; the site comes back, the incident is resolved, and the postmortem is printed in Pacific time.
# Pages and vendor tickets go to a small local webhook receiver (python3). Everything binds to 127.0.0.1.
#
#   docs/examples/try-incidents.sh             # needs python3, curl and the .NET SDK (builds Vigil once)
#   VIGIL="vigil" docs/examples/try-incidents.sh   # with an installed vigil
#   KEEP=1 ...                                  # leave everything running afterwards, to look around
#
# Ports: TRY_PORT (default 18090) is the site, the next one the webhook receiver; Vigil takes a free port.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
site=${TRY_PORT:-18090}
hooks=$((site + 1))
work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-try-incidents.XXXXXX")
pids=()
cleanup() {
  if [ -z "${KEEP:-}" ]; then
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
  else
    echo "left running; everything is under $work"
  fi
}
trap cleanup EXIT

if [ -z "${VIGIL:-}" ]; then
  echo "building Vigil..."
  dotnet build "$repo/src/Vigil" -c Release -v quiet -nologo >/dev/null
  VIGIL="dotnet $repo/src/Vigil/bin/Release/net10.0/vigil.dll"
fi
vigil() { $VIGIL "$@" --url "$url" --data "$work/data"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
wait_for() { # wait_for SECONDS WHAT COMMAND...: retries COMMAND every half second
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 2))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "gave up waiting for $what after ${seconds}s" >&2; tail -30 "$work/vigil.log" >&2; return 1
}

# 1. A webhook receiver standing in for alice's phone and the database provider's ticket system: each POST is kept
#    as a file under $work/hooks/<path>/.
cat >"$work/hooks.py" <<'EOF'
import http.server, os, sys, time
root = sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        folder = os.path.join(root, self.path.strip("/").replace("/", "_"))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{time.time_ns()}.json"), "wb") as f:
            f.write(body)
        self.send_response(200); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
EOF
python3 "$work/hooks.py" "$hooks" "$work/hooks" &
pids+=($!)

# 2. Vigil: the site's probe is customer-facing (impact="customer"); a rule opens a SEV1 after 5 s of it failing and
#    pages the commander, alice; the status page has one component bound to the probe; one vendor with a promise.
cat >"$work/vigil.yaml" <<EOF
route:
  receiver: nobody
receivers:
  - name: nobody
people:
  - name: alice
    contact_methods: [{type: webhook, url: "http://127.0.0.1:$hooks/alice"}]
probes:
  - name: shop
    http: {url: "http://127.0.0.1:$site/"}
    interval: 1s
    fall: 2
    rise: 2
    labels: {impact: customer, service: shop}
incidents:
  commander: alice
  update_every: {SEV1: 30m}
  auto_open:
    - name: customers
      matchers: ['impact="customer"']
      for: 5s
      severity: SEV1
      title: "Customers cannot reach the {service}"
vendors:
  - name: dbhost
    webhook: "http://127.0.0.1:$hooks/dbhost"
    response_within: 30m
    on_site_within: 2h
status_page:
  name: Example Shop
  time_zone: America/Los_Angeles
  components:
    - name: Shop
      description: the web shop
      probes: [shop]
EOF
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
echo "Vigil at $url; the shop (http://127.0.0.1:$site/) is down: nothing listens there"

# 3. Nobody does anything: the probe fails, the rule opens the incident, alice is paged.
incident_open() { [ "$(vigil incident ls --open -o json | json 'len(d)')" -ge 1 ]; }
wait_for 90 "the incident to open by itself" incident_open
id=$(vigil incident ls --open -o json | json 'd[0]["id"]')
vigil incident ls --open
paged() { ls "$work/hooks/alice/"*.json; }
wait_for 30 "alice's page" paged
echo "alice was paged: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"]["title"])' "$(ls "$work"/hooks/alice/*.json | head -1)")"

# 4. The public status page knows, without anyone telling it.
outage() { curl -sf "$url/status/summary.json" | json 'd["components"][0]["status"]' | grep -q outage; }
wait_for 30 "the status page to show the outage" outage
curl -sf "$url/status/summary.json" | json '"status page: " + d["status"]["description"] + "; Shop: " + d["components"][0]["status"]'

# 5. People at work: a note, a vendor ticket (acknowledged by the vendor through its signed link), a public update.
vigil incident note "$id" "the load balancer's data volume did not mount after the reboot"
vigil vendor ticket "$id" --vendor dbhost --summary "lb-1 will not serve after its reboot"
ticketed() { ls "$work/hooks/dbhost/"*.json; }
wait_for 30 "the vendor's ticket" ticketed
ack=$(json 'd["links"]["acknowledge"]' <"$(ls "$work"/hooks/dbhost/*.json | head -1)")
curl -sf -X POST "$ack" >/dev/null && echo "the vendor acknowledged through $ack"
vigil incident update "$id" --public "We are investigating why the shop cannot be reached." --component Shop
public() { curl -sf "$url/status/incidents/unresolved.json" | json 'd["incidents"][0]["name"]'; }
wait_for 30 "the public update on the status page" public
curl -sf "$url/status/incidents/unresolved.json" | json '"public: " + d["incidents"][0]["name"] + " — " + d["incidents"][0]["incident_updates"][0]["body"]'

# 6. The shop comes back; its probe rises, customer impact ends; the incident is resolved.
mkdir -p "$work/site" && echo "welcome" >"$work/site/index.html"
python3 -m http.server "$site" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
pids+=($!)
recovered() { [ "$(vigil incident show "$id" -o json | json 'd["times"]["impactEndedAt"] is not None')" = True ]; }
wait_for 60 "customer impact to end" recovered
vigil incident update "$id" --public "The shop is back; we are watching it." --status monitoring --component Shop
vigil incident resolve "$id" --root-cause "the data volume did not mount at boot"
vigil action add "$id" "mount /data with nofail and verify it after every boot" --owner alice --due 2030-01-31

# 7. The postmortem, written from the record, in Pacific time.
echo
vigil postmortem "$id" --tz America/Los_Angeles | tee "$work/postmortem.md"
for section in "## Issue Summary" "## Timeline (all times in America/Los_Angeles" "## Root Cause" "## Resolution and Recovery" "## Corrective and Preventative Measures"; do
  grep -qF "$section" "$work/postmortem.md" || { echo "postmortem has no \"$section\"" >&2; exit 1; }
done
echo
echo "done: incident $id opened by itself, paged alice, was public on $url/status, and has its postmortem"
