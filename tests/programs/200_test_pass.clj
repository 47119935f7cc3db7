;; clojure.test: a passing run - deftest, is, are, testing, fixtures, with-test,
;; set-test, run-tests' summary and return map, successful?, run-test.
(ns folio.test-pass
  (:require [clojure.test :refer :all]))

(def log (atom []))

(defn once-fixture [f]
  (swap! log conj :once-before)
  (f)
  (swap! log conj :once-after))

(defn each-fixture [f]
  (swap! log conj :each-before)
  (f)
  (swap! log conj :each-after))

(use-fixtures :once once-fixture)
(use-fixtures :each each-fixture)

(deftest arithmetic
  (swap! log conj 'arithmetic)
  (is (= 4 (+ 2 2)))
  (is (= 7 (+ 3 4)) "with a message")
  (testing "negative numbers"
    (is (= -4 (+ -2 -2)))
    (testing "and zero"
      (is (zero? (+ 3 -3))))))

(deftest exceptions
  (swap! log conj 'exceptions)
  (is (thrown? ArithmeticException (/ 1 0)))
  (is (thrown? clojure.lang.ExceptionInfo (throw (ex-info "bad" {:k 1}))))
  (is (thrown-with-msg? Exception #"Divide" (/ 1 0)))
  (let [e (is (thrown? IllegalArgumentException (throw (IllegalArgumentException. "nope"))))]
    (is (= "nope" (.getMessage e)))))

(deftest tables
  (swap! log conj 'tables)
  (are [x y] (= x y)
    2 (+ 1 1)
    4 (* 2 2)
    "ab" (str "a" "b"))
  (are [coll n] (= n (count coll))
    [] 0
    [1 2] 2))

(deftest predicates
  (swap! log conj 'predicates)
  (is (instance? String "s"))
  (is (string? "x"))
  (is (:a {:a 1}))
  (is (let [x 3] (odd? x)))
  (is (some #{2} [1 2 3])))

(with-test
  (defn square [x] (* x x))
  (is (= 9 (square 3)))
  (is (= 0 (square 0))))

(defn cube [x] (* x x x))
(set-test cube (is (= 8 (cube 2))))

(deftest- private-test
  (swap! log conj 'private-test)
  (is (= :p :p)))

(prn (is (= 1 1)))
(prn (is (+ 1 2)))
(prn (fn? (:test (meta #'arithmetic))))

(let [summary (run-tests)]
  (prn summary)
  (prn (successful? summary))
  (prn @log))

(deftest contexts
  (testing "outer"
    (testing "inner"
      (prn *testing-contexts*)
      (prn (testing-contexts-str)))))
(reset! log [])
(prn (run-test contexts))
(prn @log)
(prn (successful? {:test 1 :pass 1 :fail 0 :error 0}))
(prn (successful? {:test 1 :pass 1 :fail 1 :error 0}))
(prn (successful? {}))
