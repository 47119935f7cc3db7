(ns conformance.core-multi-test
  "clojure.core multimethods and hierarchies: defmulti defmethod derive isa? prefer-method ..."
  (:require [clojure.test :refer [deftest is are testing]]))

(defmulti area :shape)
(defmethod area :square [{:keys [side]}] (* side side))
(defmethod area :rect [{:keys [w h]}] (* w h))
(defmethod area :default [x] [:unknown (:shape x)])

(defmulti kind (fn [x] x))
(defmethod kind ::animal [_] :animal)
(defmethod kind ::pet [_] :pet)

(derive ::dog ::animal)
(derive ::cat ::animal)
(derive ::dog ::pet)

(defmulti no-default identity)
(defmethod no-default 1 [_] :one)

(defmulti by-class class)
(defmethod by-class Number [_] :number)
(defmethod by-class String [_] :string)
(defmethod by-class clojure.lang.IPersistentVector [_] :vector)

(defmulti vec-dispatch (fn [a b] [a b]))
(defmethod vec-dispatch [::animal ::animal] [_ _] :both-animals)
(defmethod vec-dispatch [::dog :default] [_ _] :dog-any)

(deftest dispatch-test
  (are [x y] (= y x)
    (area {:shape :square :side 3}) 9
    (area {:shape :rect :w 2 :h 5}) 10
    (area {:shape :circle}) [:unknown :circle]
    (area {}) [:unknown nil]
    (kind ::cat) :animal
    (kind ::pet) :pet
    (no-default 1) :one
    (by-class 1) :number
    (by-class 1.5) :number
    (by-class "s") :string
    (by-class [1]) :vector
    (vec-dispatch ::cat ::dog) :both-animals)
  (is (thrown-with-msg? IllegalArgumentException #"No method in multimethod 'no-default' for dispatch value: 2"
                        (no-default 2)))
  (is (thrown? IllegalArgumentException (kind ::dog)) "ambiguous without prefer-method"))

(defmulti pref identity)
(defmethod pref ::animal [_] :animal)
(defmethod pref ::pet [_] :pet)
(prefer-method pref ::pet ::animal)

(deftest prefer-test
  (is (= :pet (pref ::dog)))
  (is (= {::pet #{::animal}} (prefers pref)))
  (is (= :animal (pref ::cat))))

(deftest methods-test
  (is (= #{:square :rect :default} (set (keys (methods area)))))
  (is (fn? (get-method area :square)))
  (is (= (get-method area :default) (get-method area :nope)))
  (is (nil? (get-method no-default 2)))
  (defmulti temp identity)
  (defmethod temp 1 [_] :one)
  (defmethod temp 2 [_] :two)
  (remove-method temp 1)
  (is (= [2] (keys (methods temp))))
  (remove-all-methods temp)
  (is (= {} (methods temp)))
  (is (instance? clojure.lang.MultiFn area)))

(deftest global-hierarchy-test
  (are [x y] (= y x)
    (isa? ::dog ::animal) true
    (isa? ::dog ::dog) true
    (isa? ::animal ::dog) false
    (isa? [::dog ::cat] [::animal ::animal]) true
    (isa? [::dog] [::cat]) false
    (isa? Long Number) true
    (isa? String Object) true
    (isa? Object Long) false
    (isa? clojure.lang.PersistentVector clojure.lang.Sequential) true
    (isa? [Long String] [Number Object]) true
    (class? String) true
    (class? 'foo) false
    (class? 1) false
    (isa? 1 1) true
    (parents ::dog) #{::animal ::pet}
    (parents ::animal) nil
    (ancestors ::dog) #{::animal ::pet}
    (descendants ::animal) #{::dog ::cat}
    (descendants ::dog) nil))

(deftest local-hierarchy-test
  (let [h (-> (make-hierarchy)
              (derive :b :a)
              (derive :c :b)
              (derive :d :a))]
    (are [x y] (= y x)
      (isa? h :c :a) true
      (isa? h :a :c) false
      (isa? h :d :b) false
      (parents h :c) #{:b}
      (ancestors h :c) #{:a :b}
      (descendants h :a) #{:b :c :d}
      (ancestors h :a) nil
      (parents (underive h :c :b) :c) nil
      (descendants (underive h :c :b) :a) #{:b :d}
      (make-hierarchy) {:parents {} :descendants {} :ancestors {}}
      (isa? (make-hierarchy) :x :x) true))
  (is (thrown? AssertionError (derive (make-hierarchy) :a :a)))
  (is (thrown? Exception (-> (make-hierarchy) (derive :b :a) (derive :a :b))))
  (is (thrown? AssertionError (derive ::x 'unqualified)))
  (is (thrown? AssertionError (derive 'unqualified ::x))))

(def h-multi-hierarchy (-> (make-hierarchy) (derive :y :x)))
(defmulti h-multi identity :hierarchy #'h-multi-hierarchy)
(defmethod h-multi :x [_] :x)

(deftest custom-hierarchy-test
  (is (= :x (h-multi :y)))
  (is (thrown? IllegalArgumentException (h-multi :z))))
