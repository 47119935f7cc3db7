;; clojure.zip: navigation, editing, depth-first walks and errors on vector,
;; seq and xml zippers; locations themselves are printed (node and path).
(require '[clojure.zip :as z])

(def vz (z/vector-zip [1 [2 3 [4]] 5]))
(prn vz)
(prn (z/down vz))
(prn (-> vz z/down z/right))
(prn (-> vz z/down z/right z/down z/right))
(prn (-> vz z/down z/right z/down z/right z/up))
(prn (-> vz z/down z/rightmost) (-> vz z/down z/rightmost z/leftmost))
(prn (-> vz z/down z/right z/down z/rightmost z/left))
(prn (z/node (-> vz z/down z/right z/down z/right z/right z/down)))
(let [loc (-> vz z/down z/right z/down z/right)]
  (prn (z/node loc) (z/path loc) (z/lefts loc) (z/rights loc) (z/branch? loc) (z/end? loc)))
(prn (z/up vz) (z/left vz) (z/right vz) (z/down (z/down vz)) (-> vz z/down z/left))
(prn (z/children vz) (z/branch? vz) (z/root (-> vz z/down z/right z/down)))

(println "-- editing")
(prn (-> vz z/down (z/replace :one) z/root))
(prn (-> vz z/down z/right (z/edit conj 99) z/root))
(prn (-> vz z/down (z/insert-left :l) (z/insert-right :r) z/root))
(prn (-> vz z/down (z/insert-left :l)))
(prn (-> vz (z/insert-child :first) (z/append-child :last) z/root))
(prn (-> vz z/down z/right (z/insert-child 0) z/down z/rightmost (z/append-child 5) z/root))
(prn (-> vz z/down z/right z/down z/remove))
(prn (-> vz z/down z/right z/down z/remove z/root))
(prn (-> vz z/down z/right z/remove z/root))
(prn (-> vz z/down z/right z/down z/right z/right z/down z/remove z/root))
(prn (-> vz (z/replace [:new]) z/root) (-> vz (z/replace [:new])))
(prn (z/make-node vz [1] [7 8]))

(println "-- walks")
(loop [loc vz acc []]
  (if (z/end? loc)
    (do (prn acc) (prn loc) (prn (z/next loc)) (prn (z/root loc)))
    (recur (z/next loc) (conj acc (z/node loc)))))
(prn (loop [loc vz]
       (cond (z/end? loc) (z/root loc)
             (and (number? (z/node loc)) (odd? (z/node loc))) (recur (z/next (z/edit loc * 10)))
             :else (recur (z/next loc)))))
(prn (loop [loc vz]
       (cond (z/end? loc) (z/root loc)
             (= 3 (z/node loc)) (recur (z/next (z/remove loc)))
             :else (recur (z/next loc)))))
(let [last-loc (loop [loc vz] (let [n (z/next loc)] (if (z/end? n) loc (recur n))))]
  (prn (loop [loc last-loc acc []]
         (if loc (recur (z/prev loc) (conj acc (z/node loc))) acc))))

(println "-- seq-zip")
(def sz (z/seq-zip '(a (b c) () d)))
(prn (-> sz z/down z/right z/down z/right z/node))
(prn (-> sz z/down z/right z/right z/down))
(prn (-> sz z/down z/right (z/edit reverse) z/root))
(prn (-> sz z/down z/right z/right (z/insert-child 'x) z/root))
(prn (loop [loc sz acc []] (if (z/end? loc) acc (recur (z/next loc) (conj acc (z/node loc))))))
(prn (z/root (z/append-child (z/seq-zip (with-meta '(1) {:m 1})) 2))
     (meta (z/root (z/append-child (z/seq-zip (with-meta '(1) {:m 1})) 2))))

(println "-- xml-zip")
(def doc {:tag :a :attrs {:href "x"}
          :content [{:tag :b :attrs nil :content ["text"]}
                    {:tag :c :attrs nil :content nil}]})
(def xz (z/xml-zip doc))
(prn (-> xz z/down z/node))
(prn (-> xz z/down z/down z/node))
(prn (-> xz z/down z/right (z/append-child "new") z/root))
(prn (-> xz z/down z/down (z/replace "changed") z/root))

(println "-- errors")
(doseq [f [#(z/children (z/down vz))
           #(z/insert-left vz 1)
           #(z/insert-right vz 1)
           #(z/remove vz)]]
  (prn (try (f) (catch Exception e [(class e) (ex-message e)]))))
