#!/usr/bin/env python3
"""Cluster benchmarks (issue 4), side by side with Redis on 127.0.0.1.

    python3 bench/cluster_bench.py --folio build/cli/folio [--runs 3] [--out bench/RESULTS-cluster.md]

Measures, each the median of --runs runs, with a fresh `folio serve` on a free
port and a fresh data directory each time:
  * the time from `(def v [i (System/nanoTime)])` on one node to a spinning
    reader on another node seeing it (median and 99th percentile; the nodes
    share the host's CLOCK_MONOTONIC);
  * committed `(swap! counter inc)` per second on one shared atom with 1, 2 and
    4 nodes together, each timing its own loop (count checked exact), with the
    server in each durability mode (`--fsync always`: acknowledged once on
    disk; `--fsync interval`: once written, synced every second);
  * the snapshot a joining node receives, over a fresh heap (the built-in
    image) and over a heap grown past 1 GB: bytes and transfer rate, the
    joining process's start-up included;
  * Redis INCR at 1, 2 and 4 clients (redis-benchmark), the peer: as Redis is
    configured by default (nothing on disk per write) and with
    `appendfsync always` (every write fsynced first).
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time

from redis_peer import redis_incr

SWAPS = 20000  # per node: a run of about a second, not dominated by start-up
DEF_SAMPLES = 500


def start_server(exe, data, fsync="always"):
    p = subprocess.Popen([exe, "serve", "--listen", "127.0.0.1:0", "--data", data, "--fsync", fsync], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    m = re.search(r"127\.0\.0\.1:(\d+)", line)
    if not m:
        p.kill()
        raise RuntimeError("server did not start: " + line)
    return p, int(m.group(1))


def join(exe, port, *exprs, timeout=300):
    args = [exe, "--join", f"127.0.0.1:{port}"]
    for e in exprs:
        args += ["-e", e]
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[:500])
    return p.stdout


def with_server(exe, f, fsync="always"):
    d = tempfile.mkdtemp(prefix="folio-cluster-bench-")
    srv, port = start_server(exe, os.path.join(d, "data"), fsync)
    try:
        return f(port)
    finally:
        srv.terminate()
        srv.wait(30)
        shutil.rmtree(d, ignore_errors=True)


def swap_rate(exe, nodes, fsync):
    swaps = SWAPS if fsync == "interval" else SWAPS // 8  # each always-commit waits for the disk

    def run(port):
        join(exe, port, "(def counter (atom 0)) (def ready (atom 0))")
        loop = (f"(swap! ready inc) (loop [] (when (< @ready {nodes}) (Thread/sleep 1) (recur)))"
                f"(let [t0 (System/nanoTime)] (dotimes [_ {swaps}] (swap! counter inc)) (println (- (System/nanoTime) t0)))")
        ps = [subprocess.Popen([exe, "--join", f"127.0.0.1:{port}", "-e", loop], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(nodes)]
        times = []
        for p in ps:
            out, err = p.communicate(timeout=600)
            if p.returncode != 0:
                raise RuntimeError(err[:500])
            times.append(int(out.split()[-1]) / 1e9)
        total = join(exe, port, "@counter").strip()
        if total != str(nodes * swaps):
            raise RuntimeError(f"lost updates: {total}")
        return nodes * swaps / max(times)
    return with_server(exe, run, fsync)


DEF_READER = """
(reset! ready true)
(loop [seen 0 lat []]
  (if (< seen %d)
    (let [[i t] v]
      (if (> i seen)
        (let [d (- (System/nanoTime) t)] (reset! ack i) (recur i (conj lat d)))
        (do (Thread/sleep 0) (recur seen lat))))
    (let [xs (vec (sort lat))] (println (nth xs (quot (count xs) 2)) (nth xs (quot (* 99 (count xs)) 100))))))
""" % DEF_SAMPLES

DEF_WRITER = """
(loop [i 1]
  (when (<= i %d)
    (def v [i (System/nanoTime)])
    (loop [] (when (< @ack i) (Thread/sleep 0) (recur)))
    (recur (inc i))))
