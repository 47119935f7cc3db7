(ns conformance.data-test
  "clojure.data/diff: maps, sets, sequentials, atoms, nil and mixed types."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.data :as d]))

(deftest diff-atoms-test
  (are [a b r] (= r (d/diff a b))
    1 1 [nil nil 1]
    1 2 [1 2 nil]
    nil nil [nil nil nil]
    nil 1 [nil 1 nil]
    "a" "a" [nil nil "a"]
    :a :b [:a :b nil]
    1 [1] [1 [1] nil]))

(deftest diff-maps-test
  (are [a b r] (= r (d/diff a b))
    {:a 1} {:a 1} [nil nil {:a 1}]
    {:a 1 :b 2} {:a 1 :b 3} [{:b 2} {:b 3} {:a 1}]
    {:a 1} {:b 2} [{:a 1} {:b 2} nil]
    {} {} [nil nil {}]
    {:a {:b 1 :c 2}} {:a {:b 1 :c 3}} [{:a {:c 2}} {:a {:c 3}} {:a {:b 1}}]
    {:a nil} {} [{:a nil} nil nil]
    {:a [1 2]} {:a [1 3]} [{:a [nil 2]} {:a [nil 3]} {:a [1]}]))

(deftest diff-sets-test
  (are [a b r] (= r (d/diff a b))
    #{1 2} #{2 3} [#{1} #{3} #{2}]
    #{1} #{1} [nil nil #{1}]
    #{} #{} [nil nil #{}]
    #{1} #{2} [#{1} #{2} nil]))

(deftest diff-sequential-test
  (are [a b r] (= r (d/diff a b))
    [1 2 3] [1 2 3] [nil nil [1 2 3]]
    [1 2 3] [1 5 3] [[nil 2] [nil 5] [1 nil 3]]
    [1 2] [1 2 3] [nil [nil nil 3] [1 2]]
    [1 2 3] [1] [[nil 2 3] nil [1]]
    '(1 2) [1 2] [nil nil [1 2]]
    [] [] [nil nil []]
    [[1 2] 3] [[1 4] 3] [[[nil 2]] [[nil 4]] [[1] 3]]))

(deftest diff-mixed-test
  (are [a b r] (= r (d/diff a b))
    [1] {0 1} [[1] {0 1} nil]
    #{1} [1] [#{1} [1] nil]
    {:a 1} nil [{:a 1} nil nil]))

(deftest equality-partition-test
  (are [x p] (= p (d/equality-partition x))
    1 :atom
    nil :atom
    "s" :atom
    [1] :sequential
    '(1) :sequential
    {:a 1} :map
    #{1} :set))

(deftest protocols-test
  (is (satisfies? d/EqualityPartition 1))
  (is (satisfies? d/EqualityPartition nil))
  (is (satisfies? d/Diff {}))
  (is (= [{:a 1} {:a 2} nil] (d/diff-similar {:a 1} {:a 2})))
  (is (= [[nil 1] [nil 2] [0]] (d/diff-similar [0 1] [0 2]))))
