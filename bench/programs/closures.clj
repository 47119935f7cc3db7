;; closures: create 1e6 closures (each capturing the loop counter) and call each once.
(defn make-adder [n]
  (fn [x] (+ x n)))

(println
 (loop [i 0 acc 0]
   (if (< i 1000000)
     (recur (inc i) ((make-adder i) acc))
     acc)))
