(ns conformance.core-reduce-test
  "reduce and reduce-kv through clojure.core.protocols; seque."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.core.protocols :as p]))

(deftype Pair [a b]
  p/CollReduce
  (coll-reduce [_ f] (let [r (f a b)] (if (reduced? r) @r r)))
  (coll-reduce [_ f init]
    (let [r (f init a)]
      (if (reduced? r) @r (let [r (f r b)] (if (reduced? r) @r r))))))

(defrecord Entry [k v]
  p/IKVReduce
  (kv-reduce [_ f init] (f init v k)))

(deftype Box [items])

(extend-protocol p/CollReduce
  Box
  (coll-reduce
    ([b f] (reduce f (.-items b)))
    ([b f init] (reduce f init (.-items b)))))

(deftest coll-reduce-test
  (is (= 3 (reduce + (Pair. 1 2))))
  (is (= 13 (reduce + 10 (Pair. 1 2))))
  (is (= [1 2] (reduce conj [] (Pair. 1 2))))
  (is (= :a (reduce (fn [_ x] (reduced x)) nil (Pair. :a :b))))
  (is (= [2 3] (into [] (map inc) (Pair. 1 2))))
  (is (= 5 (transduce (map inc) + (Pair. 1 2))))
  (is (= [:x :y] (reduce conj [] (Box. [:x :y]))))
  (is (= 6 (reduce + (Box. [1 2 3]))))
  (is (= [1 2 3] (into [] (Box. [1 2 3]))))
  (is (= 6 (p/coll-reduce [1 2 3] +)))
  (is (= 16 (p/coll-reduce [1 2 3] + 10)))
  (is (= 0 (p/coll-reduce nil +)))
  (is (= 4 (p/coll-reduce nil + 4)))
  (is (= 6 (p/internal-reduce (seq [1 2 3]) + 0)))
  (is (satisfies? p/CollReduce (Pair. 1 2)))
  (is (satisfies? p/CollReduce [])))

(deftest reify-reduce-test
  (let [r (reify clojure.lang.IReduceInit
            (reduce [_ f init] (-> init (f 1) (f 2) (f 3))))]
    (is (= 6 (reduce + 0 r)))
    (is (= [2 3 4] (into [] (map inc) r)))
    (is (= 9 (transduce (map inc) + r)))
    (is (thrown? ClassCastException (reduce + r))))
  (let [r (reify p/CollReduce
            (coll-reduce [_ f] (f :one :two))
            (coll-reduce [_ f init] (f init :three)))]
    (is (= [:one :two] (reduce vector r)))
    (is (= [:zero :three] (reduce vector :zero r)))))

(deftest kv-reduce-test
  (is (= [[2 :k]] (reduce-kv (fn [acc k v] (conj acc [k v])) [] (->Entry :k 2))))
  (is (= 10 (reduce-kv (fn [a k v] (+ a k v)) 0 {1 2 3 4})))
  (is (= [[0 :a] [1 :b]] (reduce-kv (fn [a i x] (conj a [i x])) [] [:a :b])))
  (is (= 7 (reduce-kv + 7 nil)))
  (is (= [:a 1] (p/kv-reduce {:a 1} conj [])))
  (is (= 3 (p/kv-reduce nil + 3)))
  (is (satisfies? p/IKVReduce {})))

(deftest seque-test
  (is (= [1 2 3] (seque [1 2 3])))
  (is (= [nil 1 nil] (vec (seque 2 [nil 1 nil]))))
  (is (= () (seque nil)))
  (is (nil? (seq (seque []))))
  (is (= (range 300) (seque (range 300))))
  (is (= (range 50) (seque 1 (range 50))))
  (is (= 4950 (reduce + (seque 3 (range 100)))))
  (is (= [0 1 2 3 4] (take 5 (seque 2 (iterate inc 0)))))
  (is (= [1 2] (seque 1.5 [1 2])))
  (is (thrown? IllegalArgumentException (seque 0 [1])))
  (is (thrown? ClassCastException (seque :n [1]))))
