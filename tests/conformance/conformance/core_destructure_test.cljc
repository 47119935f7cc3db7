(ns conformance.core-destructure-test
  "clojure.core destructuring in let, fn and loop: vectors, maps, nested, defaults."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest sequential-test
  (are [x y] (= y x)
    (let [[a b] [1 2]] [a b]) [1 2]
    (let [[a b] [1]] [a b]) [1 nil]
    (let [[a & r] [1 2 3]] [a r]) [1 '(2 3)]
    (let [[a & r] [1]] [a r]) [1 nil]
    (let [[a _ c] [1 2 3]] [a c]) [1 3]
    (let [[a b :as all] [1 2 3]] [a b all]) [1 2 [1 2 3]]
    (let [[a [b c]] [1 [2 3]]] [a b c]) [1 2 3]
    (let [[a b] nil] [a b]) [nil nil]
    (let [[a b] "xy"] [a b]) [\x \y]
    (let [[a b] '(1 2)] [a b]) [1 2]
    (let [[[a]] [[1]]] a) 1
    (let [[a & {:keys [k]}] [1 :k 2]] [a k]) [1 2]
    (let [[& {:as m}] [:a 1]] m) {:a 1}
    (let [[a b] (range)] [a b]) [0 1]))

(deftest associative-test
  (are [x y] (= y x)
    (let [{a :a} {:a 1}] a) 1
    (let [{:keys [a b]} {:a 1}] [a b]) [1 nil]
    (let [{:strs [a]} {"a" 1}] a) 1
    (let [{:syms [a]} {'a 1}] a) 1
    (let [{:keys [a] :or {a 5}} {}] a) 5
    (let [{:keys [a] :or {a 5}} {:a nil}] a) nil
    (let [{:keys [a] :or {a 5}} {:a false}] a) false
    (let [{:keys [a] :as m} {:a 1 :b 2}] [a m]) [1 {:a 1 :b 2}]
    (let [{:keys [x/a b/c]} {:x/a 1 :b/c 2}] [a c]) [1 2]
    (let [{:x/keys [a]} {:x/a 1}] a) 1
    (let [{:keys [::a]} {::a 9}] a) 9
    (let [{{c :c} :b} {:b {:c 3}}] c) 3
    (let [{[a b] :v} {:v [1 2]}] [a b]) [1 2]
    (let [{a 0 b 2} [:x :y :z]] [a b]) [:x :z]
    (let [{:keys [a]} nil] a) nil
    (let [{:keys [a]} '(:a 1)] a) 1
    (let [{:keys [a]} [:a 1]] a) nil))

(deftest fn-loop-test
  (are [x y] (= y x)
    ((fn [[a b]] (+ a b)) [1 2]) 3
    ((fn [{:keys [a]}] a) {:a 1}) 1
    ((fn [& {:keys [a b] :or {b 2}}] [a b]) :a 1) [1 2]
    ((fn [& {:as opts}] opts) {:a 1}) {:a 1}
    ((fn [& {:as opts}] opts) :a 1 {:b 2}) {:a 1 :b 2}
    ((fn [a & [b c]] [a b c]) 1 2) [1 2 nil]
    (loop [[x & xs] [1 2 3] acc 0] (if x (recur xs (+ acc x)) acc)) 6
    (for [[k v] {:a 1}] [v k]) [[1 :a]]
    (map (fn [[_ v]] v) {:a 1}) [1]
    (let [[a b :as v] [1 2]] (conj v (+ a b))) [1 2 3]
    (letfn [(f [[a] b] (+ a b))] (f [1] 2)) 3))

(deftest destructure-fn-test
  (is (vector? (destructure '[[a b] [1 2]])))
  (is (= '[x 1] (destructure '[x 1])))
  (is (thrown? Exception (eval '(let [[a b] 1] a)))))
