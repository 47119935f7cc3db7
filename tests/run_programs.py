#!/usr/bin/env python3
"""Run the end-to-end Clojure test programs against a Folio binary.

Usage:
    tests/run_programs.py FOLIO_BINARY PROGRAM_DIR [--only NAME]... [-j N]

For every PROGRAM_DIR/NAME.clj this runs `FOLIO_BINARY NAME.clj` with the
program directory as working directory, stdin from /dev/null and a 20 second
timeout, then compares
  * stdout, byte for byte, with NAME.out
  * the exit code with the number in NAME.exit
  * for a nonzero expected exit code: stderr must be non-empty
The .out/.exit files come from JVM Clojure (tests/gen_expected.sh) and are
never written by hand.

PROGRAM_DIR/PENDING lists (one base name per line, '#' starts a comment)
programs that Folio is not yet expected to pass. They are still run and
reported as PENDING; they count neither as passed nor as failed. A pending
program that passes produces a warning, not a failure.

Output: one line per program (PASS / FAIL / PENDING, with a short diff on
failure), then a final line "N passed, N failed" (plus ", N pending" when
there are pending programs). Exit status is 0 iff no non-pending program
failed (2 on usage errors).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import difflib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 20
MAX_DIFF_LINES = 30
MAX_STDERR_LINES = 5


@dataclass
class Result:
    name: str
    ok: bool
    details: list[str] = field(default_factory=list)


def read_pending(program_dir: str) -> list[str]:
    path = os.path.join(program_dir, "PENDING")
    names: list[str] = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                if line.endswith(".clj"):
                    line = line[: -len(".clj")]
                names.append(line)
    except FileNotFoundError:
        pass
    return names


def decode_lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines(keepends=True)


def short_diff(expected: bytes, actual: bytes) -> list[str]:
    diff = list(
        difflib.unified_diff(
            decode_lines(expected),
            decode_lines(actual),
            fromfile="expected stdout",
            tofile="actual stdout",
            n=2,
        )
    )
    lines = []
    for d in diff:
        if d.endswith("\n"):
            d = d[:-1]
        else:
            d = d + "  \\ (no newline at end)"
        lines.append(d)
    if len(lines) > MAX_DIFF_LINES:
        extra = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [f"... ({extra} more diff lines)"]
    return lines


def stderr_excerpt(stderr: bytes) -> list[str]:
    text = stderr.decode("utf-8", errors="replace").splitlines()
    text = [t for t in text if t.strip()]
    if not text:
        return []
    out = ["stderr:"] + ["  " + t for t in text[:MAX_STDERR_LINES]]
    if len(text) > MAX_STDERR_LINES:
        out.append(f"  ... ({len(text) - MAX_STDERR_LINES} more lines)")
    return out


def run_one(binary: str, program_dir: str, name: str) -> Result:
    out_path = os.path.join(program_dir, name + ".out")
    exit_path = os.path.join(program_dir, name + ".exit")
    try:
        with open(out_path, "rb") as f:
            expected_out = f.read()
        with open(exit_path, encoding="utf-8") as f:
            expected_exit = int(f.read().strip())
    except (OSError, ValueError) as e:
        return Result(name, False, [f"missing or bad expectation files ({e}); run tests/gen_expected.sh"])

    try:
        proc = subprocess.Popen(
            [binary, name + ".clj"],
            cwd=program_dir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so a timeout can kill the whole process group
        )
    except OSError as e:
        return Result(name, False, [f"could not run {binary}: {e}"])
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            proc.kill()
        try:
            stdout, _ = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            stdout = b""
        details = [f"timed out after {TIMEOUT_SECONDS} s"]
        if stdout != expected_out:
            details += short_diff(expected_out, stdout)
        return Result(name, False, details)
    returncode = proc.returncode

    details: list[str] = []
    ok = True
    if returncode != expected_exit:
        ok = False
        rc = returncode
        got = f"{rc} (killed by signal {-rc})" if rc < 0 else str(rc)
        details.append(f"exit code: expected {expected_exit}, got {got}")
    if stdout != expected_out:
        ok = False
        details += short_diff(expected_out, stdout)
    if expected_exit != 0 and not stderr.strip():
        ok = False
        details.append("expected an error message on stderr, but stderr was empty")
    if not ok and returncode != expected_exit:
        details += stderr_excerpt(stderr)
    return Result(name, ok, details)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Run Folio end-to-end test programs.")
    ap.add_argument("binary", metavar="FOLIO_BINARY")
    ap.add_argument("program_dir", metavar="PROGRAM_DIR")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help="run only this program (base name, .clj optional); may be repeated")
    ap.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                    help="number of programs to run in parallel (default 2)")
    args = ap.parse_args(argv)

    program_dir = os.path.abspath(args.program_dir)
    if not os.path.isdir(program_dir):
        print(f"error: {args.program_dir} is not a directory", file=sys.stderr)
        return 2
    binary = args.binary
    if os.sep in binary or os.path.exists(binary):
        binary = os.path.abspath(binary)
    else:
        binary = shutil.which(binary) or binary
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"error: {args.binary} is not an executable file", file=sys.stderr)
        return 2

    names = sorted(f[: -len(".clj")] for f in os.listdir(program_dir) if f.endswith(".clj"))
    if args.only:
        wanted = []
        for entry in args.only:
            for n in entry.split(","):
                n = os.path.basename(n.strip())
                if n.endswith(".clj"):
                    n = n[: -len(".clj")]
                if n:
                    wanted.append(n)
        missing = [n for n in wanted if n not in names]
        if missing:
            print(f"error: no such program(s): {', '.join(missing)}", file=sys.stderr)
            return 2
        names = [n for n in names if n in set(wanted)]

    pending_list = read_pending(program_dir)
    pending = set(pending_list)
    all_programs = {f[: -len(".clj")] for f in os.listdir(program_dir) if f.endswith(".clj")}
    for p in pending_list:
        if p not in all_programs:
            print(f"warning: PENDING lists unknown program '{p}'")

    jobs = max(1, args.jobs)
    passed = failed = n_pending = 0
    now_passing: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_one, binary, program_dir, n) for n in names]
        # Report in name order, as soon as each result (and all before it) is ready.
        for fut in futures:
            r = fut.result()
            if r.name in pending:
                n_pending += 1
                if r.ok:
                    now_passing.append(r.name)
                    print(f"PENDING {r.name} (now passes - remove it from PENDING)")
                else:
                    print(f"PENDING {r.name} (still failing)")
            elif r.ok:
                passed += 1
                print(f"PASS {r.name}")
            else:
                failed += 1
                print(f"FAIL {r.name}")
                for d in r.details:
                    print("    " + d)
            sys.stdout.flush()

    if now_passing:
        print(f"warning: {len(now_passing)} pending program(s) now pass; "
              f"remove from {os.path.join(args.program_dir, 'PENDING')}: {' '.join(now_passing)}")
    summary = f"{passed} passed, {failed} failed"
    if n_pending:
        summary += f", {n_pending} pending"
    print(summary)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
