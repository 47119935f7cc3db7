#!/bin/sh
# native_doc.sh FOLIO: regenerates stdlib/native_doc.clj (see tools/native_doc.clj)
# from the vars FOLIO's image leaves without a docstring and JVM Clojure's
# metadata for them. Run it from the top of the tree. Needs the `clojure` command (Debian package clojure).
set -e
folio=${1:-build/cli/folio}
names=$(mktemp)
trap 'rm -f "$names"' EXIT
"$folio" -e "(doseq [n '[clojure.core clojure.string clojure.set clojure.walk clojure.edn clojure.pprint clojure.data clojure.zip clojure.test]
                    [s v] (ns-publics n)
                    :when (and (not (:doc (meta v))) (not (.startsWith (name s) \"folio-\")))]
              (println (str n \"/\" s)))" > "$names"
# and those the current file documents (an image built with it lacks none of them)
test -f stdlib/native_doc.clj && sed -n 's/^   \([^ ]*\) \[.*/\1/p' stdlib/native_doc.clj >> "$names"
clojure "$(dirname "$0")/native_doc.clj" "$names" stdlib/native_doc.clj
