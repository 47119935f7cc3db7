(ns conformance.core-transients-test
  "clojure.core transients: transient persistent! conj! assoc! dissoc! pop! disj!."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest transient-vector-test
  (are [x y] (= y x)
    (persistent! (conj! (transient []) 1)) [1]
    (persistent! (conj! (conj! (transient [1]) 2) 3)) [1 2 3]
    (persistent! (assoc! (transient [1 2]) 0 :a)) [:a 2]
    (persistent! (assoc! (transient [1 2]) 2 3)) [1 2 3]
    (persistent! (pop! (transient [1 2]))) [1]
    (persistent! (reduce conj! (transient []) (range 100))) (vec (range 100))
    (count (transient [1 2 3])) 3
    (nth (transient [1 2 3]) 1) 2
    (get (transient [1 2 3]) 5 :nf) :nf
    ((transient [:a :b]) 1) :b
    (persistent! (conj! (transient [])))  []
    (persistent! (transient [])) [])
  (is (thrown? IllegalAccessError (let [t (transient [])] (persistent! t) (conj! t 1))))
  (is (thrown? IllegalStateException (pop! (transient []))))
  (is (thrown? clojure.lang.ArityException (conj! (transient []) 1 2)))
  (is (thrown? IndexOutOfBoundsException (assoc! (transient [1]) 5 0))))

(deftest transient-map-set-test
  (are [x y] (= y x)
    (persistent! (assoc! (transient {}) :a 1 :b 2)) {:a 1 :b 2}
    (persistent! (dissoc! (transient {:a 1 :b 2}) :a)) {:b 2}
    (persistent! (conj! (transient {}) [:a 1])) {:a 1}
    (persistent! (reduce #(assoc! %1 %2 %2) (transient {}) (range 50))) (zipmap (range 50) (range 50))
    (get (transient {:a 1}) :a) 1
    (count (transient {:a 1})) 1
    (:a (transient {:a 1})) 1
    (persistent! (conj! (conj! (transient #{}) 1) 2)) #{1 2}
    (persistent! (disj! (transient #{1 2}) 1)) #{2}
    (contains? (transient #{1}) 1) true
    (get (transient #{1}) 1) 1
    (persistent! (transient #{})) #{})
  (is (thrown? ClassCastException (transient '(1))))
  (is (thrown? IllegalAccessError (let [t (transient {})] (persistent! t) (assoc! t :a 1)))))

(deftest transient-meta-test
  (is (nil? (meta (persistent! (conj! (transient (with-meta [] {:m 1})) 1))))))
