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


def redis_incr(clients=1, requests=200000, fsync_always=False):
    """INCR requests per second at `clients` clients, or None without Redis.
    Redis as configured by default keeps nothing on disk per write; with
    fsync_always it appends every write to its AOF and fsyncs it first."""
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
        out = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-t", "incr", "-n",
                              str(requests), "-c", str(clients), "-q"], capture_output=True, text=True,
                             timeout=300).stdout
        m = re.search(r"INCR: ([\d.]+) requests per second", out.replace("\r", "\n"))
        return float(m.group(1)) if m else None
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(workdir, ignore_errors=True)
