;; clojure.datafy and clojure.core.protocols: datafy/nav defaults, exceptions,
;; atoms and refs, namespaces, protocol extension, extension via metadata.
(require '[clojure.datafy :as d] '[clojure.core.protocols :as p])
(prn (d/datafy 1) (d/datafy nil) (d/datafy [1 2]) (d/datafy {:a 1}))
(prn (d/nav {:a 1} :a 1) (d/nav [1 2] 0 1))
(let [e (d/datafy (ex-info "boom" {:k 1}))]
  (prn (:cause e) (:data e) (map :type (:via e)) (sort (keys e)))
  (prn (-> e meta ::d/class) (= (ex-message (-> e meta ::d/obj)) "boom")))
(let [a (atom {:x 1}) da (d/datafy a)]
  (prn da (-> da meta ::d/class)))
(let [r (ref 5 :meta {:m 1})] (prn (d/datafy r) (dissoc (meta (d/datafy r)) ::d/obj)))
(create-ns 'df.sample)
(intern 'df.sample 'pub 1)
(intern 'df.sample (with-meta 'priv {:private true}) 2)
(let [n (d/datafy (find-ns 'df.sample))]
  (prn (:name n) (keys (:publics n)) (keys (:interns n)) (-> n meta ::d/class)))
(defrecord Thing [a])
(extend-protocol p/Datafiable Thing (datafy [t] {:thing (:a t)}))
(extend-protocol p/Navigable Thing (nav [t k v] [:navigated k v]))
(prn (d/datafy (->Thing 7)) (d/nav (->Thing 7) :a 7))
(prn (-> (d/datafy (->Thing 7)) meta ::d/class))
(prn (d/datafy (with-meta {:a 1} {`p/datafy (fn [x] [:via-meta x])})))
