(ns conformance.core-maps-test
  "clojure.core map functions: normal, nil, empty and error cases."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest assoc-dissoc-test
  (are [x y] (= y x)
    (assoc {} :a 1 :b 2) {:a 1 :b 2}
    (assoc {:a 1} :a 2) {:a 2}
    (assoc-in nil [:a :b] 1) {:a {:b 1}}
    (assoc-in {:a [1 2]} [:a 0] 9) {:a [9 2]}
    (assoc-in {} [] 1) {nil 1}
    (dissoc {:a 1 :b 2 :c 3} :a :c) {:b 2}
    (dissoc {:a 1}) {:a 1}
    (dissoc {} :a) {}
    (update {} :n (fnil inc 0)) {:n 1}
    (update {:a 1} :a + 1 2 3 4 5) {:a 16}
    (update nil :a conj 1) {:a '(1)}
    (update [1 2] 0 inc) [2 2]
    (update-in {:a {:b 1}} [:a :c] (fnil inc 10)) {:a {:b 1 :c 11}}
    (update-in {} [:a :b] conj 1) {:a {:b '(1)}}
    (update-in {:a [{:b 1}]} [:a 0 :b] * 5) {:a [{:b 5}]})
  (is (thrown? IllegalArgumentException (assoc {} :a)))
  (is (thrown? ClassCastException (assoc 1 :a 1))))

(deftest merge-test
  (are [x y] (= y x)
    (merge {:a 1} {:b 2} {:a 3}) {:a 3 :b 2}
    (merge) nil
    (merge nil) nil
    (merge nil {:a 1}) {:a 1}
    (merge {:a 1} nil) {:a 1}
    (merge {} {}) {}
    (merge {:a 1} [:b 2]) {:a 1 :b 2}
    (merge-with + {:a 1 :b 2} {:a 10} {:b 20 :c 3}) {:a 11 :b 22 :c 3}
    (merge-with into {:a [1]} {:a [2]}) {:a [1 2]}
    (merge-with +) nil
    (merge-with + nil nil) nil
    (merge-with + {:a 1}) {:a 1}))

(deftest select-keys-test
  (are [x y] (= y x)
    (select-keys {:a 1 :b 2 :c 3} [:a :c]) {:a 1 :c 3}
    (select-keys {:a 1} [:z]) {}
    (select-keys {:a nil} [:a]) {:a nil}
    (select-keys nil [:a]) {}
    (select-keys {:a 1} []) {}
    (select-keys [:x :y :z] [0 2]) {0 :x 2 :z}))

(deftest keys-vals-test
  (are [x y] (= y x)
    (keys {}) nil
    (vals {}) nil
    (keys nil) nil
    (sort (keys {:a 1 :b 2})) [:a :b]
    (sort (vals {:a 1 :b 2})) [1 2]
    (key (first {:a 1})) :a
    (val (first {:a 1})) 1
    (find {:a 1} :a) [:a 1]
    (find {:a 1} :b) nil
    (find [:x :y] 1) [1 :y]
    (find nil :a) nil
    (contains? {:a nil} :a) true
    (contains? {:a 1} :b) false
    (contains? [1 2] 1) true
    (contains? [1 2] 2) false
    (contains? #{nil} nil) true
    (contains? nil :a) false
    (contains? "abc" 2) true)
  (is (map-entry? (first {:a 1})))
  (is (not (map-entry? [:a 1])))
  (is (thrown? IllegalArgumentException (contains? '(1 2) 1))))

(deftest zipmap-group-test
  (are [x y] (= y x)
    (zipmap [:a :b :c] [1 2]) {:a 1 :b 2}
    (zipmap [] [1]) {}
    (zipmap nil nil) {}
    (zipmap [:a :a] [1 2]) {:a 2}
    (group-by count ["a" "bb" "c"]) {1 ["a" "c"] 2 ["bb"]}
    (group-by identity nil) {}
    (frequencies "abca") {\a 2 \b 1 \c 1}
    (frequencies nil) {}
    (into {} (map (juxt identity str)) [1 2]) {1 "1" 2 "2"}))

(deftest reduce-kv-update-keys-test
  (are [x y] (= y x)
    (reduce-kv (fn [acc k v] (+ acc k v)) 0 {1 2 3 4}) 10
    (reduce-kv (fn [acc i v] (conj acc [i v])) [] [:a :b]) [[0 :a] [1 :b]]
    (reduce-kv (fn [acc k v] (reduced k)) nil {:a 1}) :a
    (reduce-kv + 0 nil) 0
    (update-keys {:a 1 :b 2} name) {"a" 1 "b" 2}
    (update-vals {:a 1 :b 2} inc) {:a 2 :b 3}
    (update-vals {} inc) {}
    (update-keys {:a 1 :b 2} (constantly :k)) {:k 2}))

(deftest map-constructors-test
  (are [x y] (= y x)
    (hash-map :a 1 :b 2) {:a 1 :b 2}
    (hash-map) {}
    (array-map :b 1 :a 2) {:a 2 :b 1}
    (keys (array-map :b 1 :a 2)) [:b :a]
    (into {} [[:a 1] [:a 2]]) {:a 2}
    (into {} nil) {}
    (conj {} {:a 1 :b 2}) {:a 1 :b 2}
    (conj {:a 1} nil) {:a 1}
    (empty {:a 1}) {}
    (count {:a 1 :b 2}) 2
    ({:a 1} :a) 1
    ({:a 1} :b :d) :d
    (:a {:a 1}) 1
    (:b {:a 1} :d) :d
    (:a nil) nil
    (get-in {:a [10 {:b 20}]} [:a 1 :b]) 20
    (get-in {:a 1} []) {:a 1}
    (get-in nil [:a]) nil)
  (is (thrown? IllegalArgumentException (hash-map :a)))
  (is (thrown? IllegalArgumentException (array-map :a)))
  (is (= 8 (count (keys (apply hash-map (range 16)))))))

(deftest map-equality-test
  (is (= {:a 1} (array-map :a 1) (hash-map :a 1) (sorted-map :a 1)))
  (is (= {:a [1 2]} {:a '(1 2)}))
  (is (not= {:a 1} {:a 1 :b nil}))
  (is (not= {:a 1} [[:a 1]]))
  (is (= (hash {:a 1}) (hash (hash-map :a 1))))
  (is (= {1 :x} {1N :x}))
  (is (= :x (get {1 :x} 1N)))
  (is (= #{[1 2]} (set (seq {1 2})))))
