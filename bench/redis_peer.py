"""Redis INCR as the peer of the sharing benchmarks (shm_bench.py, cluster_bench.py):
a fresh redis-server on a free 127.0.0.1 port, measured with redis-benchmark."""
import re
import shutil
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_incr(clients=1, requests=200000, fsync_always=False, processes=False):
    """INCR requests per second at `clients` clients, or None without Redis.
    Redis as configured by default keeps nothing on disk per write; with
    fsync_always it appends every write to its AOF and fsyncs it first.
    With processes, each client is a redis-benchmark process of its own (as
    each cluster node is a process), all started together: the rate is all
    their requests over the time from the first start to the last end."""
    if not shutil.which("redis-server") or not shutil.which("redis-benchmark"):
        return None
    import tempfile
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="folio-redis-")
    durable = ["--appendonly", "yes", "--appendfsync", "always"] if fsync_always else ["--appendonly", "no"]
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--dir", workdir, *durable], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if fsync_always:
        requests = min(requests, 5000)  # each one waits for the disk
    try:
        for _ in range(300):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.01)
        bench = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-t", "incr", "-q"]
        if processes:
            each = requests // clients
            t0 = time.perf_counter()
            ps = [subprocess.Popen(bench + ["-n", str(each), "-c", "1"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True) for _ in range(clients)]
            outs = [p.communicate(timeout=300)[0] for p in ps]
            secs = time.perf_counter() - t0
            done = all(re.search(r"INCR: ([\d.]+) requests per second", o.replace("\r", "\n")) for o in outs)
            return each * clients / secs if done else None
        out = subprocess.run(bench + ["-n", str(requests), "-c", str(clients)], capture_output=True, text=True,
                             timeout=300).stdout
        m = re.search(r"INCR: ([\d.]+) requests per second", out.replace("\r", "\n"))
        return float(m.group(1)) if m else None
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(workdir, ignore_errors=True)
