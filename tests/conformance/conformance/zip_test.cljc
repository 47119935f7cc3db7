(ns conformance.zip-test
  "clojure.zip: navigation, editing, traversal and the three zipper kinds."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.zip :as z]))

(def t [1 [2 3] [4 [5]]])

(deftest navigation-test
  (let [loc (z/vector-zip t)]
    (are [x y] (= y x)
      (z/node loc) t
      (z/node (z/down loc)) 1
      (z/node (-> loc z/down z/right)) [2 3]
      (z/node (-> loc z/down z/right z/down)) 2
      (z/node (-> loc z/down z/rightmost)) [4 [5]]
      (z/node (-> loc z/down z/rightmost z/leftmost)) 1
      (z/node (-> loc z/down z/right z/left)) 1
      (z/node (-> loc z/down z/right z/down z/up)) [2 3]
      (-> loc z/down z/right z/root) t
      (z/lefts (-> loc z/down z/right z/right)) [1 [2 3]]
      (z/rights (-> loc z/down)) [[2 3] [4 [5]]]
      (z/up loc) nil
      (z/left (z/down loc)) nil
      (z/right (-> loc z/down z/rightmost)) nil
      (z/down (z/down loc)) nil
      (z/branch? loc) true
      (z/branch? (z/down loc)) false
      (z/children loc) [1 [2 3] [4 [5]]]
      (z/down (z/vector-zip [])) nil
      (z/path (-> loc z/down z/right z/down)) [t [2 3]])))

(deftest edit-test
  (let [loc (z/vector-zip t)]
    (are [x y] (= y x)
      (z/root (z/replace (z/down loc) :x)) [:x [2 3] [4 [5]]]
      (z/root (z/edit (z/down loc) + 10)) [11 [2 3] [4 [5]]]
      (z/root (z/insert-left (z/down loc) 0)) [0 1 [2 3] [4 [5]]]
      (z/root (z/insert-right (z/down loc) 0)) [1 0 [2 3] [4 [5]]]
      (z/root (z/insert-child loc 0)) [0 1 [2 3] [4 [5]]]
      (z/root (z/append-child loc 9)) [1 [2 3] [4 [5]] 9]
      (z/root (z/remove (z/down loc))) [[2 3] [4 [5]]]
      (z/root (z/remove (-> loc z/down z/right z/down))) [1 [3] [4 [5]]]
      (z/node (z/remove (-> loc z/down z/right))) 1
      (z/make-node loc [1] [7 8]) [7 8]))
  (is (thrown-with-msg? Exception #"Remove at top" (z/remove (z/vector-zip [1]))))
  (is (thrown-with-msg? Exception #"Insert at top" (z/insert-left (z/vector-zip [1]) 0))))

(deftest traversal-test
  (let [loc (z/vector-zip t)]
    (is (= [t 1 [2 3] 2 3 [4 [5]] 4 [5] 5]
           (map z/node (take-while (complement z/end?) (iterate z/next loc)))))
    (is (z/end? (nth (iterate z/next loc) 9)))
    (is (= t (z/node (nth (iterate z/next loc) 9))))
    (is (= [5 [5] 4 [4 [5]] 3 2 [2 3] 1 t]
           (map z/node (take-while some? (iterate z/prev (-> loc z/down z/rightmost z/down z/right z/down)))))))
  (testing "edit every number while walking"
    (is (= [2 [3 4] [5 [6]]]
           (loop [loc (z/vector-zip t)]
             (if (z/end? loc)
               (z/root loc)
               (recur (z/next (if (number? (z/node loc)) (z/edit loc inc) loc)))))))))

(deftest zipper-kinds-test
  (let [s (z/seq-zip '(1 (2 3)))]
    (is (= 1 (z/node (z/down s))))
    (is (= '(0 1 (2 3)) (z/root (z/insert-child s 0))))
    (is (seq? (z/root (z/append-child s 4)))))
  (let [x (z/xml-zip {:tag :a :attrs nil :content [{:tag :b :content ["t"]}]})]
    (is (= :b (:tag (z/node (z/down x)))))
    (is (= "t" (z/node (-> x z/down z/down))))
    (is (= [{:tag :b :content ["t"]} "u"] (:content (z/root (z/append-child x "u"))))))
  (let [m (z/zipper map? (comp seq :kids) (fn [n ks] (assoc n :kids (vec ks))) {:v 1 :kids [{:v 2}]})]
    (is (= 2 (:v (z/node (z/down m)))))
    (is (= {:v 1 :kids [{:v 3}]} (z/root (z/edit (z/down m) update :v inc))))))
