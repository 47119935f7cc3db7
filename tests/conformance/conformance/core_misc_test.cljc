(ns conformance.core-misc-test
  "clojure.core odds and ends: vectors, lists, sets, bit ops, parsing, hashing, namespaces, 1.11 additions."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest vector-list-test
  (are [x y] (= y x)
    (subvec [1 2 3 4] 1) [2 3 4]
    (subvec [1 2 3 4] 1 3) [2 3]
    (subvec [1 2] 2) []
    (mapv inc [1 2]) [2 3]
    (mapv + [1 2] [10 20]) [11 22]
    (filterv odd? (range 5)) [1 3]
    (peek [1 2 3]) 3
    (peek '(1 2 3)) 1
    (peek []) nil
    (pop [1 2 3]) [1 2]
    (pop '(1 2 3)) '(2 3)
    (vector) []
    (vector 1 2) [1 2]
    (vec nil) []
    (vec "ab") [\a \b]
    (vec {:a 1}) [[:a 1]]
    (list) ()
    (list 1 2) '(1 2)
    (list* 1 2 [3 4]) '(1 2 3 4)
    (list* nil) nil
    (list* 1 nil) '(1)
    (cons 1 nil) '(1)
    (cons 1 '(2)) '(1 2)
    ([1 2 3] 0) 1
    (nth "abc" 1) \b
    (nth nil 0) nil
    (count "abc") 3
    (count nil) 0
    (assoc [1 2 3] 1 :b) [1 :b 3])
  (is (thrown? IllegalStateException (pop [])))
  (is (thrown? IllegalStateException (pop ())))
  (is (thrown? IndexOutOfBoundsException (subvec [1 2] 3)))
  (is (thrown? IndexOutOfBoundsException (subvec [1 2] 1 0)))
  (is (thrown? IndexOutOfBoundsException ([1 2] 2)))
  (is (thrown? UnsupportedOperationException (count 1))))

(deftest set-fns-test
  (are [x y] (= y x)
    (set [1 2 1]) #{1 2}
    (set nil) #{}
    (hash-set 1 2) #{1 2}
    (disj #{1 2 3} 1 2) #{3}
    (disj #{1} 5) #{1}
    (disj nil 1) nil
    (conj #{1} 1) #{1}
    (#{1 2} 2) 2
    (#{1 2} 3) nil
    (get #{:a} :a) :a
    (contains? #{nil} nil) true
    (count #{1 2}) 2))

(deftest bit-ops-test
  (are [x y] (= y x)
    (bit-and 12 10) 8
    (bit-or 12 10) 14
    (bit-xor 12 10) 6
    (bit-not 0) -1
    (bit-and-not 12 4) 8
    (bit-shift-left 1 10) 1024
    (bit-shift-right 1024 3) 128
    (bit-shift-right -8 1) -4
    (unsigned-bit-shift-right -1 60) 15
    (bit-set 0 3) 8
    (bit-clear 15 0) 14
    (bit-flip 5 1) 7
    (bit-test 5 2) true
    (bit-test 5 1) false
    (bit-and 1 3 7) 1
    (bit-shift-left 1 64) 1)
  (is (thrown? IllegalArgumentException (bit-and 1.5 1))))

(deftest math-test
  (are [x y] (= y x)
    (max 1 3 2) 3
    (min 1 3 2) 1
    (max 1) 1
    (abs -5) 5
    (abs 5.5) 5.5
    (abs -1/2) 1/2
    (quot 7 2) 3
    (quot -7 2) -3
    (rem 7 2) 1
    (rem -7 2) -1
    (mod 7 2) 1
    (mod -7 2) 1
    (mod 7 -2) -1
    (mod 5.5 2) 1.5
    (inc 1.5) 2.5
    (dec 0) -1
    (+) 0
    (*) 1
    (- 5) -5
    (/ 8 2) 4
    (/ 2.0) 0.5
    (== 1 1.0 1N) true
    (= 1 1.0) false
    (< 1 2 3) true
    (< 1 3 2) false
    (>= 3 3 1) true
    (not= 1 2) true
    (int (Math/floor 2.7)) 2
    (Math/abs -3) 3
    (Math/pow 2 10) 1024.0
    (Math/sqrt 16) 4.0
    (Math/round 2.5) 3
    (Math/ceil 1.2) 2.0
    (Math/max 1 2) 2)
  (is (NaN? (max 1 ##NaN)))
  (is (thrown? ArithmeticException (quot 1 0)))
  (is (thrown? ArithmeticException (mod 1 0)))
  (is (thrown? NullPointerException (+ 1 nil)))
  (is (thrown? ClassCastException (< 1 :a))))

(deftest parse-test
  (are [x y] (= y x)
    (parse-long "42") 42
    (parse-long "-7") -7
    (parse-long "+7") 7
    (parse-long "4.2") nil
    (parse-long "") nil
    (parse-long "99999999999999999999") nil
    (parse-double "1.5") 1.5
    (parse-double "1e3") 1000.0
    (parse-double "x") nil
    (parse-double "Infinity") ##Inf
    (parse-boolean "true") true
    (parse-boolean "false") false
    (parse-boolean "TRUE") nil
    (parse-uuid "00000000-0000-0000-0000-000000000001") #uuid "00000000-0000-0000-0000-000000000001"
    (parse-uuid "nope") nil
    (Long/parseLong "12") 12
    (Double/parseDouble "2.5") 2.5
    (Integer/parseInt "-3") -3
    (read-string "0x10") 16
    (read-string "2r101") 5
    (read-string "1e2") 100.0)
  (is (thrown? IllegalArgumentException (parse-long 1)))
  (is (thrown? NumberFormatException (Long/parseLong "1.0")))
  (is (uuid? (random-uuid)))
  (is (not= (random-uuid) (random-uuid)))
  (is (= 36 (count (str (random-uuid))))))

(deftest hash-test
  (are [x y] (= y x)
    (hash nil) 0
    (hash 1) (hash 1N)
    (hash "a") (hash "a")
    (hash [1 2]) (hash '(1 2))
    (hash #{}) (hash-unordered-coll [])
    (hash []) (hash-ordered-coll [])
    (hash [1 2]) (hash-ordered-coll [1 2])
    (hash #{1 2}) (hash-unordered-coll [2 1])
    (hash {:a 1}) (hash-unordered-coll [[:a 1]])
    (mix-collection-hash 1 0) (hash-ordered-coll [])
    (hash true) 1231
    (hash "") 0
    (hash 1) 1392991556
    (hash :a) -2123407586
    (hash [1 2 3]) 736442005
    (hash {:a 1}) 1772842048))

(deftest ns-test
  (let [n (the-ns 'conformance.core-misc-test)]
    (are [x y] (= y x)
      (ns-name n) 'conformance.core-misc-test
      (str n) "conformance.core-misc-test"
      (find-ns 'conformance.core-misc-test) n
      (find-ns 'no.such.ns) nil
      (contains? (ns-publics n) 'ns-test) true
      (contains? (ns-interns n) 'ns-test) true
      (ns-resolve n 'deftest) #'clojure.test/deftest
      (ns-resolve n 'no-such) nil
      (namespace `x) "conformance.core-misc-test"
      (ns-name (.-ns #'inc)) 'clojure.core
      (some #{'clojure.core} (map ns-name (all-ns))) 'clojure.core))
  (let [n (create-ns 'conformance.created)]
    (is (= n (find-ns 'conformance.created)))
    (intern n 'v 1)
    (is (= 1 @(ns-resolve n 'v)))
    (is (= {'v (ns-resolve n 'v)} (ns-publics n)))
    (ns-unmap n 'v)
    (is (= {} (ns-publics n)))
    (remove-ns 'conformance.created)
    (is (nil? (find-ns 'conformance.created))))
  (is (thrown? Exception (the-ns 'no.such.ns)))
  (is (= "clojure.core" (namespace-munge 'clojure.core)))
  (is (= "a_b.c_d" (namespace-munge 'a-b.c-d))))

(deftest taps-test
  (let [seen (promise)
        tap (fn [x] (deliver seen x))]
    (is (nil? (add-tap tap)))
    (is (true? (tap> [:tapped 1])))
    (is (= [:tapped 1] (deref seen 5000 :timed-out)))
    (is (nil? (remove-tap tap)))
    (is (true? (tap> :after-removal)))))

(deftest load-test
  (let [before *ns*]
    (is (nil? (load "/conformance/load_fixture")))
    (is (= 42 @(resolve 'conformance.load-fixture/loaded)))
    (is (identical? before *ns*))
    (is (thrown? Exception (load "/conformance/no_such_file_here")))))

(deftest refer-clojure-test
  (let [n (create-ns 'conformance.refer-clojure-scratch)]
    (try
      (binding [*ns* n]
        (is (nil? (eval '(clojure.core/refer-clojure :only '[inc]))))
        (is (= 2 (eval '(inc 1))))
        (is (= #'clojure.core/inc (ns-resolve n 'inc))))
      (finally (remove-ns 'conformance.refer-clojure-scratch)))))

(deftest command-line-args-test
  (is (every? string? *command-line-args*))
  (is (or (nil? *command-line-args*) (seq? *command-line-args*))))
