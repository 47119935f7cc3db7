; ends in an uncaught ex-info thrown from nested calls; finally blocks still run
(defn inner [x]
  (try
    (when (> x 2) (throw (ex-info "too big" {:x x})))
    (* x 10)
    (finally (println "inner finally" x))))
(defn outer [xs] (mapv inner xs))
(prn (outer [1 2]))
(prn (try (outer [1 5]) (catch Exception e (ex-message e))))
(prn (outer [0 3 1]))
(prn :unreachable)
