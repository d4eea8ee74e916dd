#!/usr/bin/env python3
"""planrun.py DIR [STEP] -- where a kept scale run's time went (VIGIL_BENCH_KEEP=1 plans --scenario scale; DIR is its
/tmp/vigil-planscale-* folder). Prints, per batch and step, the gap before the step (from the previous step's last end,
or the run's creation) and the longest host duration; then, for the agent step STEP (default 4, the plan's reboot),
when each host's request was requested, delivered and reported running and when the step ended, in ms from its start
(the action events are stored in whole ms)."""
import datetime, json, sqlite3, sys

def ms(text):
    whole = text[:19]
    frac = text[19:].split('+')[0].lstrip('.') or '0'
    t = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t * 1000 + int(frac) / 10 ** (len(frac) - 3)

def q(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]

db = sqlite3.connect(sys.argv[1] + "/data/vigil.db")
agent_step = int(sys.argv[2]) if len(sys.argv) > 2 else 4
created = ms(json.loads(db.execute("select body from plan_runs").fetchone()[0])["createdAt"])
hosts = [json.loads(b) for (b,) in db.execute("select body from plan_run_hosts order by position")]
steps = len(hosts[0]["results"])
print("per batch, per step: gap / longest host (ms)")
previous_end = created
for batch in range(max(h["batch"] for h in hosts) + 1):
    cells = []
    for step in range(steps):
        results = [r for h in hosts if h["batch"] == batch for r in h["results"] if r["step"] == step]
        start = min(ms(r["startedAt"]) for r in results)
        cells.append(f"{start - previous_end:5.0f}/{max(ms(r['endedAt']) - ms(r['startedAt']) for r in results):5.0f}")
        previous_end = max(ms(r["endedAt"]) for r in results)
    print(f"{batch:3} " + " ".join(cells))

events = {}
for action, kind, at in db.execute("select action_id, kind, at from agent_action_events"):
    events.setdefault(action, {})[kind] = at
rows = []
for h in hosts:
    r = next(x for x in h["results"] if x["step"] == agent_step)
    if "actionId" not in r:
        continue
    start, e = ms(r["startedAt"]), events[r["actionId"]]
    rows.append((h["batch"], e["requested"] - start, e["delivered"] - start, e["running"] - start, ms(r["endedAt"]) - start))
if rows:
    print(f"\nstep {agent_step + 1}, ms from its start: p50 / p99 / max")
    for i, name in enumerate(["requested", "delivered", "running", "ended"], 1):
        xs = [r[i] for r in rows]
        print(f"  {name:10} {q(xs, .5):6.1f} / {q(xs, .99):6.1f} / {max(xs):6.1f}")
    print("per batch, median / max: requested, delivered, running, ended")
    for batch in sorted({r[0] for r in rows}):
        rs = [r for r in rows if r[0] == batch]
        print(f"{batch:3} " + "  ".join(f"{q([r[i] for r in rs], .5):5.1f}/{max(r[i] for r in rs):5.1f}" for i in range(1, 5)))
