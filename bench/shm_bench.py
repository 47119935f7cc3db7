#!/usr/bin/env python3
"""Same-host shared-memory benchmarks (issue 3), side by side with Redis.

    python3 bench/shm_bench.py --folio build/cli/folio [--runs 5] [--out bench/RESULTS-shm.md]

Measures, each as the median of --runs runs:
  * swap! throughput on one atom: a private heap, a shared heap with one
    process, and two processes on one shared heap together (a start barrier
    in the heap lines them up; each times its own loop with System/nanoTime,
    so process start-up is not counted);
  * the time from a `def` in one process to its visibility in another
    (CLOCK_MONOTONIC is common to the processes of a host);
  * Redis INCR at one client (redis-server on 127.0.0.1, redis-benchmark -c 1),
    the tool users would otherwise pick to share a counter between processes.
Writes a Markdown table with the targets of issue 3 and how they fared.
"""
import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time

from redis_peer import redis_incr

SWAPS = 5_000_000
DEF_SAMPLES = 2000


def folio(args, timeout=300):
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {p.stderr[:500]}")
    return p.stdout


def shm_rm(exe, name):
    subprocess.run([exe, "shm", "rm", "--force", name], capture_output=True, timeout=30)


SWAP_LOOP = ("(let [t0 (System/nanoTime)] (dotimes [_ %d] (swap! counter inc))"
             " (println (- (System/nanoTime) t0)))")


def swap_private(exe):
    out = folio([exe, "-e", "(def counter (atom 0))", "-e", SWAP_LOOP % SWAPS])
    return SWAPS / (int(out.split()[-1]) / 1e9)


def swap_shared(exe, nprocs, seg):
    shm_rm(exe, seg)
    folio([exe, "--shm", seg, "-e", "(def counter (atom 0)) (def ready (atom 0))"])
    barrier = f"(swap! ready inc) (loop [] (when (< @ready {nprocs}) (recur)))"
    procs = [subprocess.Popen([exe, "--shm", seg, "-e", barrier, "-e", SWAP_LOOP % SWAPS],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(nprocs)]
    times = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        if p.returncode != 0:
            raise RuntimeError(err[:500])
        times.append(int(out.split()[-1]) / 1e9)
    total = folio([exe, "--shm", seg, "-e", "@counter"]).strip()
    shm_rm(exe, seg)
    if total != str(nprocs * SWAPS):
        raise RuntimeError(f"lost updates: {total} != {nprocs * SWAPS}")
    return nprocs * SWAPS / max(times)


DEF_WRITER = """
(loop [i 1]
  (when (<= i %d)
    (def v [i (System/nanoTime)])
    (loop [] (when (< @ack i) (recur)))
    (recur (inc i))))
""" % DEF_SAMPLES

DEF_READER = """
(reset! ready true)
(loop [seen 0 lat []]
  (if (< seen %d)
    (let [[i t] v]
      (if (> i seen)
        (let [d (- (System/nanoTime) t)] (reset! ack i) (recur i (conj lat d)))
        (recur seen lat)))
    (let [xs (sort lat)] (println (nth xs (quot (count xs) 2))))))
""" % DEF_SAMPLES


def def_latency(exe, seg):
    shm_rm(exe, seg)
    folio([exe, "--shm", seg, "-e", "(def v [0 0]) (def ack (atom 0)) (def ready (atom false))"])
    reader = subprocess.Popen([exe, "--shm", seg, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    reader.stdin.write(DEF_READER)
    reader.stdin.close()
    reader.stdin = None
    deadline = time.time() + 30
    while folio([exe, "--shm", seg, "-e", "@ready"]).strip() != "true":
        if time.time() > deadline:
            reader.kill()
            raise RuntimeError("reader did not start")
        time.sleep(0.01)
    folio([exe, "--shm", seg, "-e", DEF_WRITER])
    out, err = reader.communicate(timeout=120)
    shm_rm(exe, seg)
    if reader.returncode != 0:
        raise RuntimeError(err[:500])
    return int(out.split()[-1]) / 1000.0  # microseconds


def median(f, runs):
    xs = [f() for _ in range(runs)]
    return statistics.median(xs), xs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folio", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    exe = os.path.abspath(a.folio)
    seg = f"bench{os.getpid()}"
    private, _ = median(lambda: swap_private(exe), a.runs)
    shared1, _ = median(lambda: swap_shared(exe, 1, seg), a.runs)
    shared2, _ = median(lambda: swap_shared(exe, 2, seg), a.runs)
    latency, lats = median(lambda: def_latency(exe, seg), a.runs)
    redis = [r for r in (redis_incr() for _ in range(a.runs)) if r]
    redis_med = statistics.median(redis) if redis else None

    def rate(x):
        return f"{x / 1e6:.2f} M/s"

    lines = [
        "# Same-host shared-memory benchmarks",
        "",
        f"Produced by `python3 bench/shm_bench.py --folio {a.folio} --runs {a.runs}` on "
        f"{datetime.date.today()} ({platform.machine()}, {os.cpu_count()} cores). Medians of {a.runs} runs; "
        f"swap! loops do {SWAPS:,} `(swap! counter inc)` per process, timed inside the process.",
        "",
        "| measure | result | note |",
        "|---|---|---|",
        f"| swap!, private heap, 1 process | {rate(private)} | no sharing |",
        f"| swap!, shared heap, 1 process | {rate(shared1)} | {shared1 / private:.2f}x the private heap |",
        f"| swap!, shared heap, 2 processes together | {rate(shared2)} | {shared2 / shared1:.2f}x one process; "
        f"count exact |",
        f"| `def` in one process visible in another (median) | {latency:.1f} us | runs: "
        + ", ".join(f"{x:.1f}" for x in lats) + " |",
    ]
    if redis_med:
        lines.append(f"| Redis INCR, 1 client (redis-benchmark -c 1) | {redis_med / 1e6:.3f} M/s | "
                     f"Folio 1 process = {shared1 / redis_med:.0f}x, 2 processes = {shared2 / redis_med:.0f}x |")
    else:
        lines.append("| Redis INCR | not run | redis-server / redis-benchmark not installed |")
    ok = lambda c: "met" if c else "**missed**"
    lines += [
        "",
        "Targets (issue 3):",
        f"- two processes together reach at least half the single-process swap! rate: "
        f"{ok(shared2 >= shared1 / 2)} ({shared2 / shared1:.2f}x)",
        f"- at least 20x Redis INCR at one client: "
        + (f"{ok(shared2 >= 20 * redis_med)} ({shared2 / redis_med:.0f}x)" if redis_med else "not measured"),
        f"- a `def` visible in the other process within 100 us (median): {ok(latency <= 100)} ({latency:.1f} us)",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
