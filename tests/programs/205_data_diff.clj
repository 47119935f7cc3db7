;; clojure.data/diff: atoms, maps (nested), vectors and lists by index, sets,
;; mixed kinds, nil, strings, and extension through the protocols.
(require '[clojure.data :as data])

(doseq [[a b] [[1 1] [1 2] [nil nil] [nil 1] [1 nil] ["ab" "ac"] [:a :a]
               [{:a 1} {:a 1}] [{:a 1 :b 2} {:a 1 :b 3}] [{:a 1} {:b 2}]
               [{:a {:b 1 :c 2}} {:a {:b 1 :c 3}}]
               [{:a nil} {:a nil :b nil}] [{:a nil} {}] [{} {:a nil}]
               [{:a [1 2 3]} {:a [1 5 3 4]}]
               [[1 2 3] [1 2 3]] [[1 2 3] [1 2]] [[1 2] [1 2 3]] [[1 2 3] [3 2 1]]
               ['(1 2 3) [1 2 4]] [[] []] [[] [1]] [[nil] [nil 1]]
               [[[1 2] [3 4]] [[1 2] [3 5]]]
               [#{1 2 3} #{2 3 4}] [#{1} #{1}] [#{} #{1}] [#{1 2} #{3 4}]
               [{:a 1} [1]] [[1] #{1}] [1 [1]] ["s" [\s]] [(range 3) [0 1 2]]
               [{:a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7 :h 8 :i 9} {:a 1 :b 2 :c 30}]
               [{1 :a 2 :b} {2 :b 3 :c}]
               [{:x {:y [1 {:z #{1 2}}]}} {:x {:y [1 {:z #{2 3}}]}}]]]
  (prn a b '=> (data/diff a b)))

(defrecord P [x y])
(prn (data/diff (->P 1 2) (->P 1 3)))
(prn (data/equality-partition nil) (data/equality-partition 1) (data/equality-partition "s")
     (data/equality-partition [1]) (data/equality-partition '(1)) (data/equality-partition #{})
     (data/equality-partition {}) (data/equality-partition (sorted-map)) (data/equality-partition (sorted-set)))
