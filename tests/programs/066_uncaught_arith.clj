; ends in an uncaught ArithmeticException: stdout up to the error, exit code 1
(println "before")
(defn divide [a b] (quot a b))
(println (divide 10 2))
(println (divide 1 0))
(println "never printed")
