; a tiny expression-language interpreter written with maps, case and recursion
(declare evaluate)
(defn lookup [env sym]
  (if (contains? env sym)
    (get env sym)
    (throw (ex-info (str "unbound: " sym) {:sym sym}))))
(defn apply-fn [f args]
  (if (fn? f)
    (apply f args)
    (let [{:keys [params body env]} f]
      (evaluate body (merge env (zipmap params args))))))
(defn evaluate [expr env]
  (cond
    (number? expr) expr
    (symbol? expr) (lookup env expr)
    (seq? expr)
    (let [[op & args] expr]
      (case op
        if (let [[c t e] args] (if (evaluate c env) (evaluate t env) (evaluate e env)))
        let (let [[[name val] body] args]
              (evaluate body (assoc env name (evaluate val env))))
        fn (let [[params body] args] {:params params :body body :env env})
        (let [f (evaluate op env)]
          (apply-fn f (map #(evaluate % env) args)))))
    :else (throw (ex-info "bad expression" {:expr expr}))))
(def global {'+ + '- - '* * '< < '= =})
(defn run [expr]
  (try (evaluate expr global)
       (catch clojure.lang.ExceptionInfo e (str "error: " (ex-message e)))))
(prn (run '(+ 1 2)))
(prn (run '(let [x 5] (* x x))))
(prn (run '(if (< 1 2) 10 20)))
(prn (run '((fn [a b] (- a b)) 10 3)))
(prn (run '(let [sq (fn [n] (* n n))] (+ (sq 3) (sq 4)))))
(prn (run '(let [adder (fn [n] (fn [m] (+ n m)))] ((adder 10) 5))))
(prn (run '(+ y 1)))
(prn (run '(let [x 1] (let [x (+ x 1)] (let [x (* x 10)] x)))))
(prn (run "string"))
(def fact-expr
  '(let [fact (fn [self n] (if (< n 2) 1 (* n (self self (- n 1)))))]
     (fact fact 10)))
(prn (run fact-expr))
