;; print-method, print-dup, print-simple and print-ctor from Clojure: records,
;; deftypes, nested collections, every printing entry point, remove-method.
(require '[clojure.pprint :as pp])

(defrecord R [a b])
(deftype T [x])
(defrecord Plain [a])

(defmethod print-method R [r ^java.io.Writer w]
  (.write w "#<R ")
  (print-method (:a r) w)
  (.write w ">"))
(defmethod print-method T [t ^java.io.Writer w]
  (.write w (str "#<T " (.-x t) ">")))

(def r (->R "s" 2))
(def t (T. 1))

(prn r t)
(println r t)
(print r) (newline)
(pr [r]) (newline)
(prn (pr-str r) (pr-str [r {:k t} #{r}] '(1 2)))
(prn (prn-str r) (print-str r) (println-str [t]))
(prn (str [r t]) (str {:r r}) (str (list t)))
(prn (with-out-str (pr r)) (with-out-str (print [r])))
(prn (with-out-str (print-method r *out*)))
(prn (format "%s" [t]))
(pp/pprint [r t {:a r}])
(pp/pprint {:deep [[t]]})
(prn (ex-data (ex-info "boom" {:r r})))
(prn (str (ex-info "boom" {:r r})))
(binding [*print-length* 2] (prn [t t t]))
(binding [*print-level* 1] (prn [t [t]]))

;; a method that prints through *out*
(defrecord Out [n])
(defmethod print-method Out [o w] (print "Out:") (pr (:n o)))
(prn [(->Out 1) (->Out "x")])
(prn (pr-str (->Out 2)))

;; :type metadata
(defmethod print-method ::tagged [x w] (.write w "TAGGED"))
(prn (with-meta {:a 1} {:type ::tagged}) [(with-meta [1] {:type ::tagged})])

;; a built-in type
(defmethod print-method clojure.lang.Keyword [k w] (.write w (str "KW<" (name k) ">")))
(prn :a [:b] {:c 1})
(println :a [:b])
(prn (str :a) (str [:a]) (name :a))

;; remove-method restores the default
(remove-method print-method R)
(prn r [r])
(remove-method print-method T)
(prn (= "#<T 1>" (pr-str t)))
(prn (contains? (methods print-method) R))

;; print-dup
(binding [*print-dup* true]
  (prn 1 "s" [1 2] #{1} (->Plain 1) 1.5 nil true \a)
  (prn {1 2}))
(defmethod print-dup Plain [p w]
  (.write w "#=(->Plain ")
  (print-dup (:a p) w)
  (.write w ")"))
(binding [*print-dup* true] (prn (->Plain 1) [(->Plain 2)]))
(prn (->Plain 3))

;; print-simple and print-ctor
(prn (with-out-str (print-simple 'sym *out*) (print-simple 42 *out*)))
(prn (with-out-str (print-ctor (->Plain 3) (fn [o w] (print-method (:a o) w)) *out*)))
