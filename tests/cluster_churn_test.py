#!/usr/bin/env python3
"""Nodes that come and go (issue 4): a long-running server must not run out
of heap range because every short script run is a new node with grants of
its own. A node that ends normally leaves and is retired; one that vanishes
is retired after --retire-after; the pages of a retired node's grants that
hold no published object are granted again, and that free list is rebuilt
the same after the server is killed with kill -9 and restarted.

Usage: cluster_churn_test.py FOLIO_BINARY
"""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

from cluster_support import FOLIO, Proxy, check, finish, finished, join, start_server, status, stop

GRANT = 64  # pages in a node's first grant (replication/server_session.h)
# A node's stdout is a pipe here, so it is written out in blocks: a line the
# test waits for is flushed by the node itself.


def grant_floor(tmp):
    """The first page grants start at: the image's pages, rounded up to a
    grant, read from a throwaway server's status."""
    srv, port = start_server(os.path.join(tmp, "probe"))
    out = status(port)[1]
    stop(srv)
    pages = int(re.search(r"heap (\d+) pages", out).group(1))
    return (pages + GRANT - 1) // GRANT * GRANT


def nodes_file(data):
    """DIR/nodes as {node: (retired, [(first, end), ...])}."""
    nodes = {}
    with open(os.path.join(data, "nodes")) as f:
        for line in f:
            words = line.split()
            grants = [(int(a), int(a) + int(b)) for a, b in (w.split("+") for w in words[2:] if "+" in w)]
            nodes[int(words[0])] = ("retired" in words[2:], grants)
    return nodes


def free_pages(port):
    m = re.search(r"(\d+) retired, (\d+) pages free", status(port)[1])
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def overlaps(a, b):
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def test_churn(tmp, floor):
    """(a) far more short-lived nodes than the range holds grants for, one
    after another, each defining shared data and reading all the earlier."""
    grants = 10
    data = os.path.join(tmp, "churn")
    srv, port = start_server(data, "--heap-capacity", f"{(floor + grants * GRANT) * 64}K")
    n = 50
    bad = []
    for i in range(1, n + 1):
        code, out, err = join(port, f"(def d{i} {{:i {i} :v (vec (range {i}))}})",
                              f"(reduce + (map (fn [k] (:i @(resolve (symbol (str \"d\" k))))) (range 1 {i + 1})))")
        if code != 0 or out != f"#'user/d{i}\n{i * (i + 1) // 2}\n":
            bad.append((i, code, out, err[-400:]))
    check(f"{n} nodes one after another on a range of {grants} first grants all succeed, each reading what every"
          " earlier one defined", not bad, bad[:3])
    code, out, err = join(port, f"(reduce + (map (fn [k] (count (:v @(resolve (symbol (str \"d\" k)))))) (range 1 {n + 1})))")
    check("a later node reads the data all of them defined", code == 0 and out == f"{n * (n + 1) // 2}\n", out + err)
    nodes = nodes_file(data)
    total = sum(e - f for _, gs in nodes.values() for f, e in gs)
    check("their grants took many times the range: pages were granted again",
          len(nodes) == n + 1 and total > 3 * grants * GRANT and all(e <= floor + grants * GRANT for _, gs in nodes.values()
                                                                     for _, e in gs), (len(nodes), total))
    code, out, err = status(port)
    check("status lists no node that left, and says how many left and what is free",
          code == 0 and f"0 nodes, {n + 1} retired," in out and "\nnode " not in out, out + err)
    stop(srv)


def test_vanished(tmp):
    """(b) a node killed with kill -9 is retired after --retire-after; one cut
    off for longer is refused when it comes back, and stops with the reason."""
    data = os.path.join(tmp, "vanish")
    srv, port = start_server(data, "--retire-after", "1")
    lines = []
    threading.Thread(target=lambda: lines.extend(srv.stderr), daemon=True).start()
    # Ending through System/exit, or with an uncaught error, is leaving too.
    code, out, err = join(port, "(def shared (atom 0)) (System/exit 3)")
    code2, out2, err2 = join(port, "(def boom 2)", "(throw (ex-info \"boom\" {}))")
    repl = subprocess.run([FOLIO, "--join", f"127.0.0.1:{port}", "repl"], input="(def from-repl 9)\n",
                          capture_output=True, text=True, timeout=60)
    out3 = status(port)[1]
    check("a node that ends through System/exit, with an uncaught error, or by quitting its REPL leaves (retired at once)",
          code == 3 and code2 == 1 and "boom" in err2 and repl.returncode == 0 and "0 nodes, 3 retired," in out3,
          (code, code2, err2, repl, out3))
    killed = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e", "(do (def from-killed [1 2 3]) (println :ready) (flush))",
                               "-e", "(Thread/sleep 60000)"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check("a node comes up", killed.stdout.readline() == ":ready\n")
    proxy = Proxy(port)
    cut = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{proxy.port}", "-e",
                            "(do (def from-cut 5) (println :ready) (flush))",
                            "-e", "(dotimes [_ 200] (swap! shared inc) (Thread/sleep 25))", "-e", "(println :finished)"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check("a node behind a proxy comes up", cut.stdout.readline() == ":ready\n")
    time.sleep(2)  # both connected past --retire-after: a connected node is never retired
    out = status(port)[1]
    check("connected nodes are not retired, however long they run", out.count("connected") == 2, out)
    killed.kill()
    killed.wait()
    proxy.paused = True  # the server looks gone to the node behind the proxy...
    proxy.drop()
    deadline = time.time() + 20
    while time.time() < deadline and free_pages(port)[0] < 5:
        time.sleep(0.2)
    out = status(port)[1]
    check("after --retire-after 1 both the killed node and the cut-off one are retired",
          re.search(r"0 nodes, 5 retired, [1-9]\d* pages free", out), out)
    proxy.paused = False  # ...and comes back after its deadline
    code, out, err = finished(cut, timeout=60)
    check("the cut-off node coming back is refused with the reason and stops (exit 1)",
          code == 1 and "left the cluster; start it again as a new node" in err and ":finished" not in out, (code, out, err))
    code, out, err = join(port, "[from-killed from-cut (<= 1 @shared 200) boom from-repl]")
    check("what the nodes that left or vanished published stays readable", code == 0 and out == "[[1 2 3] 5 true 2 9]\n",
          out + err)
    check("the server logs why it retired them", any("away for more than 1 s" in l for l in lines), lines[-5:])
    proxy.close()
    stop(srv)


