#!/usr/bin/env python3
"""Leave and rejoin (issue 4): a node whose connection drops reconnects and
catches up from the log without a snapshot, one away for longer than the log
reaches back gets a full snapshot merged into its heap, and nodes reconnect by
themselves to a server killed with kill -9 and restarted on its data
directory. Counts stay exact through all three.

Usage: cluster_reconnect_test.py FOLIO_BINARY
Connections are cut by a TCP proxy (cluster_support.Proxy) that sits between a node and
the server and counts what the server sends through it.
"""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

from cluster_support import FOLIO, Proxy, check, each_once, finish, finished, join, start_server, status, stop, vectors


def node(port, code, *extra):
    return subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", *extra, "-e", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def compact_past(srv_lines, port, cut_at, writer):
    """Runs `writer` nodes until the server's log starts after `cut_at`;
    returns the checkpoints' bases and what each writer printed."""
    bases, outs = [], []
    for _ in range(30):
        outs.append(join(port, writer)[1])
        time.sleep(0.3)
        bases = [int(m.group(1)) for m in (re.search(r"the log now starts after (\d+)", l) for l in list(srv_lines)) if m]
        if bases and bases[-1] > cut_at:
            break
    return bases, outs


def test_dropped_connection(tmp):
    srv, port = start_server(os.path.join(tmp, "drop"))
    join(port, "(def hits (atom 0)) (def news (atom 0))")
    proxy = Proxy(port)
    try:
        # A node behind the proxy counts while its connection is cut three times.
        counter = node(proxy.port, "(dotimes [_ 400] (swap! hits inc) (Thread/sleep 2)) (println :done)")
        direct = node(port, "(dotimes [_ 400] (swap! hits inc) (Thread/sleep 2)) (println :done)")
        for _ in range(3):
            time.sleep(0.4)
            proxy.drop()
        c1, o1, e1 = finished(counter)
        c2, o2, e2 = finished(direct)
        check("a node whose connection drops reconnects by itself and goes on",
              c1 == 0 and o1 == ":done\n" and e1.count("reconnected to") >= 1, (c1, o1, e1))
        code, out, err = join(port, "@hits")
        check("swaps across dropped connections are counted exactly once (800)", out == "800\n", (out, err, e1, e2))

        # An idle node misses entries while it cannot reach the server, then
        # catches up from the log: no snapshot is sent again.
        watcher = node(proxy.port, "(loop [] (when (< @news 50) (Thread/sleep 20) (recur)))"
                                   " (println :saw @news (some-> (resolve 'user/defined-meanwhile) deref))")
        deadline = time.time() + 30
        while len(proxy.down_bytes) < 5 and time.time() < deadline:  # its first connection is up
            time.sleep(0.05)
        time.sleep(0.5)
        first_conn = len(proxy.down_bytes) - 1
        proxy.paused = True
        proxy.drop()
        code, out, err = join(port, "(def defined-meanwhile :hello) (dotimes [_ 50] (swap! news inc))")
        time.sleep(0.5)
        lag = status(port)  # while it is away (a node that has left is no longer listed)
        proxy.paused = False
        c3, o3, e3 = finished(watcher, 60)
        m = re.search(r"caught up (\d+) entries from the log", e3)
        check("a node that missed commits catches up from the log and sees them",
              c3 == 0 and o3 == ":saw 50 :hello\n" and m and int(m.group(1)) >= 51, (c3, o3, e3))
        with proxy.lock:
            snapshot_bytes = proxy.down_bytes[first_conn]
            later = proxy.down_bytes[first_conn + 1:]
        check("the catch-up is a small part of a snapshot (no full snapshot again)",
              later and snapshot_bytes > 1_000_000 and max(later) < snapshot_bytes / 10, (snapshot_bytes, later))
        code, out, err = lag
        check("status shows each node's lag", code == 0 and re.search(r"node \d+ .* away .* lag [1-9]\d*", out), out + err)
    finally:
        proxy.close()
        stop(srv)


def test_server_restart(tmp, fsync):
    data = os.path.join(tmp, "restart-" + fsync)
    srv, port = start_server(data, "--fsync", fsync)
    join(port, "(def hits (atom 0)) (defn tally [] @hits)")
    loop = "(dotimes [_ 300] (swap! hits inc) (Thread/sleep 4)) (println :done (pos? (tally)))"
    nodes = [node(port, loop) for _ in range(2)]
    time.sleep(0.8)
    stop(srv, signal.SIGKILL)
    time.sleep(1.0)
    srv2, port2 = start_server(data, "--fsync", fsync, port=port)
    results = [finished(p) for p in nodes]
    check(f"--fsync {fsync}: a server restarted on the same port and data directory comes back", port2 == port)
    check(f"--fsync {fsync}: nodes reconnect by themselves to a restarted server and finish",
          all(c == 0 and o == ":done true\n" and "reconnected to" in e for c, o, e in results), results)
    code, out, err = join(port, "@hits")
    check(f"--fsync {fsync}: no acknowledged commit is lost and none applies twice (600)", out == "600\n",
          (out, err, results))
    stop(srv2)


