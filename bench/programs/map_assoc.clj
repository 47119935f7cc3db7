;; map_assoc: assoc 1e6 distinct long keys into a persistent hash map, one at a time.
(println
 (count
  (loop [i 0 m {}]
    (if (< i 1000000)
      (recur (inc i) (assoc m i i))
      m))))