def test_restart(tmp):
    """(c) the free list comes back the same after kill -9 of the server, with
    and without a checkpoint, and no page is granted to two live nodes."""
    data = os.path.join(tmp, "restart")
    srv, port = start_server(data)
    # One node that needed several grants for garbage leaves big free ranges behind.
    code, out, err = join(port, "(def garbage (count (vec (range 400000))))", "garbage")
    check("a node that asked for several grants leaves", code == 0 and out.endswith("400000\n"), out + err)
    for i in range(6):
        join(port, f"(def r{i} (vec (range {i * 100})))")
    long_lived = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e", "(do (def mine (vec (range 5000))) (println :ready) (flush))",
                                   "-e", "(Thread/sleep 6000)", "-e", "(println (reduce + mine) (count r5))"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check("a long-lived node comes up", long_lived.stdout.readline() == ":ready\n")
    before = free_pages(port)
    stop(srv, signal.SIGKILL)
    srv, port2 = start_server(data, "--log-limit", "1", port=port)
    after = free_pages(port)
    check("after kill -9 and a restart the free list is what it was (from DIR/nodes and the replayed log)",
          port2 == port and before[1] > 0 and after == before, (before, after))
    # New nodes that stay connected alongside the long-lived one.
    stayers = [subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e", f"(do (def s{i} (vec (range 3000))) (println :ready) (flush))",
                                 "-e", "(Thread/sleep 2500)", "-e", f"(println (count s{i}))"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(3)]
    ready = [p.stdout.readline() for p in stayers]
    nodes = nodes_file(data)
    live = {n: gs for n, (retired, gs) in nodes.items() if not retired}
    retired = [g for r, gs in nodes.values() if r for g in gs]
    pairs_apart = all(not overlaps(live[a], live[b]) for a in live for b in live if a < b)
    reused = sum(overlaps(gs, retired) for gs in live.values())  # the long-lived one's and the new ones' grants
    check("nodes joining after the restart get free ranges, never pages a live node holds",
          ready == [":ready\n"] * 3 and len(live) == 4 and pairs_apart and reused == 4, (ready, live))
    results = [finished(p) for p in stayers]
    check("their data is intact", all(r[0] == 0 and r[1] == "3000\n" for r in results), results)
    code, out, err = finished(long_lived)
    check("the long-lived node came back to the restarted server and its data is intact",
          code == 0 and out == "12497500 500\n", out + err)
    # A checkpoint (--log-limit 1: at the next tick), then kill -9 again.
    join(port, "(def after-restart 1)")
    deadline = time.time() + 20
    while time.time() < deadline and not os.path.exists(os.path.join(data, "checkpoint")):
        time.sleep(0.2)
    time.sleep(1.5)  # the checkpoint is installed; no commit since
    before = free_pages(port)
    stop(srv, signal.SIGKILL)
    srv, port2 = start_server(data, port=port)
    after = free_pages(port)
    code, out, err = join(port, "[(count mine) (count s2) after-restart (count r5)]")
    check("with a checkpoint too the free list comes back the same, and the data with it",
          os.path.exists(os.path.join(data, "checkpoint")) and after == before and code == 0
          and out == "[5000 3000 1 500]\n", (before, after, out, err))
    stop(srv)


if __name__ == "__main__":
    tmp = tempfile.mkdtemp(prefix="folio-churn-")
    try:
        floor = grant_floor(tmp)
        test_churn(tmp, floor)
        test_vanished(tmp)
        test_restart(tmp)
    except Exception as e:  # a crash of the test itself still stops the servers
        import traceback
        traceback.print_exc()
        check("the tests ran to the end", False, e)
    finish(tmp)
