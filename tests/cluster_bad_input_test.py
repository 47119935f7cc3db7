#!/usr/bin/env python3
"""Bad input to the heap server (issue 4): oversized, truncated, malformed and
out-of-order frames and a wrong protocol version each get their connection
closed with a clear reason in the server's log, while a node counting through
the same server loses nothing.

Usage: cluster_bad_input_test.py FOLIO_BINARY
Well-formed frames of every kind come from tests/golden/wire/ (built from
fixed values by the real encoder; tests/golden/README.md lists them).
"""
import os
import re
import socket
import struct
import subprocess
import tempfile
import time

from cluster_support import FOLIO, check, finish, join, start_server, stop

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "replication", "folio.capnp")
GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "wire")


def golden(name):
    with open(os.path.join(GOLDEN, name + ".bin"), "rb") as f:
        return f.read()


def header(words):
    return b"FOL1" + struct.pack("<I", words)


def read_frame(s):
    """The next frame's bytes, or b"" when the server closed the connection."""
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = s.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data
    head = exactly(8)
    if head is None:
        return b""
    body = exactly(struct.unpack("<I", head[4:])[0] * 8)
    return b"" if body is None else head + body


def bad_peer(port, payload, close_after_send=False):
    """Connects, takes the challenge, sends `payload`; returns what came back
    before the server closed the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.settimeout(20)
        challenge = read_frame(s)
        s.sendall(payload)
        if close_after_send:
            return challenge, b""
        replies = b""
        while True:
            f = read_frame(s)
            if not f:
                return challenge, replies
            replies += f


def test_bad_input(tmp):
    data = os.path.join(tmp, "bad")
    srv, port = start_server(data)
    join(port, "(def hits (atom 0))")
    counter = subprocess.Popen([FOLIO, "--join", f"127.0.0.1:{port}", "-e",
                                "(dotimes [_ 300] (swap! hits inc) (Thread/sleep 3)) (println :done)"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    hello = golden("hello")
    image_id = struct.pack("<Q", 0x0123456789ABCDEF)
    at = hello.index(image_id) - 8  # protocolVersion: the first word of Hello's data, imageId its second
    wrong_version = hello[:at] + struct.pack("<I", 99) + hello[at + 4:]
    version = re.search(r"protocolVersion :UInt32 = (\d+)", open(SCHEMA).read()).group(1)
    cases = [
        ("an oversized frame", header(0xFFFFFFFF) + b"\0" * 64, "words is outside 1.."),
        ("a commit before hello (out of order)", golden("commit"), "expected hello"),
        ("a welcome sent to the server (out of order)", golden("welcome"), "expected hello"),
        ("a wrong protocol version", wrong_version, f"protocol version 99 is not {version}"),
        ("a hello from another build", hello, "built-in image differs"),
        ("a malformed message", header(4) + struct.pack("<I", 7) + b"\xff" * 28, "frame:"),
    ]
    for name, payload, reason in cases:
        challenge, replies = bad_peer(port, payload)
        check(f"{name} gets a goodbye with the reason, and the connection closed",
              challenge.startswith(b"FOL1") and reason.encode() in replies, replies[:300])
    # A frame cut short: the peer goes away in the middle of it.
    bad_peer(port, header(1000) + b"\0" * 100, close_after_send=True)
    out, err = counter.communicate(timeout=120)
    check("a node counting meanwhile is not disturbed", counter.returncode == 0 and out == ":done\n", out + err)
    code, out, err = join(port, "@hits")
    check("and nothing is lost (300 swaps)", out == "300\n", out + err)
    stop(srv)
    log = srv.stderr.read()
    for name, _, reason in cases:
        check(f"the server's log says why it closed the connection: {name}", reason in log, log[-2000:])
    check("the server's log notes a connection closed in the middle of a frame",
          "closed the connection in the middle of a frame (108 bytes of it)" in log, log[-2000:])


tmp = tempfile.mkdtemp(prefix="folio-bad-input-test-")
try:
    test_bad_input(tmp)
except Exception:  # a test that cannot go on is a failure, never silence
    import traceback
    traceback.print_exc()
    check("the tests ran to the end", False)
finally:
    finish(tmp)
