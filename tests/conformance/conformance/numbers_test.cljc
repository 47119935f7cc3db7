(ns conformance.numbers-test
  "clojure.core's numeric tower: BigInt, Ratio, BigDecimal, promotion, contagion."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest literals-test
  (are [x y] (= x y)
    1N (bigint 1), 4/2 2, 2/4 1/2, -3/6 -1/2, 0x10N 16N, 1.50M (bigdec "1.50"))
  (is (= clojure.lang.BigInt (class 123456789012345678901)))
  (is (= Long (class 9223372036854775807)))
  (is (= clojure.lang.BigInt (class 9223372036854775808)))
  (is (= clojure.lang.Ratio (class 1/3)))
  (is (= java.math.BigDecimal (class 1.5M))))

(deftest ratio-test
  (are [x y] (= x y)
    (/ 1 3) 1/3, (/ 4 2) 2, (/ 6 -4) -3/2, (/ 4) 1/4, (+ 1/2 1/3) 5/6, (* 2/3 3/2) 1N,
    (- 1/2) -1/2, (inc 1/2) 3/2, (numerator 6/8) 3, (denominator 6/8) 4,
    (numerator -1/3) -1, (denominator -1/3) 3)
  (is (ratio? 1/2))
  (is (not (ratio? 2/2)))
  (is (rational? 1/2))
  (is (rational? 1N))
  (is (not (rational? 0.5)))
  (is (= 0.5 (double 1/2)))
  (is (thrown? ClassCastException (numerator 1)))
  (is (thrown? ArithmeticException (/ 1 0)))
  (is (thrown? ArithmeticException (/ 1/2 0))))

