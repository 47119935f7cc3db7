(ns conformance.core-sorted-test
  "clojure.core sorted collections: sorted-map(-by), sorted-set(-by), subseq, rsubseq, comparators."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest sorted-map-test
  (let [m (sorted-map 3 :c 1 :a 2 :b)]
    (are [x y] (= y x)
      (keys m) [1 2 3]
      (vals m) [:a :b :c]
      (first m) [1 :a]
      (last m) [3 :c]
      (rseq m) [[3 :c] [2 :b] [1 :a]]
      (assoc m 0 :z) {0 :z 1 :a 2 :b 3 :c}
      (keys (assoc m 0 :z)) [0 1 2 3]
      (dissoc m 2) {1 :a 3 :c}
      (get m 2) :b
      (get m 9) nil
      (count m) 3
      (seq (sorted-map)) nil
      (rseq (sorted-map)) nil
      (keys (sorted-map-by > 1 :a 3 :c 2 :b)) [3 2 1]
      (keys (sorted-map "b" 1 "a" 2 "C" 3)) ["C" "a" "b"]
      (keys (sorted-map :b 1 :a 2 :a/c 3)) [:a :b :a/c]
      (keys (into (sorted-map) {[1 2] :x [1 1] :y [0 9] :z})) [[0 9] [1 1] [1 2]]
      (keys (sorted-map nil 1 0 2)) [nil 0]
      (find m 1) [1 :a]
      (first (sorted-map-by (comparator >) 1 1 2 2)) [2 2]))
  (is (sorted? (sorted-map)))
  (is (sorted? (assoc (sorted-map) 1 1)))
  (is (sorted? (dissoc (sorted-map 1 1) 1)))
  (is (= (sorted-map 1 :a) {1 :a}))
  (is (thrown? ClassCastException (sorted-map 1 :a :b 2)))
  (is (thrown? ClassCastException (assoc (sorted-map 1 :a) "x" 2)))
  (is (thrown? IllegalArgumentException (sorted-map 1))))

(deftest sorted-set-test
  (let [s (sorted-set 5 1 3 3)]
    (are [x y] (= y x)
      (seq s) [1 3 5]
      (rseq s) [5 3 1]
      (conj s 2) #{1 2 3 5}
      (seq (conj s 2)) [1 2 3 5]
      (disj s 3) #{1 5}
      (contains? s 3) true
      (get s 3) 3
      (get s 4) nil
      (first s) 1
      (seq (sorted-set-by > 1 3 2)) [3 2 1]
      (seq (sorted-set "b" "a")) ["a" "b"]
      (seq (into (sorted-set) [3 1 2])) [1 2 3]
      (seq (sorted-set)) nil
      (seq (sorted-set-by #(compare (count %1) (count %2)) "aa" "b" "cc")) ["b" "aa"]))
  (is (thrown? ClassCastException (sorted-set 1 "a"))))

(deftest subseq-test
  (let [s (sorted-set 1 2 3 4 5)
        m (sorted-map 1 :a 2 :b 3 :c 4 :d)]
    (are [x y] (= y x)
      (subseq s > 2) [3 4 5]
      (subseq s >= 2) [2 3 4 5]
      (subseq s < 3) [1 2]
      (subseq s <= 3) [1 2 3]
      (subseq s > 1 < 4) [2 3]
      (subseq s >= 1 <= 4) [1 2 3 4]
      (subseq s > 5) nil
      (subseq s > 10) nil
      (subseq s < 0) ()
      (rsubseq s > 2) [5 4 3]
      (rsubseq s < 3) [2 1]
      (rsubseq s >= 2 <= 4) [4 3 2]
      (rsubseq s < 1) nil
      (subseq m >= 3) [[3 :c] [4 :d]]
      (rsubseq m <= 2) [[2 :b] [1 :a]]
      (subseq (sorted-set) > 1) nil
      (subseq (sorted-set-by > 1 2 3 4) < 3) [4]
      (subseq (sorted-set-by > 1 2 3 4) > 3) [2 1])))

(deftest comparator-test
  (are [x y] (= y x)
    ((comparator <) 1 2) -1
    ((comparator <) 2 1) 1
    ((comparator <) 1 1) 0
    (sort (comparator >) [1 3 2]) [3 2 1]
    (sort-by :k > [{:k 1} {:k 3}]) [{:k 3} {:k 1}]
    (sort-by first [[2 :a] [1 :b] [2 :c] [1 :d]]) [[1 :b] [1 :d] [2 :a] [2 :c]]
    (sort #(compare %2 %1) ["a" "c" "b"]) ["c" "b" "a"]
    (sort-by count compare ["aaa" "b" "cc"]) ["b" "cc" "aaa"]))
