(ns conformance.reducers-test
  "clojure.core.reducers."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.core.reducers :as r]))

(deftest transformations-test
  (are [expected red] (= expected (into [] red))
    [2 3 4] (r/map inc [1 2 3])
    [2] (r/filter even? [1 2 3])
    [1 3] (r/remove even? [1 2 3])
    [1 1 2 2] (r/mapcat (fn [x] [x x]) [1 2])
    [1 2] (r/take 2 [1 2 3])
    [3] (r/drop 2 [1 2 3])
    [1 2] (r/take-while (fn [x] (< x 3)) [1 2 3 1])
    [1 2 3 4] (r/flatten [1 [2 [3]] '(4)])
    [4 16] ((comp (r/map (fn [x] (* x x))) (r/filter even?)) [1 2 3 4 5]))
  (is (= 9 (reduce + (r/map inc [1 2 3]))))
  (is (= 9 (r/reduce + (r/map inc [1 2 3]))))
  (is (= 10 (r/reduce (fn [acc k v] (+ acc k v)) 0 {1 2 3 4})))
  (is (= [0 1] (let [t (r/take 2 (range 10))] (into [] t) (into [] t)))))

(deftest fold-test
  (let [v (vec (range 5000))]
    (is (= 12497500 (r/fold + v)))
    (is (= 12497500 (r/fold 10 + + v)))
    (is (= 6252500 (r/fold + (r/filter even? (r/map inc v)))))
    (is (= 5000 (count (r/foldcat (r/map inc v)))))
    (is (= (range 1 5001) (seq (r/foldcat (r/map inc v))))))
  (is (= 0 (r/fold + nil)))
  (is (= 45 (r/fold + (range 10))))
  (is (= [[0 1 2] [3 4 5]] (r/fold 3 (fn ([] []) ([a b] [a b])) conj (vec (range 6)))))
  (is (= 16 (r/fold (r/monoid + (constantly 10)) + [1 2 3])))
  (is (= [1 2 3] (into [] (r/cat [1] [2 3]))))
  (is (= [1 2] (into [] (r/append! (r/append! (r/cat) 1) 2)))))
