#!/usr/bin/env python3
"""End-to-end tests of the heap server (issue 4, first steps): `folio serve`
and `folio cluster status` on 127.0.0.1, with real processes.

Usage: cluster_test.py FOLIO_BINARY
Servers listen on a free port (port 0, read back from their first line); every
wait is bounded; servers are stopped and data directories removed at the end.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from cluster_support import *  # noqa: F401,F403 (FOLIO, check, start_server, join, ...)


def test_nodes(tmp):
    data = os.path.join(tmp, "nodes")
    srv, port = start_server(data)
    code, out, err = join(port, "(defn foo [] 42)")
    check("node 1 defines foo", code == 0 and out == "#'user/foo\n", out + err)
    code, out, err = join(port, "(foo)")
    check("node 2, another process joining afterwards, calls foo and gets 42 (the 2009 transcript)",
          code == 0 and out == "42\n", out + err)
    code, out, err = join(port, "(defmacro twice [x] (list 'do x x)) (defmulti area :shape)"
                                " (defmethod area :sq [{:keys [s]}] (* s s)) (defprotocol G (g [x]))"
                                " (extend-protocol G String (g [s] (str \"hi \" s))) (def hits (atom 0)) nil")
    check("a node defines a macro, a multimethod, a protocol and an atom", code == 0, out + err)
    code, out, err = join(port, "(twice (println :x)) (area {:shape :sq :s 3}) (g \"bob\") (swap! hits inc)")
    check("another node uses them", code == 0 and out == ':x\n:x\n9\n"hi bob"\n1\n', out + err)
    code, out, err = join(port, "(swap! hits inc)", "(def s *out*)")
    check("a node's *out* is its own: sharing it is a clear error naming the var",
          code == 1 and out == "2\n" and "Can't share node-local value" in err and "var #'user/s" in err, out + err)
    code, out, err = join(port, "(deftype Rect [w h] G (g [_] (* w h)) Object (toString [_] (str w \"x\" h)))"
                                " (def r (->Rect 2 3)) nil")
    check("a node shares a deftype instance", code == 0, out + err)
    code, out, err = join(port, "(g r) (str r) (.-h r) (= r (->Rect 2 3))",
                          "(deftype Tally [^:unsynchronized-mutable n]) (def t (Tally. 0))")
    check("another node uses it; one with a mutable field stays node-local (a clear error)",
          code == 1 and out == '6\n"2x3"\n3\nfalse\nuser.Tally\n' and "Can't share node-local value" in err
          and "var #'user/t" in err, out + err)
    code, out, err = status(port)
    check("status gives the log position and leaves out the nodes that left (retired), counting them",
          code == 0 and re.search(r"log position [1-9]\d*,", out) and re.search(r"\d+ nodes, [1-9]\d* retired, \d+ pages free", out)
          and "node 5 " not in out, out + err)
    code, out, err = join(port, "(let [a (long-array [1 2])] (aset a 0 7) (println (vec a)))",
                          "(try (reset! hits {:a (int-array 1)}) (catch IllegalArgumentException e (println (ex-message e))))",
                          "(def arr (object-array 1))")
    check("a Java array works on its node; sharing one through an atom or a var is the node-local error",
          code == 1 and out.startswith("[7 2]\nCan't share node-local value #object[\"[I\"")
          and "Can't share node-local value #object[\"[Ljava.lang.Object;\"" in err and "var #'user/arr" in err,
          out + err)
    # Atoms are linearizable across nodes: adds apply in log order, and what
    # each swap! returns is its own add's word (3..902, each once).
    outs = race(port, [[counting(300)]] * 3)
    code, out, err = join(port, "@hits")
    check("3 nodes each doing 300 swap! inc on one atom end at exactly 902 (2 + 900), and their swap!s return"
          " 3..902, each once",
          all(c == 0 for c, _, _ in outs) and out == "902\n" and
          each_once(sum((vectors(o)[0] for _, o, _ in outs if vectors(o)), []), 3, 902), (out, err, outs))
    # Refs are serializable across nodes: a transaction is one commit whose
    # preconditions are the versions it read.
    # The nodes start their transfers together (a barrier on an atom): a node
    # starts in tens of milliseconds and its 150 transfers take a few, so
    # without it they might not overlap at all.
    join(port, "(def accounts (vec (for [_ (range 5)] (ref 100)))) (def transfer-ready (atom 0))")
    transfers = ("(swap! transfer-ready inc) (loop [] (when (< @transfer-ready 3) (Thread/sleep 1) (recur)))"
                 " (dotimes [_ 150] (let [a (rand-int 5) b (rand-int 5) amt (rand-int 10)]"
                 " (dosync (alter (accounts a) - amt) (alter (accounts b) + amt))))")
    outs = race(port, [[transfers, "(folio-stm-retries)"]] * 3)
    code, out, err = join(port, "(reduce + (map deref accounts))")
    check("concurrent dosync transfers from 3 nodes keep the total exact",
          all(c == 0 for c, _, _ in outs) and out == "500\n", (out, err, outs))
    check("retries happen across nodes and are counted",
          sum(int(o.split()[-1]) for c, o, _ in outs if c == 0 and o.split()) > 0, outs)
    # A running node sees another node's redefinition at its next call.
    waiter = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waiter.stdin.write("(println (foo)) (flush)"
                       "(loop [i 0] (cond (= (foo) 43) (println \"now\" (foo))"
                       " (< i 20000) (do (Thread/sleep 1) (recur (inc i))) :else (println \"never\")))")
    waiter.stdin.close()
    waiter.stdin = None
    first = first_line(waiter, 30)
    code, out, err = join(port, "(defn foo [] 43)")
    _, rest, werr = finished(waiter, 60)
    check("a running node sees a redefinition made by another node at its next call",
          first == "42\n" and code == 0 and rest == "now 43\n", (first, out, err, rest, werr))
    # A node in a commit loop, which never waits (no safepoint), still gets
    # the other nodes' commits: the server holds them for it only until its
    # next answer (or 3 ms), never for good.
    join(port, "(def loop-count (atom 0)) (def stop-loop (atom false))")
    looper = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e",
                               "(println :looping) (flush)"
                               " (loop [i 0] (cond @stop-loop (println :saw-it)"
                               " (< i 3000000) (do (swap! loop-count inc) (recur (inc i))) :else (println :never)))"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = first_line(looper, 30)
    code, out, err = join(port, "(Thread/sleep 200) (reset! stop-loop true)")
    _, rest, lerr = finished(looper, 120)
    _, count, _ = join(port, "@loop-count")
    check("a node in a swap! loop sees another node's reset! while it loops",
          first == ":looping\n" and code == 0 and rest == ":saw-it\n" and 0 < int(count or 0) < 3000000,
          (first, out, err, rest, lerr, count))
    # A REPL node waiting for input sees, at its next form, what others did.
    repl = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "repl"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    repl.stdin.write("(foo)\n")
    repl.stdin.flush()
    join(port, "(def from-another-node :hello)")
    try:
        rout, rerr = repl.communicate("from-another-node\n", timeout=60)
    except subprocess.TimeoutExpired:
        repl.kill()
        rout, rerr = repl.communicate()
    check("a REPL node sees another node's def at its next form",
          rout == "user=> 43\nuser=> :hello\nuser=> \n", (rout, rerr))
    # kill -9 of a node loses only what it had not committed: every commit is
    # all or nothing, so the state is whole, and the survivors go on.
    join(port, "(def state (atom {:total 0 :by {}}))")
    worker = ("(loop [i 0] (swap! state (fn [m] (-> m (update :total inc) (update-in [:by %d] (fnil inc 0)))))"
              " (recur (inc i)))")
    ws = [subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e", worker % k], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL) for k in range(2)]
    time.sleep(1.0)
    ws[0].kill()
    ws[0].wait(30)
    before = join(port, "(:total @state)")[1].strip()
    time.sleep(0.5)
    after = join(port, "(:total @state)")[1].strip()
    ws[1].kill()
    ws[1].wait(30)
    code, out, err = join(port, "(let [m @state] [(= (:total m) (reduce + (vals (:by m)))) (pos? (:total m))])")
    check("a node killed with kill -9 leaves the shared state whole, and the other node goes on",
          code == 0 and out == "[true true]\n" and before.isdigit() and after.isdigit() and int(after) > int(before),
          (out, err, before, after))
    code, out, err = status(port)
    check("status shows each node's progress in the log", re.search(r"applied [1-9]", out), out)
    stop(srv, signal.SIGKILL)
    srv2, port2 = start_server(data)
    code, out, err = join(port2, "[(foo) @hits (area {:shape :sq :s 4})]")
    check("the server killed with kill -9 and restarted on its data directory lost no acknowledged commit",
          code == 0 and out == "[43 902 16]\n", out + err)
    stop(srv2)


def main(tmp):
    data = os.path.join(tmp, "data")
    srv, port = start_server(data)
    check("folio serve listens on a free port and says where", port is not None)
    code, out, err = status(port)
    check("cluster status shows the log position, the heap size and no nodes",
          code == 0 and re.match(r"log position 0, heap \d+ pages \([\d.]+ MiB\), 0 nodes\n$", out), out + err)
    check("data directory is created for the owner only", oct(os.stat(data).st_mode & 0o777) == "0o700")
    p = subprocess.run([FOLIO, "serve", "--listen", "127.0.0.1:0", "--data", data], capture_output=True, text=True,
                       timeout=30)
    check("a second server on the same data directory is refused",
          p.returncode == 1 and "another folio serve is using" in p.stderr, p.stderr)
    # Garbage on a connection: the server says goodbye to that peer and keeps serving.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(os.urandom(4096))
        s.settimeout(10)
        try:
            while s.recv(65536):
                pass
        except OSError:
            pass
    code, out, err = status(port)
    check("garbage from a peer closes only that connection", code == 0 and out.startswith("log position 0"), out + err)
    stop(srv, signal.SIGKILL)
    log = srv.stderr.read()
    check("the server logs why it closed a connection", "folio serve: closing 127.0.0.1:" in log and "bad magic" in log,
          log)
    srv, port = start_server(data)
    stop(srv, signal.SIGKILL)
    srv2, port2 = start_server(data)
    check("a server killed with kill -9 restarts on the same data directory",
          port2 is not None and status(port2)[0] == 0)
    stop(srv2)

    # Authentication with a key file.
    key = os.path.join(tmp, "key")
    with open(key, "w") as f:
        f.write("correct horse battery staple\n")
    os.chmod(key, 0o600)
    wrong = os.path.join(tmp, "wrong")
    with open(wrong, "w") as f:
        f.write("something else\n")
    os.chmod(wrong, 0o600)
    srv3, port3 = start_server(os.path.join(tmp, "data3"), "--key-file", key)
    code, out, err = status(port3, "--key-file", key)
    check("a client with the key is let in", code == 0 and out.startswith("log position 0"), out + err)
    code, out, err = status(port3, "--key-file", wrong)
    check("a client with the wrong key is refused clearly",
          code == 1 and "the server refused: authentication failed" in err, err)
    code, out, err = status(port3)
    check("a client without a key is refused clearly", code == 1 and "authentication failed" in err, err)
    os.chmod(key, 0o644)
    code, out, err = status(port3, "--key-file", key)
    check("a key file readable by others is refused", code == 1 and "chmod 600" in err, err)
    stop(srv3)

    closed = free_port()
    code, out, err = status(closed)
    check("status of a server that is not there is a clear error, exit 1",
          code == 1 and "Connection refused" in err, err)
    p = subprocess.run([FOLIO, "cluster", "status", "nocolon"], capture_output=True, text=True, timeout=30)
    check("a bad HOST:PORT is a clear error", p.returncode == 1 and "HOST:PORT" in p.stderr, p.stderr)
    p = subprocess.run([FOLIO, "serve", "--listen", "127.0.0.1:0"], capture_output=True, text=True, timeout=30)
    check("serve without --data is bad usage", p.returncode == 2 and "--data" in p.stderr, p.stderr)
    p = subprocess.run([FOLIO, "serve", "--listen", "0.0.0.0:0", "--data", os.path.join(tmp, "open")],
                       capture_output=True, text=True, timeout=30)
    check("listening beyond loopback without a key is refused",
          p.returncode == 1 and "without --key-file" in p.stderr, p.stderr)


def test_promise_across_nodes(tmp):
    srv, port = start_server(os.path.join(tmp, "promise"))
    join(port, "(def p (promise)) (def big (* 99999999999999999999N 3/7))")
    box = []  # the waiting node's (code, out, err); empty if it hung past join's timeout
    waiter = threading.Thread(target=lambda: box.append(join(port, '(println "got" @p big)', timeout=30)))
    waiter.start()
    time.sleep(1)
    code, out, err = join(port, "(deliver p 12345678901234567890N) nil")
    waiter.join(40)
    check("a deref waiting on one node gets what another node delivers (BigInt and Ratio values too)",
          code == 0 and box and box[0][1] == "got 12345678901234567890N 299999999999999999997/7\n", (out, err, box))
    code, out, err = join(port, "[(deliver p 2) @p (realized? p)]")
    check("a second delivery from a third node changes nothing",
          code == 0 and out == "[nil 12345678901234567890N true]\n", out + err)
    stop(srv)


def test_grants(tmp):
    srv, port = start_server(os.path.join(tmp, "grants"))
    code, out, err = join(port, "(def big (vec (range 3000000))) (count big)")
    check("a node allocates past its first grant (a 3,000,000-element vector)", code == 0 and out == "#'user/big\n3000000\n",
          out + err)
    code, out, err = join(port, "(reduce + big)")
    check("another node reads all of it", code == 0 and out == "4499998500000\n", out + err)
    with open(os.path.join(tmp, "grants", "nodes")) as f:
        first = f.readline().split()
    grants = [int(g.split("+")[1]) for g in first if "+" in g]
    check("grants grow as a node asks for more, and are kept in DIR/nodes (the node that left marked retired)",
          grants[:3] == [64, 128, 256] and first[2] == "retired", first)
    stop(srv)


class Repl:
    """A `folio --join ... repl` process fed line by line; its output is
    collected by a thread so that every wait is bounded."""

    def __init__(self, port):
        self.p = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "repl"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.out = ""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for ch in iter(lambda: self.p.stdout.read(1), ""):
            with self.lock:
                self.out += ch

    def send(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()

    def wait_for(self, text, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if text in self.out:
                    return True
            time.sleep(0.02)
        return False

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def test_two_repls(tmp):
    srv, port = start_server(os.path.join(tmp, "repls"))
    a, b = Repl(port), Repl(port)
    try:
        a.send("(def a-id (folio.cluster/node-id)) (defmacro twice [x] `(* 2 ~x)) (defn foo [] (twice 21))")
        ok_a = a.wait_for("#'user/foo")
        b.send("(foo)")
        ok_b = b.wait_for("42")
        b.send("@(folio.cluster/on-node a-id (fn [] (println \"printed by\" (folio.cluster/node-id)) (foo)))")
        ok_on = b.wait_for("user=> 42\nuser=> 42") or b.wait_for("42\nuser=> 42")
        ok_print = a.wait_for("printed by")
        a.send("(defn foo [] :redefined)")
        a.wait_for("user=> #'user/foo\nuser=> #'user/foo")
        b.send("(foo)")
        ok_redef = b.wait_for(":redefined")
    finally:
        a.close()
        b.close()
    check("two REPL nodes at once: a macro and a fn defined in one are called from the other", ok_a and ok_b,
          (a.out, b.out))
    check("a REPL node idle at its prompt runs what another REPL sends it with on-node, printing there",
          ok_on and ok_print, (ok_on, ok_print, a.out, b.out))
    check("a redefinition in one REPL is what the other calls next", ok_redef, (a.out, b.out))
    stop(srv)


def test_def_race(tmp):
    srv, port = start_server(os.path.join(tmp, "def-race"))
    join(port, "(def shared-v 0) (def go (atom 0))")
    racer = ("(do (swap! go inc) nil) (loop [] (when (< @go 3) (Thread/sleep 1) (recur)))"
             " (dotimes [i 200] (def shared-v [%d i])) (println :ok)")
    ps = [subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e", racer % n], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True) for n in range(3)]
    outs = [p.communicate(timeout=120) for p in ps]
    check("nodes racing to def the same var all succeed (the last write in log order wins)",
          all(p.returncode == 0 and o == ":ok\n" for p, (o, e) in zip(ps, outs)), outs)
    code, out, err = join(port, "(let [[n i] shared-v] (and (#{0 1 2} n) (= i 199)))")
    check("the var holds one node's last def", out == "true\n", out + err)
    stop(srv)


def started_node(port, name, *exprs):
    """A node running `exprs` after it stores its id in the shared atom
    user/NAME; returns the process and that id once another node sees it."""
    args = [FOLIO, "--join", f"127.0.0.1:{port}", "-e", f"(def {name} (atom (folio.cluster/node-id)))"]
    for e in exprs:
        args += ["-e", e]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    seen = ""
    while not seen.strip().isdigit() and time.time() < deadline:
        seen = join(port, f"(some-> (resolve 'user/{name}) deref deref)")[1]
        time.sleep(0.05)
    return p, seen.strip()


def test_on_node(tmp):
    srv, port = start_server(os.path.join(tmp, "on-node"))
    # Node A waits (a deref is a safepoint: it serves requests meanwhile).
    a, a_id = started_node(port, "a-id", "(def stop (promise)) (deref stop 30000 :timeout) (println :a-done)")
    code, out, err = join(port,
        "(require '[folio.cluster :as c])",
        f"(println (= (c/nodes) (sort [{a_id} (c/node-id)])) (c/node-id))",
        f"(let [secret 21] @(c/on-node {a_id} (fn [x] (println \"on node\" (c/node-id) \"with\" x) (* x secret)) 2))",
        f"(let [f (c/on-node {a_id} (fn [] (throw (ex-info \"boom\" {{:k 1}}))))] (try @f (catch Exception e [(ex-message e) (ex-data e)])))",
        f"[(deref (c/on-node {a_id} (fn [] (Thread/sleep 300) :slow)) 10 :not-yet) (realized? (c/on-node {a_id} (fn [] 1)))]",
        "(try (c/on-node 999 +) (catch Exception e (ex-message e)))",
        "(deliver stop :go) nil")
    a_out, a_err = a.communicate(timeout=60)
    lines = out.splitlines()
    check("folio.cluster/nodes lists the connected nodes, node-id names this one",
          code == 0 and re.match(r"true \d+$", lines[0] if lines else ""), out + err)
    check("on-node runs a closure on another node and the future gives its result",
          lines[1:2] == ["42"], out + err)
    check("*out* inside the closure is the node's that runs it", f"on node {a_id} with 2\n" in a_out, a_out + a_err)
    check("an exception thrown there is thrown by deref here", lines[2:3] == ['["boom" {:k 1}]'], out + err)
    check("deref with a timeout and realized? work on the future", lines[3:4] == ["[:not-yet false]"], out + err)
    check("a node that is not connected is a clear error",
          re.match(r'"node 999 is not connected \(nodes: \[\d+ \d+\]\)"$', lines[4] if len(lines) > 4 else ""),
          out + err)
    # A node busy until it exits never answers: deref says so instead of waiting forever.
    b, b_id = started_node(port, "b-id", "(loop [i 0] (if (< i 300000000) (recur (inc i)) i))")
    code, out, err = join(port, f"(try @(folio.cluster/on-node {b_id} (fn [] :never))"
                                " (catch Exception e (ex-message e)))", timeout=120)
    b.communicate(timeout=60)
    check("a node that leaves before it answers makes deref throw, not hang",
          code == 0 and re.match(r'"node \d+ left the cluster before it answered"', out), out + err)
    # A node in the middle of a transaction serves requests only after it:
    # the request's own transaction must not join the node's.
    join(port, "(def r (ref 0))")
    t, t_id = started_node(port, "t-id", "(dosync (Thread/sleep 1500) (alter r inc)) (println :tx-done @r)")
    code, out, err = join(port, f"(def f (folio.cluster/on-node {t_id} (fn [] (dosync (alter r + 100)))))",
                          "[(deref f 10000 :timeout) @r]")
    t_out, t_err = t.communicate(timeout=60)
    check("a request reaching a node inside a transaction runs after it, in a transaction of its own",
          out.endswith("[101 101]\n") and t_out.endswith(":tx-done 101\n"), (out, err, t_out, t_err))
    code, out, err = run_local("(assert (nil? (folio.cluster/node-id)))", "(try (folio.cluster/nodes) (catch IllegalStateException e (ex-message e)))")
    check("outside a cluster there is no node id, and nodes says why",
          out == '"not a cluster node (start folio with --join HOST:PORT)"\n', out + err)
    stop(srv)


def test_swap_kinds(tmp):
    """swap! with inc, dec, + or - on a shared atom's fixnum is an add the
    server applies in log order; every other swap! is a compare-and-set. Both
    kinds, mixed on one atom, count exactly; the fallbacks are Clojure's."""
    srv, port = start_server(os.path.join(tmp, "swaps"))
    join(port, "(def c (atom 0)) (def w (atom 0)) (def seen (atom []))"
               " (add-watch w :k (fn [_ _ o n] (swap! seen conj [o n])))")
    outs = race(port, [["(dotimes [_ 200] (swap! c + 2))"], ["(dotimes [_ 200] (swap! c dec))"],
                       ["(dotimes [_ 200] (swap! c (fn [x] (+ x 3))))"], ["(dotimes [_ 200] (swap! c - 1))"]])
    code, out, err = join(port, "@c")
    check("adds (+ 2, dec, - 1) and compare-and-sets (a fn) from 4 nodes on one atom count exactly",
          all(r[0] == 0 for r in outs) and out == "600\n", (out, err, outs))
    outs = race(port, [["(prn (mapv (fn [_] (swap-vals! w inc)) (range 100)))"]] * 2)
    pairs = []
    for code, out, err in outs:
        pairs += [tuple(map(int, p)) for p in re.findall(r"\[(\d+) (\d+)\]", out)]
    code, out, err = join(port, "(prn @seen)")
    seen = [tuple(map(int, p)) for p in re.findall(r"\[(\d+) (\d+)\]", out)]
    check("swap-vals! inc from 2 nodes: each gets [old new] with new = old + 1, together every value once",
          len(pairs) == 200 and all(n == o + 1 for o, n in pairs) and sorted(n for _, n in pairs) == list(range(1, 201)),
          (pairs[:5], outs))
    check("the watch, run on the node that swapped, saw each change once with its exact old value",
          sorted(seen) == sorted(pairs), (len(seen), seen[:5]))
    join(port, "(def big (atom 1152921504606846974)) (def mx (atom Long/MAX_VALUE)) (def d (atom 1.5))")
    outs = race(port, [["(dotimes [_ 3] (swap! big inc))"]] * 2)
    code, out, err = join(port, "(println @big (class @big))",
                          "(println (try (swap! mx inc) (catch ArithmeticException e (.getMessage e))))",
                          "(println (swap! d inc) (swap-vals! d - 2))")
    check("past the fixnum range, in a double and at Long/MAX_VALUE, swap! gives what JVM Clojure gives",
          all(r[0] == 0 for r in outs) and out == "1152921504606846980 java.lang.Long\nlong overflow\n2.5 [2.5 0.5]\n",
          (out, err, outs))
    stop(srv)


def run_local(*exprs):
    args = [FOLIO]
    for e in exprs:
        args += ["-e", e]
    p = subprocess.run(args, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


tmp = tempfile.mkdtemp(prefix="folio-cluster-test-")
try:
    main(tmp)
    test_nodes(tmp)
    test_promise_across_nodes(tmp)
    test_grants(tmp)
    test_on_node(tmp)
    test_def_race(tmp)
    test_swap_kinds(tmp)
    test_two_repls(tmp)
except Exception:  # a test that cannot go on is a failure, never silence
    import traceback
    traceback.print_exc()
    check("the tests ran to the end", False)
finally:
    finish(tmp)
