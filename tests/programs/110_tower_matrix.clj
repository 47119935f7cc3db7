; every arithmetic op and predicate over pairs of long, BigInt, Ratio, double and BigDecimal
; operands (contagion, overflow, zero divisors, Long/MIN_VALUE): value and class, or the error.
; The macros expand to direct calls such as (/ 1/2 0M), as a program would write them.
(defmacro t [form] `(try (let [r# ~form] [r# (class r#)]) (catch Throwable e# [:err (class e#) (ex-message e#)])))
; for fns whose JVM result is an Integer, which Folio has not: the value only
(defmacro v [form] `(try ~form (catch Throwable e# [:err (class e#) (ex-message e#)])))

(def operands '[0 -7 2N -123456789012345678901N 1/2 -7/3 -1.25 1.5M 0M 0.10M 9223372036854775807 -9223372036854775808])

(defmacro binary [& ops]
  `(do ~@(for [op ops a operands] `(prn ~@(for [b operands] `(t (~op ~a ~b)))))))

(defmacro unary [wrap & fs]
  `(do ~@(for [f fs] `(prn ~@(for [a operands] `(~wrap (~f ~a)))))))

(binary + - * / quot rem mod < <= = == max min +' *' -')
(prn (for [a operands b operands] (v (compare a b))))
(unary t inc dec - zero? pos? neg? abs double long bigint bigdec rationalize str pr-str integer? rational?
       ratio? decimal? float? even? odd? inc' dec' num biginteger unchecked-long)
(unary v hash int unchecked-int)
