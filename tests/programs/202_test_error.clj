;; clojure.test: ERROR reports - an exception inside `is`, one outside any
;; assertion, ex-info data and causes. The stack trace lines under "actual:"
;; name JVM classes, so this program prints the report without them.
(ns folio.test-error
  (:require [clojure.test :refer :all]
            [clojure.string :as str]))

(defn boom [] (throw (Exception. "boom")))

(deftest in-assertion (is (= 1 (boom))))

(deftest outside-assertion (is (= 1 1)) (throw (IllegalStateException. "outside")))

(deftest with-data (is (throw (ex-info "data!" {:k 1} (RuntimeException. "root cause")))))

(deftest in-context
  (testing "ctx" (is (boom) "a message")))

(defn trace-line? [line]
  (or (str/starts-with? line " at ") (str/starts-with? line "    ")))

(let [summary (atom nil)
      out (with-out-str
            (binding [*test-out* *out*]
              (reset! summary (run-tests))))]
  (doseq [line (str/split-lines out)
          :when (not (trace-line? line))]
    (println line))
  (prn @summary)
  (when-not (successful? @summary)
    (binding [*out* *err*] (println "errors"))
    (System/exit 1)))
