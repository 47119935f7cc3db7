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

(deftest reify-test
  (let [r (reify Shape (area [_] 42) (scale [this _] this))
        o (reify Object (toString [_] "reified"))]
    (is (= 42 (area r)))
    (is (identical? r (scale r 2)))
    (is (satisfies? Shape r))
    (is (satisfies? Named r) "Named extends Object")
    (is (= "object" (nm r)))
    (is (= "reified" (str o)))))

(defprotocol Greeter (greet [g] [g other]))

(extend Long
  Greeter
  {:greet (fn ([n] (str "hi " n)) ([n o] (str "hi " n " and " o)))})

(deftest extend-test
  (is (= "hi 1" (greet 1)))
  (is (= "hi 1 and 2" (greet 1 2)))
  (is (extends? Greeter Long))
  (is (contains? (set (extenders Greeter)) Long)))