def test_compaction(tmp):
    """--log-limit: checkpoints of the server's heap let the log drop what they
    cover; a node away for longer than the log reaches back gets a full
    snapshot and goes on, its own unshared data kept and its counts exact; a
    restart restores the last checkpoint and replays the rest."""
    data = os.path.join(tmp, "compact")
    srv, port = start_server(data, "--log-limit", "16K", "--fsync", "interval")
    lines = []
    threading.Thread(target=lambda: lines.extend(srv.stderr), daemon=True).start()
    join(port, "(def hits (atom 0)) (defn twice [x] (* 2 x))")
    away_swaps, writer_swaps = 400, 100
    # Two nodes cut off while they count, each through a proxy of its own:
    # the commit in flight of the first reaches the server (its answer is
    # lost), the second's is lost on its way. `mine-N` is node N's atom (on
    # its own pages); `local`, `box` and `got` never leave it. Every swap!
    # on a shared atom says what it returned: all of them together must be
    # 1..n, each once (a swap! whose answer was lost returns the word its own
    # add made, not the snapshot's).
    proxies = [Proxy(port), Proxy(port)]
    try:
        aways = [node(p.port, f"(def mine-{i} (atom 0))"
                              " (let [local (vec (range 1000)) box (atom 0) got (atom [[] []])]"
                              f"  (dotimes [_ {away_swaps}]"
                              f"    (let [h (swap! hits inc) m (swap! mine-{i} inc)] (swap! got (fn [[a b]] [(conj a h) (conj b m)])))"
                              "    (swap! box inc) (Thread/sleep 3))"
                              f"  (println [@mine-{i} @box (count local) (reduce + local) (twice 21)"
                              "            (some-> (resolve 'user/defined-meanwhile) deref) (count @(resolve 'user/blob))])"
                              "  (println @got))")
                 for i, p in enumerate(proxies)]
        deadline = time.time() + 30
        while int(join(port, "@hits")[1] or 0) < 40 and time.time() < deadline:
            time.sleep(0.05)
        proxies[0].muted = proxies[1].deaf = True
        time.sleep(0.5)
        for p in proxies:
            p.paused = True
            p.drop()
            p.muted = p.deaf = False
        cut_at = int(re.search(r"log position (\d+)", status(port)[1]).group(1))
        # Write until the log starts past everything they applied.
        bases, written = compact_past(lines, port, cut_at,
                                      f"(loop [i 0 h [] m0 [] m1 []] (if (< i {writer_swaps})"
                                      "  (let [a (swap! hits inc) b (swap! mine-0 inc) c (swap! mine-1 inc)]"
                                      "    (intern *ns* 'blob (vec (range i))) (recur (inc i) (conj h a) (conj m0 b) (conj m1 c)))"
                                      "  [h m0 m1]))")
        writers = len(written)
        join(port, "(def defined-meanwhile :hello)")
        check("the server writes checkpoints and drops the log entries the one before covers",
              bases and bases[-1] > cut_at and os.path.exists(os.path.join(data, "checkpoint")),
              (cut_at, bases, lines[-5:]))
        for p in proxies:
            p.paused = False
        results = [finished(a, 90) for a in aways]
        mine = away_swaps + writers * writer_swaps
        check("nodes away for longer than the log reaches back reconnect by themselves with a full snapshot",
              all(c == 0 and "with a full snapshot" in e for c, o, e in results) and
              "returns from position" in "".join(lines), [(c, o, e[-1500:]) for c, o, e in results])
        check("after the snapshot they see what was committed meanwhile (other nodes' swaps on their atoms, a def)"
              " and keep their own unshared data",
              [o.split("\n")[:2] for c, o, e in results] ==
              [[f"#'user/mine-{i}", f"[{mine} {away_swaps} 1000 499500 42 :hello 99]"] for i in range(2)],
              [(o[:300], e[-1500:]) for c, o, e in results])
        # [hits, mine-0] from node 0, [hits, mine-1] from node 1, [hits mine-0 mine-1] from each writer.
        got = [vectors(o.split("\n")[2]) if o.count("\n") >= 3 else [[], []] for c, o, e in results]
        wrote = [vectors(o) for o in written]
        check("what every swap! returned is linearizable across the cut and the snapshots: 1..n of each atom,"
              " each once (the swap! whose answer was lost returns what its own add made)",
              each_once(got[0][0] + got[1][0] + sum((w[0] for w in wrote), []), 1, 2 * away_swaps + writers * writer_swaps)
              and all(each_once(got[i][1] + sum((w[1 + i] for w in wrote), []), 1, mine) for i in range(2)),
              (got, wrote))
        writes = join(port, "@hits")[1].strip()
        check("their swaps count once: the one whose answer was lost, and the one lost on its way, sent again",
              writes == str(2 * away_swaps + writers * writer_swaps) and
              "its commit in flight was applied" in results[0][2] and "its commit in flight goes again" in results[1][2],
              (writes, writers, [e[-1500:] for c, o, e in results]))
    finally:
        for p in proxies:
            p.close()
    stop(srv, signal.SIGKILL)
    with open(os.path.join(data, "checkpoint.tmp"), "wb") as f:  # as a checkpoint cut short by the kill leaves it
        f.write(b"FOLCKPT1" + os.urandom(100))
    srv2, port2 = start_server(data, "--log-limit", "16K")
    code, out, err = join(port2, "[@hits (twice 21) (count blob)]")
    check("restarted with kill -9 mid-way, the server restores its checkpoint and replays the log after it",
          code == 0 and out == f"[{writes} 42 99]\n", (out, err, writes))
    stop(srv2)
    ckpt = os.path.join(data, "checkpoint")
    with open(ckpt, "r+b") as f:
        f.truncate(os.path.getsize(ckpt) // 2)
    p = subprocess.run([FOLIO, "serve", "--listen", "127.0.0.1:0", "--data", data], capture_output=True, text=True,
                       timeout=60)
    check("a checkpoint cut short is a clear error at start-up, not a heap built from half of it",
          p.returncode == 1 and "cut short" in p.stderr, p.stderr)


def test_snapshot_cut(tmp):
    """A node whose full snapshot is cut half-way, and whose server then
    dies, must not run on its partly merged heap: it ends with the reason
    once --reconnect-for has passed."""
    srv, port = start_server(os.path.join(tmp, "cut"), "--log-limit", "16K")
    lines = []
    threading.Thread(target=lambda: lines.extend(srv.stderr), daemon=True).start()
    join(port, "(def hits (atom 0))")
    proxy = Proxy(port)
    try:
        # Stopped (SIGSTOP), the node is away: it cannot notice its cut
        # connection and reconnect before the log has moved past it.
        away = node(proxy.port, "(do (swap! hits inc) (dotimes [_ 2000] (Thread/sleep 5)) (println :woke @hits))",
                    "--reconnect-for", "3")
        deadline = time.time() + 30
        while join(port, "@hits")[1] != "1\n" and time.time() < deadline:
            time.sleep(0.05)
        away.send_signal(signal.SIGSTOP)
        proxy.drop()
        cut_at = int(re.search(r"log position (\d+)", status(port)[1]).group(1))
        bases, _ = compact_past(lines, port, cut_at, "(dotimes [i 100] (swap! hits inc) (intern *ns* 'blob (vec (range i))))")
        # Its next connection gets the welcome and a few pages, then the
        # proxy cuts it and turns every later one away; the server dies.
        proxy.cut_after = 400_000
        away.send_signal(signal.SIGCONT)
        deadline = time.time() + 30
        while not proxy.cut and time.time() < deadline:
            time.sleep(0.05)
        stop(srv, signal.SIGKILL)
        code, out, err = finished(away, 60)
        check("a node whose snapshot is cut half-way and whose server stays away stops with the reason,"
              " never running on a partly merged heap",
              bases and bases[-1] > cut_at and proxy.cut and code == 1 and ":woke" not in out
              and "snapshot is only partly merged" in err and "this node's heap cannot be used" in err,
              (bases, cut_at, proxy.cut, code, out, err[-1500:]))
    finally:
        proxy.close()
        stop(srv, signal.SIGKILL)


tmp = tempfile.mkdtemp(prefix="folio-reconnect-test-")
try:
    test_dropped_connection(tmp)
    test_server_restart(tmp, "always")
    test_server_restart(tmp, "interval")  # acknowledged once written: a killed server process loses nothing
    test_compaction(tmp)
    test_snapshot_cut(tmp)
except Exception:  # a test that cannot go on is a failure, never silence
    import traceback
    traceback.print_exc()
    check("the tests ran to the end", False)
finally:
    finish(tmp)
