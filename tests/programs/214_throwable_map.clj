;; Throwable->map: :via down the cause chain, :cause, :data, :phase; frames in
;; :trace and :at (whose contents are the platform's) are checked only for shape.
(defn strip [m] (-> m (dissoc :trace) (update :via (fn [v] (mapv #(dissoc % :at) v)))))
(prn (strip (Throwable->map (ex-info "outer" {:a 1} (ex-info "inner" {:b 2} (IllegalStateException. "root"))))))
(prn (strip (Throwable->map (ex-info "only" {:k :v}))))
(prn (strip (Throwable->map (Exception. "plain"))))
(prn (strip (Throwable->map (Exception.))))
(prn (strip (Throwable->map (try (/ 1 0) (catch Exception e e)))))
(prn (strip (Throwable->map (ex-info "phase" {:clojure.error/phase :execution}))))
(let [m (Throwable->map (try (throw (ex-info "t" {})) (catch Exception e e)))]
  (prn (vector? (:trace m)) (every? vector? (:trace m)) (map count (take 1 (:trace m))) (vector? (:at (first (:via m))))))
(prn (keys (Throwable->map (RuntimeException. "x" (Exception. "c")))))
