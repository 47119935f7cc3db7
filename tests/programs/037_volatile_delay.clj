; volatiles and delays, force, realized?
(def v (volatile! 0))
(prn @v (vswap! v inc) (vswap! v + 10) (vreset! v 100) @v)
(prn (volatile? v) (volatile? (atom 0)))
(let [counter (volatile! 0)]
  (doseq [x (range 10)] (when (odd? x) (vswap! counter inc)))
  (prn @counter))
(def d (delay (println "computing...") (+ 1 2)))
(prn (realized? d))
(prn (force d) @d (deref d))
(prn (realized? d))
(prn (force 5) (force nil) (delay? d) (delay? 5))
(def lazy-config (delay {:port 8080}))
(prn (:port @lazy-config))
(defn make-cache []
  (let [computed (delay (do (println "expensive once") 99))]
    (fn [] @computed)))
(def get-value (make-cache))
(prn (get-value) (get-value))
(def failing (delay (throw (ex-info "delay failed" {}))))
(prn (try @failing (catch Exception e (ex-message e))))
(def dv (delay :plain))
(prn (deref dv) (realized? dv))
