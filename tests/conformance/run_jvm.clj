;; run_jvm.clj - runs the conformance suite on JVM Clojure, to prove every
;; assertion holds there:   clojure -cp tests/conformance tests/conformance/run_jvm.clj
(require 'clojure.test 'clojure.java.io)
(def root (java.io.File. "tests/conformance"))
(def namespaces
  (->> (file-seq root)
       (filter #(re-find #"_test\.clj[c]?$" (.getName %)))
       (map #(-> (.getPath (.relativize (.toURI root) (.toURI %)))
                 (clojure.string/replace #"\.cljc?$" "")
                 (clojure.string/replace "/" ".")
                 (clojure.string/replace "_" "-")
                 symbol))
       sort))
(apply require namespaces)
(let [{:keys [fail error]} (apply clojure.test/run-tests namespaces)]
  (System/exit (if (zero? (+ fail error)) 0 1)))
