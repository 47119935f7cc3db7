;; seque: a bounded queue filled ahead of consumption by an agent.
(defn show [label f]
  (println label (try (f) (catch Throwable e [:caught (type e) (ex-message e)
                                              (some-> e ex-cause ex-message)]))))

(show "values" #(seque [1 2 3]))
(show "nil items" #(vec (seque [nil 1 nil 2 nil])))
(show "empty" #(seque []))
(show "nil coll" #(seque nil))
(show "seq of empty" #(seq (seque 5 [])))
(show "lazy until asked" #(realized? (seque [1])))
(show "default size" #(count (seque (range 250))))
(show "size 1" #(vec (seque 1 (range 10))))
(show "fractional size" #(vec (seque 2.7 [1 2 3])))
(show "infinite" #(take 10 (seque 4 (iterate inc 0))))
(show "sum" #(reduce + (seque 7 (range 10000))))
(show "nested" #(vec (seque 3 (seque 2 (range 20)))))
(show "with map/filter" #(->> (seque 5 (range 30)) (filter odd?) (map inc) (take 5)))

;; the producer runs ahead of the consumer by the queue's size, no further
(def realized (atom 0))
(def s (seque 3 (map (fn [x] (swap! realized inc) x) (iterate inc 0))))
(Thread/sleep 300)
(println "realized before consuming" @realized)
(println "first five" (take 5 s))
(Thread/sleep 300)
(println "realized after five" @realized)

;; a slow producer and a slow consumer
(show "slow producer" #(vec (seque 2 (map (fn [x] (Thread/sleep 3) (* x x)) (range 12)))))
(show "slow consumer" #(mapv (fn [x] (Thread/sleep 3) (- x)) (seque 2 (range 12))))

;; consumed on another thread
(show "in a future" #(deref (future (vec (seque 4 (range 15))))))

;; bad sizes fail at once, as LinkedBlockingQueue's constructor does
(show "size 0" #(seque 0 [1]))
(show "size -1" #(seque -1 [1]))
(show "size :a" #(seque :a [1]))

;; a coll that cannot be a seq ends the seq (the agent fails quietly)
(show "seq of a number" #(doall (seque 2 5)))

;; an item that throws: the agent fails, and the consumer's next send to it
;; throws "Agent is failed" with the item's exception as its cause
(defn boom [n] (map (fn [x] (if (= x n) (throw (ex-info "boom" {:at x})) x)) (iterate inc 0)))
(let [s (seque 10 (boom 5))]
  (Thread/sleep 300)
  (show "throws" #(doall s)))

(shutdown-agents)
