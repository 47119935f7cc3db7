;; Every public var of clojure.core and clojure.string has a :doc, and every
;; fn or macro among them an :arglists: those Folio defines in C++ get theirs
;; from stdlib/native_docs.clj. The JVM leaves the vars below undocumented.
(require 'clojure.string 'clojure.repl)

(def jvm-undocumented
  '#{*allow-unresolved-vars* *assert* *fn-loader* *math-context* *reader-resolver*
     *source-path* *suppress-read* *use-context-classloader* *verbose-defrecords*
     -cache-protocol-fn -reset-methods EMPTY-NODE Inst await1 chunk chunk-append
     chunk-buffer chunk-cons chunk-first chunk-next chunk-rest chunked-seq?
     destructure find-protocol-impl find-protocol-method hash-combine inst-ms*
     method-sig munge primitives-classnames print-ctor print-dup print-method
     print-simple proxy-call-with-super proxy-name unquote unquote-splicing
     with-loading-context})

(prn (sort (for [ns '[clojure.core clojure.string]
                 [s v] (ns-publics ns)
                 :let [m (meta v)]
                 :when (not (jvm-undocumented s))
                 :when (or (clojure.string/blank? (:doc m))
                           (and (or (fn? @v) (:macro m)) (empty? (:arglists m))))]
             (symbol (str ns) (str s)))))

;; clojure.repl/doc's layout: a rule, the qualified name, the arglists.
(doseq [f [(fn [] (clojure.repl/doc inc)) (fn [] (clojure.repl/doc assoc))
           (fn [] (clojure.repl/doc clojure.string/join)) (fn [] (clojure.repl/doc +))]]
  (let [lines (clojure.string/split-lines (with-out-str (f)))]
    (prn (take 3 lines))
    (prn (every? #(clojure.string/starts-with? % "  ") (drop 3 lines)))))
(prn (:arglists (meta #'assoc)) (:arglists (meta #'clojure.string/split)))
(prn (string? (:doc (meta #'*out*))) (nil? (:arglists (meta #'*out*))))
