#!/usr/bin/env python3
"""Folio benchmark runner.

Runs every benchmark in bench/programs/ on Folio and on the peer runtimes
(JVM Clojure, nbb, Lua 5.4), interleaving the runs, and writes a Markdown
report with median wall time, median peak RSS, Folio/peer ratios, a result
cross-check and an automatic evaluation of Folio's performance targets.

    python3 bench/run.py --folio build/cli/folio [--runs 5] [--only fib30,swap]
                         [--peers jvm,nbb,lua] [--out bench/RESULTS.md]

Never crashes because a runtime is missing, fails, prints the wrong thing or
hangs: each of those is recorded in the table instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PROGRAMS_DIR = BENCH_DIR / "programs"
CACHE_DIR = BENCH_DIR / ".cache"
SPAWN_SRC = BENCH_DIR / "tools" / "spawn.c"

# Order of rows in the report. `eval_nil` is not a file: it runs `RUNTIME -e nil`.
BENCHMARKS = [
    "eval_nil",
    "startup",
    "fib30",
    "loop_sum",
    "closures",
    "vector_conj",
    "map_assoc",
    "lazy_pipeline",
    "swap",
    "garbage",
]

DESCRIPTIONS = {
    "eval_nil": "`-e nil` (bare startup)",
}

RUNTIME_ORDER = ["folio", "jvm", "nbb", "lua"]
PEERS = ["jvm", "nbb", "lua"]
LABELS = {"folio": "Folio", "jvm": "JVM Clojure", "nbb": "nbb", "lua": "Lua 5.4"}
SHORT = {"folio": "Folio", "jvm": "JVM", "nbb": "nbb", "lua": "Lua"}
# When runtimes disagree on a result and there is no majority, trust in this order.
TRUST_ORDER = ["jvm", "lua", "nbb", "folio"]

TARGET_EVAL_NIL_MS = 5.0
TARGET_EVAL_NIL_MIB = 10.0
TARGET_LUA_FACTOR = 2.0
TARGET_GARBAGE_MIB = 200.0


# --------------------------------------------------------------------------
# Runtimes


@dataclasses.dataclass
class Runtime:
    name: str
    exe: str  # executable as given / resolved
    available: bool
    why_missing: str = ""

    def command(self, bench: str) -> list[str] | None:
        """Command line for `bench`, or None if this runtime has no program for it."""
        if bench == "eval_nil":
            if self.name == "lua":
                return [self.exe, "-e", ""]
            return [self.exe, "-e", "nil"]
        prog = self.program(bench)
        if prog is None:
            return None
        return [self.exe, str(prog)]

    def program(self, bench: str) -> Path | None:
        clj = PROGRAMS_DIR / f"{bench}.clj"
        if self.name == "lua":
            p = PROGRAMS_DIR / f"{bench}.lua"
            return p if p.exists() else None
        if self.name == "nbb":
            p = PROGRAMS_DIR / f"{bench}.cljs"
            if p.exists():
                return p
        return clj if clj.exists() else None


def resolve_exe(exe: str) -> str | None:
    if os.sep in exe:
        p = Path(exe)
        if p.is_file() and os.access(p, os.X_OK):
            return os.path.abspath(p)
        return None
    return shutil.which(exe)


def make_runtime(name: str, exe: str) -> Runtime:
    path = resolve_exe(exe)
    if path is None:
        why = f"`{exe}` not found or not executable"
        if name == "nbb":
            why += " (run `npm ci` in bench/)"
        return Runtime(name, exe, False, why)
    return Runtime(name, path, True)


# --------------------------------------------------------------------------
# Measuring one run


@dataclasses.dataclass
class Run:
    status: str  # ok | failed | timeout | missing | n/a | skipped
    wall_ms: float | None = None
    rss_mib: float | None = None
    result: str | None = None  # last non-empty stdout line
    detail: str = ""  # exit code / stderr tail for failures


def build_spawn_helper(mode: str) -> tuple[str | None, str]:
    """Compile bench/tools/spawn.c if a C compiler exists. Returns (path, note)."""
    if mode == "python":
        return None, "python os.wait4 (forced by --launcher python)"
    exe = CACHE_DIR / "spawn"
    try:
        if exe.exists() and exe.stat().st_mtime >= SPAWN_SRC.stat().st_mtime:
            return str(exe), "bench/tools/spawn.c (fork + wait4 from a ~1 MiB process)"
        cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc") or shutil.which("clang")
        if cc is None:
            raise RuntimeError("no C compiler found")
        CACHE_DIR.mkdir(exist_ok=True)
        r = subprocess.run([cc, "-O2", "-o", str(exe), str(SPAWN_SRC)],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError(r.stderr.strip()[-500:])
        return str(exe), "bench/tools/spawn.c (fork + wait4 from a ~1 MiB process)"
    except Exception as e:  # noqa: BLE001 - any failure means: fall back
        if mode == "c":
            sys.exit(f"run.py: cannot build spawn helper: {e}")
        return None, (f"python os.wait4 (spawn helper unavailable: {e}); NOTE: peak RSS then "
                      "includes the forking Python interpreter's RSS as a floor")


def _tail(data: bytes, n: int = 400) -> str:
    s = data.decode("utf-8", "replace").strip()
    if len(s) > n:
        s = "…" + s[-n:]
    return " ".join(s.split())


def run_once(cmd: list[str], timeout: float, spawn_helper: str | None) -> Run:
    fd, stats_path = tempfile.mkstemp(prefix="bench-stats-")
    os.close(fd)
    try:
        return _run_once(cmd, timeout, spawn_helper, stats_path)
    finally:
        try:
            os.unlink(stats_path)
        except OSError:
            pass


def _run_once(cmd: list[str], timeout: float, spawn_helper: str | None, stats_path: str) -> Run:
    full = [spawn_helper, stats_path, *cmd] if spawn_helper else cmd
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 cwd=str(BENCH_DIR), start_new_session=True)
        except OSError as e:
            return Run("failed", detail=f"could not start: {e}")
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.daemon = True
        timer.start()
        try:
            _, wstatus, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(wstatus)  # already reaped
        # Reap anything left in the group (e.g. helper killed, grandchild alive).
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

        out.seek(0)
        stdout = out.read()
        err.seek(0)
        stderr = err.read()

    if timed_out.is_set():
        return Run("timeout", wall_ms=timeout * 1000, detail=f"killed after {timeout:g} s")

    wall_ms = (t1 - t0) * 1000
    rss_kib = ru.ru_maxrss
    kind, code = ("exit", p.returncode) if p.returncode >= 0 else ("signal", -p.returncode)
    if spawn_helper:
        try:
            fields = Path(stats_path).read_text().split()
            wall_ms = int(fields[0]) / 1e6
            rss_kib = int(fields[1])
            kind, code = fields[2], int(fields[3])
        except (OSError, ValueError, IndexError):
            return Run("failed", detail=f"spawn helper failed (exit {p.returncode}): {_tail(stderr)}")

    lines = [ln.strip() for ln in stdout.decode("utf-8", "replace").splitlines() if ln.strip()]
    result = lines[-1] if lines else ""
    if kind != "exit" or code != 0:
        what = f"killed by signal {code}" if kind == "signal" else f"exit code {code}"
        return Run("failed", wall_ms, rss_kib / 1024, result, f"{what}: {_tail(stderr)}")
    return Run("ok", wall_ms, rss_kib / 1024, result)


# --------------------------------------------------------------------------
# Aggregation


@dataclasses.dataclass
class Cell:
    runtime: str
    runs: list[Run]
    status: str = "n/a"
    wall_ms: float | None = None
    rss_mib: float | None = None
    result: str | None = None
    consistent: bool = True
    detail: str = ""

    def finish(self, total_runs: int) -> None:
        if not self.runs:
            return
        ok = [r for r in self.runs if r.status == "ok"]
        bad = [r for r in self.runs if r.status != "ok"]
        if bad:
            # Any failure/timeout makes the cell a failure: numbers would be misleading.
            self.status = bad[0].status
            self.detail = bad[0].detail
            if bad[0].status == "failed" and bad[0].result:
                self.detail += f" (last stdout line: {bad[0].result!r})"
            attempted = len(self.runs)
            if attempted < total_runs:
                self.detail += f"; {attempted} of {total_runs} runs attempted, rest skipped"
            return
        self.status = "ok"
        self.wall_ms = statistics.median(r.wall_ms for r in ok)
        self.rss_mib = statistics.median(r.rss_mib for r in ok)
        results = {r.result for r in ok}
        self.consistent = len(results) == 1
        self.result = ok[0].result if self.consistent else None


def consensus(cells: dict[str, Cell]) -> str | None:
    votes = Counter()
    for name, c in cells.items():
        if c.status == "ok" and c.consistent:
            votes[c.result] += 1
    if not votes:
        return None
    best = max(votes.values())
    tied = {v for v, n in votes.items() if n == best}
    if len(tied) == 1:
        return tied.pop()
    for name in TRUST_ORDER:
        c = cells.get(name)
        if c and c.status == "ok" and c.consistent and c.result in tied:
            return c.result
    return None


# --------------------------------------------------------------------------
# Environment description


def probe(cmd: list[str], timeout: float = 30) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL, cwd=str(BENCH_DIR))
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e.__class__.__name__})"
    text = (r.stdout.strip() or r.stderr.strip()).splitlines()
    if r.returncode != 0:
        return f"unavailable (`{shlex.join(cmd)}` exited {r.returncode}" + \
            (f": {text[0][:120]}" if text else "") + ")"
    return text[0].strip() if text else "(no output)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def runtime_versions(rts: dict[str, Runtime]) -> dict[str, str]:
    v = {}
    for name, rt in rts.items():
        if not rt.available:
            v[name] = f"missing — {rt.why_missing}"
            continue
        if name == "folio":
            ver = probe([rt.exe, "--version"], timeout=10)
            try:
                st = Path(rt.exe).stat()
                built = datetime.datetime.fromtimestamp(st.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
                ver += f"; binary {rt.exe}, {st.st_size} bytes, modified {built}"
            except OSError:
                pass
            git = probe(["git", "-C", str(REPO_DIR), "rev-parse", "--short", "HEAD"], timeout=10)
            ver += f"; repo HEAD {git}"
        elif name == "jvm":
            clj = probe([rt.exe, "-e", '(print (str "Clojure " (clojure-version)))'])
            java = probe(["java", "-version"])
            ver = f"{clj}; {java}"
        elif name == "nbb":
            ver = f"{probe([rt.exe, '--version'])}; node {probe(['node', '--version'])}"
        elif name == "lua":
            ver = probe([rt.exe, "-v"])
        else:
            ver = "?"
        v[name] = f"{ver} (`{rt.exe}`)"
    return v


# --------------------------------------------------------------------------
# Formatting


def fmt_ms(x: float | None) -> str:
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def fmt_mib(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}×"


def status_text(c: Cell) -> str:
    return {"missing": "missing", "failed": "FAILED", "timeout": "TIMEOUT",
            "n/a": "n/a", "skipped": "skipped"}.get(c.status, c.status)


# --------------------------------------------------------------------------
# Main


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folio", default=str(REPO_DIR / "build" / "cli" / "folio"),
                    help="path to the folio binary (default: build/cli/folio)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per benchmark per runtime (default 5)")
    ap.add_argument("--only", default="", help="comma-separated benchmark names (default: all)")
    ap.add_argument("--peers", default="jvm,nbb,lua", help="comma-separated peers from jvm,nbb,lua ('' for none)")
    ap.add_argument("--out", default=str(BENCH_DIR / "RESULTS.md"), help="Markdown report path")
    ap.add_argument("--timeout", type=float, default=300.0, help="per-run timeout in seconds (default 300)")
    ap.add_argument("--clojure", default="clojure", help="JVM Clojure launcher (default: clojure)")
    ap.add_argument("--nbb", default=str(BENCH_DIR / "node_modules" / ".bin" / "nbb"),
                    help="nbb executable (default: bench/node_modules/.bin/nbb)")
    ap.add_argument("--lua", default="lua5.4", help="Lua 5.4 executable (default: lua5.4)")
    ap.add_argument("--launcher", choices=["auto", "c", "python"], default="auto",
                    help="how children are measured: C spawn helper (accurate RSS) or plain os.wait4")
    ap.add_argument("--keep-going", action="store_true",
                    help="keep running a benchmark on a runtime after it failed or timed out "
                         "(default: skip its remaining runs)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be >= 1")
    return args


def discover_benchmarks() -> list[str]:
    names = list(BENCHMARKS)
    for p in sorted(PROGRAMS_DIR.glob("*.clj")):
        if p.stem not in names:
            names.append(p.stem)
    return names


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    started = datetime.datetime.now().astimezone()
    command_line = shlex.join([Path(sys.executable).name, *sys.argv])

    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            sys.exit(f"run.py: unknown peer {p!r} (choose from {','.join(PEERS)})")
    peers = [p for p in PEERS if p in peers]

    all_benches = discover_benchmarks()
    if args.only:
        wanted = [b.strip() for b in args.only.split(",") if b.strip()]
        unknown = [b for b in wanted if b not in all_benches]
        if unknown:
            sys.exit(f"run.py: unknown benchmark(s) {unknown}; known: {','.join(all_benches)}")
        benches = [b for b in all_benches if b in wanted]
    else:
        benches = all_benches

    exes = {"folio": args.folio, "jvm": args.clojure, "nbb": args.nbb, "lua": args.lua}
    runtimes = {name: make_runtime(name, exes[name]) for name in ["folio", *peers]}
    names = list(runtimes)

    spawn_helper, launcher_note = build_spawn_helper(args.launcher)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    log(f"launcher: {launcher_note}")
    for n, rt in runtimes.items():
        log(f"{n}: {rt.exe if rt.available else 'MISSING — ' + rt.why_missing}")

    # Harness floor: what a trivial process measures as.
    floor_runs = [run_once(["/bin/true"], 10, spawn_helper) for _ in range(5)]
    floor_ok = [r for r in floor_runs if r.status == "ok"]
    floor = (statistics.median(r.wall_ms for r in floor_ok), statistics.median(r.rss_mib for r in floor_ok)) \
        if floor_ok else (None, None)

    log("collecting versions…")
    versions = runtime_versions(runtimes)

    table: dict[str, dict[str, Cell]] = {}
    load_start = os.getloadavg()
    t_start = time.monotonic()
    for bench in benches:
        cells = {n: Cell(n, []) for n in names}
        table[bench] = cells
        gave_up: set[str] = set()
        for i in range(args.runs):
            # Rotate the runtime order each round so no runtime always runs first.
            order = names[i % len(names):] + names[:i % len(names)]
            for n in order:
                rt = runtimes[n]
                cell = cells[n]
                if not rt.available:
                    cell.status = "missing"
                    cell.detail = rt.why_missing
                    continue
                cmd = rt.command(bench)
                if cmd is None:
                    cell.status = "n/a"
                    continue
                if n in gave_up:
                    continue
                r = run_once(cmd, args.timeout, spawn_helper)
                cell.runs.append(r)
                log(f"[{bench} {i + 1}/{args.runs}] {n:5s} {r.status:7s} "
                    f"{fmt_ms(r.wall_ms):>8s} ms {fmt_mib(r.rss_mib):>7s} MiB  {r.result or ''}"
                    + (f"  ({r.detail})" if r.detail else ""))
                if r.status != "ok" and not args.keep_going:
                    gave_up.add(n)
        for c in cells.values():
            c.finish(args.runs)
    elapsed = time.monotonic() - t_start
    load_end = os.getloadavg()

    report = render(args, command_line, started, elapsed, runtimes, versions, launcher_note,
                    floor, benches, table, (load_start, load_end))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    log(f"wrote {out} ({elapsed:.0f} s of benchmarking)")
    return 0


def render(args, command_line, started, elapsed, runtimes, versions, launcher_note, floor,
           benches, table, loads) -> str:
    names = list(runtimes)
    peers = [n for n in names if n != "folio"]
    L: list[str] = []
    L.append("# Folio benchmark results")
    L.append("")
    L.append(f"- **Command:** `{command_line}` (cwd `{os.getcwd()}`)")
    L.append(f"- **Date:** {started.strftime('%Y-%m-%d %H:%M:%S %Z')} "
             f"({elapsed / 60:.1f} min of benchmarking)")
    L.append(f"- **uname -a:** `{probe(['uname', '-a'])}`")
    L.append(f"- **CPU:** {cpu_model()} ({os.cpu_count()} logical CPUs)")
    la = lambda t: " / ".join(f"{x:.2f}" for x in t)  # noqa: E731
    L.append(f"- **Load average** (1/5/15 min) at start: {la(loads[0])}; at end: {la(loads[1])} "
             f"— on a {os.cpu_count()}-CPU machine anything well above 0 means the numbers are noisy")
    L.append(f"- **Runs:** {args.runs} per benchmark per runtime, interleaved (runtime order rotated "
             f"each round); medians reported; per-run timeout {args.timeout:g} s")
    start = "fork" if launcher_note.startswith("bench/tools/spawn.c") else "Popen"
    L.append(f"- **Measurement:** {launcher_note}. Wall = {start} → child reaped. "
             f"Peak RSS = child's `ru_maxrss`.")
    if floor[0] is not None:
        L.append(f"- **Harness floor** (`/bin/true`): {fmt_ms(floor[0])} ms, {fmt_mib(floor[1])} MiB")
    L.append("- **Runtimes:**")
    for n in names:
        L.append(f"  - {LABELS[n]}: {versions[n]}")
    L.append("")

    # Result consensus per benchmark.
    cons = {b: consensus(table[b]) for b in benches}

    def mismatch(b: str, n: str) -> bool:
        c = table[b][n]
        if c.status != "ok":
            return False
        return (not c.consistent) or (cons[b] is not None and c.result != cons[b])

    L.append("## Results")
    L.append("")
    L.append("Median wall time (ms) and median peak RSS (MiB). Ratios are Folio ÷ peer "
             "(time, memory): **below 1.00× means Folio is better**.")
    L.append("")
    hdr = ["benchmark", "result"]
    for n in names:
        hdr += [f"{SHORT[n]} ms", f"{SHORT[n]} MiB"]
    for p in peers:
        hdr.append(f"Folio/{SHORT[p]} time, mem")
    hdr.append("check")
    L.append("| " + " | ".join(hdr) + " |")
    L.append("|" + "|".join(["---", "---"] + ["--:"] * (2 * len(names) + len(peers)) + ["---"]) + "|")
    notes: list[str] = []
    for b in benches:
        cells = table[b]
        label = DESCRIPTIONS.get(b, b)
        res = cons[b]
        row = [label, "—" if res is None else (f"`{res}`" if res else "(no output)")]
        for n in names:
            c = cells[n]
            if c.status == "ok":
                flag = " ⚠" if mismatch(b, n) else ""
                row += [fmt_ms(c.wall_ms) + flag, fmt_mib(c.rss_mib)]
            else:
                row += [status_text(c), ""]
        f = cells.get("folio")
        for p in peers:
            pc = cells[p]
            if f and f.status == "ok" and pc.status == "ok":
                row.append(f"{fmt_ratio(f.wall_ms, pc.wall_ms)}, {fmt_ratio(f.rss_mib, pc.rss_mib)}")
            else:
                row.append("—")
        bad = [n for n in names if mismatch(b, n)]
        if bad:
            row.append("**MISMATCH: " + ", ".join(SHORT[n] for n in bad) + "**")
        else:
            ran = [n for n in names if cells[n].status == "ok"]
            row.append("ok" if len(ran) >= 2 else ("unchecked" if ran else "—"))
        L.append("| " + " | ".join(row) + " |")
        for n in names:
            c = cells[n]
            if mismatch(b, n):
                got = sorted({r.result for r in c.runs if r.status == "ok"})
                notes.append(f"- `{b}` on {LABELS[n]}: printed {', '.join(repr(g) for g in got)}; "
                             f"expected {cons[b]!r}")
            if c.status in ("failed", "timeout"):
                notes.append(f"- `{b}` on {LABELS[n]}: {c.status} — {c.detail}")
    L.append("")
    L.append("⚠ = printed result differs from the other runtimes. `missing` = runtime not found; "
             "`n/a` = no program for that runtime; `FAILED`/`TIMEOUT` are explained below.")
    L.append("")

    missing = [n for n in names if not runtimes[n].available]
    if missing or notes:
        L.append("### Notes")
        L.append("")
        for n in missing:
            L.append(f"- {LABELS[n]} is missing: {runtimes[n].why_missing}; all its cells are `missing`.")
        L.extend(notes)
        L.append("")

    L.extend(render_targets(table, benches, names))
    L.extend(render_raw(table, benches, names))
    return "\n".join(L) + "\n"


def render_targets(table, benches, names) -> list[str]:
    L = ["## Targets", ""]
    L.append("| target | measured | status |")
    L.append("|---|---|---|")

    def cell(b: str, n: str) -> Cell | None:
        return table.get(b, {}).get(n)

    def folio_state(b: str) -> tuple[Cell | None, str | None, bool]:
        """Returns (cell if Folio ran ok, reason if not, whether that reason is a Folio failure)."""
        if b not in table:
            return None, f"`{b}` not run (excluded by --only)", False
        c = cell(b, "folio")
        if c is None or c.status == "missing":
            return None, "Folio binary missing", False
        if c.status != "ok":
            return None, f"Folio {status_text(c)} on `{b}`", True
        return c, None, False

    def unmeasured(t: str, why: str, failure: bool) -> None:
        row(t, why, "❌ missed" if failure else "⚪ not measured")

    def row(target: str, measured: str, status: str) -> None:
        L.append(f"| {target} | {measured} | {status} |")

    def verdict(ok: bool) -> str:
        return "✅ met" if ok else "❌ missed"

    def wrong(b: str) -> bool:
        c = cell(b, "folio")
        cons = consensus(table[b])
        return c is not None and c.status == "ok" and (not c.consistent or (cons is not None and c.result != cons))

    # 1 + 2: eval_nil startup.
    c, why, failure = folio_state("eval_nil")
    if c is None:
        unmeasured(f"`folio -e nil` wall < {TARGET_EVAL_NIL_MS:g} ms", why, failure)
        unmeasured(f"`folio -e nil` peak RSS < {TARGET_EVAL_NIL_MIB:g} MiB", why, failure)
    else:
        row(f"`folio -e nil` wall < {TARGET_EVAL_NIL_MS:g} ms", f"{fmt_ms(c.wall_ms)} ms",
            verdict(c.wall_ms < TARGET_EVAL_NIL_MS))
        row(f"`folio -e nil` peak RSS < {TARGET_EVAL_NIL_MIB:g} MiB", f"{fmt_mib(c.rss_mib)} MiB",
            verdict(c.rss_mib < TARGET_EVAL_NIL_MIB))

    # 3: within 2x of Lua.
    for b in ["fib30", "loop_sum"]:
        t = f"`{b}` within {TARGET_LUA_FACTOR:g}× of Lua 5.4"
        c, why, failure = folio_state(b)
        lc = cell(b, "lua")
        if c is None:
            unmeasured(t, why, failure)
        elif lc is None or lc.status != "ok":
            row(t, f"Folio {fmt_ms(c.wall_ms)} ms; Lua " + ("not run" if lc is None else lc.status),
                "⚪ not measured")
        else:
            ratio = c.wall_ms / lc.wall_ms
            m = f"Folio {fmt_ms(c.wall_ms)} ms vs Lua {fmt_ms(lc.wall_ms)} ms = {ratio:.2f}×"
            if wrong(b):
                row(t, m + " (wrong result)", "❌ missed")
            else:
                row(t, m, verdict(ratio <= TARGET_LUA_FACTOR))

    # 4: faster than nbb everywhere.
    t = "every benchmark faster than nbb"
    if "nbb" not in names:
        row(t, "nbb not in --peers", "⚪ not measured")
    else:
        wins, losses, not_measured = [], [], []
        for b in benches:
            c, why, failure = folio_state(b)
            nc = cell(b, "nbb")
            if c is None:
                (losses if failure else not_measured).append(f"`{b}` ({why})")
            elif nc.status == "timeout":
                wins.append(b)  # Folio finished, nbb did not
            elif nc.status != "ok":
                not_measured.append(f"`{b}` (nbb {nc.status})")
            elif wrong(b):
                losses.append(f"`{b}` wrong result")
            elif c.wall_ms < nc.wall_ms:
                wins.append(b)
            else:
                losses.append(f"`{b}` {fmt_ms(c.wall_ms)} vs {fmt_ms(nc.wall_ms)} ms "
                              f"({c.wall_ms / nc.wall_ms:.2f}×)")
        if not wins and not losses:
            row(t, "; ".join(not_measured) if len(not_measured) <= 3 else
                f"{len(not_measured)} benchmarks not measured ({not_measured[0]}, …)", "⚪ not measured")
        else:
            parts = [f"faster on {len(wins)}/{len(wins) + len(losses)}"]
            if losses:
                parts.append("not faster: " + "; ".join(losses))
            if not_measured:
                parts.append("not measured: " + "; ".join(not_measured))
            row(t, ". ".join(parts), verdict(not losses) + (" (partial)" if not_measured and not losses else ""))

    # 5: garbage RSS bounded.
    t = f"`garbage` peak RSS < {TARGET_GARBAGE_MIB:g} MiB"
    c, why, failure = folio_state("garbage")
    if c is None:
        unmeasured(t, why, failure)
    else:
        row(t, f"{fmt_mib(c.rss_mib)} MiB" + (" (wrong result)" if wrong("garbage") else ""),
            verdict(c.rss_mib < TARGET_GARBAGE_MIB and not wrong("garbage")))
    L.append("")
    return L


def render_raw(table, benches, names) -> list[str]:
    L = ["<details><summary>All runs (wall ms / peak MiB, in run order)</summary>", ""]
    L.append("| benchmark | runtime | runs |")
    L.append("|---|---|---|")
    for b in benches:
        for n in names:
            runs = table[b][n].runs
            if not runs:
                continue
            s = ", ".join(f"{fmt_ms(r.wall_ms)} / {fmt_mib(r.rss_mib)}" if r.status == "ok" else r.status
                          for r in runs)
            L.append(f"| {b} | {LABELS[n]} | {s} |")
    L.append("")
    L.append("</details>")
    return L


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
