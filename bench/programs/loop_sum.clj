;; loop_sum: tight loop/recur summing 0..5e7-1 (interpreter dispatch, integer add/compare).
(println
 (loop [i 0 acc 0]
   (if (< i 50000000)
     (recur (inc i) (+ acc i))
     acc)))
