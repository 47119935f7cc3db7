;; clojure.pprint/pprint: Clojure's layout of maps, vectors, lists, sets and
;; nested data at the default right margin (72) and others, *print-length*,
;; *print-level*, reader-macro forms, records, namespaced maps; print-table.
(require '[clojure.pprint :as pp])

(defrecord Point [x y])

(def samples
  [nil 1 "string" :kw 'sym \c 1.5 [] {} #{} '() (list 1 2)
   [1 2 3]
   (vec (range 25))
   (vec (range 40))
   (range 30)
   {:a 1 :b "two" :c [3 4]}
   {:name "Folio" :kind :dialect :tags [:clojure :vm :c++]
    :deps {:meson "1.0" :doctest "2.4" :boost "1.81"}
    :description "A Clojure dialect on a bytecode VM whose heap is made of offset-addressed pages"}
   [{:id 1 :name "alpha" :score 10} {:id 2 :name "beta" :score 20}
    {:id 3 :name "gamma" :score 30} {:id 4 :name "delta" :score 40}]
   {:a {:b {:c {:d {:e {:f [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20]}}}}}}
   '(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) 
   '(let [x 1 y 2 z (+ x y)] (println "the sum of x and y is" z "and that is all") (* z z z))
   [[1 2 3] [4 5 6] [7 8 9]]
   (vec (repeat 5 (vec (range 12))))
   {:matrix (vec (repeat 3 (vec (range 15)))) :label "m"}
   ['(quote x) '(clojure.core/deref a) '(var v) '(clojure.core/unquote u) '(quote a b)]
   (->Point 1 2)
   {:points [(->Point 1 2) (->Point 3 4)] :origin (->Point 0 0)}
   {:user/a 1 :user/b 2}
   {:x/a 1 :y/b 2}
   #{[1 2] [3 4]}
   (apply str (repeat 100 "x"))
   [(apply str (repeat 80 "y")) 1 2]
   {:k (apply str (repeat 66 "z"))}
   {:k (apply str (repeat 67 "z"))}
   {:k (apply str (repeat 68 "z"))}
   [1 [2 [3 [4 [5 [6 [7 [8 [9 [10 [11 [12 [13 [14 [15 [16 [17 [18 [19 [20 [21 [22 [23 [24]]]]]]]]]]]]]]]]]]]]]]]]
   (list {:a 1} {:b 2} [3 4 5] #{6})])

(doseq [x samples]
  (pp/pprint x))

(println "-- margins")
(doseq [m [10 20 30 40]]
  (binding [pp/*print-right-margin* m]
    (pp/pprint {:alpha [1 2 3 4 5] :beta {:gamma "delta" :epsilon [6 7 8]}})
    (pp/pprint (range 12))))
(doseq [m [7 8 9 10]]
  (binding [pp/*print-right-margin* m]
    (pp/pprint [1 2 3 4])
    (pp/pprint [[1 2] [3 4]])))

(println "-- print-length and print-level")
(binding [*print-length* 5]
  (pp/pprint (range 100))
  (pp/pprint {:a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7})
  (pp/pprint [[1 2 3 4 5 6 7] [8 9]]))
(binding [*print-level* 3]
  (pp/pprint [1 [2 [3 [4 [5]]]] {:a {:b {:c 1}}}]))

(println "-- in a string, after text")
(prn (with-out-str (pp/pprint (vec (range 30)))))
(print "prefix ")
(pp/pprint [1 2])

(println "-- print-table")
(pp/print-table [{:a 1 :b "two"} {:a 333 :b nil} {:a 4 :b "five!"}])
(pp/print-table [:b :a :missing] [{:a 1 :b 2} {:a 10 :b 20}])
(pp/print-table [])
(pp/print-table [{:name "Folio" :lines 14535}])

(println "-- margins nil, 0, negative")
(binding [pp/*print-right-margin* nil] (pp/pprint (vec (range 40))))
(binding [pp/*print-right-margin* 0] (pp/pprint [1 [2 3]]))
(binding [pp/*print-right-margin* -5] (pp/pprint {:a [2 3]}))
(binding [pp/*print-miser-width* nil] (pp/pprint (vec (range 30))))
