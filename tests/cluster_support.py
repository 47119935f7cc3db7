"""Helpers shared by the cluster tests (tests/cluster_test.py,
tests/cluster_reconnect_test.py): servers on free ports read back from their
first line, nodes run with bounded waits, PASS/FAIL counting.

FOLIO is the binary given as the test script's first argument.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import threading

FOLIO = os.path.abspath(sys.argv[1])
results = {"pass": 0, "fail": 0}
servers = []


def check(name, cond, detail=""):
    results["pass" if cond else "fail"] += 1
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else "\n    " + str(detail)[:2000]))


def vectors(text):
    """The innermost vectors of integers in `text` (what nodes print), as lists."""
    return [[int(x) for x in v.split()] for v in re.findall(r"\[([-\d ]*)\]", text)]


def each_once(values, first, last):
    """True when `values` are first..last, each exactly once: the linearizability
    check for what the swap!s of a counter that only adds 1 return."""
    return sorted(values) == list(range(first, last + 1))


def counting(n):
    """A node's loop of n (swap! hits inc) giving the vector of what each returned."""
    return f"(loop [i 0 got []] (if (< i {n}) (recur (inc i) (conj got (swap! hits inc))) got))"


def start_server(data, *extra, port=0):
    p = subprocess.Popen([FOLIO, "serve", "--listen", f"127.0.0.1:{port}", "--data", data, *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    servers.append(p)
    box = []
    t = threading.Thread(target=lambda: box.append(p.stdout.readline()), daemon=True)
    t.start()
    t.join(20)
    m = re.search(r"listening on 127\.0\.0\.1:(\d+)", box[0] if box else "")
    return p, (int(m.group(1)) if m else None)


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
    try:
        p.wait(20)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def status(port, *extra):
    p = subprocess.run([FOLIO, "cluster", "status", f"127.0.0.1:{port}", *extra], capture_output=True,
                       text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def join(port, *exprs, timeout=60):
    args = [FOLIO, "--join", f"127.0.0.1:{port}"]
    for e in exprs:
        args += ["-e", e]
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def finished(p, timeout=120):
    """(exit code, stdout, stderr) of a started node; killed if it overstays."""
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        err += "\n(killed: did not finish in time)"
    return p.returncode, out, err


def race(port, node_exprs, timeout=120):
    """Runs one node per item of `node_exprs` (a list of -e expressions each)
    at once; returns their (exit code, stdout, stderr)."""
    procs = []
    for exprs in node_exprs:
        args = [FOLIO, "--join", f"127.0.0.1:{port}"]
        for e in exprs:
            args += ["-e", e]
        procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    return [finished(p, timeout) for p in procs]


def finish(tmp):
    """Stops every server, removes `tmp`, prints the totals and exits."""
    import shutil
    for s in servers:
        stop(s, signal.SIGKILL)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{results['pass']} passed, {results['fail']} failed")
    sys.exit(1 if results["fail"] else 0)
