"""Start-up to ready of several installed builds, interleaved: each round starts every BIN once (`exec BIN/vigil server`
on an empty data folder, the bench's configuration CONFIG), polls /-/ready every 2 ms, and prints each build's median,
lowest and highest exec → 200 in ms. A BIN may be written "ENV=VALUE BIN" (several ENV=VALUE before it) to start
that build with those environment variables. usage: startinter.py CONFIG ROUNDS BIN..."""
import statistics, sys

from startpoll import time_one_start

cfg, rounds, builds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
took = {b: [] for b in builds}
for _ in range(rounds):
    for b in builds:
        took[b].append(time_one_start(b, cfg))
for b in builds:
    a = sorted(took[b])
    print(f"{b:30} median {statistics.median(a):6.1f} ms  lowest {a[0]:6.1f}  highest {a[-1]:6.1f}  n={len(a)}")