""" % DEF_SAMPLES


def def_latency(exe, fsync):
    def run(port):
        join(exe, port, "(def v [0 0]) (def ack (atom 0)) (def ready (atom false))")
        reader = subprocess.Popen([exe, "--join", f"127.0.0.1:{port}", "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            reader.stdin.write(DEF_READER)
            reader.stdin.close()
            reader.stdin = None
            deadline = time.time() + 30
            while join(exe, port, "@ready").strip() != "true":
                if time.time() > deadline:
                    raise RuntimeError("reader did not start")
                time.sleep(0.01)
            join(exe, port, DEF_WRITER)
            out, err = reader.communicate(timeout=300)
        finally:
            if reader.poll() is None:  # never leave a spinning reader behind
                reader.kill()
                reader.wait()
        if reader.returncode != 0:
            raise RuntimeError(err[:500])
        p50, p99 = out.split()[-2:]
        return int(p50) / 1000.0, int(p99) / 1000.0
    return with_server(exe, run, fsync)


BIG_HEAP = "(dotimes [i 16] (intern 'user (symbol (str \"b\" i)) (vec (range 8000000))))"


def snapshot(exe, runs, grow):
    """Bytes and seconds of `runs` joins (-e nil) to one server; `grow` first
    makes the heap past 1 GB (16 vectors of 8,000,000 longs)."""
    def run(port):
        if grow:
            join(exe, port, BIG_HEAP, timeout=1200)
        st = subprocess.run([exe, "cluster", "status", f"127.0.0.1:{port}"], capture_output=True, text=True,
                            timeout=30).stdout
        pages = int(re.search(r"heap (\d+) pages", st).group(1))
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            join(exe, port, "nil")
            times.append(time.perf_counter() - t0)
        return pages * 65536 / 1e6, statistics.median(times)
    return with_server(exe, run)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folio", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    exe = os.path.abspath(a.folio)
    lat = {}
    for mode in ("interval", "always"):
        runs = [def_latency(exe, mode) for _ in range(a.runs)]
        lat[mode] = (statistics.median(x[0] for x in runs), statistics.median(x[1] for x in runs))
    p50, p99 = lat["interval"]
    rows = []
    for n in (1, 2, 4):
        always = statistics.median(swap_rate(exe, n, "always") for _ in range(a.runs))
        interval = statistics.median(swap_rate(exe, n, "interval") for _ in range(a.runs))
        rs = [r for r in (redis_incr(n) for _ in range(a.runs)) if r]
        rd = [r for r in (redis_incr(n, fsync_always=True) for _ in range(a.runs)) if r]
        rp = [r for r in (redis_incr(n, processes=True) for _ in range(a.runs)) if r] if n > 1 else rs
        rows.append((n, always, interval, statistics.median(rs) if rs else None, statistics.median(rd) if rd else None,
                     statistics.median(rp) if rp else None))
    small = snapshot(exe, a.runs, False)
    big = snapshot(exe, a.runs, True)
    lines = [
        "# Cluster benchmarks",
        "",
        f"Produced by `python3 bench/cluster_bench.py --folio {a.folio} --runs {a.runs}` on "
        f"{datetime.date.today()} ({platform.machine()}, {os.cpu_count()} cores, loopback). Medians of "
        f"{a.runs} runs, each with a fresh `folio serve` and data directory. Every `swap!` is on one atom "
        f"shared by all the nodes, as redis-benchmark's INCR is on one key.",
        "",
        "| measure | Folio | Redis | Folio / Redis |",
        "|---|---|---|---|",
    ]
    for mode in ("interval", "always"):
        lines.append(f"| `def` on one node visible on another, `--fsync {mode}`: median | {lat[mode][0]:,.0f} us | | |")
        lines.append(f"| `def` on one node visible on another, `--fsync {mode}`: 99th percentile | {lat[mode][1]:,.0f} us | | |")
    ratio = lambda f, r: f"{r:,.0f} | {f / r:.2f}x |" if r else "not run | |"
    for n, al, iv, r, rd, rp in rows:
        lines.append(f"| committed `swap!`/s, {n} node(s), `--fsync interval` (Redis INCR, {n} client(s), default config) "
                     f"| {iv:,.0f} | " + ratio(iv, r))
        if n > 1:
            lines.append(f"| committed `swap!`/s, {n} node(s), `--fsync interval` (Redis INCR, {n} redis-benchmark "
                         f"processes of 1 client each) | {iv:,.0f} | " + ratio(iv, rp))
        lines.append(f"| committed `swap!`/s, {n} node(s), `--fsync always` (Redis INCR, {n} client(s), appendfsync always) "
                     f"| {al:,.0f} | " + ratio(al, rd))
    for label, (mb, secs) in (("fresh heap", small), ("heap past 1 GB", big)):
        lines.append(f"| snapshot for a joining node, {label} ({mb:,.0f} MB, start-up included) | {mb / secs:,.0f} MB/s | | |")
    ok = lambda c: "met" if c else "**missed**"
    lines += [
        "",
        "Targets (issue 4):",
        f"- visibility under 1 ms median on loopback: {ok(p50 < 1000)} with `--fsync interval` ({p50:.0f} us); "
        f"with `--fsync always` an entry is broadcast only once the log is on disk, so visibility is this disk's "
        f"sync time ({lat['always'][0]:,.0f} us)",
        "- cluster `swap!` at or above Redis INCR at the same client count, in the like durability mode: "
        + "; ".join(f"{n} node(s): interval {ok(r and iv >= r)}, always {ok(rd and al >= rd)}" for n, al, iv, r, rd, _ in rows)
        + ".",
        "- the same against Redis clients that are processes of their own, as nodes are (interval): "
        + "; ".join(f"{n} node(s): {ok(rp and iv >= rp)}" for n, al, iv, r, rd, rp in rows if n > 1) + ".",
        f"- snapshot at 500 MB/s or more with a 1 GB heap: {ok(big[0] / big[1] >= 500)} "
        f"({big[0] / big[1]:,.0f} MB/s over {big[0]:,.0f} MB)",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
