; ex-info, ex-data, ex-message, ex-cause
(def e1 (ex-info "Something failed" {:code 42 :reason :testing}))
(prn (ex-message e1) (ex-data e1) (ex-cause e1))
(prn (:code (ex-data e1)))
(def cause (ArithmeticException. "root cause"))
(def e2 (ex-info "Wrapper" {:level 2} cause))
(prn (ex-message e2) (ex-data e2) (ex-message (ex-cause e2)))
(prn (ex-data (ex-cause e2)) (ex-data (RuntimeException. "x")) (ex-data nil))
(prn (ex-message (RuntimeException. "rt msg")) (ex-message nil) (ex-cause nil))
(defn validate [user]
  (cond
    (nil? (:name user)) (throw (ex-info "Missing name" {:field :name :user user}))
    (neg? (:age user 0)) (throw (ex-info "Bad age" {:field :age :value (:age user)}))
    :else :ok))
(doseq [u [{:name "a" :age 1} {:age 1} {:name "b" :age -3}]]
  (prn (try (validate u)
            (catch clojure.lang.ExceptionInfo e
              [(ex-message e) (:field (ex-data e))]))))
(prn (try (throw (ex-info "with data" {:a 1}))
          (catch clojure.lang.ExceptionInfo e (ex-data e))))
(prn (try (throw (ex-info "caught as Exception" {}))
          (catch Exception e (ex-message e))))
(prn (try (throw (ex-info "caught as RuntimeException" {}))
          (catch RuntimeException e (ex-message e))))
(prn (try (/ 1 0)
          (catch clojure.lang.ExceptionInfo e :not-this)
          (catch ArithmeticException e :this)))
(defn wrap-errors [f]
  (try (f)
       (catch Exception e
         (throw (ex-info "wrapped" {:orig (ex-message e)} e)))))
(let [e (try (wrap-errors #(/ 1 0)) (catch Exception e e))]
  (prn (ex-message e) (ex-data e) (ex-message (ex-cause e))))
(prn (ex-data (ex-info "empty" {})) (ex-message (ex-info "" {})))
(prn (try (ex-info "bad" nil) (catch IllegalArgumentException e :ex-info-requires-map)))
(defn chain [e] (take-while some? (iterate ex-cause e)))
(prn (map ex-message (chain (ex-info "a" {} (ex-info "b" {} (ex-info "c" {}))))))
(prn (try (throw (ex-info "nested data" {:v [1 {:w #{2}}]})) (catch Exception e (get-in (ex-data e) [:v 1 :w]))))
