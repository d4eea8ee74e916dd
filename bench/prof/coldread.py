"""What a cold start reads: evicts every file of BIN from the page cache (posix_fadvise(DONTNEED), as the VM's DAMON
reclaim does to files no process maps), starts BIN/vigil server once on an empty data folder until /-/ready answers,
and prints how much of each file is in the page cache after it (util-linux `fincore`), largest first, and the total.
With the disk's read-ahead at 8 MB (/sys/block/*/queue/read_ahead_kb) a start reads nearly every file it touches whole.
usage: coldread.py BIN CONFIG"""
import os, subprocess, sys

from startpoll import advise, files_of, time_one_start

binp, cfg = sys.argv[1], sys.argv[2]
paths = files_of(binp)
advise(paths, os.POSIX_FADV_DONTNEED)
print(f"cold start: {time_one_start(binp, cfg):.1f} ms to ready")
out = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES,SIZE,FILE", *paths],
                     capture_output=True, text=True, check=True).stdout
rows = sorted(((int(r), int(s), f) for r, s, f in (line.split(maxsplit=2) for line in out.splitlines()) if int(r) > 0), reverse=True)
print(f"read into the page cache: {sum(r for r, _, _ in rows) / 1e6:.1f} MB from {len(rows)} of {len(paths)} files")
for res, size, path in rows[:12]:
    print(f"  {res / 1e6:7.1f} MB of {size / 1e6:7.1f}  {os.path.basename(path)}")
