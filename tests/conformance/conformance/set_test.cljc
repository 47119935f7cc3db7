(ns conformance.set-test
  "clojure.set: every public var."
  (:require [clojure.test :refer [deftest is are]]
            [clojure.set :as set]))

(deftest union-test
  (are [args y] (= y (apply set/union args))
    [] #{}, [#{1}] #{1}, [#{1 2} #{2 3}] #{1 2 3}, [#{1} #{2} #{3}] #{1 2 3}, [nil #{1}] #{1}))

(deftest intersection-test
  (are [args y] (= y (apply set/intersection args))
    [#{1}] #{1}, [#{1 2} #{2 3}] #{2}, [#{1 2} #{3}] #{}, [#{1 2 3} #{2 3} #{3 4}] #{3}))

(deftest difference-test
  (are [args y] (= y (apply set/difference args))
    [#{1 2}] #{1 2}, [#{1 2 3} #{2}] #{1 3}, [#{1 2} #{1 2}] #{}, [#{1 2 3} #{1} #{3}] #{2}))

(deftest select-test
  (is (= #{2 4} (set/select even? #{1 2 3 4})))
  (is (= #{} (set/select even? #{1 3}))))

(def rel #{{:a 1 :b 2} {:a 1 :b 3} {:a 2 :b 3}})

(deftest project-test
  (is (= #{{:a 1} {:a 2}} (set/project rel [:a])))
  (is (= #{{}} (set/project rel []))))

(deftest rename-keys-test
  (is (= {:x 1 :b 2} (set/rename-keys {:a 1 :b 2} {:a :x})))
  (is (= {:b 1 :a 2} (set/rename-keys {:a 1 :b 2} {:a :b :b :a})))
  (is (= {:a 1} (set/rename-keys {:a 1} {:z :y}))))

(deftest rename-test
  (is (= #{{:x 1 :b 2} {:x 1 :b 3} {:x 2 :b 3}} (set/rename rel {:a :x}))))

(deftest index-test
  (is (= {{:a 1} #{{:a 1 :b 2} {:a 1 :b 3}} {:a 2} #{{:a 2 :b 3}}} (set/index rel [:a]))))

(deftest map-invert-test
  (is (= {1 :a 2 :b} (set/map-invert {:a 1 :b 2})))
  (is (= {} (set/map-invert {}))))

(deftest join-test
  (is (= #{{:a 1 :b 2 :c 5} {:a 1 :b 3 :c 6}}
         (set/join #{{:a 1 :b 2} {:a 1 :b 3}} #{{:b 2 :c 5} {:b 3 :c 6}})))
  (is (= #{{:a 1 :b 2 :d 2}} (set/join #{{:a 1 :b 2}} #{{:d 2}} {:b :d}))))

(deftest subset-superset-test
  (are [f a b y] (= y (f a b))
    set/subset? #{} #{1} true
    set/subset? #{1} #{1 2} true
    set/subset? #{1 3} #{1 2} false
    set/superset? #{1 2} #{1} true
    set/superset? #{1} #{1 2} false
    set/superset? #{} #{} true))
