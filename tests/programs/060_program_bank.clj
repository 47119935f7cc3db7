; a small bank ledger: atoms, maps, ex-info, reduce
(def accounts (atom {}))
(defn open! [id initial]
  (when (contains? @accounts id)
    (throw (ex-info "account exists" {:id id})))
  (swap! accounts assoc id {:balance initial :history [[:open initial]]}))
(defn deposit! [id amt]
  (when-not (pos? amt) (throw (ex-info "invalid amount" {:amount amt})))
  (swap! accounts update id
         (fn [acct]
           (-> acct (update :balance + amt) (update :history conj [:deposit amt])))))
(defn withdraw! [id amt]
  (let [bal (get-in @accounts [id :balance])]
    (if (> amt bal)
      (throw (ex-info "insufficient funds" {:id id :balance bal :requested amt}))
      (swap! accounts update id
             (fn [acct]
               (-> acct (update :balance - amt) (update :history conj [:withdraw amt])))))))
(defn attempt [f & args]
  (try
    (apply f args)
    :ok
    (catch clojure.lang.ExceptionInfo e
      (println "  error:" (ex-message e) (ex-data e))
      :failed)))
(println (attempt open! :alice 100))
(println (attempt open! :bob 20))
(println (attempt open! :alice 5))
(println (attempt deposit! :alice 50))
(println (attempt deposit! :bob -5))
(println (attempt withdraw! :bob 30))
(println (attempt withdraw! :alice 120))
(doseq [[id {:keys [balance history]}] (sort-by key @accounts)]
  (println id "balance" balance)
  (doseq [[kind amt] history]
    (println "   " (name kind) amt)))
(println "total" (reduce + (map :balance (vals @accounts))))
(println "richest" (key (apply max-key (comp :balance val) @accounts)))
