;; vector_conj: conj 1e6 longs onto a persistent vector, one at a time.
(println
 (count
  (loop [i 0 v []]
    (if (< i 1000000)
      (recur (inc i) (conj v i))
      v))))
