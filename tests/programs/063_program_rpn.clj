; a reverse polish notation calculator with error handling (no regexes, no interop)
(defn tokenize [s]
  (loop [cs (seq s) cur [] out []]
    (cond
      (empty? cs) (if (seq cur) (conj out (apply str cur)) out)
      (= \space (first cs)) (recur (rest cs) [] (if (seq cur) (conj out (apply str cur)) out))
      :else (recur (rest cs) (conj cur (first cs)) out))))
(defn parse-num [tok]
  (reduce (fn [acc c]
            (let [d (- (int c) (int \0))]
              (if (<= 0 d 9)
                (+ (* acc 10) d)
                (throw (ex-info (str "bad token: " tok) {:token tok})))))
          0 tok))
(def ops {"+" + "-" - "*" * "/" quot "max" max})
(defn eval-rpn [s]
  (let [stack (reduce
                (fn [stack tok]
                  (if-let [op (ops tok)]
                    (do (when (< (count stack) 2)
                          (throw (ex-info "stack underflow" {:token tok :stack stack})))
                        (let [b (peek stack) a (peek (pop stack))]
                          (conj (pop (pop stack)) (op a b))))
                    (conj stack (parse-num tok))))
                []
                (tokenize s))]
    (if (= 1 (count stack))
      (peek stack)
      (throw (ex-info "malformed expression" {:stack stack})))))
(doseq [expr ["1 2 +" "3 4 * 5 +" "10 2 8 * + 3 -" "2 3 4 5 max max *"
              "100 7 /" "1 +" "1 2" "1 x +" "5 0 /" "  7   "]]
  (println expr "=>"
           (try (eval-rpn expr)
                (catch clojure.lang.ExceptionInfo e
                  (str "error: " (ex-message e) " " (pr-str (ex-data e))))
                (catch ArithmeticException e
                  (str "arithmetic error: " (ex-message e))))))
