; bad input to the numeric tower: the JVM's exception classes and messages
(defmacro err [form]
  `(try ~form (catch Throwable e# [(class e#) (ex-message e#)])))
(prn (err (+ 1N :a)) (err (+ 1/2 "x")) (err (* 1.5M nil)) (err (- nil 1N)))
(prn (err (numerator 1)) (err (denominator 1.5)) (err (bigint nil)) (err (bigint "12x")))
(prn (err (/ 0N 0)) (err (/ 1.5M 0)) (err (mod 1/2 0)) (err (rem 1.5M 0M)) (err (quot 1/2 0)))
(prn (err (< 1N :a)) (err (compare 1/2 "a")) (err (zero? nil)) (err (even? 1/2)) (err (even? 1.5M)))
(prn (err (bit-and 1/2 1)) (err (bit-or 1.5M 1)) (err (long 1e30M)))
(prn (err (/ 1 3M)) (err (/ 2M 3)) (err (bigdec :x)) (err (rationalize nil)))
(prn (err (Long/parseLong "99999999999999999999")) (err (+ 1 nil)) (err (< 1 nil)) (err (inc nil)) (err (* 2 :a)))
