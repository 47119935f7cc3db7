#!/usr/bin/env python3
"""End-to-end tests of the folio command: modes, exit codes, the REPL, require.

Usage: cli_test.py FOLIO_BINARY
Every check runs the real binary with a timeout; prints `N passed, N failed`.
"""
import os
import subprocess
import sys
import tempfile

FOLIO = os.path.abspath(sys.argv[1])
results = []


def run(args, stdin="", cwd=None, timeout=30):
    p = subprocess.run([FOLIO] + args, input=stdin, capture_output=True, text=True,
                       cwd=cwd, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def write_files(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def check(name, cond, detail=""):
    results.append(cond)
    print(("PASS " if cond else "FAIL ") + name + ("" if cond else "\n    " + detail))


code, out, err = run(["--version"])
check("--version prints the version", code == 0 and out.startswith("folio "), out + err)

code, out, err = run(["--help"])
check("--help prints usage", code == 0 and "Usage: folio" in out, out + err)

code, out, err = run(["--bogus"])
check("an unknown option is bad usage (exit 2)", code == 2 and "unknown option" in err, f"{code} {err}")

code, out, err = run(["-e"])
check("-e without an expression is bad usage", code == 2, f"{code} {err}")
code, out, err = run(["--join", "127.0.0.1:1", "--reconnect-for", "soon", "-e", "1"])
check("--reconnect-for takes a number of seconds (bad usage otherwise)",
      code == 2 and "--reconnect-for needs a number of seconds, not soon" in err, f"{code} {err}")
code, out, err = run(["--reconnect-for", "3", "-e", "1"])
check("--reconnect-for goes with --join", code == 2 and "--reconnect-for goes with --join" in err, f"{code} {err}")

code, out, err = run(["-e", "(+ 1 2) nil :k"])
check("-e prints each non-nil result", code == 0 and out == "3\n:k\n", repr(out) + err)

code, out, err = run(["-e", "(/ 1 0)"])
check("-e uncaught error exits 1 with a message on stderr",
      code == 1 and "ArithmeticException" in err and "Divide by zero" in err, f"{code} {out} {err}")

code, out, err = run(["-e", "(undefined-fn 1)"])
check("a compile error names file:line:column",
      code == 1 and "Syntax error compiling at (NO_SOURCE_PATH:1:1)" in err
      and "Unable to resolve symbol: undefined-fn" in err, err)

code, out, err = run(["-e", "(+ 1"])
check("a reader error is reported, not a crash", code == 1 and "EOF while reading" in err, f"{code} {err}")

code, out, err = run(["-"], stdin='(println "from stdin" (* 6 7))\n')
check("- runs a script from stdin", code == 0 and out == "from stdin 42\n", repr(out) + err)

with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "args.clj")
    with open(script, "w") as f:
        f.write('(prn *command-line-args*)\n(defn f [x] (/ x 0))\n(println "before")\n(f 1)\n')
    code, out, err = run([script, "a", "b c"])
    check("*command-line-args* holds the script's arguments", out.startswith('("a" "b c")\n'), repr(out))
    check("an uncaught error exits 1 after earlier output",
          code == 1 and out.endswith("before\n") and "args.clj:2" in err, f"{code} {out!r} {err}")

    os.makedirs(os.path.join(d, "src", "my"))
    with open(os.path.join(d, "src", "my", "util_lib.clj"), "w") as f:
        f.write('(ns my.util-lib)\n(defn twice [x] (* 2 x))\n(def loaded-at (atom 0))\n(swap! loaded-at inc)\n')
    with open(os.path.join(d, "main.clj"), "w") as f:
        f.write("(ns main (:require [my.util-lib :as u :refer [twice]]))\n"
                "(require 'my.util-lib)\n"
                "(println (u/twice 21) (twice 5) @u/loaded-at)\n")
    code, out, err = run(["-cp", "src", "main.clj"], cwd=d)
    check("-cp source roots: require loads a.b-c from a/b_c.clj once, with :as and :refer",
          code == 0 and out == "42 10 1\n", f"{code} {out!r} {err}")
    code, out, err = run(["main.clj"], cwd=d)
    check("require of a missing namespace is a clear error",
          code == 1 and "Could not locate my/util_lib" in err, f"{code} {err}")

code, out, err = run(["repl"], stdin="(def x 20)\n(+ x\n 22)\n*1\n(str *2 \"!\")\n(/ 1 0)\n(ex-message *e)\n")
check("repl: prompt, multi-line forms, *1 *2 *e, errors do not end the session",
      code == 0 and "user=> " in out and "#'user/x" in out and "\n42\n" in out.replace("user=> ", "\n")
      and '"42!"' in out and '"Divide by zero"' in out and "ArithmeticException" in err,
      f"{code} {out!r} {err!r}")

code, out, err = run(["repl"], stdin="(in-ns 'other)\n(clojure.core/str *ns*)\n")
check("repl: the prompt follows in-ns", "other=> " in out and '"other"' in out, repr(out))


code, out, err = run(["repl"], stdin='(defn f "Doc of f." [x] x)\n(doc f)\n(source f)\n(pprint {:a 1})\n')
check("repl: doc, source and pprint are referred into user, as in clojure.main's REPL",
      code == 0 and "-------------------------\nuser/f\n([x])\n  Doc of f.\n" in out
      and "Source not found" in out and "{:a 1}\n" in out, f"{code} {out!r} {err}")

with tempfile.TemporaryDirectory() as d:
    deep = os.path.join(d, "deep.clj")
    with open(deep, "w") as f:
        f.write("(" * 300000 + ")" * 300000)
    code, out, err = run([deep])
    check("source nested 300000 deep is an error, not a crash", code == 1 and "StackOverflow" in err + out
          or code == 1 and "Syntax error" in err, f"{code} {err[-200:]!r}")
code, out, err = run(["-e", "(def x (reduce (fn [a _] (list a)) nil (range 300000))) (= x x) (count (str x))"])
check("printing data nested 300000 deep is a StackOverflowError, not a crash",
      code == 1 and "StackOverflowError" in err, f"{code} {err[-200:]!r}")


code, out, err = run(["-e", "(require '[clojure.edn :as edn]) (prn (edn/read *in*)) (prn (edn/read))"
                      " (prn (edn/read {:default vector} *in*)) (prn (read-line)) (prn (edn/read {:eof :e} *in*))"],
                     stdin="{:a 1} [1\n2]\n#x 3 rest\n")
check("clojure.edn/read takes one form at a time from *in*, across lines",
      code == 0 and out == '{:a 1}\n[1 2]\n[x 3]\n" rest"\n:e\n', f"{code} {out!r} {err}")


code, out, err = run(["-e", "(require '[clojure.test :refer :all]) (is (= 1 2))"])
check("clojure.test from -e: FAIL names NO_SOURCE_FILE as the JVM does, is returns false",
      code == 0 and out == "\nFAIL in () (NO_SOURCE_FILE:1)\nexpected: (= 1 2)\n  actual: (not (= 1 2))\nfalse\n",
      f"{code} {out!r} {err}")


with tempfile.TemporaryDirectory() as d:
    write_files(d, {
        "my/lib.clj": "(ns my.lib)\n(load \"lib/part\")\n(load \"/my/other\")\n(defn f [] [(g) (h)])\n",
        "my/lib/part.clj": "(in-ns 'my.lib)\n(defn g [] :g)\n",
        "my/other.clj": "(in-ns 'my.lib)\n(defn h [] :h)\n",
        "main.clj": "(require 'my.lib)\n(prn (my.lib/f))\n(load \"my/lib/part\")\n(prn (my.lib/g))\n",
    })
    code, out, err = run(["-cp", ".", "main.clj"], cwd=d)
    check("load: paths relative to the namespace's directory, or to a source root with /",
          code == 0 and out == "[:g :h]\n:g\n", f"{code} {out!r} {err}")


# ---- folio test [PATH...]
with tempfile.TemporaryDirectory() as d:
    write_files(d, {
        "src/app/core.clj": "(ns app.core)\n(defn add [a b] (+ a b))\n",
        "test/app/helpers.clj": "(ns app.helpers)\n(defn small? [x] (< x 10))\n",
        "test/app/core_test.clj": "(ns app.core-test\n  (:require [clojure.test :refer :all]\n"
                                  "            [app.core :refer [add]] [app.helpers :as h]))\n"
                                  "(deftest adds (is (= 3 (add 1 2))) (is (h/small? 1)))\n",
        "test/app/more_test.cljc": "(ns app.more-test (:require [clojure.test :refer [deftest is]]))\n"
                                   "(deftest ok (is (= 1 1)))\n",
    })
    code, out, err = run(["-cp", "src", "test"], cwd=d)
    check("folio test: runs every test namespace under ./test (requires between them work), exit 0",
          code == 0 and "Testing app.core-test\n" in out and "Testing app.more-test\n" in out
          and "app.helpers" not in out
          and "  app.core-test: 1 tests, 2 assertions, 0 failures, 0 errors\n" in out
          and out.endswith("\nRan 2 tests containing 3 assertions.\n0 failures, 0 errors.\n"),
          f"{code} {out!r} {err}")
    code, out, err = run(["test", "test/app/more_test.cljc"], cwd=d)
    check("folio test FILE runs just that namespace",
          code == 0 and "Testing app.more-test" in out and "core-test" not in out, f"{code} {out!r} {err}")
    write_files(d, {"test/app/bad_test.clj": "(ns app.bad-test (:require [clojure.test :refer :all]))\n"
                                             "(deftest wrong\n  (is (= 2 (+ 1 2)) \"sum\"))\n"
                                             "(deftest boom (throw (ex-info \"boom\" {:a 1})))\n"})
    code, out, err = run(["-cp", "src", "test"], cwd=d)
    check("folio test: a failure and an error give exit 1 and the JVM's report",
          code == 1 and "FAIL in (wrong) (bad_test.clj:3)\nsum\nexpected: (= 2 (+ 1 2))\n  actual: (not (= 2 3))\n" in out
          and "ERROR in (boom)" in out and "Uncaught exception, not in assertion." in out
          and "  app.bad-test: 2 tests, 2 assertions, 1 failures, 1 errors\n" in out
          and out.endswith("\nRan 4 tests containing 5 assertions.\n1 failures, 1 errors.\n"),
          f"{code} {out!r} {err}")
    write_files(d, {"broken/x_test.clj": "(ns x-test)\n(undefined-thing)\n"})
    code, out, err = run(["test", "broken"], cwd=d)
    check("folio test: a test file that does not compile is an error (exit 1)",
          code == 1 and "Unable to resolve symbol: undefined-thing" in err, f"{code} {out!r} {err}")
    os.makedirs(os.path.join(d, "empty"))
    code, out, err = run(["test", "empty"], cwd=d)
    check("folio test: no test namespaces is a run of 0 tests (exit 0)",
          code == 0 and "Ran 0 tests containing 0 assertions.\n0 failures, 0 errors.\n" in out, f"{code} {out!r} {err}")
    code, out, err = run(["test", "no-such-dir"], cwd=d)
    check("folio test: a missing path is bad usage (exit 2)",
          code == 2 and "no-such-dir: no such file or directory" in err, f"{code} {err}")
    code, out, err = run(["test", "--bogus"], cwd=d)
    check("folio test: an unknown option is bad usage (exit 2)", code == 2 and "unknown option" in err, f"{code} {err}")
    code, out, err = run(["test"], cwd=os.path.join(d, "empty"))
    check("folio test with no ./test directory is bad usage (exit 2)", code == 2 and "test: no such file" in err,
          f"{code} {err}")

passed = sum(results)
failed = len(results) - passed
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
