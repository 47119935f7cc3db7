;; clojure.repl: doc of fns, macros, plain vars, namespaces and special forms,
;; dir, dir-fn, apropos, find-doc, source (not found: scripts are not on the
;; JVM's classpath), demunge, root-cause; ns docstrings and attr-maps as meta.
(ns my.docs
  "Namespace docstring here.")
(defn documented
  "Adds one to x.
  Second line."
  [x] (inc x))
(defmacro mac "A macro." [a & body] `(do ~a ~@body))
(defn multi "Several arities." ([] 0) ([a] a) ([a b & more] [a b more]))
(def plain 42)
(defn- hidden [] 1)
(ns user (:require [clojure.repl :refer [doc dir dir-fn apropos find-doc source source-fn demunge root-cause]]))
(doc my.docs/documented)
(doc my.docs/mac)
(doc my.docs/multi)
(doc my.docs/plain)
(doc my.docs)
(doc if)
(doc try)
(doc catch)
(doc def)
(dir my.docs)
(prn (dir-fn 'my.docs))
(prn (apropos "documen"))
(prn (apropos #"^multi$"))
(find-doc "Second line")
(source my.docs/nope)
(prn (source-fn 'my.docs/nope))
(prn (demunge "my.docs$documented") (demunge "clojure.core$seq_QMARK_"))
(prn (ex-message (root-cause (ex-info "a" {} (ex-info "b" {} (Exception. "c"))))))
(ns with.attrs {:author "me" :k [1 2]})
(ns user)
(prn (meta (find-ns 'with.attrs)) (meta (find-ns 'my.docs)))
(ns ^{:m 1} meta.ns "Doc." {:a 1})
(ns user)
(prn (meta (find-ns 'meta.ns)))
