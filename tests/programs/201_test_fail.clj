;; clojure.test: a failing run - FAIL blocks (file:line, testing contexts,
;; messages, expected/actual), the summary, and a nonzero exit like a test runner's.
(ns folio.test-fail
  (:require [clojure.test :refer :all]))

(deftest equality
  (is (= 4 (+ 2 2)))
  (is (= 5 (+ 2 2)) "two and two")
  (is (= [1 2] [1 2 3]))
  (testing "contexts"
    (testing "nested"
      (is (< 3 2)))))

(deftest exceptions
  (is (thrown? ArithmeticException (+ 1 0)))
  (is (thrown-with-msg? ArithmeticException #"Divide" (+ 1 2))))

(deftest non-predicates
  (is false)
  (is nil)
  (is (nil? 1))
  (is (let [x 1] (= x 2)))
  (is (instance? String 1))
  (is (:missing {:a 1}) "keyword lookup"))

(deftest tables
  (are [x y] (= x y)
    1 1
    2 (inc 2)
    "a" (str "b")))

(defn helper [x]
  (is (pos? x) "helper assertion"))

(deftest via-helper
  (helper 1)
  (helper -1))

(deftest nested-outer
  (testing "calls another test"
    (via-helper)))

;; is outside of any test
(is (= :a :b))
(is (= 1 1) "passing outside a test")

(let [summary (run-tests)]
  (prn summary)
  (when-not (successful? summary)
    (binding [*out* *err*] (println "tests failed"))
    (System/exit 1)))
