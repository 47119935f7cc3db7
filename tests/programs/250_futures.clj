;; Futures: deref with and without timeout, status, cancellation, errors.
(def f (future (+ 1 2)))
(println "value" @f (deref f) (deref f 100 :late))
(println "future?" (future? f) (future? 1) (future? (promise)))
(println "done" (future-done? f) (realized? f) (future-cancelled? f))
(println "class" (class f))
(println "instance" (instance? java.util.concurrent.Future f) (instance? clojure.lang.IDeref f)
         (instance? clojure.lang.IPending f) (instance? clojure.lang.IBlockingDeref f))
(println "status" (re-find #"\{.*\}" (pr-str f)))
(def fc (future-call (fn [] (* 6 7))))
(println "future-call" @fc)

(def p (promise))
(def waiting (future (deref p)))
(Thread/sleep 50)
(println "pending" (future-done? waiting) (realized? waiting) (re-find #"\{.*\}" (pr-str waiting)))
(println "timeout" (deref waiting 20 :timed-out))
(deliver p :delivered)
(println "after deliver" @waiting (future-done? waiting))

(def boom (future (throw (ex-info "bad" {:k 1}))))
(try @boom
     (catch java.util.concurrent.ExecutionException e
       (println "caught" (class e) (.getMessage e))
       (println "cause" (class (ex-cause e)) (ex-message (ex-cause e)) (ex-data (ex-cause e)))))
(try (deref boom 10 :x)
     (catch Exception e (println "again" (class e))))
(println "failed done" (future-done? boom) (re-find #":status :\w+" (pr-str boom)))

(def slow (future (Thread/sleep 5000) :never))
(Thread/sleep 20)
(println "cancel" (future-cancel slow) (future-cancel slow))
(println "cancelled" (future-cancelled? slow) (future-done? slow) (realized? slow))
(try @slow (catch java.util.concurrent.CancellationException e (println "deref cancelled" (class e))))
(println "cancel done" (future-cancel f))

;; many futures, each its own value
(def fs (mapv (fn [i] (future (* i i))) (range 20)))
(println "squares" (map deref fs))
;; a future waiting for another
(def a (future (Thread/sleep 30) 10))
(def b (future (+ @a 1)))
(println "chain" @b)
;; side effects run once
(def runs (atom 0))
(def once (future (swap! runs inc) :ok))
(println "once" @once @once @runs)
(shutdown-agents)
