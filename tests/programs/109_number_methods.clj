; java.lang.Number methods and the tower's own, called as interop
(prn (.longValue 3.9) (.intValue 4294967297) (.doubleValue 1/4) (.floatValue 1/2) (.longValue 7/2))
(prn (.numerator 3/4) (.denominator 3/4) (.toBigInteger 12.5M) (.toBigInteger 5N) (.longValue 12345678901234567890N))
(prn (.intValue 2.5M) (.doubleValue 1.25M) (.toString 1N) (.toString 1/2) (.toString 1.50M))
(prn (class (.toBigInteger 5N)) (class (.numerator 3/4)) (+ (.numerator 3/4) 1))
