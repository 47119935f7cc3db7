;; A lazy seq and a delay shared by four futures are realized once.
(def calls (atom 0))
(def xs (map (fn [i] (swap! calls inc) (Thread/sleep 1) i) (range 200)))
(def d (delay (swap! calls + 1000) (Thread/sleep 20) :d))
(def fs (doall (for [_ (range 4)] (future [(reduce + xs) @d]))))
(println (mapv deref fs))
(println @calls)
(shutdown-agents)
