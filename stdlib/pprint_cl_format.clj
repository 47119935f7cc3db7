;; pprint_cl_format.clj - clojure.pprint, part 4: cl-format, Common Lisp's
;; FORMAT. A format string is parsed into a tree (literal strings and directive
;; maps; ~[ ~{ ~( ~< hold their clauses), then run against an argument
;; navigator [args position]. Running a list of directives returns the new
;; navigator, or an escape map when ~^ fired. Output goes to *out* through
;; emit, which tracks the column for ~T and ~&.
(in-ns 'clojure.pprint)

(def ^:dynamic ^:private *clf-col* nil)
(def ^:dynamic ^:private *clf-outer* nil)

(defn- clf-error [msg]
  (throw (Exception. (str msg))))

(defn- emit [^String s]
  (when (pos? (count s))
    (print s)
    (let [i (clojure.string/last-index-of s "\n")]
      (vreset! *clf-col* (if i (- (count s) i 1) (+ @*clf-col* (count s)))))))

(defn- capture
  "What f prints, as a string (the column continues from the current one)."
  [f]
  (let [sw (folio-new-string-writer)]
    (binding [*out* sw *clf-col* (volatile! @*clf-col*)]
      (let [r (f)] [(folio-writer-str sw) r]))))

;; ---------------------------------------------------------------- parsing

(def ^:private structural {\[ \] \{ \} \( \) \< \>})

(defn- parse-params
  "[params i] for the parameters of the directive whose text starts at i."
  [^String s i]
  (let [n (count s)]
    (loop [i i params [] cur nil]
      (let [c (when (< i n) (.charAt s i))]
        (cond
          (nil? c) (clf-error "Format string ends inside a directive")
          (= c \') (recur (+ i 2) params (.charAt s (inc i)))
          (#{\v \V} c) (recur (inc i) params :v)
          (= c \#) (recur (inc i) params :hash)
          (or (Character/isDigit c) (and (#{\+ \-} c) (nil? cur)))
          (let [j (loop [j (inc i)] (if (and (< j n) (Character/isDigit (.charAt s j))) (recur (inc j)) j))]
            (recur j params (parse-long (subs s (if (= c \+) (inc i) i) j))))
          (= c \,) (recur (inc i) (conj params cur) nil)
          :else [(if (and (nil? cur) (empty? params)) [] (conj params cur)) i])))))

(defn- tokenize [^String s]
  (let [n (count s)]
    (loop [i 0 out []]
      (if (>= i n)
        out
        (let [t (clojure.string/index-of s "~" i)]
          (if (nil? t)
            (conj out (subs s i))
            (let [out (if (> t i) (conj out (subs s i t)) out)
                  [params j] (parse-params s (inc t))
                  [colon at j] (loop [j j colon false at false]
                                 (case (when (< j n) (.charAt s j))
                                   \: (recur (inc j) true at)
                                   \@ (recur (inc j) colon true)
                                   [colon at j]))
                  _ (when (>= j n) (clf-error "Format string ends inside a directive"))
                  d (Character/toUpperCase (.charAt s j))]
              (if (= d \newline)
                (let [k (if colon
                          (inc j)
                          (loop [k (inc j)] (if (and (< k n) (#{\space \tab} (.charAt s k))) (recur (inc k)) k)))]
                  (recur k (if at (conj out "\n") out)))
                (recur (inc j) (conj out {:d d :p params :colon colon :at at}))))))))))

(defn- build
  "[items rest closing-directive]: the items up to the directive closing
  (nil: the end), ~; directives kept as separators."
  [toks closing]
  (loop [toks toks items []]
    (if-let [t (first toks)]
      (cond
        (string? t) (recur (next toks) (conj items t))
        (= (:d t) closing) [items (next toks) t]
        (structural (:d t))
        (let [[body more end] (build (next toks) (structural (:d t)))]
          (when-not end (clf-error (str "Missing ~" (structural (:d t)))))
          (recur more (conj items (assoc t :body body :end end))))
        (#{\] \} \) \>} (:d t)) (clf-error (str "Unexpected ~" (:d t)))
        :else (recur (next toks) (conj items t)))
      (if closing (clf-error (str "Missing ~" closing)) [items nil nil]))))

(defn- clauses
  "body split at ~; into [clauses separators]."
  [body]
  (loop [body body cur [] cls [] seps []]
    (if-let [t (first body)]
      (if (and (map? t) (= (:d t) \;))
        (recur (next body) [] (conj cls cur) (conj seps t))
        (recur (next body) (conj cur t) cls seps))
      [(conj cls cur) seps])))

(defn- compile-format [s]
  (first (build (tokenize s) nil)))

;; ---------------------------------------------------------------- arguments

(defn- nav [args] [(vec args) 0])
(defn- remaining [[args pos]] (- (count args) pos))
(defn- next-arg [[args pos]]
  (when (>= pos (count args)) (clf-error "Not enough arguments for format definition"))
  [(nth args pos) [args (inc pos)]])
(defn- escape? [r] (map? r))

(defn- params
  "[param-values nav]: v takes the next argument, # the count of those left."
  [d nv]
  (loop [ps (:p d) out [] nv nv]
    (if (empty? ps)
      [out nv]
      (let [p (first ps)]
        (case p
          :v (let [[a nv] (next-arg nv)] (recur (rest ps) (conj out a) nv))
          :hash (recur (rest ps) (conj out (remaining nv)) nv)
          (recur (rest ps) (conj out p) nv))))))

(defn- pad-str [n c] (apply str (repeat n c)))

(defn- pad-text
  "s padded (on the left when left?) to at least mincol: minpad chars, then
  colinc at a time."
  [s left? mincol colinc minpad padchar]
  (let [mincol (or mincol 0) colinc (or colinc 1) minpad (or minpad 0) padchar (or padchar \space)
        len (+ (count s) minpad)
        extra (if (< len mincol) (* colinc (quot (+ (- mincol len) colinc -1) colinc)) 0)
        pad (pad-str (+ minpad extra) padchar)]
    (if left? (str pad s) (str s pad))))

;; ---------------------------------------------------------------- integers

(defn- radix-digits [n radix]
  (if (zero? n)
    "0"
    (loop [n n acc ()]
      (if (zero? n)
        (apply str acc)
        (recur (quot n radix) (cons (nth "0123456789abcdefghijklmnopqrstuvwxyz" (int (rem n radix))) acc))))))

(defn- group-digits [s commachar interval]
  (let [n (count s)]
    (apply str (mapcat (fn [i c] (if (and (pos? i) (zero? (mod (- n i) interval))) [commachar c] [c]))
                       (range) s))))

(defn- write-int
  [x radix colon at [mincol padchar commachar interval]]
  (if-not (integer? x)
    (emit (pad-text (print-str x) true mincol 1 0 padchar))
    (let [neg (neg? x)
          digits (radix-digits (if neg (-' x) x) radix)
          digits (if colon (group-digits digits (or commachar \,) (or interval 3)) digits)
          s (str (cond neg "-" at "+" :else "") digits)]
      (emit (pad-text s true mincol 1 0 padchar)))))

(def ^:private ones
  ["zero" "one" "two" "three" "four" "five" "six" "seven" "eight" "nine" "ten" "eleven"
   "twelve" "thirteen" "fourteen" "fifteen" "sixteen" "seventeen" "eighteen" "nineteen"])
(def ^:private ones-th
  ["zeroth" "first" "second" "third" "fourth" "fifth" "sixth" "seventh" "eighth" "ninth" "tenth"
   "eleventh" "twelfth" "thirteenth" "fourteenth" "fifteenth" "sixteenth" "seventeenth"
   "eighteenth" "nineteenth"])
(def ^:private tens
  [nil nil "twenty" "thirty" "forty" "fifty" "sixty" "seventy" "eighty" "ninety"])
(def ^:private tens-th
  [nil nil "twentieth" "thirtieth" "fortieth" "fiftieth" "sixtieth" "seventieth" "eightieth" "ninetieth"])
(def ^:private scales
  ["" "thousand" "million" "billion" "trillion" "quadrillion" "quintillion" "sextillion"
   "septillion" "octillion" "nonillion" "decillion" "undecillion" "duodecillion"
   "tredecillion" "quattuordecillion" "quindecillion" "sexdecillion" "septendecillion"
   "octodecillion" "novemdecillion" "vigintillion"])

(defn- under-1000
  "English for 0 < n < 1000, the last word ordinal when ord?."
  [n ord?]
  (let [h (quot n 100) r (rem n 100) t (quot r 10) o (rem r 10)
        low (cond (zero? r) nil
                  (< r 20) ((if ord? ones-th ones) r)
                  (zero? o) ((if ord? tens-th tens) t)
                  :else (str (tens t) "-" ((if ord? ones-th ones) o)))]
    (clojure.string/join " " (remove nil? [(when (pos? h) (str (ones h) " hundred" (when (and ord? (nil? low)) "th")))
                                           low]))))

(defn- english [n ord?]
  (cond
    (zero? n) (if ord? "zeroth" "zero")
    (neg? n) (str "minus " (english (-' n) ord?))
    :else
    (let [groups (loop [n n gs []] (if (zero? n) gs (recur (quot n 1000) (conj gs (int (rem n 1000))))))
          last-nz (first (keep-indexed #(when (pos? %2) %1) groups))
          words (for [i (range (dec (count groups)) -1 -1)
                      :let [g (nth groups i)]
                      :when (pos? g)]
                  (let [ord (and ord? (= i last-nz))]
                    (if (zero? i)
                      (under-1000 g ord)
                      (str (under-1000 g false) " " (scales i) (when ord "th")))))]
      (clojure.string/join ", " words))))

(defn- roman [n old?]
  (loop [n n out "" [[v s] & more] (if old?
                                     [[1000 "M"] [500 "D"] [100 "C"] [50 "L"] [10 "X"] [5 "V"] [1 "I"]]
                                     [[1000 "M"] [900 "CM"] [500 "D"] [400 "CD"] [100 "C"] [90 "XC"]
                                      [50 "L"] [40 "XL"] [10 "X"] [9 "IX"] [5 "V"] [4 "IV"] [1 "I"]])]
    (cond (zero? n) out
          (>= n v) (recur (- n v) (str out s) (cons [v s] more))
          :else (recur n out more))))

;; ---------------------------------------------------------------- floats

(defn- strip-zeros
  "[digits p] without leading or trailing zeros (\"\" for zero)."
  [^String ds p]
  (let [lead (count (take-while #(= % \0) ds))
        ds (subs ds lead)
        ds (subs ds 0 (- (count ds) (count (take-while #(= % \0) (reverse ds)))))]
    (if (empty? ds) ["" 0] [ds (- p lead)])))

(defn- float-parts
  "[negative? digits p]: x is 0.digits x 10^p."
  [x]
  (let [x (if (ratio? x) (double x) x)
        s (str x)
        neg (= \- (first s))
        s (if neg (subs s 1) s)
        [m e] (clojure.string/split s #"[eE]")
        e (if e (parse-long (clojure.string/replace e "+" "")) 0)
        [ip fp] (clojure.string/split (clojure.string/replace m #"[MN]$" "") #"\.")
        [ds p] (strip-zeros (str ip fp) (+ (count ip) e))]
    [neg ds p]))

(defn- round-digits
  "[digits p] rounded (half up) to its first n digits."
  [^String ds p n]
  (cond
    (>= n (count ds)) [ds p]
    (neg? n) ["" 0]
    (< (int (.charAt ds n)) (int \5)) (strip-zeros (subs ds 0 n) p)
    :else (let [kept (subs ds 0 n)
                up (loop [i (dec (count kept)) acc ()]
                     (cond (neg? i) (cons \1 acc)
                           (= (.charAt kept i) \9) (recur (dec i) (cons \0 acc))
                           :else (concat (subs kept 0 i) [(char (inc (int (.charAt kept i))))] acc)))
                up (apply str up)]
            (strip-zeros up (+ p (- (count up) (count kept)))))))

(defn- fixed-parts
  "[int-digits frac-digits] of 0.ds x 10^p with d fraction digits (nil: as many as it has)."
  [ds p d]
  (let [[ds p] (if d (round-digits ds p (+ p d)) [ds p])
        ip (if (pos? p) (str (subs ds 0 (min p (count ds))) (pad-str (- p (count ds)) \0)) "")
        fp (if (< p (count ds)) (str (pad-str (max 0 (- p)) \0) (subs ds (max p 0))) "")
        fp (if d (str fp (pad-str (- d (count fp)) \0)) fp)]
    [ip fp]))

(defn- finish-number
  "s padded to w, or w overflow chars when too long."
  [s w overflow padchar]
  (cond (nil? w) s
        (and overflow (> (count s) w)) (pad-str w overflow)
        :else (str (pad-str (- w (count s)) (or padchar \space)) s)))

(defn- special-float? [x] (and (float? x) (or (NaN? x) (infinite? x))))

(defn- fixed-str [x at [w d k overflow padchar]]
  (if (or (not (number? x)) (special-float? x))
    (finish-number (print-str x) w nil padchar)
    (let [[neg ds p] (float-parts x)
          p (+ p (or k 0))
          sign (cond neg "-" at "+" :else "")
          d (or d (when w
                    (let [[ip fp] (fixed-parts ds p nil)
                          room (- w (count sign) (count ip) 1)]
                      (max 0 (min room (max 1 (count fp)))))))
          [ip fp] (fixed-parts ds p d)
          fp (if (and (nil? d) (empty? fp)) "0" fp)
          s (str sign (if (empty? ip) "0" "") ip "." fp)
          s (if (and w (> (count s) w) (empty? ip)) (str sign ip "." fp) s)]
      (finish-number s w overflow padchar))))

(defn- exp-str [x at [w d e k overflow padchar exptchar]]
  (if (or (not (number? x)) (special-float? x))
    (finish-number (print-str x) w nil padchar)
    (let [k (or k 1)
          [neg ds p] (float-parts x)
          sign (cond neg "-" at "+" :else "")
          [ds p] (if (and d (seq ds)) (round-digits ds p (if (pos? k) (+ d 1) (+ d k))) [ds p])
          ex (if (empty? ds) 0 (- p k))
          [ip fp] (fixed-parts ds k (when d (if (pos? k) (- (inc d) k) d)))
          fp (if (and (nil? d) (empty? fp)) "0" fp)
          ip (if (empty? ip) "0" ip)
          es (str (abs ex))
          es (if e (str (pad-str (- e (count es)) \0) es) es)
          s (str sign ip "." fp (or exptchar \E) (if (neg? ex) "-" "+") es)]
      (finish-number s w overflow padchar))))

(defn- general-str [x at [w d e k overflow padchar exptchar :as ps]]
  (if (or (not (number? x)) (special-float? x))
    (finish-number (print-str x) w nil padchar)
    (let [[_ ds p] (float-parts x)
          n (if (empty? ds) 0 p)
          ee (if e (+ e 2) 4)
          ww (when w (- w ee))
          d (or d (max (count ds) (min n 7)))
          dd (- d n)]
      (if (<= 0 dd d)
        (str (fixed-str x at [ww dd nil overflow padchar]) (pad-str ee \space))
        (exp-str x at ps)))))

(defn- dollar-str [x colon at [d n w padchar]]
  (if (or (not (number? x)) (special-float? x))
    (finish-number (print-str x) w nil padchar)
    (let [d (or d 2) n (or n 1) w (or w 0)
          [neg ds p] (float-parts x)
          [ip fp] (fixed-parts ds p d)
          sign (cond neg "-" at "+" :else "")
          body (str (pad-str (- n (count ip)) \0) ip "." fp)
          pad (pad-str (- w (count sign) (count body)) (or padchar \space))]
      (if colon (str sign pad body) (str pad sign body)))))

;; ---------------------------------------------------------------- running

(declare run-dirs)

(defn- case-convert [s colon at]
  (cond
    (and colon at) (clojure.string/upper-case s)
    colon (clojure.string/replace (clojure.string/lower-case s) #"[a-zA-Z0-9]+"
                                  #(str (clojure.string/upper-case (subs % 0 1)) (subs % 1)))
    at (let [s (clojure.string/lower-case s)
             i (count (take-while #(not (Character/isLetterOrDigit %)) s))]
         (if (< i (count s))
           (str (subs s 0 i) (clojure.string/upper-case (subs s i (inc i))) (subs s (inc i)))
           s))
    :else (clojure.string/lower-case s)))

(defn- run-iteration [d nv]
  (let [[[max-n] nv] (params d nv)
        [body nv] (if (empty? (:body d))
                    (let [[f nv] (next-arg nv)] [(compile-format f) nv])
                    [(:body d) nv])
        once (:colon (:end d))
        run-list (fn [items outer-nv]
                   ;; each item's args: items themselves (sublists when :colon)
                   (loop [i 0 inner (nav items)]
                     (if (or (and max-n (>= i max-n))
                             (and (zero? (remaining inner)) (not (and once (zero? i)))))
                       inner
                       (if (:colon d)
                         (let [[sub inner] (next-arg inner)
                               r (binding [*clf-outer* inner] (run-dirs body (nav sub)))]
                           (if (and (escape? r) (:outer r))
                             inner
                             (recur (inc i) inner)))
                         (let [r (run-dirs body inner)]
                           (if (escape? r) (:nav r) (recur (inc i) r)))))))]
    (if (:at d)
      (let [[args pos] nv]
        (let [r (run-list (subvec args pos) nv)]
          [args (+ pos (second r))]))
      (let [[items nv] (next-arg nv)]
        (run-list (seq items) nv)
        nv))))

(defn- run-conditional [d nv]
  (let [[cls seps] (clauses (:body d))]
    (cond
      (:colon d) (let [[a nv] (next-arg nv)]
                   (run-dirs (if a (second cls) (first cls)) nv))
      (:at d) (let [[a nv2] (next-arg nv)]
                (if a (run-dirs (first cls) nv) nv2))
      :else (let [[[p] nv] (params d nv)
                  [i nv] (if (some? p) [p nv] (next-arg nv))
                  default (when (and (seq seps) (:colon (peek seps))) (peek cls))
                  cl (if (and (< -1 i (count cls)) (not (and default (= i (dec (count cls))))))
                       (nth cls i)
                       default)]
              (if cl (run-dirs cl nv) nv)))))

(defn- run-justify [d nv]
  (when (:colon (:end d))
    (clf-error "Logical blocks (~<...~:>) are not supported by Folio's cl-format"))
  (let [[[mincol colinc minpad padchar] nv] (params d nv)
        mincol (or mincol 0) colinc (or colinc 1) minpad (or minpad 0) padchar (or padchar \space)
        [cls _] (clauses (:body d))
        [texts r] (loop [cls cls texts [] nv nv]
                    (if (empty? cls)
                      [texts nv]
                      (let [[s r] (capture #(run-dirs (first cls) nv))]
                        (if (escape? r)
                          [texts r]
                          (recur (rest cls) (conj texts s) r)))))
        texts (if (empty? texts) [""] texts)
        gaps (+ (dec (count texts)) (if (:colon d) 1 0) (if (:at d) 1 0))
        [gaps right] (if (zero? gaps) [1 true] [gaps false])
        chars (reduce + (map count texts))
        need (+ chars (* gaps minpad))
        width (if (<= need mincol) mincol (+ mincol (* colinc (quot (+ (- need mincol) colinc -1) colinc))))
        total (- width chars)
        per (quot total gaps) extra (rem total gaps)
        pads (map #(pad-str (+ per (if (< % extra) 1 0)) padchar) (range gaps))
        pads (vec pads)
        out (cond
              right (str (pads 0) (first texts))
              :else (let [[lead pads] (if (:colon d) [(first pads) (rest pads)] ["" pads])]
                      (apply str lead (interleave texts (concat pads (repeat ""))))))]
    (emit out)
    r))

(defn- run-escape [d nv]
  (let [[ps nv] (params d nv)
        [a b c] ps
        up (case (count (remove nil? ps))
             0 (if (:colon d)
                 (boolean (and *clf-outer* (zero? (remaining *clf-outer*))))
                 (zero? (remaining nv)))
             1 (zero? a)
             2 (= a b)
             (<= a b c))]
    (when up {:escape true :outer (:colon d) :nav nv})))

(defn- run-dir [d nv]
  (let [ch (:d d) colon (:colon d) at (:at d)]
    (case ch
      (\A \S) (let [[[mincol colinc minpad padchar] nv] (params d nv)
                    [x nv] (next-arg nv)]
                (emit (pad-text (if (= ch \A) (print-str x) (pr-str x)) at mincol colinc minpad padchar))
                nv)
      (\D \B \O \X) (let [[ps nv] (params d nv)
                          [x nv] (next-arg nv)]
                      (write-int x ({\D 10 \B 2 \O 8 \X 16} ch) colon at ps)
                      nv)
      \R (let [[[radix & ps] nv] (params d nv)
               [x nv] (next-arg nv)
               x (if (and (nil? radix) (number? x) (not (integer? x))) (bigint x) x)]
           (cond
             radix (write-int x radix colon at ps)
             (not (integer? x)) (emit (print-str x))
             at (if (< 0 x (if colon 5000 4000))
                  (emit (roman x colon))
                  (write-int x 10 true false nil))
             :else (emit (english x colon)))
           nv)
      \P (let [nv (if colon (let [[a p] nv] [a (dec p)]) nv)
               [x nv] (next-arg nv)]
           (emit (if at (if (= x 1) "y" "ies") (if (= x 1) "" "s")))
           nv)
      \C (let [[x nv] (next-arg nv)]
           (emit (cond at (pr-str x)
                       colon (let [n (get {\space "Space" \newline "Newline" \tab "Tab" \backspace "Backspace"
                                           \return "Return" \formfeed "Page"} x)]
                               (or n (str x)))
                       :else (str x)))
           nv)
      \F (let [[ps nv] (params d nv) [x nv] (next-arg nv)] (emit (fixed-str x at ps)) nv)
      \E (let [[ps nv] (params d nv) [x nv] (next-arg nv)] (emit (exp-str x at ps)) nv)
      \G (let [[ps nv] (params d nv) [x nv] (next-arg nv)] (emit (general-str x at ps)) nv)
      \$ (let [[ps nv] (params d nv) [x nv] (next-arg nv)] (emit (dollar-str x colon at ps)) nv)
      \% (let [[[n] nv] (params d nv)] (emit (pad-str (or n 1) \newline)) nv)
      \& (let [[[n] nv] (params d nv) n (or n 1)]
           (when (pos? n)
             (emit (pad-str (if (zero? @*clf-col*) (dec n) n) \newline)))
           nv)
      \| (let [[[n] nv] (params d nv)] (emit (pad-str (or n 1) \formfeed)) nv)
      \~ (let [[[n] nv] (params d nv)] (emit (pad-str (or n 1) \~)) nv)
      \T (let [[[a b] nv] (params d nv)
               col @*clf-col*]
           (if at
             (let [colrel (or a 1) colinc (or b 1)
                   c (+ col colrel)
                   c (if (pos? colinc) (* colinc (quot (+ c colinc -1) colinc)) c)]
               (emit (pad-str (- c col) \space)))
             (let [colnum (or a 1) colinc (or b 1)]
               (emit (pad-str (cond (< col colnum) (- colnum col)
                                    (pos? colinc) (- colinc (rem (- col colnum) colinc))
                                    :else 0)
                              \space))))
           nv)
      \* (let [[[n] [args pos]] (params d nv)]
           (cond at (let [p (or n 0)]
                      (when (> p (count args)) (clf-error "Not enough arguments for format definition"))
                      [args p])
                 colon (let [p (- pos (or n 1))]
                         (when (neg? p) (clf-error "Not enough arguments for format definition"))
                         [args p])
                 :else (let [p (+ pos (or n 1))]
                         (when (> p (count args)) (clf-error "Not enough arguments for format definition"))
                         [args p])))
      \? (let [[f nv] (next-arg nv)
               dirs (compile-format f)]
           (if at
             (let [r (run-dirs dirs nv)] (if (escape? r) (:nav r) r))
             (let [[a nv] (next-arg nv)]
               (run-dirs dirs (nav a))
               nv)))
      \[ (run-conditional d nv)
      \{ (run-iteration d nv)
      \( (let [[s r] (capture #(run-dirs (:body d) nv))]
           (emit (case-convert s colon at))
           r)
      \< (run-justify d nv)
      \^ (or (run-escape d nv) nv)
      \W (let [[x nv] (next-arg nv)] (emit (pr-str x)) nv)
      (clf-error (str "Directive \"" ch "\" is undefined")))))

(defn- run-dirs [dirs nv]
  (loop [dirs (seq dirs) nv nv]
    (if-not dirs
      nv
      (let [d (first dirs)]
        (if (string? d)
          (do (emit d) (recur (next dirs) nv))
          (let [r (if (= (:d d) \^) (run-escape d nv) (run-dir d nv))]
            (cond (escape? r) r
                  (nil? r) (recur (next dirs) nv)
                  :else (recur (next dirs) r))))))))

(defn- run-format [stream dirs args]
  (let [go (fn [] (binding [*clf-col* (volatile! 0)] (run-dirs dirs (nav args))) nil)]
    (cond
      (nil? stream) (with-out-str (go))
      (true? stream) (go)
      :else (binding [*out* stream] (go)))))

(defn cl-format
  "Formats args by the Common Lisp format string format-in to writer (nil:
  returns the string; true: *out*). Directives: ~A ~S ~D ~B ~O ~X ~R ~P ~C
  ~F ~E ~G ~$ ~% ~& ~| ~~ ~T ~* ~? ~[ ~; ~] ~{ ~} ~^ ~( ~) ~< ~> ~W and
  ~newline, with v and # parameters."
  [writer format-in & args]
  (run-format writer (if (string? format-in) (compile-format format-in) format-in) args))

(defmacro formatter
  "A fn [stream & args] that runs format-in as cl-format does."
  [format-in]
  `(let [dirs# (#'clojure.pprint/compile-format ~format-in)]
     (fn [stream# & args#] (#'clojure.pprint/run-format stream# dirs# args#))))

(defmacro formatter-out
  "A fn [& args] that runs format-in as cl-format does, printing to *out*."
  [format-in]
  `(let [dirs# (#'clojure.pprint/compile-format ~format-in)]
     (fn [& args#] (#'clojure.pprint/run-format true dirs# args#))))
