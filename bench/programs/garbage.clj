;; garbage: 78,125,000 iterations, each building a fresh 16-element vector of longs
;; that dies immediately. 78,125,000 x 16 x 8 B = 10 GB of nominal payload
;; (actual bytes depend on each runtime's object layout). One element of each
;; vector is folded into the result so the allocation cannot be elided.
(println
 (loop [i 0 acc 0]
   (if (< i 78125000)
     (let [v [i (+ i 1) (+ i 2) (+ i 3) (+ i 4) (+ i 5) (+ i 6) (+ i 7)
              (+ i 8) (+ i 9) (+ i 10) (+ i 11) (+ i 12) (+ i 13) (+ i 14) (+ i 15)]]
       (recur (inc i) (+ acc (nth v (bit-and i 15)))))
     acc)))
