(ns conformance.core-fns-test
  "clojure.core higher-order fns: comp partial juxt fnil every-pred some-fn memoize ..."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest comp-partial-test
  (are [x y] (= y x)
    ((comp str inc) 1) "2"
    ((comp) :x) :x
    ((comp inc) 1) 2
    ((comp - *) 2 3) -6
    ((comp first rest rest) [1 2 3]) 3
    ((partial str "a") "b" "c") "abc"
    ((partial +)) 0
    ((partial max 1 2 3 4) 9) 9
    ((partial vector 1 2 3 4 5) 6 7) [1 2 3 4 5 6 7]
    (map (partial * 2) [1 2]) [2 4]))

(deftest juxt-fnil-test
  (are [x y] (= y x)
    ((juxt :a :b) {:a 1 :b 2}) [1 2]
    ((juxt first last count) [1 2 3]) [1 3 3]
    ((juxt identity) 1) [1]
    ((fnil + 0 0) nil nil) 0
    ((fnil + 0 0) 1 nil) 1
    ((fnil + 0 0 0) nil nil nil) 0
    ((fnil conj []) nil 1) [1]
    ((fnil inc 0) 5) 6
    ((fnil str "x") false) "false"
    (update {} :k (fnil conj #{}) 1) {:k #{1}}))

(deftest every-pred-some-fn-test
  (are [x y] (= y x)
    ((every-pred odd? pos?) 1 3) true
    ((every-pred odd? pos?) 1 -3) false
    ((every-pred odd?)) true
    ((every-pred number? odd? pos?) 1 3 5 7) true
    ((some-fn even? neg?) 1 -3) true
    ((some-fn even? neg?) 1 3) false
    ((some-fn :a :b) {:b 2}) 2
    ((some-fn :a :b) {}) nil
    ((some-fn even?)) nil
    ((complement nil?) 1) true
    ((complement (constantly true))) false
    ((constantly 1) 2 3 4) 1
    ((constantly nil)) nil
    (identity 4) 4))

(deftest memoize-test
  (let [calls (atom 0)
        f (memoize (fn [x] (swap! calls inc) (* x x)))]
    (is (= [4 4 9] [(f 2) (f 2) (f 3)]))
    (is (= 2 @calls))
    (is (= nil ((memoize (constantly nil)))))
    (let [g (memoize (fn [& xs] (swap! calls inc) (count xs)))]
      (is (= [0 0 2] [(g) (g) (g 1 nil)]))
      (is (= 4 @calls)))))

(deftest apply-test
  (are [x y] (= y x)
    (apply + [1 2 3]) 6
    (apply + 1 2 [3]) 6
    (apply + nil) 0
    (apply list 1 '(2)) '(1 2)
    (apply max 1 [5 2]) 5
    (apply str (range 100)) (apply str (map str (range 100)))
    (apply hash-map [:a 1]) {:a 1}
    (apply (fn [& r] r) []) nil)
  (is (thrown? IllegalArgumentException (apply + 1 2))))

(deftest arity-test
  (is (thrown? clojure.lang.ArityException ((fn [x] x))))
  (is (thrown? clojure.lang.ArityException ((fn [x] x) 1 2)))
  (is (thrown-with-msg? clojure.lang.ArityException #"Wrong number of args \(2\) passed to"
                        ((fn named [x] x) 1 2)))
  (is (= [1 2 '(3 4)] ((fn [a b & r] [a b r]) 1 2 3 4)))
  (is (= 3 ((fn f ([] (f 1)) ([x] (f x 2)) ([x y] (+ x y))))))
  (is (= :many ((fn ([a] :one) ([a & more] :many)) 1 2)))
  (is (= 120 ((fn fact [n] (if (zero? n) 1 (* n (fact (dec n))))) 5)))
  (is (= 10000 (loop [i 0] (if (< i 10000) (recur (inc i)) i))))
  (is (= 55 (trampoline (fn f [n acc] (if (zero? n) acc #(f (dec n) (+ acc n)))) 10 0)))
  (is (= :done (trampoline (fn [] (fn [] :done))))))

(deftest fn-literals-test
  (are [x y] (= y x)
    (#(+ %1 %2) 1 2) 3
    (#(vector %&) 1 2) ['(1 2)]
    (#(vector % %&) 1 2 3) [1 '(2 3)]
    (#(* % %) 3) 9
    (#(do %2) 1 2) 2
    (map #(vector %1 %2) [1 2] [3 4]) [[1 3] [2 4]]))

(deftest threading-fns-test
  (are [x y] (= y x)
    (-> 1 inc (* 2)) 4
    (->> [1 2 3] (map inc) (reduce +)) 9
    (-> {:a {:b 1}} :a :b) 1
    @(doto (atom 0) (swap! inc) (swap! * 5)) 5
    (some-> {:a 1} :a inc) 2
    (some-> {:a 1} :b inc) nil
    (some->> [1 2] (map inc) first) 2
    (cond-> 1 true inc false (* 10) :always (* 2)) 4
    (cond->> [1 2] true (map inc) false (map -)) [2 3]
    (as-> 1 x (inc x) (* x 10)) 20))

(deftest iteration-fns-test
  (are [x y] (= y x)
    (take 3 (iterate (partial * 3) 1)) [1 3 9]
    (take 3 (repeatedly (constantly :x))) [:x :x :x]
    (repeatedly 2 (constantly 1)) [1 1]
    (reductions + [1 2 3]) [1 3 6]
    (reductions + 10 [1 2]) [10 11 13]
    (reductions + []) [0]
    (take 4 (reductions + (range))) [0 1 3 6]
    (transduce (map inc) + [1 2]) 5
    (transduce (filter odd?) conj [] [1 2 3]) [1 3]
    (transduce (comp (map inc) (take 2)) + 0 (range 10)) 3
    (sequence (comp (filter even?) (map -)) [1 2 3 4]) [-2 -4]
    (into [] (comp (partition-all 2) (map first)) (range 5)) [0 2 4]
    (eduction (map inc) [1 2]) [2 3]))
