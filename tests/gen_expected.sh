#!/usr/bin/env bash
# Regenerate the expected output of the end-to-end test programs from JVM Clojure.
#
#   tests/gen_expected.sh [NAME ...]
#
# For every tests/programs/NAME.clj (or only the NAMEs given, with or without
# the .clj suffix) this runs `clojure NAME.clj` (JVM Clojure 1.11, Debian
# package `clojure`) with the program directory as cwd and stdin from
# /dev/null, and writes
#   NAME.out   - the exact stdout
#   NAME.exit  - the exit code as a decimal number followed by a newline
# JVM Clojure is the only source of truth for these files: never edit them
# by hand. Programs that are expected to end in an uncaught error must
# produce output on stderr; this script warns if a nonzero exit comes with
# empty stderr (the runner would then be unable to pass that program).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/programs"
CLOJURE="${CLOJURE:-clojure}"
JOBS="${JOBS:-4}"

if ! command -v "$CLOJURE" >/dev/null 2>&1; then
  echo "gen_expected.sh: '$CLOJURE' not found (apt-get install clojure)" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  names=()
  for n in "$@"; do n="$(basename "$n")"; names+=("${n%.clj}"); done
else
  names=()
  for f in "$dir"/*.clj; do b="$(basename "$f")"; names+=("${b%.clj}"); done
fi

gen_one() {
  local name="$1" dir="$2" clj="$3"
  local err
  err="$(mktemp)"
  local rc=0
  (cd "$dir" && "$clj" "$name.clj" </dev/null >"$name.out.tmp" 2>"$err") || rc=$?
  mv "$dir/$name.out.tmp" "$dir/$name.out"
  echo "$rc" >"$dir/$name.exit"
  if [ "$rc" -ne 0 ]; then
    if [ -s "$err" ]; then
      echo "$name: exit $rc ($(grep -m1 -v '^$' "$err" | cut -c1-100))"
    else
      echo "$name: exit $rc WITH EMPTY STDERR - runner cannot pass this" >&2
    fi
  else
    if [ -s "$err" ]; then
      echo "$name: exit 0 but wrote to stderr:" >&2
      head -5 "$err" >&2
    fi
    echo "$name: ok"
  fi
  rm -f "$err"
}
export -f gen_one

for n in "${names[@]}"; do
  if [ ! -f "$dir/$n.clj" ]; then echo "no such program: $n" >&2; exit 2; fi
  printf '%s\0' "$n"
done | xargs -0 -P "$JOBS" -I{} bash -c 'gen_one "$1" "$2" "$3"' _ {} "$dir" "$CLOJURE"