(deftest promotion-test
  (are [x y] (= x y)
    (+' Long/MAX_VALUE 1) 9223372036854775808N
    (-' Long/MIN_VALUE 1) -9223372036854775809N
    (*' Long/MAX_VALUE 2) 18446744073709551614N
    (inc' Long/MAX_VALUE) 9223372036854775808N
    (dec' Long/MIN_VALUE) -9223372036854775809N
    (-' Long/MIN_VALUE) 9223372036854775808N
    (+' 1 2) 3
    (reduce *' (range 1 21)) 2432902008176640000
    (reduce *' (range 1 26)) 15511210043330985984000000N)
  (is (= Long (class (+' 1 2))))
  (is (thrown-with-msg? ArithmeticException #"long overflow" (+ Long/MAX_VALUE 1)))
  (is (thrown-with-msg? ArithmeticException #"long overflow" (* Long/MAX_VALUE 2)))
  (is (thrown-with-msg? ArithmeticException #"long overflow" (dec Long/MIN_VALUE))))

(deftest contagion-test
  (are [x c] (= c (class x))
    (+ 1 1N) clojure.lang.BigInt
    (+ 1N 1/2) clojure.lang.Ratio
    (+ 1/2 1/2) clojure.lang.BigInt
    (+ 1/2 0.5) Double
    (+ 1N 1.5M) java.math.BigDecimal
    (+ 1/2 1.5M) java.math.BigDecimal
    (+ 1.5M 1.0) Double
    (* 2N 3) clojure.lang.BigInt
    (quot 7N 2) clojure.lang.BigInt
    (rem 7/2 2) clojure.lang.Ratio))

(deftest equality-test
  (is (= 1 1N))
  (is (= 1N (biginteger 1)))
  (is (not= 1 1.0))
  (is (not= 1/2 0.5))
  (is (== 1/2 0.5))
  (is (== 1 1N 1.0 1M))
  (is (not= 1.5M 1.5))
  (is (= 1.5M 1.50M))
  (is (= [1 2] [1N 2N]))
  (is (= {1 :a} {1N :a}))
  (is (= 1N (get {1 1N} 1N))))

(deftest hash-test
  (is (= (hash 1) (hash 1N) (hash (biginteger 1))))
  (is (= (hash 1.5M) (hash 1.50M)))
  (is (= (hash 1/2) (hash 2/4)))
  (is (= 1 (count (set [1 1N (biginteger 1)]))))
  (is (= 2 (count (set [1 1.0])))))

(deftest compare-test
  (are [x y c] (= c (compare x y))
    1N 2 -1, 1/2 1/3 1, 1/2 0.5 0, 1.5M 1.50M 0, 2.5M 2 1)
  (is (= [1/4 0.3 1/2 1N 1.5M] (sort [1.5M 1/2 1N 1/4 0.3])))  ; every pair comparable: 1.5M vs 1/3 throws on the JVM
  (is (= 1/2 (max 1/3 1/2)))
  (is (= 0.4 (min 1/2 0.4))))

(deftest quot-rem-mod-test
  (are [x y] (= x y)
    (quot 7N 2) 3N, (rem -7N 2) -1N, (mod -7N 2) 1N, (quot 7/2 1) 3N,
    (rem 7/2 2) 3/2, (mod -7/2 1) 1/2, (mod 7N -2) -1N, (quot 7.5M 2) 3.0M, (rem 7.5M 2) 1.5M))

(deftest predicates-test
  (are [f x y] (= y (f x))
    zero? 0N true, pos? 1/2 true, neg? -1.5M true, even? 10N true, odd? 11N true,
    integer? 1N true, integer? 1/2 false, decimal? 1.5M true, float? 1.5M false,
    number? 1/3 true, abs -3/4 3/4, abs -5N 5N))

(deftest conversion-test
  (are [x y] (= x y)
    (bigint 3.7) 3N, (bigint 7/2) 3N, (bigint "123456789012345678901") 123456789012345678901N,
    (biginteger 42) 42, (bigdec 3) 3M, (bigdec 0.1) 0.1M, (bigdec 1/4) 0.25M,
    (rationalize 0.25) 1/4, (rationalize 1.5M) 3/2, (long 42N) 42, (long 7/2) 3, (int -7/2) -3,
    (double 1N) 1.0, (long 3.99M) 3)
  (is (thrown? IllegalArgumentException (long 100000000000000000000N)))
  (is (thrown? NumberFormatException (bigint "12x"))))

(deftest bigdecimal-test
  (are [x y] (= x y)
    (+ 1.5M 2.25M) 3.75M, (* 1.5M 2.25M) 3.375M, (- 1.5M) -1.5M, (/ 3M 2) 1.5M, (/ 1M 4M) 0.25M)
  (is (thrown? ArithmeticException (/ 1M 3)))
  (is (= "1.50" (str 1.50M)))
  (is (= "1.5M" (pr-str 1.5M)))
  (is (= "1E+3M" (pr-str 1e3M))))

(deftest with-precision-test
  (is (= 0.3333333333M (with-precision 10 (/ 1M 3))))
  (is (= 0.66M (with-precision 2 :rounding FLOOR (/ 2M 3))))
  (is (= 2.23M (with-precision 3 (+ 1.2345M 1))))
  (is (= 2M (with-precision 1 :rounding HALF_EVEN (+ 2.5M 0)))))

(deftest unchecked-test
  (are [x y] (= x y)
    (unchecked-add-int 2147483647 1) -2147483648
    (unchecked-multiply-int 65536 65536) 0
    (unchecked-divide-int 7 -2) -3
    (unchecked-remainder-int -7 2) -1
    (unchecked-negate-int -2147483648) -2147483648
    (unchecked-long 1.9) 1
    (unchecked-int 4294967297) 1
    (unchecked-byte 200) -56
    (unchecked-short 32768) -32768
    (unchecked-char 65) \A
    (unchecked-add Long/MAX_VALUE 1) Long/MIN_VALUE))

(deftest printing-test
  (are [x s] (= s (pr-str x))
    1N "1N", 1/3 "1/3", 1.5M "1.5M", (biginteger 7) "7", (numerator 3/4) "3", [1N 1/2] "[1N 1/2]")
  (are [x s] (= s (str x))
    1N "1", 1/3 "1/3", 1.5M "1.5"))

(deftest promise-test
  (let [p (promise)]
    (is (not (realized? p)))
    (is (= :timeout (deref p 10 :timeout)))
    (is (= p (deliver p 42)))
    (is (nil? (deliver p 43)))
    (is (= 42 @p))
    (is (realized? p))))
