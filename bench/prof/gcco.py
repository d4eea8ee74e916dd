#!/usr/bin/env python3
"""gcco.py KEPTDIR GCFILE -- per plan run and batch of a kept scale run (VIGIL_BENCH_KEEP=1 plans --scenario scale), the
change-over gap before the batch's first step (from the previous batch's last end) and the gate's length, with the garbage
collections in it (gen, fg/bg, pause ms, when in ms after the previous end) from a VIGIL_GCWATCH file of a gcwatch.patch build."""
import sys, json, sqlite3, datetime
def ms(text):
    whole = text[:19]; frac = text[19:].split('+')[0].split('Z')[0].lstrip('.') or '0'
    t = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t * 1000 + int(frac) / 10 ** (len(frac) - 3)
d, gcf = sys.argv[1], sys.argv[2]
gcs=[]
for l in open(gcf):
    p=l.split()
    if p[1]=='gc': gcs.append((int(p[0]), p[4], p[5], float(p[7]), float(p[8])))
db = sqlite3.connect(d + "/data/vigil.db")
for (rid,) in db.execute("select id from plan_runs order by rowid"):
    created = ms(json.loads(db.execute("select body from plan_runs where id=?", (rid,)).fetchone()[0])["createdAt"])
    hosts = [json.loads(b) for (b,) in db.execute("select body from plan_run_hosts where run_id=? order by position", (rid,))]
    prev_end = created
    for batch in range(max(h["batch"] for h in hosts) + 1):
        rs = [r for h in hosts if h["batch"] == batch for r in h["results"]]
        gate = [r for r in rs if r["step"] == 0]
        start = min(ms(r["startedAt"]) for r in gate)
        gap = start - prev_end
        gateend = max(ms(r["endedAt"]) for r in gate)
        hit = [g for g in gcs if prev_end - 20 <= g[0] <= gateend + 5]
        print(f"{rid[-6:]} batch {batch}: gap {gap:6.1f} gate {gateend-start:5.1f} ms  GCs: {' '.join(f'g{g[1]}{g[2]} {g[3]:.1f}+{g[4]:.1f}@{g[0]-prev_end:.0f}' for g in hit)}")
        prev_end = max(ms(r["endedAt"]) for r in rs)
