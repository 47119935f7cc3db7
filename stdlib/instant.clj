;; instant.clj - clojure.instant: parsing RFC3339 timestamps. Folio has one
;; instant type (java.util.Date's: epoch milliseconds), so read-instant-date is
;; here and read-instant-calendar / read-instant-timestamp are not.
(ns clojure.instant)

(def ^:private timestamp
  #"(\d\d\d\d)(?:-(\d\d)(?:-(\d\d)(?:[T](\d\d)(?::(\d\d)(?::(\d\d)(?:[.](\d+))?)?)?)?)?)?(?:[Z]|([-+])(\d\d):(\d\d))?")

(defn- fail [msg]
  (throw (RuntimeException. msg)))

(defn- nine-digits
  "A fraction of a second's digits as nanoseconds: 123 -> 123000000."
  [s]
  (parse-long (subs (str s "000000000") 0 9)))

(defn parse-timestamp
  "Parses the RFC3339 timestamp cs and calls new-instant with years months
  days hours minutes seconds nanoseconds offset-sign offset-hours
  offset-minutes (missing parts default: month and day 1, the rest 0)."
  [new-instant cs]
  (if-let [[_ years months days hours minutes seconds fraction offset-sign offset-hours offset-minutes]
           (re-matches timestamp cs)]
    (let [num (fn [s default] (if s (parse-long s) default))]
      (new-instant (num years 0) (num months 1) (num days 1) (num hours 0) (num minutes 0) (num seconds 0)
                   (if fraction (nine-digits fraction) 0)
                   (case offset-sign "-" -1 "+" 1 0)
                   (num offset-hours 0) (num offset-minutes 0)))
    (fail (str "Unrecognized date/time syntax: " cs))))

(defn- leap-year? [year]
  (and (zero? (rem year 4))
       (or (pos? (rem year 100)) (zero? (rem year 400)))))

(defn- days-in-month [month leap?]
  (nth (if leap? [nil 31 29 31 30 31 30 31 31 30 31 30 31] [nil 31 28 31 30 31 30 31 31 30 31 30 31])
       month))

(defmacro ^:private verify [test]
  `(when-not ~test (fail ~(str "failed: " (pr-str test)))))

(defn validated
  "new-instance, checking first that its arguments make a valid timestamp."
  [new-instance]
  (fn [years months days hours minutes seconds nanoseconds offset-sign offset-hours offset-minutes]
    (verify (<= 1 months 12))
    (verify (<= 1 days (days-in-month months (leap-year? years))))
    (verify (<= 0 hours 23))
    (verify (<= 0 minutes 59))
    (verify (<= 0 seconds (if (= minutes 59) 60 59)))
    (verify (<= 0 nanoseconds 999999999))
    (verify (<= -1 offset-sign 1))
    (verify (<= 0 offset-hours 23))
    (verify (<= 0 offset-minutes 59))
    (new-instance years months days hours minutes seconds nanoseconds offset-sign offset-hours offset-minutes)))

(defn- construct-date [years months days hours minutes seconds nanoseconds offset-sign offset-hours offset-minutes]
  (folio.core/inst (format "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s%02d:%02d"
                           years months days hours minutes seconds (quot nanoseconds 1000000)
                           (if (neg? offset-sign) "-" "+") offset-hours offset-minutes)))

(def read-instant-date
  "The instant an RFC3339 timestamp string denotes (what #inst reads)."
  (partial parse-timestamp (validated construct-date)))
