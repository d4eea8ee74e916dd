#!/usr/bin/env bash
# Start-up to ready and CLI latency, Vigil against Alertmanager 0.25 and amtool, same run, interleaved
# (issue 15 item 6; results in docs/benchmarks.md "Start-up and CLI latency").
#
#   bench/startup-cli.sh DIR [RUNS] [ALERTS]
#
# DIR is an installed Vigil (`dotnet publish -c Release src/Vigil -o DIR`), or any folder whose `vigil` runs
# `vigil server` and the client verbs. Prints the median of RUNS (default 5) wall time, CPU time (user+system) and
# max RSS per measure. Start-up: exec to the first 200 from /-/ready, a new empty data folder each time. CLI: one
# query against a server holding ALERTS (default 3000) firing alerts, the same ones in both.
set -euo pipefail
dir=$(cd "$1" && pwd); runs=${2:-5}; alerts=${3:-3000}
exec python3 - "$dir" "$runs" "$alerts" <<'PY'
import json, os, resource, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request
from datetime import datetime, timedelta, timezone

vigil_dir, runs, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
vigil = os.path.join(vigil_dir, "vigil")
work = tempfile.mkdtemp(prefix="startup-cli-")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=1) as r:
            return r.status == 200
    except Exception:
        return False

def start_to_ready(cmd, port):
    """Milliseconds from exec to the first 200 from /-/ready, and the server's CPU ms by then."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not ready(port):
        if p.poll() is not None:
            sys.exit(f"exited with {p.returncode}: {' '.join(cmd)}")
        time.sleep(0.002)
    ms = (time.perf_counter() - t0) * 1000
    with open(f"/proc/{p.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    p.send_signal(signal.SIGTERM)
    p.wait()
    return ms, cpu, None

def run_once(cmd):
    """Wall ms, CPU ms and max RSS MiB of one run of cmd (which must succeed)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    ms = (time.perf_counter() - t0) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}: {p.stderr.read().decode()}")
    return ms, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024

def measure(name, pairs):
    """pairs: {label: thunk}; runs every thunk once per round, RUNS rounds, prints medians."""
    results = {label: [] for label in pairs}
    for _ in range(runs):
        for label, thunk in pairs.items():
            results[label].append(thunk())
    print(f"\n{name}")
    for label, rs in results.items():
        walls = [r[0] for r in rs]
        rss = [r[2] for r in rs if r[2] is not None]
        print(f"  {label:<28} wall {statistics.median(walls):7.0f} ms (min {min(walls):.0f}, max {max(walls):.0f})"
              f"  CPU {statistics.median(r[1] for r in rs):6.0f} ms" + (f"  RSS {statistics.median(rss):4.0f} MiB" if rss else ""))

am_config = os.path.join(work, "am.yml")
with open(am_config, "w") as f:
    f.write("route:\n  receiver: blackhole\n  group_wait: 1h\nreceivers:\n  - name: blackhole\n")

def vigil_start():
    port = free_port()
    data = tempfile.mkdtemp(dir=work)
    return start_to_ready([vigil, "server", "--data", data, "--listen", f"127.0.0.1:{port}"], port)

def am_start():
    port = free_port()
    data = tempfile.mkdtemp(dir=work)
    return start_to_ready(["/usr/bin/prometheus-alertmanager", f"--config.file={am_config}", f"--storage.path={data}",
                           f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="], port)

print(f"{vigil_dir}: {runs} runs, {count} alerts; load average {os.getloadavg()[0]:.1f} at the start")
measure("start-up to /-/ready, empty data folder", {"vigil server": vigil_start, "alertmanager": am_start})

# One server of each, holding the same alerts.
vport, aport = free_port(), free_port()
vdata, adata = tempfile.mkdtemp(dir=work), tempfile.mkdtemp(dir=work)
vp = subprocess.Popen([vigil, "server", "--data", vdata, "--listen", f"127.0.0.1:{vport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ap = subprocess.Popen(["/usr/bin/prometheus-alertmanager", f"--config.file={am_config}", f"--storage.path={adata}",
                       f"--web.listen-address=127.0.0.1:{aport}", "--cluster.listen-address="], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while not (ready(vport) and ready(aport)):
        time.sleep(0.05)
    token = open(os.path.join(vdata, "admin.token")).read().strip()
    now = datetime.now(timezone.utc)
    for start in range(0, count, 500):
        batch = [{"labels": {"alertname": f"Alert{i % 20}", "instance": f"host-{i}:9100", "job": "node",
                             "severity": ["critical", "warning", "info"][i % 3]},
                  "annotations": {"summary": f"host-{i} is unhappy"},
                  "startsAt": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "endsAt": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")}
                 for i in range(start, min(start + 500, count))]
        for port, auth in ((vport, {"Authorization": f"Bearer {token}"}), (aport, {})):
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v2/alerts", data=json.dumps(batch).encode(),
                                         headers={"Content-Type": "application/json", **auth}, method="POST")
            urllib.request.urlopen(req).close()
    v = [vigil, "--data", vdata]
    am = ["/usr/bin/amtool", f"--alertmanager.url=http://127.0.0.1:{aport}"]
    measure(f"alert list, {count} alerts (table)", {
        "vigil alerts": lambda: run_once([vigil, "alerts", "--data", vdata]),
        "amtool alert query": lambda: run_once(am + ["alert", "query"])})
    measure(f"alert list, {count} alerts (JSON)", {
        "vigil alerts -o json": lambda: run_once([vigil, "alerts", "-o", "json", "--data", vdata]),
        "amtool alert query -o json": lambda: run_once(am + ["alert", "query", "-o", "json"])})
    measure("one alert by filter", {
        "vigil alerts --filter": lambda: run_once([vigil, "alerts", "--filter", 'instance="host-7:9100"', "--data", vdata]),
        "amtool alert query MATCHER": lambda: run_once(am + ["alert", "query", 'instance="host-7:9100"'])})
    measure("silence list (none)", {
        "vigil silence ls": lambda: run_once([vigil, "silence", "ls", "--data", vdata]),
        "amtool silence query": lambda: run_once(am + ["silence", "query"])})
    measure("version", {
        "vigil --version": lambda: run_once([vigil, "--version"]),
        "amtool --version": lambda: run_once(["/usr/bin/amtool", "--version"])})
finally:
    for p in (vp, ap):
        p.send_signal(signal.SIGTERM)
        p.wait()
    subprocess.run(["rm", "-rf", work])
PY
