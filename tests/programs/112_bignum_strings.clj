; bigdec and bigint of strings, good and bad: the JVM exceptions and messages
(defmacro t [f] `(try ~f (catch Throwable e# [(class e#) (ex-message e#)])))
(prn (t (bigdec "abc")) (t (bigdec "1.2.3")) (t (bigdec "")) (t (bigdec "1e")) (t (bigdec " 1")) (t (bigdec "1x")) (t (bigdec "-")) (t (bigdec "1e999999999999")))
(prn (t (bigint "")) (t (bigint "-")) (t (bigint "+5")) (t (bigint " 5")) (t (biginteger "12a")) (t (bigint "0x10")))
