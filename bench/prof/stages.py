#!/usr/bin/env python3
"""stages.py OUT [N]: where the first notification's time went, probe by probe, on one clock.

Needs a scratch build with stages.patch applied (never commit it): the server, started with TMPT_OUT=OUT.tmpt, writes
one line per stage it passed (monotonic ns, stage, managed thread, GC count: gen0 + 1000 * gen1); the bench's
`latency`, run with TMPB_OUT=OUT.abs, writes one line per probe (sequence, sent, answered, arrived at the sink, the
bench's own GC count and total GC pause in ms). Both processes read the same CLOCK_MONOTONIC, so each server stage is
put in the window of the last probe sent before it. Prints the median of each stage (ms after the probe was sent) and
the N slowest probes with their stages; the bench's warm-up probes (sequence 1-5) are left out.
"""
import bisect
import statistics
import sys

STAGES = {0: 'in', 1: 'parsed', 2: 'wloop', 3: 'commit', 5: 'resumed', 6: 'respdone', 7: 'dwake', 8: 'flush',
          10: 'intx', 11: 'recorded', 12: 'dtask', 13: 'attempt', 14: 'sent'}


def main(out, shown):
    events = sorted(tuple(int(x) for x in line.split()) for line in open(out + '.tmpt'))
    probes = []
    for line in open(out + '.abs'):
        f = line.split()
        probes.append({'seq': int(f[0]), 'sent': int(f[1]), 'answered': int(f[2]), 'arrived': int(f[3]),
                       'bench_pause': float(f[5]), 'stages': {}, 'gc': None, 'gc_last': None})
    probes.sort(key=lambda p: p['sent'])
    for before, p in zip(probes, probes[1:]):
        p['bench_pause_delta'] = p['bench_pause'] - before['bench_pause']
    probes[0]['bench_pause_delta'] = 0.0
    starts = [p['sent'] for p in probes]
    for ts, stage, _thread, gc in events:
        i = bisect.bisect_right(starts, ts) - 1
        if i < 0:
            continue
        p = probes[i]
        p['stages'].setdefault(stage, (ts - p['sent']) / 1e6)
        if p['gc'] is None:
            p['gc'] = gc
        p['gc_last'] = gc
    measured = [p for p in probes if p['seq'] > 5]
    for p in measured:
        p['total'] = (p['arrived'] - p['sent']) / 1e6
        p['answer'] = (p['answered'] - p['sent']) / 1e6
    totals = sorted(p['total'] for p in measured)
    print('probes %d: total p50 %.2f p99 %.2f max %.2f ms' % (
        len(totals), totals[len(totals) // 2], totals[int(len(totals) * 0.99)], totals[-1]))
    medians = []
    for stage, name in STAGES.items():
        seen = [p['stages'][stage] for p in measured if stage in p['stages']]
        if seen:
            medians.append('%s=%.2f' % (name, statistics.median(seen)))
    print('median ' + ' '.join(medians) + ' answer=%.2f' % statistics.median(p['answer'] for p in measured))
    for p in sorted(measured, key=lambda p: -p['total'])[:shown]:
        server_gcs = (p['gc_last'] or 0) - (p['gc'] or 0)
        stages = ' '.join('%s=%.2f' % (name, p['stages'][s]) for s, name in STAGES.items() if s in p['stages'])
        print('#%3d total %5.2f answer %5.2f server gc %+d bench gc pause %.2f | %s' % (
            p['seq'], p['total'], p['answer'], server_gcs, p['bench_pause_delta'], stages))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10)
