;; test_runner.clj - what `folio test` runs once it has loaded the test
;; namespaces: clojure.test on each, a line of counts per namespace, then the
;; JVM's total summary. Kept in Clojure so a custom `report` still applies.
(ns folio.test-runner
  (:require [clojure.test :as t]))

(defn test-namespace?
  "True when namespace ns defines a test or a test-ns-hook."
  [ns]
  (boolean (or (find-var (symbol (str (ns-name ns)) "test-ns-hook"))
               (some #(:test (meta %)) (vals (ns-interns ns))))))

(defn run
  "Runs the tests of the namespaces named by ns-syms; prints each one's counts
  and the total; returns the total summary (as run-tests does)."
  [ns-syms]
  (let [results (mapv (fn [sym] [sym (t/test-ns sym)]) ns-syms)
        total (assoc (apply merge-with + t/*initial-report-counters* (map second results))
                     :type :summary)]
    (t/with-test-out
      (println "\nResults per namespace:")
      (doseq [[sym {:keys [test pass fail error]}] results]
        (println (str "  " sym ": " test " tests, " (+ pass fail error) " assertions, "
                      fail " failures, " error " errors"))))
    (t/do-report total)
    total))
