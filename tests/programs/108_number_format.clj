; format with BigInt, BigInteger, Ratio and BigDecimal arguments
(defmacro msg [form] `(try ~form (catch IllegalArgumentException e# (ex-message e#))))
(prn (msg (format "%d" 10N)) (msg (format "%d" (biginteger 12345678901234567890N))) (msg (format "%s %s %s" 1N 1/2 1.5M)) (msg (format "%.2f" 1.5M)) (msg (format "%.3f" 1/3)))
(prn (format "%.2f" 150M) (format "%.1f" 1E+3M) (format "%.3e" 12345.678M) (format "%10.4f|" -2.5M) (format "%.0f" 0.5M) (format "%,.2f" 1234567.891M) (format "%f" 1.5M))
(prn (format "%s|%5s|%-6s|" 2N 1/3 0.5M) (str "x" 1N 1/2 1.5M))
