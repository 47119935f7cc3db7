(ns conformance.core-control-test
  "clojure.core control forms and macros: if/when/cond/condp/case, loops, for, doseq, letfn."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest conditionals-test
  (are [x y] (= y x)
    (if nil 1 2) 2
    (if false 1) nil
    (if 0 1 2) 1
    (if "" 1 2) 1
    (if () 1 2) 1
    (when true 1 2) 2
    (when false 1) nil
    (when-not false 1) 1
    (if-not nil 1 2) 1
    (if-let [x 1] x :no) 1
    (if-let [x nil] x :no) :no
    (if-let [[a] nil] a :no) :no
    (when-let [x [1]] (first x)) 1
    (when-let [x false] x) nil
    (if-some [x false] [x] :no) [false]
    (if-some [x nil] x :no) :no
    (when-some [x 0] x) 0
    (when-first [x [1 2]] x) 1
    (when-first [x []] x) nil
    (cond (= 1 2) :a (= 1 1) :b :else :c) :b
    (cond false 1) nil
    (cond) nil
    (condp = 2 1 :one 2 :two :other) :two
    (condp = 9 1 :one :other) :other
    (condp some [1 2] #{3} :three #{2} :>> inc) 3
    (condp < 5 10 :a 3 :b) :b
    (and) true
    (and 1 2) 2
    (and 1 nil 2) nil
    (or) nil
    (or nil false) false
    (or nil 1) 1
    (not 1) false
    (not nil) true)
  (is (thrown-with-msg? IllegalArgumentException #"No matching clause: 9" (condp = 9 1 :one))))

(deftest case-test
  (are [x y] (= y x)
    (case 1 1 :one 2 :two :other) :one
    (case 3 1 :one :other) :other
    (case "a" "a" :str :other) :str
    (case :k :k :kw :other) :kw
    (case 'sym sym :sym :other) :sym
    (case 2 (1 2 3) :small :big) :small
    (case [1 2] [1 2] :vec :other) :vec
    (case nil nil :nil :other) :nil
    (case \a \a :char :other) :char
    (case 1.5 1.5 :d :other) :d
    (case (list 1) (1) :no [1] :yes :other) :yes
    (case '(1) ((1)) :list :other) :list
    (case {:a 1} {:a 1} :map :other) :map)
  (is (thrown-with-msg? IllegalArgumentException #"No matching clause: 5" (case 5 1 :one)))
  (is (thrown? Exception (eval '(case 1 1 :a 1 :b)))))

(deftest loops-test
  (are [x y] (= y x)
    (for [x [1 2] y [:a :b]] [x y]) [[1 :a] [1 :b] [2 :a] [2 :b]]
    (for [x (range 5) :when (odd? x)] x) [1 3]
    (for [x (range 10) :while (< x 3)] x) [0 1 2]
    (for [x [1 2] :let [y (* x 10)]] y) [10 20]
    (for [x [] y [1]] [x y]) []
    (for [x [1 2 3] y (range x) :when (even? y)] [x y]) [[1 0] [2 0] [3 0] [3 2]]
    (take 3 (for [x (range)] (* x x))) [0 1 4]
    (with-out-str (doseq [x [1 2] y [:a]] (print x y ""))) "1 :a 2 :a "
    (with-out-str (doseq [x (range 5) :when (even? x) :let [y (inc x)]] (print y))) "135"
    (with-out-str (doseq [x (range 10) :while (< x 3)] (print x))) "012"
    (doseq [x [1]] x) nil
    (with-out-str (dotimes [i 3] (print i))) "012"
    (dotimes [i 0] (throw (Exception.))) nil
    (let [a (atom 0)] (while (< @a 5) (swap! a inc)) @a) 5
    (loop [i 0 acc []] (if (= i 3) acc (recur (inc i) (conj acc i)))) [0 1 2]
    (letfn [(ev? [n] (if (zero? n) true (od? (dec n))))
            (od? [n] (if (zero? n) false (ev? (dec n))))]
      [(ev? 10) (od? 7)]) [true true]
    (let [x 1 y (inc x) x (* y 10)] x) 20
    (do) nil
    (do 1 2) 2)
  (is (= 3 (count (doall (for [x (range 3)] x)))))
  (is (thrown? Exception (eval '(recur 1)))))

(deftest delay-force-test
  (let [n (atom 0)
        d (delay (swap! n inc) :v)]
    (is (not (realized? d)))
    (is (= :v @d))
    (is (= :v (force d)))
    (is (= 1 @n))
    (is (realized? d))
    (is (= 5 (force 5))))
  (let [d (delay (throw (ex-info "boom" {})))]
    (is (thrown? clojure.lang.ExceptionInfo @d))
    (is (thrown? clojure.lang.ExceptionInfo @d))))

(deftest assert-test
  (is (nil? (assert true)))
  (is (thrown? AssertionError (assert false)))
  (is (thrown-with-msg? AssertionError #"Assert failed: msg\n\(= 1 2\)" (assert (= 1 2) "msg")))
  (is (= 2 ((fn [x] {:pre [(pos? x)] :post [(= % (* 2 x))]} (* 2 x)) 1)))
  (is (thrown? AssertionError ((fn [x] {:pre [(pos? x)]} x) -1)))
  (is (thrown? AssertionError ((fn [x] {:post [(neg? %)]} x) 1))))

(deftest misc-macros-test
  (are [x y] (= y x)
    (macroexpand-1 '(when a b)) '(if a (do b))
    (macroexpand '(-> a b)) '(b a)
    (macroexpand-1 '(not-a-macro 1)) '(not-a-macro 1)
    (let [x 5] (comment x) x) 5
    (comment 1 2) nil
    (.. "abc" (toUpperCase) (substring 1)) "BC"
    (eval '(+ 1 2)) 3
    (eval [1 '(inc 1)]) [1 2]
    ((eval '(fn [x] (* x x))) 4) 16
    (let [v (volatile! 0)] (vswap! v + 5) (vreset! v (inc @v)) @v) 6
    (locking :lock 1) 1
    (binding [*ns* (the-ns 'clojure.core)] (eval 'inc)) inc
    (read-string "(+ 1 2)") '(+ 1 2)
    (eval (read-string "(* 6 7)")) 42
    (load-string "(def loaded-here 5) (inc loaded-here)") 6))
