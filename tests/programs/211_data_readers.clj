;; Tagged literals through *data-readers*, *default-data-reader-fn* and
;; default-data-readers: in read-string, in read, in code passed to eval; the
;; built-in #inst/#uuid read as values; a data reader that throws.
(defn point [[x y]] {:x x :y y})
(prn (binding [*data-readers* {'pt point}] (read-string "#pt [1 2]")))
(prn (binding [*data-readers* {'pt #'point}] (read-string "[#pt [1 2] #pt [3 4]]")))
(prn (binding [*default-data-reader-fn* (fn [t v] [:unknown t v])] (read-string "#what/ever {:a 1}")))
(prn (binding [*default-data-reader-fn* (fn [t v] [:unknown t v])] (read-string "#inst \"2020-01-01T00:00:00.000-00:00\"")))
(prn (try (read-string "#nope 1") (catch Exception e [(class e) (ex-message e)])))
(prn (binding [*data-readers* {'inst (fn [s] [:my-inst s])}] (read-string "#inst \"2020\"")))
(prn (sort (keys default-data-readers)))
(prn *data-readers* *default-data-reader-fn*)
(prn (binding [*data-readers* {'pt point}] (eval (read-string "(:x #pt [5 6])"))))
(prn (with-in-str "#pt [7 8]" (binding [*data-readers* {'pt point}] (read))))
(prn (binding [*data-readers* {'pt (fn [_] (throw (ex-info "bad" {})))}] (try (read-string "#pt 1") (catch Exception e [(class e) (ex-message e)]))))
