"""Helpers shared by the cluster tests (tests/cluster_test.py,
tests/cluster_reconnect_test.py): servers on free ports read back from their
first line, nodes run with bounded waits, a TCP proxy that cuts connections,
PASS/FAIL counting.

FOLIO is the binary given as the test script's first argument.
"""
import os
import re
import select
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


def first_line(p, timeout):
    """The first line a started process prints, or "" when none comes within
    `timeout` seconds (it is left running)."""
    box = []
    t = threading.Thread(target=lambda: box.append(p.stdout.readline()), daemon=True)
    t.start()
    t.join(timeout)
    return box[0] if box else ""


def start_server(data, *extra, port=0):
    p = subprocess.Popen([FOLIO, "serve", "--listen", f"127.0.0.1:{port}", "--data", data, *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    servers.append(p)
    m = re.search(r"listening on 127\.0\.0\.1:(\d+)", first_line(p, 20))
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


class Proxy:
    """127.0.0.1:port -> the server. drop() cuts every connection; while
    paused, new connections are closed at once (the server looks gone); while
    muted, what the server sends is thrown away (a commit reaches it, its
    answer is lost); while deaf, what the node sends is (a commit is lost on
    its way). With cut_after set, a connection is cut once the server has
    sent it that many bytes, and the proxy pauses (cut is then True)."""

    def __init__(self, target_port):
        self.target = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.pairs = []
        self.down_bytes = []  # bytes the server sent, per connection
        self.paused = False
        self.muted = False
        self.deaf = False
        self.cut_after = None
        self.cut = False
        self.done = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.done:
            try:
                r, _, _ = select.select([self.listener], [], [], 0.2)
                if not r:
                    continue
                client, _ = self.listener.accept()
            except (OSError, ValueError):  # closed by close() meanwhile
                return
            if self.paused:
                client.close()
                continue
            server = socket.create_connection(("127.0.0.1", self.target), timeout=10)
            with self.lock:
                self.pairs.append((client, server))
                self.down_bytes.append(0)
                index = len(self.down_bytes) - 1
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, index), daemon=True).start()

    def _pump(self, src, dst, index):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if self.muted if index is not None else self.deaf:
                    continue
                dst.sendall(data)
                if index is not None:
                    with self.lock:
                        self.down_bytes[index] += len(data)
                        if self.cut_after is not None and self.down_bytes[index] >= self.cut_after:
                            self.paused = self.cut = True
                            break
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def drop(self):
        with self.lock:
            for c, s in self.pairs:
                for x in (c, s):
                    try:
                        x.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            self.pairs = []

    def close(self):
        self.done = True
        self.drop()
        self.listener.close()
