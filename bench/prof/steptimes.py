#!/usr/bin/env python3
"""steptimes.py DIR [STEP [RUN]] -- per batch, when the parts of one step happened in a kept scale run (VIGIL_BENCH_KEEP=1
plans --scenario scale; DIR is its /tmp/vigil-planscale-* folder), in ms from the step's start on the batch: the
previous step's last end, the first audit record of the batch's agent requests (`requested`), the window's first
`expect` after the start, the first and last `delivered` and `running` of the requests, and the first and last end of
the step. STEP is 0-based (default 4, the plan's reboot); RUN counts the runs kept (--runs N) from 1 (default: the
last). The audit log's times are whole ms."""
import datetime, json, sqlite3, sys

def ms(text):
    whole = text[:19]
    frac = text[19:].split('+')[0].rstrip('Z').lstrip('.') or '0'
    t = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t * 1000 + int(frac) / 10 ** (len(frac) - 3)

db = sqlite3.connect(sys.argv[1] + "/data/vigil.db")
step = int(sys.argv[2]) if len(sys.argv) > 2 else 4
runs = [r for (r,) in db.execute("select id from plan_runs order by created_at")]
run = runs[int(sys.argv[3]) - 1] if len(sys.argv) > 3 else runs[-1]
hosts = [json.loads(b) for (b,) in db.execute("select body from plan_run_hosts where run_id = ? order by position", (run,))]
audit = list(db.execute("select id, at, action, object_type, object_id from audit_log order by id"))
by_object = {}
for _, at, action, _, oid in audit:
    by_object.setdefault(oid, {})[action] = at
for batch in range(max(h["batch"] for h in hosts) + 1):
    rs = [(h, next(r for r in h["results"] if r["step"] == step)) for h in hosts if h["batch"] == batch]
    start = min(ms(r["startedAt"]) for _, r in rs)
    before = [ms(r["endedAt"]) for h, _ in rs for r in h["results"] if r["step"] == step - 1]
    actions = [by_object.get(r.get("actionId"), {}) for _, r in rs]
    expects = [at for _, at, a, _, _ in audit if a == "expect" and start - 5 <= at <= start + 200]

    def at(kind, pick):
        times = [a[kind] for a in actions if kind in a]
        return f"{pick(times) - start:6.1f}" if times else "     -"

    ends = [ms(r["endedAt"]) - start for _, r in rs]
    print(f"batch {batch}: previous step ended {max(before) - start if before else 0:6.1f}  requested {at('requested', min)}"
          f"  expect {expects[0] - start if expects else float('nan'):6.1f}  delivered {at('delivered', min)}..{at('delivered', max)}"
          f"  running {at('running', min)}..{at('running', max)}  ended {min(ends):6.1f}..{max(ends):6.1f}")
