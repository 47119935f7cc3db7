(ns conformance.core-lazy-test
  "clojure.core lazy sequences: laziness, infinite seqs, lazy-seq, lazy-cat, realization."
  (:require [clojure.test :refer [deftest is are testing]]))

(defn fib-seq
  ([] (fib-seq 0 1))
  ([a b] (lazy-seq (cons a (fib-seq b (+ a b))))))

(deftest infinite-test
  (are [x y] (= y x)
    (take 5 (iterate inc 0)) [0 1 2 3 4]
    (take 3 (repeat 1)) [1 1 1]
    (take 5 (cycle [:a :b])) [:a :b :a :b :a]
    (take 3 (range)) [0 1 2]
    (take 7 (fib-seq)) [0 1 1 2 3 5 8]
    (nth (fib-seq) 50) 12586269025
    (take-while #(< % 10) (map #(* % %) (range))) [0 1 4 9]
    (first (drop-while #(< % 100) (iterate #(* 2 %) 1))) 128
    (take 4 (lazy-cat [1 2] (repeat 0))) [1 2 0 0]
    (take 3 (interleave (range) (repeat :x))) [0 :x 1]
    (take 4 (partition 2 (range))) [[0 1] [2 3] [4 5] [6 7]]
    (take 3 (partition-by #(quot % 3) (range))) [[0 1 2] [3 4 5] [6 7 8]]
    (take 3 (distinct (cycle [1 2 3]))) [1 2 3]
    (take 3 (filter even? (range))) [0 2 4]
    (take 3 (keep #(when (odd? %) %) (range))) [1 3 5]
    (take 2 (mapcat #(repeat % %) (range))) [1 2]
    (some #(when (> % 10) %) (range)) 11
    (take 3 (dedupe (map #(quot % 2) (range)))) [0 1 2]
    (take 3 (reductions + (range))) [0 1 3]
    (take 3 (map-indexed vector (repeat :a))) [[0 :a] [1 :a] [2 :a]]
    (take 3 (tree-seq seq? seq '(1 (2 3)))) ['(1 (2 3)) 1 '(2 3)]))

(deftest laziness-test
  (let [n (atom 0)
        s (map (fn [x] (swap! n inc) x) (range 100))]
    (is (zero? @n) "map is lazy")
    (first s)
    (is (= 32 @n) "ranges are chunked by 32")
    (doall s)
    (is (= 100 @n)))
  (let [n (atom 0)
        s (lazy-seq (swap! n inc) [1 2])]
    (is (not (realized? s)))
    (is (= [1 2] s))
    (is (realized? s))
    (seq s)
    (is (= 1 @n)))
  (let [n (atom 0)
        s (iterate (fn [x] (swap! n inc) (inc x)) 0)]
    (is (= [0 1 2] (take 3 s)))
    (is (= 2 @n)))
  (let [n (atom 0)]
    (dorun (map (fn [_] (swap! n inc)) (range 5)))
    (is (= 5 @n))
    (is (nil? (dorun 2 (map (fn [_] (swap! n inc)) (take 5 (iterate inc 0))))))
    (is (= 8 @n)))
  (is (= [1 2] (doall [1 2])))
  (is (realized? (doall (map inc [1]))))
  (is (= () (lazy-seq nil)))
  (is (nil? (seq (lazy-seq nil))))
  (is (= [1] (lazy-seq [1])))
  (is (= [] (lazy-cat)))
  (is (seq? (lazy-seq)))
  (is (= clojure.lang.LazySeq (class (lazy-seq)))))

(deftest seq-fns-test
  (are [x y] (= y x)
    (seq []) nil
    (seq "ab") [\a \b]
    (seq {:a 1}) [[:a 1]]
    (rseq [1 2 3]) [3 2 1]
    (rseq []) nil
    (vec (seq [1 2])) [1 2]
    (sequence [1 2]) [1 2]
    (sequence nil) ()
    (split-at 2 [1 2 3]) [[1 2] [3]]
    (split-with odd? [1 3 4 5]) [[1 3] [4 5]]
    (take-last 0 [1]) nil
    (drop-last 2 [1]) ()
    (replace {1 :a} [1 2 1]) [:a 2 :a]
    (replace [:x :y] [0 1 5]) [:x :y 5]
    (shuffle []) []
    (count (shuffle (range 10))) 10
    (set (shuffle (range 10))) (set (range 10))
    (not-empty []) nil
    (not-empty [1]) [1]
    (empty [1]) []
    (empty "abc") nil
    (empty nil) nil
    (bounded-count 5 (range)) 5
    (bounded-count 5 [1 2]) 2
    (max-key count "a" "abc" "ab") "abc"
    (min-key count "ab" "a" "b") "b"
    (random-sample 0 [1 2 3]) ()
    (random-sample 1 [1 2 3]) [1 2 3]
    (rand-nth [7]) 7
    (<= 0 (rand-int 3) 2) true
    (<= 0 (rand) 1) true))
