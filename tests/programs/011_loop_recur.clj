; loop / recur
(println (loop [i 0 acc 0]
           (if (> i 10) acc (recur (inc i) (+ acc i)))))
(println (loop [n 5 acc 1]
           (if (zero? n) acc (recur (dec n) (* acc n)))))
(loop [i 0]
  (when (< i 3)
    (println "iteration" i)
    (recur (inc i))))
(prn (loop [xs [1 2 3 4 5] out []]
       (if (empty? xs)
         out
         (recur (rest xs) (conj out (* 2 (first xs)))))))
(prn (loop [[x & more] [3 1 4 1 5] best nil]
       (if (nil? x)
         best
         (recur more (if (or (nil? best) (> x best)) x best)))))
(defn gcd [a b] (if (zero? b) a (recur b (mod a b))))
(println (gcd 48 18) (gcd 17 5) (gcd 100 75))
(defn collatz-steps [n]
  (loop [n n steps 0]
    (cond (= n 1) steps
          (even? n) (recur (quot n 2) (inc steps))
          :else (recur (+ 1 (* 3 n)) (inc steps)))))
(prn (map collatz-steps [1 2 3 6 7 27]))
(println "deep recur" (loop [i 0] (if (< i 1000000) (recur (inc i)) i)))
(defn sum-to [n acc] (if (zero? n) acc (recur (dec n) (+ acc n))))
(println (sum-to 100000 0))
(prn (loop [a 0 b 1 n 0 out []]
       (if (= n 10) out (recur b (+ a b) (inc n) (conj out a)))))
(prn (loop [x 10] (if (pos? x) (recur (- x 3)) x)))
(prn (loop [] :no-bindings))
(prn (let [x 5] (loop [x x y (* x 2)] (if (> x 0) (recur (dec x) (+ y x)) [x y]))))
(defn rev [coll]
  (loop [c (seq coll) acc '()]
    (if c (recur (next c) (conj acc (first c))) acc)))
(prn (rev [1 2 3]) (rev nil))
(prn (loop [i 0 acc []]
       (if (< i 3)
         (recur (inc i) (loop [j 0 acc acc]
                          (if (< j 2) (recur (inc j) (conj acc [i j])) acc)))
         acc)))
