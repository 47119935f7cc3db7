; when, when-not, if-not, cond, condp, if-let, when-let, if-some, when-some, when-first
(println (when true :a) (when false :a) (when nil :a))
(println (when (pos? 1) (println "in when") :result))
(println (when-not false :b) (when-not true :b))
(println (if-not false :then :else) (if-not 1 :then :else))
(defn classify [n]
  (cond
    (neg? n) :negative
    (zero? n) :zero
    (< n 10) :small
    :else :large))
(prn (map classify [-5 0 3 100]))
(prn (cond false 1 nil 2) (cond :else :fallthrough))
(prn (cond))
(defn describe [x]
  (condp = x
    1 "one"
    2 "two"
    "many"))
(prn (map describe [1 2 3]))
(prn (condp < 5 10 :gt10 3 :gt3 :none))
(prn (condp some [1 2 3] #{0 4} :has-0-or-4 #{2} :>> inc :nothing))
(prn (try (condp = 99 1 :one) (catch IllegalArgumentException e (ex-message e))))
(prn (if-let [x (first [10 20])] (* x 2) :none))
(prn (if-let [x (first [])] (* x 2) :none))
(prn (if-let [x false] :t :f) (if-some [x false] [:some x] :none) (if-some [x nil] :t :none))
(prn (when-let [[a b] (seq [1 2 3])] (+ a b)))
(prn (when-let [x nil] (println "never") :never))
(prn (when-some [x false] [:got x]))
(prn (when-first [x [7 8 9]] (* x 10)) (when-first [x []] :never))
(defn sign [n] (cond (pos? n) 1 (neg? n) -1 :else 0))
(prn (mapv sign [-3 0 3]))
(prn (cond-> 1 true inc false (* 100) true (* 10)))
(let [x 7]
  (prn (cond (odd? x) (do (println "odd branch") :odd)
             (even? x) :even)))
