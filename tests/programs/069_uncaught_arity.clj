; calling a function with the wrong number of arguments, uncaught
(defn two-args [a b] (+ a b))
(println (two-args 1 2))
(println (try (two-args 1) (catch clojure.lang.ArityException e "caught once")))
(two-args 1 2 3)
(println "never printed")
