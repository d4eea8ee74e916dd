"""Shared by startinter.py and startstamps.py: start a server and poll its /-/ready every 2 ms until it answers 200."""
import http.client, subprocess, time

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
