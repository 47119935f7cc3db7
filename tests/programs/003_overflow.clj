; long overflow throws ArithmeticException; try/catch basics
(defn safe [f]
  (try
    (f)
    (catch ArithmeticException e
      (str "ArithmeticException: " (ex-message e)))))

(println (safe #(+ 9223372036854775807 1)))
(println (safe #(- -9223372036854775808 1)))
(println (safe #(* 9223372036854775807 2)))
(println (safe #(* 4611686018427387904 2)))
(println (safe #(* 3037000500 3037000500)))
(println (safe #(inc 9223372036854775807)))
(println (safe #(dec -9223372036854775808)))
(println (safe #(- -9223372036854775808)))
(println (safe #(/ 1 0)))
(println (safe #(quot 10 0)))
(println (safe #(rem 10 0)))
(println (safe #(mod 10 0)))
(println (safe #(* 3037000499 3037000499)))
(println (safe #(+ 9223372036854775806 1)))
(println (safe #(- -9223372036854775807 1)))
(println (safe #(reduce * (range 1 21))))
(println (safe #(reduce * (range 1 22))))
(println (safe #(unchecked-add 9223372036854775807 1)))
(println (safe #(unchecked-multiply 9223372036854775807 2)))
(println (safe #(unchecked-inc 9223372036854775807)))
(println (safe #(unchecked-negate -9223372036854775808)))
(println "caught as Exception:"
         (try (+ 9223372036854775807 9223372036854775807)
              (catch Exception e (ex-message e))))
(println "division by zero double" (/ 1.0 0) (/ -1 0.0))
