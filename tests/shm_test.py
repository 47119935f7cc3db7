#!/usr/bin/env python3
"""End-to-end tests of same-host shared-memory mode (issue 3): real processes
attached to one heap with `folio --shm NAME`.

Usage: shm_test.py FOLIO_BINARY
Every process runs with a timeout; every segment a test makes is removed at
the end, whatever happens. Prints `N passed, N failed, N skipped`.
"""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

FOLIO = os.path.abspath(sys.argv[1])
PREFIX = f"t{os.getpid()}-"
made = set()
results = {"pass": 0, "fail": 0, "skip": 0}


def seg(name):
    full = PREFIX + name
    made.add(full)
    subprocess.run([FOLIO, "shm", "rm", "--force", full], capture_output=True, timeout=30)
    return full


def run(name, *exprs, timeout=120, script=None, extra=()):
    args = [FOLIO, "--shm", name, *extra]
    if script is not None:
        args.append("-")
    else:
        for e in exprs:
            args += ["-e", e]
    p = subprocess.run(args, input=script or "", capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def spawn(name, script):
    p = subprocess.Popen([FOLIO, "--shm", name, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    p.stdin.write(script)
    p.stdin.close()
    p.stdin = None  # communicate() must not flush it again
    return p


def read_line(p, timeout):
    """One line of p's stdout, or None after `timeout` seconds."""
    box = []
    t = threading.Thread(target=lambda: box.append(p.stdout.readline()), daemon=True)
    t.start()
    t.join(timeout)
    return box[0].rstrip("\n") if box else None


def finish(p, timeout=60):
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        err += "\n[killed after timeout]"
    return p.returncode, out, err


def check(name, cond, detail=""):
    results["pass" if cond else "fail"] += 1
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else "\n    " + str(detail)[:2000]))


def skip(name, why):
    results["skip"] += 1
    print(f"SKIP {name}: {why}")


def value(name, expr):
    code, out, err = run(name, expr)
    return out.strip() if code == 0 else f"error {code}: {err.strip()}"


# ---------------------------------------------------------------- the canonical test

def test_define_here_call_there():
    s = seg("canon")
    code, out, err = run(s, "(defn foo [] 42)")
    check("process 1 defines foo", code == 0 and out.strip() == "#'user/foo", out + err)
    code, out, err = run(s, "(foo)")
    check("process 2, started afterwards, calls foo and gets 42", code == 0 and out == "42\n", out + err)
    # Process 2 keeps running; process 1 redefines foo; process 2's next call sees it.
    waiter = spawn(s, "(println (foo))\n(flush)\n"
                      "(loop [i 0] (cond (= (foo) 43) (println \"now\" (foo))"
                      "                  (< i 20000) (do (Thread/sleep 1) (recur (inc i)))"
                      "                  :else (println \"never saw 43\")))\n")
    first = read_line(waiter, 30)
    code, out, err = run(s, "(defn foo [] 43)")
    code2, out2, err2 = finish(waiter)
    check("a running process sees a redefinition on its next call",
          first == "42" and code == 0 and code2 == 0 and out2.strip() == "now 43", (first, out2, err2))


def test_macros_multimethods_protocols():
    s = seg("abstractions")
    code, out, err = run(s, script="""
(defmacro twice [x] (list 'do x x))
(defmulti area :shape)
(defmethod area :square [{:keys [side]}] (* side side))
(defprotocol Greet (greet [x]))
(defrecord Dog [name] Greet (greet [_] (str "woof, " name)))
(extend-protocol Greet String (greet [s] (str "hi, " s)))
(def dog (->Dog "rex"))
""")
    check("process 1 defines a macro, a multimethod, a protocol and a record", code == 0, out + err)
    code, out, err = run(s, script="""
(twice (println "x"))
(println (area {:shape :square :side 3}))
(println (greet dog) (greet "bob") (greet (->Dog "fido")))
(println (= (type dog) Dog) (satisfies? Greet dog) (:name dog))
(defmethod area :circle [{:keys [r]}] (* 3 r r))
""")
    check("process 2 uses them", code == 0 and out == "x\nx\n9\nwoof, rex hi, bob woof, fido\ntrue true rex\n",
          out + err)
    check("a method process 2 added works in process 3",
          value(s, "(area {:shape :circle :r 2})") == "12")


def test_required_namespace():
    s = seg("require")
    d = tempfile.mkdtemp(prefix="folio-shm-require-")
    try:
        os.makedirs(os.path.join(d, "demo"))
        with open(os.path.join(d, "demo", "core.clj"), "w") as f:
            f.write('(ns demo.core)\n(println "loading demo.core")\n(defn greet [n] (str "hello " n))\n')
        code, out, err = run(s, "(require 'demo.core) (demo.core/greet 1)", extra=["-cp", d])
        check("process 1 loads a namespace from its source root", code == 0 and out == 'loading demo.core\n"hello 1"\n',
              out + err)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    code, out, err = run(s, "(require 'demo.core) (demo.core/greet 2)")
    check("process 2 requires it without its source and without loading it again",
          code == 0 and out == '"hello 2"\n', out + err)


def test_shared_lazy_seq():
    s = seg("lazy")
    run(s, "(def go (atom 0)) (def xs (map inc (range 300000))) (def ys (filter even? (map inc (range 300000))))")
    # A start barrier in the heap makes the three walk the same chunks at once.
    procs = [spawn(s, "(swap! go inc) (loop [i 0] (when (and (< @go 3) (< i 100000000)) (recur (inc i))))"
                      "(println (reduce + xs) (count ys) (last ys))") for _ in range(3)]
    outs = [finish(p) for p in procs]
    check("three processes realizing one shared lazy seq at once all see all of it",
          all(o[0] == 0 and o[1] == "45000150000 150000 300000\n" for o in outs), outs)


# ---------------------------------------------------------------- node-local state

def test_node_local():
    s = seg("local")
    run(s, "(def a (atom 0))")
    code, out, err = run(s, '(println "printed by" :p2)')
    check("println prints in the process that runs it", code == 0 and out == "printed by :p2\n", out + err)
    code, out, err = run(s, "(def s *out*)")
    check("(def s *out*) fails with a clear error naming the var and the value",
          code == 1 and "Can't share node-local value #object[java.io.OutputStreamWriter" in err
          and "var #'user/s" in err, err)
    code, out, err = run(s, "(reset! a *out*)")
    check("(reset! a *out*) fails naming the atom", code == 1 and "through atom #object[clojure.lang.Atom" in err, err)
    code, out, err = run(s, "(swap! a (fn [_] {:nested [*err*]}))")
    check("a node-local value nested in a shared one is refused too",
          code == 1 and "#object[java.io.PrintWriter" in err, err)
    code, out, err = run(s, script="""
(try (reset! a *in*) (catch IllegalArgumentException e (println "refused")))
(swap! a inc)
(def ^:node-local mine (atom :here))
(reset! mine *out*)
(println @a (= @mine *out*))
""")
    check("nothing else breaks; a ^:node-local var holds a per-process root",
          code == 0 and out == "refused\n1 true\n", out + err)
    code, out, err = run(s, "(bound? #'mine)")
    check("another process has its own (unbound) root for the ^:node-local var",
          code == 0 and out.strip() == "false", out + err)
    run(s, "(in-ns 'elsewhere)")
    check("*ns* is per process", value(s, "(str *ns*)") == '"user"')


def test_deftype():
    s = seg("deftype")
    code, out, err = run(s, script="""
(defprotocol Area (area [x]))
(deftype Rect [w h] Area (area [_] (* w h)) Object (toString [_] (str w "x" h)))
(deftype Tally [^:volatile-mutable n] clojure.lang.IDeref (deref [_] n) Area (area [_] (set! n (inc n))))
(def r (->Rect 2 3))
(def box (atom nil))
""")
    check("process 1 shares a deftype instance through a var", code == 0, out + err)
    code, out, err = run(s, "(println (area r) (str r) (.-h r) (= (type r) Rect) (map? r) (= r (->Rect 2 3)))")
    check("process 2 calls its methods and reads its fields; it is still no map",
          code == 0 and out == "6 2x3 3 true false false\n", out + err)
    code, out, err = run(s, "(def t (Tally. 0))")
    check("an instance with a mutable field is node-local: def fails clearly",
          code == 1 and "Can't share node-local value #object[user.Tally" in err and "var #'user/t" in err, err)
    code, out, err = run(s, script="""
(let [t (Tally. 0)]
  (area t) (area t)
  (println @t (try (reset! box t) (catch IllegalArgumentException e :refused)) @box))
""")
    check("it works in its own process, and sharing it through an atom is refused",
          code == 0 and out == "2 :refused nil\n", out + err)


def test_arrays():
    # Java arrays are mutable, so they are node-local (vm/jarray.h): sharing one
    # is the node-local error, never a crash; inside one process they work.
    s = seg("arrays")
    run(s, "(def box (atom nil))")
    code, out, err = run(s, "(def a (int-array 3))")
    check("(def a (int-array 3)) in a shared heap is the node-local error naming the var",
          code == 1 and "Can't share node-local value #object[\"[I\"" in err and "var #'user/a" in err, err)
    code, out, err = run(s, "(reset! box {:rows [(object-array [1 2])]})")
    check("an array nested in a value stored into an atom is refused, naming the atom",
          code == 1 and "#object[\"[Ljava.lang.Object;\"" in err and "through atom" in err, err)
    code, out, err = run(s, script="""
(try (swap! box (fn [_] (long-array 2))) (catch IllegalArgumentException e (println "refused")))
(def ^:node-local mine (double-array [1.5 2.5]))
(let [a (long-array [1 2 3])]
  (aset a 0 10)
  (println (vec a) @(future (areduce a i s 0 (+ s (aget a i)))) (vec mine)))
(swap! box (fn [_] (vec (int-array [4 5]))))
""")
    check("refused stores change nothing; arrays work within the process, its futures and ^:node-local vars",
          code == 0 and out == "refused\n[10 2 3] 15 [1.5 2.5]\n", out + err)
    check("a vector copied out of an array is shared", value(s, "@box") == "[4 5]")


# ---------------------------------------------------------------- atoms

def test_atoms():
    s = seg("atoms")
    run(s, "(def counter (atom 0)) (def cas-counter (atom 0))")
    n, m = 4, 20000
    procs = [spawn(s, f"(dotimes [_ {m}] (swap! counter inc))") for _ in range(n)]
    outs = [finish(p, 120) for p in procs]
    check(f"{n} processes each doing {m} swap! inc end at exactly {n * m}",
          all(o[0] == 0 for o in outs) and value(s, "@counter") == str(n * m), outs)
    script = (f"(dotimes [_ {m}] (loop [] (let [v @cas-counter] "
              f"(when-not (compare-and-set! cas-counter v (inc v)) (recur)))))")
    procs = [spawn(s, script) for _ in range(n)]
    outs = [finish(p, 120) for p in procs]
    check("compare-and-set! is exact across processes",
          all(o[0] == 0 for o in outs) and value(s, "@cas-counter") == str(n * m), outs)
    run(s, '(add-watch counter :w (fn [_ _ old new] (println "watch" old "->" new)))')
    code, out, err = run(s, "(do (swap! counter inc) nil)")
    check("a watch fires in the process that made the change",
          code == 0 and out == f"watch {n * m} -> {n * m + 1}\n", out + err)


# ---------------------------------------------------------------- promises and the numeric tower

def test_promise_and_numbers():
    s = seg("promise")
    run(s, "(def p (promise)) (def big (* 99999999999999999999N 3/7)) (def dec 1.50M)")
    waiter = spawn(s, '(println "waiting") (flush) (println "got" @p big dec (class big))\n')
    first = read_line(waiter, 30)
    code, out, err = run(s, "(deliver p 12345678901234567890N) nil")
    code2, out2, err2 = finish(waiter)
    check("a deref waiting in one process gets what another process delivers",
          first == "waiting" and code == 0 and code2 == 0 and
          out2 == "got 12345678901234567890N 299999999999999999997/7 1.50M clojure.lang.Ratio\n",
          [first, out, err, out2, err2])
    check("a second delivery from another process changes nothing",
          value(s, "[(deliver p 2) @p (realized? p)]") == "[nil 12345678901234567890N true]")


# ---------------------------------------------------------------- refs

def test_refs():
    s = seg("refs")
    run(s, "(def accounts (vec (for [_ (range 5)] (ref 1000))))"
           "(def total #(reduce + (map deref accounts)))")
    transfers = ("(dotimes [_ 2000] (let [a (rand-int 5) b (rand-int 5) amt (rand-int 10)]"
                 " (dosync (alter (accounts a) - amt) (alter (accounts b) + amt))))"
                 "(println (folio-stm-retries))")
    procs = [spawn(s, transfers) for _ in range(3)]
    outs = [finish(p, 120) for p in procs]
    check("concurrent dosync transfers from 3 processes keep the total exact",
          all(o[0] == 0 for o in outs) and value(s, "(total)") == "5000"
          and value(s, "(dosync (total))") == "5000", outs)
    # A deterministic retry: process 1's transaction reads r, then process 2
    # commits a change to r before process 1 commits.
    run(s, "(def r (ref 0)) (def stage (atom 0))")
    p1 = spawn(s, """
(dosync
  (let [v @r]
    (when (compare-and-set! stage 0 1)
      (loop [i 0] (when (and (not= @stage 2) (< i 20000)) (Thread/sleep 1) (recur (inc i)))))
    (ref-set r (inc v))))
(println @r (folio-stm-retries))
""")
    p2 = spawn(s, """
(loop [i 0] (when (and (not= @stage 1) (< i 20000)) (Thread/sleep 1) (recur (inc i))))
(dosync (alter r + 100))
(reset! stage 2)
""")
    o2, o1 = finish(p2), finish(p1)
    check("a transaction whose ref another process changed retries, and the retry is counted",
          o1[0] == 0 and o2[0] == 0 and o1[1] == "101 1\n", (o1, o2))
    run(s, "(def hits (ref 0))")
    procs = [spawn(s, "(dotimes [_ 3000] (dosync (commute hits inc)))") for _ in range(3)]
    outs = [finish(p, 120) for p in procs]
    check("commute from 3 processes counts every update",
          all(o[0] == 0 for o in outs) and value(s, "@hits") == "9000", outs)
    code, out, err = run(s, "(dosync (ensure hits) (alter r inc))")
    check("ensure works", code == 0 and out.strip() == "102", out + err)


# ---------------------------------------------------------------- crash safety

WORKER = """
(loop [i 0]
  (swap! state (fn [m] (-> m (update :total inc) (update-in [:by %d] (fnil inc 0)))))
  (let [a (rand-int 5) b (rand-int 5) amt (inc (rand-int 9))]
    (dosync (alter (accounts a) - amt) (alter (accounts b) + amt)))
  (when (zero? (mod i 50)) (def scratch (vec (range (rand-int 200)))))
  (recur (inc i)))
"""

CHECK = """
(let [m @state]
  (println (= (:total m) (reduce + (vals (:by m)))) (:total m)
           (reduce + (map deref accounts))
           (:global-collections (folio.core/heap-stats))))
"""


def test_kill_9():
    s = seg("crash")
    run(s, "(def state (atom {:total 0 :by {}})) (def accounts (vec (for [_ (range 5)] (ref 100))))")
    rng = random.Random(1234)
    workers, wid, kills = [], 0, 0
    for _ in range(3):
        workers.append(spawn(s, WORKER % wid))
        wid += 1
    deadline = time.time() + 60
    while kills < 25 and time.time() < deadline:
        time.sleep(rng.uniform(0.02, 0.12))
        victim = workers.pop(rng.randrange(len(workers)))
        victim.send_signal(signal.SIGKILL)
        victim.wait(30)
        kills += 1
        workers.append(spawn(s, WORKER % wid))
        wid += 1
    # The survivors keep making progress after all those deaths.
    before = value(s, "(:total @state)")
    time.sleep(0.5)
    after = value(s, "(:total @state)")
    progressing = before.isdigit() and after.isdigit() and int(after) > int(before)
    for w in workers:
        w.send_signal(signal.SIGKILL)
        w.wait(30)
    code, out, err = run(s, CHECK)
    parts = out.split()
    check(f"after {kills} kill -9s the survivors kept going and nothing was lost or torn",
          code == 0 and progressing and len(parts) == 4 and parts[0] == "true" and parts[2] == "500"
          and int(parts[1]) > 0, (before, after, out, err))
    check("global collections ran meanwhile (so kills also landed during them)",
          len(parts) == 4 and int(parts[3]) > 0, out)
    code, out, err = run(s, "(swap! state update :total inc) (dosync (alter (accounts 0) inc)) (println :ok)")
    check("a heap whose processes all died is attached again and works (lock not stuck)",
          code == 0 and out.strip().endswith(":ok"), out + err)


# ---------------------------------------------------------------- growth and collection

def used_bytes(s):
    out = subprocess.run([FOLIO, "shm", "list"], capture_output=True, text=True, timeout=30).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == s:
            n, unit = float(f[1]), f[2]
            return n * {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[unit]
    return -1


def test_growth_and_collection():
    s = seg("grow")
    run(s, "(def counter (atom 0)) (def big (atom nil))")
    start = used_bytes(s)
    busy = spawn(s, "(dotimes [_ 50000] (swap! counter inc))")
    code, out, err = run(s, "(do (reset! big (vec (map str (range 1000000)))) (count @big))")
    finish_busy = finish(busy, 120)
    grown = used_bytes(s)
    check("the heap grows past its initial size while another process keeps working",
          code == 0 and out.strip() == "1000000" and finish_busy[0] == 0 and grown > start + (64 << 20)
          and value(s, "@counter") == "50000" and value(s, "(nth @big 999999)") == '"999999"',
          (start, grown, out, err, finish_busy))
    s2 = seg("gc")
    garbage = "(dotimes [i 2000000] (vec (range 60)))"  # ~1 GiB of short-lived vectors each
    procs = [spawn(s2, garbage) for _ in range(2)]
    outs = [finish(p, 300) for p in procs]
    used = used_bytes(s2)
    check("two processes making ~2 GiB of garbage together stay in bounded shared memory",
          all(o[0] == 0 for o in outs) and 0 < used < (256 << 20), (used, outs))


def test_global_collection():
    s = seg("global")
    run(s, "(def a (atom nil))")
    # Each reset! publishes a new 100-element vector and drops the last one:
    # ~1.3 GiB of garbage in shared pages, which only a global collection
    # frees; with it the segment stays near its thresholds (64 MiB published,
    # 32 MiB per process between local collections).
    writer = ("(dotimes [i 600000] (reset! a (vec (range i (+ i 100)))))")
    holder = ("(let [v @a x (first v)] (Thread/sleep 1500)"
              " (println (= v (vec (range x (+ x 100)))) (count v)))")
    writers = [spawn(s, writer) for _ in range(2)]
    time.sleep(0.3)
    h = spawn(s, holder)
    outs = [finish(p, 300) for p in writers + [h]]
    used = used_bytes(s)
    check("published garbage is reclaimed while several processes run (global collection)",
          all(o[0] == 0 for o in outs) and 0 < used < (400 << 20), (used, outs))
    check("a value held by a third process across those collections is intact",
          outs[2][1] == "true 100\n", outs[2])
    check("the shared cell is intact after them", value(s, "[(count @a) (= @a (vec (range (first @a) (+ 100 (first @a)))))]") == "[100 true]")


def test_idle_repl():
    s = seg("repl")
    run(s, "(defn foo [] 42) (def a (atom nil))")
    repl = subprocess.Popen([FOLIO, "--shm", s, "repl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)  # the REPL now waits for input
    t0 = time.time()
    code, out, err = run(s, "(dotimes [i 600000] (reset! a (vec (range i (+ i 100)))))"
                            "(:global-collections (folio.core/heap-stats))")
    elapsed = time.time() - t0
    check("global collections complete while a REPL on the heap waits for input",
          code == 0 and out.strip().isdigit() and int(out.strip()) > 0 and elapsed < 30, (out, err, elapsed))
    out, err = repl.communicate("(foo)\n(count @a)\n", timeout=30)
    check("that REPL then works on the shared heap", out == "user=> 42\nuser=> 100\nuser=> \n", (out, err))


def test_threads():
    s = seg("threads")
    run(s, "(def counter (atom 0)) (def box (atom nil))")
    # Futures in two processes swap one shared atom while a third process makes
    # published garbage (global collections); each future holds a value across
    # a sleep, so a collection that missed a thread's roots would break it.
    n, m = 2, 5000
    script = (f"(let [fs (doall (for [_ (range 4)] (future (dotimes [_ {m}] (swap! counter inc))"
              f" (let [v (vec (range 100))] (Thread/sleep 300) (= v (vec (range 100)))))))]"
              f" (println (every? true? (map deref fs))))")
    w = spawn(s, "(dotimes [i 600000] (reset! box (vec (range i (+ i 100)))))")
    procs = [spawn(s, script) for _ in range(n)]
    outs = [finish(p, 300) for p in procs + [w]]
    check(f"futures in {n} processes: {n * 4 * m} swap! inc exact, their values intact across global collections",
          all(o[0] == 0 for o in outs) and all(o[1] == "true\n" for o in outs[:n])
          and value(s, "@counter") == str(n * 4 * m), outs)
    p = spawn(s, "(def f (future (Thread/sleep 300) :from-p1)) (println :defined) (println @f)")
    line = read_line(p, 30)
    code, out, err = run(s, "(deref f 5000 :late)")
    check("a future defined in one process is deref'd in another once it finishes",
          line == ":defined" and code == 0 and out.strip() == ":from-p1", (line, out, err))
    finish(p)
    code, out, err = run(s, "(def ag (agent 0))")
    check("an agent is refused by the shared heap, naming the var", code == 1 and "#'user/ag" in err, err)


# ---------------------------------------------------------------- shm list / rm, security

def test_list_rm_security():
    s = seg("admin")
    run(s, "(def x 1)")
    sleeper = spawn(s, "(println :up) (flush) (Thread/sleep 20000)")
    up = read_line(sleeper, 30)
    out = subprocess.run([FOLIO, "shm", "list"], capture_output=True, text=True, timeout=30).stdout
    line = next((l for l in out.splitlines() if l.split()[:1] == [s]), "")
    check("shm list shows the segment, its size and its live process",
          up == ":up" and f"pid {sleeper.pid}" in line and re.search(r"MiB|GiB", line), out)
    p = subprocess.run([FOLIO, "shm", "rm", s], capture_output=True, text=True, timeout=30)
    check("shm rm refuses while a live process is attached",
          p.returncode == 1 and "live process" in p.stderr and os.path.exists(f"/dev/shm/folio-{s}"), p.stderr)
    sleeper.kill()
    sleeper.wait(30)
    p = subprocess.run([FOLIO, "shm", "rm", s], capture_output=True, text=True, timeout=30)
    check("shm rm removes it once its processes are gone",
          p.returncode == 0 and not os.path.exists(f"/dev/shm/folio-{s}"), p.stderr)
    p = subprocess.run([FOLIO, "shm", "rm", s], capture_output=True, text=True, timeout=30)
    check("shm rm of a missing segment is an error", p.returncode == 1 and "no shared heap" in p.stderr, p.stderr)
    s = seg("private")
    run(s, "(def secret 1)")
    mode = os.stat(f"/dev/shm/folio-{s}").st_mode & 0o777
    check("the segment is created for the creating user only (0600)", mode == 0o600, oct(mode))
    if os.geteuid() != 0:
        skip("another user gets a permission error", "needs root to run a process as another user")
        return

    def as_nobody():
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)

    # The other user needs a copy of folio it may run (the build tree may be private).
    d = tempfile.mkdtemp(prefix="folio-other-user-")
    try:
        os.chmod(d, 0o755)
        exe = os.path.join(d, "folio")
        shutil.copy(FOLIO, exe)
        os.chmod(exe, 0o755)
        try:
            p = subprocess.run([exe, "--shm", s, "-e", "secret"], capture_output=True, text=True, timeout=30,
                               cwd=d, preexec_fn=as_nobody)
        except PermissionError:
            skip("another user gets a permission error", f"user nobody cannot run {exe} ({d} is not reachable)")
            p = None
    finally:
        shutil.rmtree(d, ignore_errors=True)
    if p is not None:
        check("another user gets a clear permission error",
              p.returncode == 1 and f"cannot open shared heap {s}: Permission denied" in p.stderr, p.stderr)
    # HeapHeader (heap/heap.h): image_id at byte 56, ready at byte 64.
    def attach_after_writing(name, offset, data):
        s = seg(name)
        run(s, "(def x 1)")
        with open(f"/dev/shm/folio-{s}", "r+b") as f:
            f.seek(offset)
            f.write(data)
        return subprocess.run([FOLIO, "--shm", s, "-e", "x"], capture_output=True, text=True, timeout=30)
    p = attach_after_writing("foreign", 56, b"\x01\x02\x03\x04\x05\x06\x07\x08")
    check("a heap made by another build of folio is refused",
          p.returncode == 1 and "different build of folio" in p.stderr, p.stderr)
    p = attach_after_writing("halfmade", 64, b"\x00\x00\x00\x00")
    check("a heap whose creator died while building it is refused with a clear message",
          p.returncode == 1 and "incomplete" in p.stderr, p.stderr)
    p = subprocess.run([FOLIO, "--shm", "bad/name", "-e", "1"], capture_output=True, text=True, timeout=30)
    check("a bad segment name is a clear error", p.returncode == 1 and "bad shared heap name" in p.stderr, p.stderr)


try:
    test_promise_and_numbers()
    for t in [test_define_here_call_there, test_macros_multimethods_protocols, test_required_namespace, test_shared_lazy_seq, test_node_local, test_deftype, test_arrays, test_atoms,
              test_refs, test_kill_9, test_growth_and_collection, test_global_collection, test_idle_repl, test_threads, test_list_rm_security]:
        t()
finally:
    for name in made:
        subprocess.run([FOLIO, "shm", "rm", "--force", name], capture_output=True, timeout=30)

print(f"{results['pass']} passed, {results['fail']} failed, {results['skip']} skipped")
sys.exit(1 if results["fail"] else 0)
