"""Shared by startinter.py, startstamps.py, coldstart.py and coldread.py: start a server and poll its /-/ready every 2 ms
until it answers 200; drop a build's files from the page cache."""
import http.client, os, shutil, subprocess, tempfile, time

PORT = 19655


def start_until_ready(argv, stderr=subprocess.DEVNULL):
    """Starts argv; returns (process, exec time, send time of the request that got 200, its answer time), in ns of
    CLOCK_MONOTONIC (the clock .NET's Stopwatch reads on Linux)."""
    t0 = time.monotonic_ns()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr)
    while True:
        try:
            sent = time.monotonic_ns()
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            c.request("GET", "/-/ready")
            resp = c.getresponse()
            resp.read()
            if resp.status == 200:
                return p, t0, sent, time.monotonic_ns()
        except OSError:
            pass
        time.sleep(0.002)


def time_one_start(b, cfg, since=None):
    """Starts `b/vigil server` (b may be written "ENV=VALUE BIN") on an empty data folder with CONFIG cfg, stops it once
    ready, and returns ms from `since` (a CLOCK_MONOTONIC ns reading; default: the exec) to its first 200."""
    d = tempfile.mkdtemp(prefix="startpoll.")
    try:
        p, t0, _, answered = start_until_ready(
            ["/bin/sh", "-c", f"exec {'env ' if ' ' in b else ''}{b}/vigil server --config {cfg} --listen 127.0.0.1:{PORT} --data {d}/data"])
        p.terminate()
        p.wait()
        return (answered - (t0 if since is None else since)) / 1e6
    finally:
        shutil.rmtree(d)


def advise(paths, advice):
    """posix_fadvise(advice) over each whole file: POSIX_FADV_DONTNEED drops it from the page cache, as this VM's DAMON
    reclaim does to files no process maps; POSIX_FADV_WILLNEED asks for its read-ahead (the first read_ahead_kb only)."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, advice)
        finally:
            os.close(fd)


def files_of(binp):
    """Every file directly in the folder binp, as paths."""
    return [os.path.join(binp, f) for f in os.listdir(binp) if os.path.isfile(os.path.join(binp, f))]
