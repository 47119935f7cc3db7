;; locking: contended counters stay exact; monitors are reentrant.
(def lock (Object.))
(def counter (volatile! 0))
(def total (atom 0))
(let [fs (doall (for [_ (range 4)]
                  (future
                    (dotimes [_ 10000]
                      (locking lock
                        (let [n @counter]
                          (vreset! counter (inc n))))))))]
  (doseq [f fs] @f))
(println "counter" @counter)

;; a read-modify-write with a yield inside the critical section
(def slow-count (volatile! 0))
(let [fs (doall (for [_ (range 4)]
                  (future
                    (dotimes [_ 25]
                      (locking slow-count
                        (let [n @slow-count]
                          (Thread/sleep 1)
                          (vreset! slow-count (inc n))))))))]
  (run! deref fs))
(println "slow" @slow-count)

;; reentrant
(println "reentrant" (locking lock (locking lock (locking lock :inside))))
;; the value of the body, and the lock is released on a throw
(println "value" (locking lock (+ 1 2)))
(try (locking lock (throw (Exception. "inside")))
     (catch Exception e (println "thrown" (.getMessage e))))
(println "free again" @(future (locking lock :got-it)))
;; any object can be a lock
(def m {:a 1})
(println "map lock" (locking m (:a m)))
;; ordering: the second thread waits for the first to leave
(def events (atom []))
(def started (promise))
(def t1 (future (locking lock
                  (deliver started true)
                  (Thread/sleep 100)
                  (swap! events conj :first-done))))
@started
(def t2 (future (locking lock (swap! events conj :second))))
@t1 @t2
(println "events" @events)
(shutdown-agents)
