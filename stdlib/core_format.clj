;; core_format.clj - clojure.core/format (java.util.Formatter semantics) when
;; the runtime has no native for it, and printf.
;;
;; Supported: %[index$ or <][flags -#+ 0,(][width][.precision] with the
;; conversions s S b B c C d o x X f e E g G % n. Doubles are formatted from
;; their shortest decimal representation (what str prints), rounded HALF_UP, as
;; Java's Formatter does: (format "%.2f" 2.675) is "2.68".

(defn- fmt-fail [cls msg] (throw (folio-throwable cls msg)))

(defn- fmt-conversion-error [conv x]
  (fmt-fail "java.util.IllegalFormatConversionException"
            (str conv " != " (if (nil? x) "null" (.getName (class x))))))

(defn- fmt-repeat [n c] (apply str (repeat n c)))

(defn- fmt-pad
  "s padded to width: on the right with '-', else on the left."
  [s width left?]
  (let [n (- (or width 0) (count s))]
    (cond (<= n 0) s
          left? (str s (fmt-repeat n \space))
          :else (str (fmt-repeat n \space) s))))

(defn- fmt-group
  "Digits with a comma every three from the right."
  [digits]
  (let [n (count digits)]
    (loop [i 0 out []]
      (if (< i n)
        (recur (inc i) (if (and (pos? i) (zero? (rem (- n i) 3)))
                         (conj out \, (nth digits i))
                         (conj out (nth digits i))))
        (apply str out)))))

(defn- fmt-has? [flags c] (boolean (some (fn [f] (= f c)) flags)))

;; A number's magnitude text `body` with sign, flags and width applied.
(defn- fmt-signed [neg? body flags width]
  (let [paren (and neg? (fmt-has? flags \())
        prefix (cond paren "(" neg? "-" (fmt-has? flags \+) "+" (fmt-has? flags \space) " " :else "")
        suffix (if paren ")" "")
        zeros (if (and (fmt-has? flags \0) width)
                (max 0 (- width (count prefix) (count body) (count suffix)))
                0)]
    (fmt-pad (str prefix (fmt-repeat zeros \0) body suffix) width (fmt-has? flags \-))))

;; ---------------------------------------------------------------- integers

(defn- fmt-unsigned
  "The 64-bit two's complement digits of long x in base 2^bits."
  [x bits]
  (let [mask (dec (bit-shift-left 1 bits))
        digits "0123456789abcdef"]
    (loop [x x out ()]
      (let [out (conj out (nth digits (bit-and x mask)))
            x (unsigned-bit-shift-right x bits)]
        (if (zero? x) (apply str out) (recur x out))))))

(defn- fmt-integer [conv x flags width]
  (when-not (or (int? x) (and (= conv \d) (instance? java.math.BigInteger x)))  ; not BigInt
    (fmt-conversion-error conv x))
  (cond
    (= conv \d)
    (let [s (str x)
          neg? (= \- (nth s 0))
          digits (if neg? (subs s 1) s)]
      (fmt-signed neg? (if (fmt-has? flags \,) (fmt-group digits) digits) flags width))

    :else
    (let [body (fmt-unsigned x (if (= conv \o) 3 4))
          body (if (fmt-has? flags \#) (str (if (= conv \o) "0" "0x") body) body)
          zeros (if (and (fmt-has? flags \0) width) (max 0 (- width (count body))) 0)
          s (fmt-pad (str (fmt-repeat zeros \0) body) width (fmt-has? flags \-))]
      (if (= conv \X) (clojure.string/upper-case s) s))))

;; ---------------------------------------------------------------- floating point

;; The decimal digits of a finite non-negative double or BigDecimal, as [digits point]: the
;; value is 0.digits * 10^point, digits without leading zeros ("0" for zero).
(defn- fmt-decimal [d]
  (let [s (str d)
        e (clojure.string/index-of s "E")
        mant (if e (subs s 0 e) s)
        ex (if e (parse-long (subs s (inc e))) 0)
        dot (or (clojure.string/index-of mant ".") (count mant))
        ip (subs mant 0 dot)
        digits (str ip (subs mant (min (inc dot) (count mant))))]
    (loop [digits digits point (+ (count ip) ex)]
      (if (and (> (count digits) 1) (= \0 (nth digits 0)))
        (recur (subs digits 1) (dec point))
        [digits point]))))

;; digits rounded HALF_UP to their first k (>= 0) digits: [digits point-increment]
(defn- fmt-round [digits k]
  (if (>= k (count digits))
    [(str digits (fmt-repeat (- k (count digits)) \0)) 0]
    (let [kept (subs digits 0 k)]
      (if (< (int (nth digits k)) (int \5))
        [kept 0]
        ;; add one to the kept digits, carrying
        (loop [i (dec k) out ()]
          (if (neg? i)
            [(apply str \1 out) 1]
            (let [c (nth kept i)]
              (if (= c \9)
                (recur (dec i) (conj out \0))
                (let [head (subs kept 0 i)]
                  [(str head (char (inc (int c))) (apply str out)) 0])))))))))

(defn- fmt-fixed-body [digits point prec group?]
  (let [k (+ point prec)
        [ds point] (if (neg? k)
                     ["" point]
                     (let [[r inc?] (fmt-round digits k)] [r (+ point inc?)]))
        ;; align so that the decimal point falls after `point` digits
        ds (if (neg? point) (str (fmt-repeat (- point) \0) ds) ds)
        point (max point 0)
        ds (str ds (fmt-repeat (max 0 (- (+ point prec) (count ds))) \0))
        ip (subs ds 0 point)
        ip (if (empty? ip) "0" ip)
        fp (subs ds point (+ point prec))]
    (str (if group? (fmt-group ip) ip) (when (pos? prec) (str "." fp)))))

(defn- fmt-sci-body [digits point prec upper?]
  (let [zero? (= digits "0")
        [ds inc?] (if zero? [(fmt-repeat (inc prec) \0) 0] (fmt-round digits (inc prec)))
        ex (if zero? 0 (+ point inc? -1))
        ds (subs ds 0 (inc prec))
        exs (str (if (neg? ex) "-" "+") (let [a (str (abs ex))] (if (< (count a) 2) (str "0" a) a)))]
    (str (subs ds 0 1) (when (pos? prec) (str "." (subs ds 1))) (if upper? "E" "e") exs)))

(defn- fmt-float [conv x flags width prec]
  (when-not (or (double? x) (decimal? x)) (fmt-conversion-error conv x))
  (let [upper? (contains? #{\E \G} conv)]
    (if (or (NaN? x) (infinite? x))
      (let [s (cond (NaN? x) "NaN" (pos? x) (if (fmt-has? flags \+) "+Infinity" "Infinity") :else "-Infinity")]
        (fmt-pad s width (fmt-has? flags \-)))
      (let [s (str x)
            neg? (= \- (nth s 0))
            [digits point] (fmt-decimal (abs x))
            group? (fmt-has? flags \,)
            body (case conv
                   \f (fmt-fixed-body digits point (or prec 6) group?)
                   (\e \E) (fmt-sci-body digits point (or prec 6) upper?)
                   (\g \G)
                   (let [p (cond (nil? prec) 6 (zero? prec) 1 :else prec)
                         rpoint (if (= digits "0") 1 (+ point (second (fmt-round digits p))))]
                     (if (and (not= digits "0") (or (< rpoint -3) (> rpoint p)))
                       (fmt-sci-body digits point (dec p) upper?)
                       (fmt-fixed-body digits point (- p rpoint) group?))))]
        (fmt-signed neg? body flags width)))))

;; ---------------------------------------------------------------- format

(defn- fmt-text [conv x prec]
  (let [s (case conv
            (\s \S) (if (nil? x) "null" (str x))
            (\b \B) (str (if (boolean? x) x (some? x)))
            (\c \C) (cond (nil? x) "null"
                          (char? x) (str x)
                          :else (fmt-conversion-error conv x)))
        s (if (and prec (< prec (count s))) (subs s 0 prec) s)]
    (if (contains? #{\S \B \C} conv) (clojure.string/upper-case s) s)))

(when-missing format
  (defn format
    "A string from the format string fmt and args, as java.util.Formatter does."
    [fmt & args]
    (let [args (vec args)
          n (count fmt)]
      (loop [i 0 out [] ai 0 last-arg -1]
        (if (>= i n)
          (apply str out)
          (let [pct (clojure.string/index-of fmt "%" i)]
            (if (nil? pct)
              (apply str (conj out (subs fmt i)))
              (let [m (re-find #"^(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([a-zA-Z%])" (subs fmt (inc pct)))
                    _ (when-not m
                        (fmt-fail "java.util.UnknownFormatConversionException"
                                  (str "Conversion = '" (if (< (inc pct) n) (nth fmt (inc pct)) "%") "'")))
                    [whole idx flags width prec conv] m
                    conv (nth conv 0)
                    width (when width (parse-long width))
                    prec (when prec (parse-long (subs prec 1)))
                    out (conj out (subs fmt i pct))
                    next-i (+ pct 1 (count whole))]
                (cond
                  (= conv \%) (recur next-i (conj out (fmt-pad "%" width (fmt-has? flags \-))) ai last-arg)
                  (= conv \n) (recur next-i (conj out "\n") ai last-arg)
                  :else
                  (let [[k ai] (cond
                                 idx [(dec (parse-long (subs idx 0 (dec (count idx))))) ai]
                                 (fmt-has? flags \<) [last-arg ai]
                                 :else [ai (inc ai)])
                        _ (when-not (< -1 k (count args))
                            (fmt-fail "java.util.MissingFormatArgumentException"
                                      (str "Format specifier '%" whole "'")))
                        x (nth args k)
                        s (case conv
                            (\d \o \x \X) (if (nil? x) (fmt-pad "null" width (fmt-has? flags \-))
                                              (fmt-integer conv x flags width))
                            (\f \e \E \g \G) (if (nil? x) (fmt-pad "null" width (fmt-has? flags \-))
                                                 (fmt-float conv x flags width prec))
                            (\s \S \b \B \c \C) (fmt-pad (fmt-text conv x prec) width (fmt-has? flags \-))
                            (fmt-fail "java.util.UnknownFormatConversionException"
                                      (str "Conversion = '" conv "'")))]
                    (recur next-i (conj out s) ai k)))))))))))

(defn printf "Prints (apply format fmt args)." [fmt & args]
  (print (apply format fmt args)))
