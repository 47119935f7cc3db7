(ns conformance.core-protocols-test
  "clojure.core protocols, records, deftype, reify, extend."
  (:require [clojure.test :refer [deftest is are testing]]))

(defprotocol Shape
  (area [s] "the area")
  (scale [s k]))

(defprotocol Named
  (nm [x]))

(defrecord Square [side]
  Shape
  (area [_] (* side side))
  (scale [_ k] (->Square (* side k))))

(defrecord Circle [r])

(extend-type Circle
  Shape
  (area [c] (* 3 (:r c) (:r c)))
  (scale [c k] (update c :r * k)))

(extend-protocol Named
  String (nm [s] (str "string " s))
  Long (nm [n] (str "long " n))
  nil (nm [_] "nil")
  clojure.lang.IPersistentVector (nm [v] (str "vector of " (count v)))
  Object (nm [_] "object"))

(deftype Point [x y]
  Named
  (nm [_] (str "point " x "," y)))

(deftest record-test
  (let [s (->Square 2)]
    (are [x y] (= y x)
      (area s) 4
      (:side s) 2
      (:side (scale s 3)) 6
      (get s :side) 2
      (:other s :nf) :nf
      (keys s) [:side]
      (vals (assoc s :extra 1)) [2 1]
      (:extra (assoc s :extra 1)) 1
      (count (assoc s :extra 1)) 2
      (into {} s) {:side 2}
      (map->Square {:side 5}) (->Square 5)
      (:side (map->Square {})) nil
      (area (Square. 3)) 9
      (area (->Circle 1)) 3
      (:r (scale (->Circle 1) 2)) 2
      (pr-str (->Circle 1)) "#conformance.core_protocols_test.Circle{:r 1}"
      (boolean (re-matches #"conformance\.core_protocols_test\.Circle@[0-9a-f]+" (str (->Circle 1)))) true))
  (is (record? (->Square 1)))
  (is (not (record? {:side 1})))
  (is (map? (->Square 1)))
  (is (= (->Square 1) (->Square 1)))
  (is (not= (->Square 1) {:side 1}))
  (is (not= {:side 1} (->Square 1)))
  (is (not= (->Square 1) (->Circle 1)))
  (is (= (hash (->Square 1)) (hash (->Square 1))))
  (is (instance? Square (->Square 1)))
  (is (instance? Square (assoc (->Square 1) :side 2)))
  (is (not (instance? Square (->Circle 1))))
  (is (= Square (class (->Square 1))))
  (is (= Square (type (->Square 1))))
  (is (not (record? (dissoc (->Square 1) :side))))
  (is (record? (dissoc (assoc (->Square 1) :x 1) :x)))
  (is (= {:m 1} (meta (with-meta (->Square 1) {:m 1}))))
  (is (instance? Square (with-meta (->Square 1) {:m 1}))))

(deftest protocol-dispatch-test
  (are [x y] (= y x)
    (nm "a") "string a"
    (nm 1) "long 1"
    (nm nil) "nil"
    (nm [1 2]) "vector of 2"
    (nm :k) "object"
    (nm (->Point 1 2)) "point 1,2"
    (nm (Point. 3 4)) "point 3,4")
  (is (satisfies? Shape (->Square 1)))
  (is (satisfies? Shape (->Circle 1)))
  (is (not (satisfies? Shape 1)))
  (is (satisfies? Named "x"))
  (is (extends? Shape Square))
  (is (extends? Shape Circle))
  (is (not (extends? Shape String)))
  (is (thrown-with-msg? IllegalArgumentException #"No implementation of method: :area of protocol: #'conformance.core-protocols-test/Shape found for class: java.lang.Long"
                        (area 1)))
  (is (= "the area" (:doc (meta #'area)))))

(deftest deftype-test
  (let [p (->Point 1 2)]
    (is (= 1 (.-x p)))
    (is (= 2 (.-y p)))
    (is (instance? Point p))
    (is (not (map? p)))
    (is (not= (->Point 1 2) (->Point 1 2)))
    (is (nil? (:x p)))))

(deftype Tally [^:unsynchronized-mutable n ^:volatile-mutable last-added step]
  Shape
  (area [_] n)
  (scale [this k] (dotimes [_ k] (set! n (+ n step)) (set! last-added step)) this)
  clojure.lang.IDeref
  (deref [_] (let [read (fn [] [n last-added])] (read))))

(deftype Money [amount currency]
  Object
  (equals [_ o] (and (instance? Money o) (= amount (.-amount o)) (= currency (.-currency o))))
  (hashCode [_] (hash [amount currency]))
  (toString [_] (str amount " " currency)))

(deftype Table [m]
  clojure.lang.ILookup
  (valAt [_ k] (get m k))
  (valAt [_ k nf] (get m k nf))
  clojure.lang.IFn
  (invoke [_ k] (get m k :absent)))

(deftype Bag [items]
  clojure.lang.Counted
  (count [_] (count items))
  clojure.lang.Seqable
  (seq [_] (seq items)))

(deftest deftype-object-test
  (let [p (Point. 3 4)]
    (testing "not a map or a collection"
      (is (not (coll? p)))
      (is (not (record? p)))
      (is (nil? (meta p)))
      (is (thrown? IllegalArgumentException (seq p)))
      (is (thrown? UnsupportedOperationException (count p)))
      (is (nil? (get p :x)))
      (is (= :nf (get p :x :nf))))
    (testing "fields, type, identity"
      (is (= 3 (.x p)))
      (is (= 4 (.-y p)))
      (is (= Point (type p) (class p)))
      (is (not (instance? Square p)))
      (is (= p p))
      (is (= 2 (count (set [p (Point. 3 4)]))))
      (is (thrown? IllegalArgumentException (.-z p)))
      (is (instance? conformance.core_protocols_test.Point p))
      (is (instance? clojure.lang.IType p))
      (is (= 5 (.-x (new Point 5 6))))
      (is (= 6 (.-y (conformance.core_protocols_test.Point. 5 6)))))
    (testing "printing without toString"
      (is (re-matches #"conformance\.core_protocols_test\.Point@[0-9a-f]+" (str p)))
      (is (re-matches #"#object\[conformance\.core_protocols_test\.Point 0x[0-9a-f]+ \"conformance\.core_protocols_test\.Point@[0-9a-f]+\"\]"
                      (pr-str p)))))
  (testing "mutable fields: set! in methods, private outside"
    (let [t (Tally. 0 nil 5)]
      (is (= 0 (area t)))
      (is (identical? t (scale t 3)))
      (is (= 15 (area t)))
      (is (= [15 5] @t))
      (is (thrown? IllegalArgumentException (.-n t)))
      (is (= 5 (.-step t)))))
  (testing "Object equals, hashCode and toString"
    (is (= (Money. 5 :eur) (Money. 5 :eur)))
    (is (not= (Money. 5 :eur) (Money. 5 :usd)))
    (is (= (hash (Money. 5 :eur)) (hash (Money. 5 :eur))))
    (is (= 1 (count #{(Money. 5 :eur)} )))
    (is (= 2 (count (set [(Money. 5 :eur) (Money. 5 :eur) (Money. 1 :eur)]))))
    (is (= :cash (get {(Money. 5 :eur) :cash} (Money. 5 :eur))))
    (is (= "5 :eur" (str (Money. 5 :eur))))
    (is (re-matches #"#object\[conformance\.core_protocols_test\.Money 0x[0-9a-f]+ \"5 :eur\"\]"
                    (pr-str (Money. 5 :eur)))))
  (testing "ILookup and IFn"
    (let [t (Table. {:a 1})]
      (is (= 1 (:a t)))
      (is (nil? (:b t)))
      (is (= 9 (:b t 9)))
      (is (= 1 (get t :a)))
      (is (= :absent (t :b)))
      (is (= [1 :absent] (map t [:a :c])))
      (is (ifn? t))
      (is (not (ifn? (Point. 1 2))))
      (is (instance? clojure.lang.IDeref (Tally. 0 nil 1)))
      (is (not (instance? clojure.lang.IDeref t)))))
  (testing "Counted and Seqable"
    (let [b (Bag. [3 1 2])]
      (is (= 3 (count b)))
      (is (= [3 1 2] (seq b) (into [] b)))
      (is (= [4 2 3] (map inc b)))
      (is (= 6 (reduce + b)))
      (is (counted? b))
      (is (seqable? b))
      (is (not (coll? b)))
      (is (nil? (seq (Bag. []))))
      (is (empty? (Bag. nil)))
      (is (not (counted? (Point. 1 2))))
      (is (not (seqable? (Point. 1 2)))))))

(deftest reify-test
  (let [r (reify Shape (area [_] 42) (scale [this _] this))
        o (reify Object (toString [_] "reified"))]
    (is (= 42 (area r)))
    (is (identical? r (scale r 2)))
    (is (satisfies? Shape r))
    (is (satisfies? Named r) "Named extends Object")
    (is (= "object" (nm r)))
    (is (= "reified" (str o)))
    (testing "an object, not a map"
      (is (not (map? r)))
      (is (not (coll? r)))
      (is (not= (reify) (reify)))
      (is (= r r))
      (is (= 2 (count (set [(reify) (reify)]))))
      (is (= {:k 1} (meta (with-meta r {:k 1}))))
      (is (= 42 (area (with-meta r {:k 1}))))
      (is (instance? clojure.lang.IDeref (reify clojure.lang.IDeref (deref [_] 1))))
      (is (= 3 (count (reify clojure.lang.Counted (count [_] 3)))))
      (is (= 7 (let [n 7] (:any (reify clojure.lang.ILookup (valAt [_ _] n) (valAt [_ _ nf] nf)))))))))

(defprotocol Greeter (greet [g] [g other]))

(extend Long
  Greeter
  {:greet (fn ([n] (str "hi " n)) ([n o] (str "hi " n " and " o)))})

(deftest extend-test
  (is (= "hi 1" (greet 1)))
  (is (= "hi 1 and 2" (greet 1 2)))
  (is (extends? Greeter Long))
  (is (contains? (set (extenders Greeter)) Long)))
