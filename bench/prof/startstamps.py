"""Where a start's time goes, step by step: starts BIN/vigil server (a build with bench/prof/startstamps-apply.py's
stamps) on an empty data folder N times, polls /-/ready every 2 ms, and prints each STAMP line in ms from exec, with
the client's send and answer of the request that got 200. usage: startstamps.py BIN CONFIG [N]"""
import shutil, sys, tempfile, time

from startpoll import PORT, start_until_ready

binp, cfg = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1
for r in range(n):
    d = tempfile.mkdtemp(prefix="startstamps.")
    with open(d + "/err", "w") as err:
        p, t0, sent, answered = start_until_ready(
            [binp + "/vigil", "server", "--config", cfg, "--listen", f"127.0.0.1:{PORT}", "--data", d + "/data"], stderr=err)
        time.sleep(0.3)
        p.terminate()
        p.wait()
    rows = []
    for line in open(d + "/err"):
        if line.startswith("STAMP "):
            _, t, tid, what = line.rstrip("\n").split(" ", 3)
            rows.append(((int(t) - t0) / 1e6, "t" + tid, what))
    rows.append(((sent - t0) / 1e6, "client", "sent the /-/ready that got 200"))
    rows.append(((answered - t0) / 1e6, "client", "got 200"))
    rows.sort()
    print(f"--- start {r + 1}")
    prev = 0.0
    for t, who, what in rows:
        print(f"{t:7.1f} (+{t - prev:5.1f}) {who:>6} {what}")
        prev = t
    shutil.rmtree(d)
