; an exception raised while realizing a lazy seq surfaces where it is realized
(def xs (map (fn [x] (if (= x 3) (throw (IllegalStateException. "bad element")) x)) (range 5)))
(println "lazy seq defined, nothing realized yet")
(println (take 2 (map inc [1 2 3])))
(println (try (doall xs) (catch IllegalStateException e (str "caught: " (ex-message e)))))
(def ys (lazy-seq (cons 1 (lazy-seq (throw (ex-info "deep failure" {:where :tail}))))))
(println "first of ys" (first ys))
(println "all of ys" (vec ys))
(println "never printed")
