;; Threads take turns: a spinning main thread and CPU-bound futures all progress.
(def a (atom 0))
(future (dotimes [_ 100000] (swap! a inc)))
(def t0 (System/currentTimeMillis))
(loop [spins 0] (if (< @a 100000) (recur (inc spins)) (println "spun" (pos? spins))))
(println @a)
;; two cpu-bound futures both progress
(def x (atom 0)) (def y (atom 0))
(def f1 (future (dotimes [_ 200000] (swap! x inc))))
(def f2 (future (dotimes [_ 200000] (swap! y inc))))
(Thread/sleep 30)
(println (pos? @x) (pos? @y))
@f1 @f2
(println @x @y (< (- (System/currentTimeMillis) t0) 5000))
(shutdown-agents)
