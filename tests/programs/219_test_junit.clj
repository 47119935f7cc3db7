;; clojure.test.junit: JUnit XML for passing, failing (with XML escaping) and
;; erroring tests, namespaces with and without a package, and run-tests' result.
;; Where the "at:" lines point (the JVM's name a frame of its own) and the stack
;; trace lines of an error are left out.
(ns folio.junit-demo
  (:require [clojure.test :refer :all]
            [clojure.test.junit :refer [with-junit-output]]
            [clojure.string :as str]))

(deftest passes (is (= 2 (+ 1 1))))
(deftest fails
  (is (= "<a & 'b'>" "\"c\"") "needs <escaping> & \"quotes\"")
  (testing "a context" (is (empty? [1]))))
(deftest errors (is (= 1 (throw (ex-info "boom" {:k 1})))))

(ns toplevel
  (:require [clojure.test :refer :all]))
(deftest solo (is (= 1 2)))

(ns user
  (:require [clojure.test :as t]
            [clojure.test.junit :as junit]
            [clojure.string :as str]))

(defn keep-line? [line]
  (not (or (str/starts-with? line " at ")
           (re-matches #"    [^ <].*" line))))

(defn hide-where [line]
  (str/replace line #"^      at: [^<]*" "      at: ..."))

(let [result (atom nil)
      out (with-out-str
            (binding [t/*test-out* *out*]
              (reset! result (junit/with-junit-output (t/run-tests 'folio.junit-demo 'toplevel)))))]
  (doseq [line (str/split-lines out) :when (keep-line? line)]
    (println (hide-where line)))
  (prn @result))
(prn (junit/package-class "a.b.c") (junit/package-class "c"))
(prn (junit/suite-attrs nil "c") (junit/suite-attrs "a.b" "c"))
(prn (junit/test-name [#'toplevel/solo #'folio.junit-demo/passes]))
