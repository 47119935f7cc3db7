;; coverage.clj - which public vars the conformance suite mentions, per tested
;; namespace, on JVM Clojure 1.11:
;;     clojure -cp tests/conformance tests/conformance/coverage.clj [--missing]
;; A var counts as covered when a symbol of its name (bare, or qualified by any
;; alias) appears in a suite file. Vars that make no sense outside the JVM
;; (host classes, threads, compilation) are left out of the count.
(require 'clojure.java.io 'clojure.string 'clojure.set
         'clojure.walk 'clojure.edn 'clojure.data 'clojure.zip 'clojure.pprint)

(def host-only
  '#{;; threads (future, agents) and executors
     agent send send-off send-via await await-for await1 agent-error agent-errors clear-agent-errors
     restart-agent error-handler error-mode set-error-handler! set-error-mode! release-pending-sends
     shutdown-agents set-agent-send-executor! set-agent-send-off-executor! *agent* future future-call
     future-cancel future-cancelled? future-done? future? pcalls pvalues pmap seque
     ;; classes, class loaders, compilation, Java objects and iterators
     proxy proxy-super proxy-call-with-super proxy-mappings proxy-name construct-proxy
     get-proxy-class init-proxy update-proxy gen-class gen-interface definterface bean supers bases
     cast compile add-classpath with-loading-context *compile-files* *compile-path*
     *compiler-options* *fn-loader* *use-context-classloader* *allow-unresolved-vars* *source-path*
     *warn-on-reflection* *verbose-defrecords* method-sig primitives-classnames iterator-seq
     enumeration-seq resultset-seq file-seq xml-seq uri? inst-ms* Inst StackTraceElement->vec
     PrintWriter-on import memfn . new set! monitor-enter monitor-exit
     ;; internals of the JVM implementation
     ->ArrayChunk ->Eduction ->Vec ->VecNode ->VecSeq EMPTY-NODE -cache-protocol-fn -reset-methods
     find-protocol-impl find-protocol-method chunk chunk-append chunk-buffer chunk-cons chunk-first
     chunk-next chunk-rest chunked-seq? hash-combine print-method print-dup print-simple print-ctor
     *print-dup* ;; JVM-only in clojure.pprint
     get-pretty-writer *print-base* *print-radix*})

(def tested '[clojure.core clojure.string clojure.set clojure.walk clojure.edn clojure.data
              clojure.zip clojure.pprint])

(def mentioned
  (let [files (->> (file-seq (java.io.File. "tests/conformance"))
                   (filter #(re-find #"_test\.cljc?$" (.getName %))))]
    (set (for [f files
               :let [text (slurp f)
                     rdr (java.io.PushbackReader. (java.io.StringReader. text))]
               form (take-while #(not= ::eof %)
                                (repeatedly #(read {:eof ::eof :read-cond :allow} rdr)))
               x (tree-seq coll? seq form)
               :when (symbol? x)]
           (name x)))))

(def missing? (some #{"--missing"} *command-line-args*))

(let [rows (for [ns tested
                 :let [vars (->> (keys (ns-publics ns))
                                 (remove #(contains? host-only %))
                                 (map name) sort)
                       covered (filter mentioned vars)
                       uncovered (remove mentioned vars)]]
             (do (printf "%-16s %4d / %4d%s%n" ns (count covered) (count vars)
                         (if (and missing? (seq uncovered))
                           (str "\n    missing: " (clojure.string/join " " uncovered))
                           ""))
                 [(count covered) (count vars)]))
      c (reduce + (map first rows))
      t (reduce + (map second rows))]
  (printf "total            %4d / %4d  (%.1f%%)%n" c t (* 100.0 (/ c t))))
