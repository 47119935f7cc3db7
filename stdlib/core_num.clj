;; core_num.clj - clojure.core, numbers: *math-context* and with-precision
;; (BigDecimal results rounded to a precision, vm/numtower_round.cpp reads the
;; binding), and *unchecked-math*, which Folio accepts and ignores (its
;; unchecked-* fns are always there).

(def ^:dynamic *math-context*
  "The precision and rounding of BigDecimal arithmetic, as [digits mode] (nil: exact).
  Bound by with-precision."
  nil)

(def ^:dynamic *unchecked-math*
  "Accepted for compatibility; Folio's + - * always check for long overflow."
  false)

(def ^:private rounding-modes '#{UP DOWN CEILING FLOOR HALF_UP HALF_DOWN HALF_EVEN UNNECESSARY})

(defmacro with-precision
  "Sets the precision and rounding mode for BigDecimal operations in body:
  (with-precision 10 (/ 1M 3)) or (with-precision 2 :rounding FLOOR (/ 2M 3)).
  The default rounding is HALF_UP."
  [precision & exprs]
  (let [[body rm] (if (= (first exprs) :rounding)
                    [(next (next exprs)) (second exprs)]
                    [exprs 'HALF_UP])]
    (when-not (contains? rounding-modes rm)
      (throw (IllegalArgumentException.
              (str "Unable to find static field: " rm " in class java.math.RoundingMode"))))
    `(binding [*math-context* [~precision '~rm]] ~@body)))
