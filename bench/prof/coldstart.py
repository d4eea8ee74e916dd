"""Start-up with the build's files in the page cache and without: each round starts BIN/vigil server on an empty data
folder three ways — warm (files cached), cold (every file of BIN evicted first with posix_fadvise(DONTNEED), as the
VM's DAMON reclaim does to file pages no process has mapped for 60 s) and cold with the largest files' read-ahead
asked for (posix_fadvise(WILLNEED), which reads only each file's first read_ahead_kb: 8 MB here) just before the
start — and prints each way's median, lowest and highest exec → 200 of /-/ready in ms (from before the eviction's
read-ahead request). usage: coldstart.py BIN CONFIG ROUNDS"""
import os, statistics, sys, time

from startpoll import advise, files_of, time_one_start

binp, cfg, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = files_of(binp)
largest = sorted(files, key=lambda f: -os.path.getsize(f))[:12]
took = {"warm": [], "cold": [], "cold, read-ahead asked": []}
for _ in range(rounds):
    for way in took:
        if way != "warm":
            advise(files, os.POSIX_FADV_DONTNEED)
        t = time.monotonic_ns()
        if way == "cold, read-ahead asked":
            advise(largest, os.POSIX_FADV_WILLNEED)
        took[way].append(time_one_start(binp, cfg, since=t))
for way, a in took.items():
    print(f"{way:24} median {statistics.median(a):6.1f} ms  lowest {min(a):6.1f}  highest {max(a):6.1f}  n={len(a)}")
