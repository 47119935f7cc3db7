; letfn: local (mutually) recursive functions
(letfn [(my-even? [n] (if (zero? n) true (my-odd? (dec n))))
        (my-odd? [n] (if (zero? n) false (my-even? (dec n))))]
  (prn (map my-even? (range 6)))
  (prn (my-odd? 101)))
(prn (letfn [(fact [n] (if (<= n 1) 1 (* n (fact (dec n)))))]
       (fact 10)))
(prn (letfn [(f ([x] (f x 1)) ([x y] (+ x y)))] [(f 1) (f 1 5)]))
(prn (letfn [(sum [& xs] (apply + xs))] (sum 1 2 3)))
(defn tokenize [s]
  (letfn [(digit? [c] (<= (int \0) (int c) (int \9)))
          (step [cs tokens]
            (if-let [c (first cs)]
              (if (digit? c)
                (let [[ds more] (split-with digit? cs)]
                  (step more (conj tokens (apply str ds))))
                (step (rest cs) (if (= c \space) tokens (conj tokens (str c)))))
              tokens))]
    (step (seq s) [])))
(prn (tokenize "12 + 345*6"))
(prn (letfn [(a [] :a-val) (b [] (a))] (b)))
(let [x 10]
  (letfn [(add-x [y] (+ x y))]
    (prn (add-x 5))))
(prn (letfn [(ev? [n] (if (zero? n) true #(od? (dec n))))
             (od? [n] (if (zero? n) false #(ev? (dec n))))]
       (trampoline ev? 100001)))
(prn (letfn [(walk [t] (if (vector? t) (reduce + (map walk t)) t))]
       (walk [1 [2 3] [[4] 5]])))
