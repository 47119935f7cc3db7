(ns conformance.core-seq-test
  "clojure.core sequence fns: normal, nil, empty and error cases."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest map-filter-remove-test
  (are [x y] (= y x)
    (map inc [1 2 3]) [2 3 4]
    (map + [1 2] [10 20 30]) [11 22]
    (map inc nil) ()
    (filter odd? (range 6)) [1 3 5]
    (remove odd? (range 6)) [0 2 4]
    (filter odd? nil) ()
    (into [] (map inc) [1 2]) [2 3]))

(deftest reduce-test
  (are [x y] (= y x)
    (reduce + [1 2 3]) 6
    (reduce + []) 0
    (reduce + 10 []) 10
    (reduce + nil) 0
    (reduce (fn [a x] (if (> x 2) (reduced a) (+ a x))) [1 2 3 4]) 3
    (reduce-kv (fn [m k v] (assoc m v k)) {} {:a 1}) {1 :a}))

(deftest take-drop-test
  (are [x y] (= y x)
    (take 2 [1 2 3]) [1 2]
    (take 5 [1 2]) [1 2]
    (take 0 [1]) ()
    (take -1 [1]) ()
    (drop 2 [1 2 3]) [3]
    (drop 5 [1]) ()
    (take-while pos? [1 2 0 3]) [1 2]
    (drop-while pos? [1 2 0 3]) [0 3]
    (take-last 2 [1 2 3]) [2 3]
    (take-last 2 nil) nil
    (drop-last [1 2 3]) [1 2]
    (take-nth 2 (range 7)) [0 2 4 6]))

(deftest partition-test
  (are [x y] (= y x)
    (partition 2 [1 2 3 4 5]) [[1 2] [3 4]]
    (partition 2 2 [:p] [1 2 3]) [[1 2] [3 :p]]
    (partition-all 2 [1 2 3]) [[1 2] [3]]
    (partition-by odd? [1 3 2 4 5]) [[1 3] [2 4] [5]]
    (partition 3 1 [1 2 3 4]) [[1 2 3] [2 3 4]]
    (partition 2 nil) ()))

(deftest group-frequencies-test
  (are [x y] (= y x)
    (group-by odd? [1 2 3]) {true [1 3] false [2]}
    (frequencies [:a :b :a]) {:a 2 :b 1}
    (frequencies []) {}
    (group-by :k []) {}))

(deftest sort-test
  (are [x y] (= y x)
    (sort [3 1 2]) [1 2 3]
    (sort > [3 1 2]) [3 2 1]
    (sort-by count ["ccc" "a" "bb"]) ["a" "bb" "ccc"]
    (sort []) ()
    (sort nil) ()
    (sort ["b" "a" "C"]) ["C" "a" "b"])
  (is (thrown? ClassCastException (doall (sort [1 "a"])))))

(deftest assoc-get-test
  (are [x y] (= y x)
    (get {:a 1} :a) 1
    (get {:a 1} :b) nil
    (get {:a 1} :b 2) 2
    (get nil :a) nil
    (get [1 2] 1) 2
    (get [1 2] 5) nil
    (get-in {:a {:b 1}} [:a :b]) 1
    (get-in {:a {:b 1}} [:a :c] :none) :none
    (assoc nil :a 1) {:a 1}
    (assoc [1 2] 2 3) [1 2 3]
    (assoc-in {} [:a :b] 1) {:a {:b 1}}
    (update {:a 1} :a inc) {:a 2}
    (update-in {:a {:b 1}} [:a :b] + 10) {:a {:b 11}}
    (dissoc {:a 1 :b 2} :a) {:b 2}
    (dissoc nil :a) nil)
  (is (thrown? IndexOutOfBoundsException (assoc [1 2] 5 0))))

(deftest nth-first-rest-test
  (are [x y] (= y x)
    (first [1 2]) 1
    (first nil) nil
    (first []) nil
    (rest [1 2]) [2]
    (rest nil) ()
    (next [1]) nil
    (nth [1 2 3] 1) 2
    (nth [1 2] 5 :nf) :nf
    (last [1 2 3]) 3
    (last []) nil
    (butlast [1 2 3]) [1 2]
    (butlast [1]) nil
    (second [1 2]) 2
    (ffirst [[1 2]]) 1
    (nthnext [1 2 3] 2) [3]
    (nthrest [1 2 3] 5) ())
  (is (thrown? IndexOutOfBoundsException (nth [1 2] 5))))

(deftest concat-interleave-test
  (are [x y] (= y x)
    (concat [1] [2 3] nil [4]) [1 2 3 4]
    (concat) ()
    (interleave [1 2 3] [:a :b]) [1 :a 2 :b]
    (interpose :x [1 2 3]) [1 :x 2 :x 3]
    (mapcat reverse [[1 2] [3 4]]) [2 1 4 3]
    (flatten [1 [2 [3 nil]] 4]) [1 2 3 nil 4]
    (distinct [1 2 1 3 2]) [1 2 3]
    (dedupe [1 1 2 2 1]) [1 2 1]))

(deftest range-repeat-iterate-test
  (are [x y] (= y x)
    (range 3) [0 1 2]
    (range 1 7 2) [1 3 5]
    (range 5 0 -2) [5 3 1]
    (range 0) ()
    (take 3 (repeat :a)) [:a :a :a]
    (repeat 2 :b) [:b :b]
    (take 4 (iterate #(* 2 %) 1)) [1 2 4 8]
    (take 5 (cycle [1 2])) [1 2 1 2 1]
    (cycle []) ()))

(deftest some-every-test
  (are [x y] (= y x)
    (some even? [1 3 4]) true
    (some even? [1 3]) nil
    (some #{3} [1 3]) 3
    (every? odd? [1 3]) true
    (every? odd? []) true
    (not-any? odd? [2 4]) true
    (not-every? odd? [1 2]) true
    (some identity nil) nil))

(deftest into-conj-test
  (are [x y] (= y x)
    (into [] '(1 2)) [1 2]
    (into '() [1 2]) '(2 1)
    (into {} [[:a 1]]) {:a 1}
    (into #{} [1 1 2]) #{1 2}
    (conj [1] 2 3) [1 2 3]
    (conj '(1) 2) '(2 1)
    (conj nil 1) '(1)
    (conj {:a 1} [:b 2]) {:a 1 :b 2}))

(deftest keep-juxt-comp-test
  (are [x y] (= y x)
    (keep #(when (odd? %) (* % %)) [1 2 3]) [1 9]
    (keep-indexed #(when (odd? %1) %2) [:a :b :c :d]) [:b :d]
    (map-indexed vector [:a :b]) [[0 :a] [1 :b]]
    ((juxt inc dec) 5) [6 4]
    ((comp inc inc) 1) 3
    ((comp) 7) 7
    ((partial + 1 2) 3) 6
    ((complement even?) 3) true
    ((fnil inc 0) nil) 1))
