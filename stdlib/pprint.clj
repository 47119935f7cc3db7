;; pprint.clj - clojure.pprint, part 2: pprint, write, the dispatch API and
;; print-table. While pretty printing, *out* is a string writer whose text is
;; passed through the pretty writer before each of its operations, so dispatch
;; fns print with print/pr as on the JVM. simple-dispatch lays data out as
;; Clojure's does: each collection a logical block with :linear newlines
;; between items (a map entry a block of its own), anything else as pr prints it.
(in-ns 'clojure.pprint)

(def ^:dynamic *print-right-margin*
  "Pretty printing breaks lines so they end before this column."
  72)

(def ^:dynamic *print-miser-width*
  "Blocks starting within this many columns of the margin use miser newlines."
  40)

(def ^:dynamic *print-pretty* "When false, write prints as pr does." true)

(def ^:dynamic *print-pprint-dispatch*
  "The fn write-out calls to print an object (see with-pprint-dispatch)."
  nil)

(def ^:dynamic ^:private *writer* nil)
(def ^:dynamic ^:private *sink* nil)
(def ^:dynamic ^:private *current-level* 0)
(def ^:dynamic ^:private *current-length* nil)

(defn- drain
  "The pretty writer, after passing it what was printed to *out* since the last call."
  []
  (when-not *writer*
    (throw (IllegalStateException. "not inside pprint or write")))
  (let [s (folio-writer-str *sink* true)]
    (when (pos? (count s)) (pw-write *writer* s)))
  *writer*)

(defn- call-pretty
  "Runs f with *out* collecting into a pretty writer that prints to base."
  [base f]
  (let [sink (folio-new-string-writer)]
    (binding [*writer* (new-writer base *print-right-margin* *print-miser-width*)
              *sink* sink
              *out* sink
              *current-level* 0
              *current-length* nil]
      (f)
      (pw-flush (drain)))))

(defn write-out
  "Prints object through the current pprint dispatch; for use in dispatch fns.
  Counts toward *print-length* in the enclosing logical block."
  [object]
  (let [reached (and *current-length* *print-length* (>= *current-length* *print-length*))]
    (if-not *print-pretty*
      (pr object)
      (if reached
        (print "...")
        (do (when *current-length* (set! *current-length* (inc *current-length*)))
            (*print-pprint-dispatch* object))))
    reached))

(defn folio-logical-block
  "What pprint-logical-block expands to: body-fn's output as one logical block."
  [prefix per-line-prefix suffix body-fn]
  (if (and *print-level* (>= *current-level* *print-level*))
    (print "#")
    (binding [*current-level* (inc *current-level*)
              *current-length* 0]
      (pw-start-block (drain) prefix per-line-prefix suffix)
      (body-fn)
      (pw-end-block (drain)))))

(defmacro pprint-logical-block
  "(pprint-logical-block :prefix p :per-line-prefix lp :suffix s body...):
  runs body as a logical block; newlines inside it indent to its start."
  [& args]
  (let [[opts body] (loop [opts {} args args]
                      (if (keyword? (first args))
                        (recur (assoc opts (first args) (second args)) (nnext args))
                        [opts args]))]
    `(folio-logical-block ~(:prefix opts) ~(:per-line-prefix opts) ~(:suffix opts)
                          (fn [] ~@body))))

(defn pprint-newline
  "A conditional newline of kind :linear, :mandatory, :miser or :fill."
  [kind]
  (when-not (#{:linear :mandatory :miser :fill} kind)
    (throw (IllegalArgumentException. (str "Unknown pretty-printing newline kind: " kind))))
  (pw-nl (drain) kind))

(defn pprint-indent
  "Sets the indentation of the current block's later lines to n columns past
  its start (:block) or past the current column (:current)."
  [relative-to n]
  (when-not (#{:block :current} relative-to)
    (throw (IllegalArgumentException. (str "Unknown pretty-printing indent type: " relative-to))))
  (pw-indent (drain) relative-to n))

(defn pprint-tab
  "Not implemented (as on the JVM)."
  [kind colnum colinc]
  (throw (UnsupportedOperationException. "pprint-tab is not yet implemented")))

(defn fresh-line
  "Starts a new line unless at the start of one (outside pprint and write,
  where the column is not known, always)."
  []
  (when-not (and *writer* (zero? (getf (drain) :col)))
    (prn)))

(defn- count-recurs
  "form with each recur of the loop being defined (not of a nested loop or fn)
  given (inc n) as its first argument."
  [n form]
  (if-not (seq? form)
    form
    (let [form (macroexpand form)]
      (if-not (seq? form)
        form
        (case (first form)
          (loop* fn* quote) form
          recur (list* 'recur (list 'clojure.core/inc n) (rest form))
          (apply list (map #(count-recurs n %) form)))))))

(defmacro print-length-loop
  "A loop (same bindings as loop) that prints ... instead of running body
  once it has run *print-length* times."
  [bindings & body]
  (let [n (gensym "count")]
    `(loop ~(into [n 0] bindings)
       (if (or (not *print-length*) (< ~n *print-length*))
         (do ~@(map #(count-recurs n %) body))
         (print "...")))))

;; ---------------------------------------------------------------- simple-dispatch

(defn- print-items
  "Writes the items of s with sep and a :linear newline between them."
  [s sep write-item]
  (print-length-loop [s (seq s)]
    (when s
      (write-item (first s))
      (when (next s)
        (print sep)
        (pprint-newline :linear)
        (recur (next s))))))

(def ^:private reader-macros
  {'quote "'" 'clojure.core/deref "@" 'var "#'" 'clojure.core/unquote "~"})

(defn- strip-ns [x]
  (if (keyword? x) (keyword (name x)) (symbol (name x))))

(defn- lift-ns
  "[ns entries-with-unqualified-keys] when every key is qualified by one ns, as maps print #:ns{...}."
  [m]
  (when (seq m)
    (loop [ns nil entries (seq m) kvs []]
      (if-let [[k v] (first entries)]
        (when (and (qualified-ident? k) (or (nil? ns) (= ns (namespace k))))
          (recur (namespace k) (next entries) (conj kvs [(strip-ns k) v])))
        [ns kvs]))))

(defn- pprint-map [m]
  (let [[ns kvs] (when-not (record? m) (lift-ns m))]
    (pprint-logical-block :prefix (if ns (str "#:" ns "{") "{") :suffix "}"
      (print-items (or kvs m) ", "
                   (fn [[k v]]
                     (pprint-logical-block
                       (write-out k)
                       (print " ")
                       (pprint-newline :linear)
                       (set! *current-length* 0)
                       (write-out v)))))))

(defn- pprint-seq [s]
  (let [macro (reader-macros (first s))]
    (if (and macro (= 2 (count s)))
      (do (print macro) (write-out (second s)))
      (pprint-logical-block :prefix "(" :suffix ")" (print-items s " " write-out)))))

(defn- dispatch-kind
  "What simple-dispatch dispatches on: (type x) when it has a method for it,
  else the interface the JVM's dispatch would pick."
  [x]
  (let [t (type x)]
    (cond
      (contains? (methods @(resolve 'clojure.pprint/simple-dispatch)) t) t
      (nil? x) nil
      (folio-deftype? x) :default  ; not a map on the JVM: pr, so print-method
      (seq? x) clojure.lang.ISeq
      (vector? x) clojure.lang.IPersistentVector
      (map? x) clojure.lang.IPersistentMap
      (set? x) clojure.lang.IPersistentSet
      :else :default)))

(defmulti simple-dispatch
  "The pprint dispatch for data: add methods for a type (or record) to change
  how it pretty prints."
  dispatch-kind)

(defmethod simple-dispatch clojure.lang.ISeq [s] (pprint-seq s))
(defmethod simple-dispatch clojure.lang.IPersistentVector [v]
  (pprint-logical-block :prefix "[" :suffix "]" (print-items v " " write-out)))
(defmethod simple-dispatch clojure.lang.IPersistentMap [m] (pprint-map m))
(defmethod simple-dispatch clojure.lang.IPersistentSet [s]
  (pprint-logical-block :prefix "#{" :suffix "}" (print-items s " " write-out)))
(defmethod simple-dispatch nil [x] (pr x))
(defmethod simple-dispatch :default [x] (pr x))

(alter-var-root #'*print-pprint-dispatch* (constantly simple-dispatch))

(defn set-pprint-dispatch
  "Sets the root dispatch fn of pprint and write-out."
  [function]
  (alter-var-root #'*print-pprint-dispatch* (constantly function))
  nil)

(defmacro with-pprint-dispatch
  "Runs body with function as the pprint dispatch."
  [function & body]
  `(binding [*print-pprint-dispatch* ~function] ~@body))

;; ---------------------------------------------------------------- entry points

(defn pprint
  "Pretty prints object to writer (default *out*), breaking lines to fit
  *print-right-margin*, and ends with a newline."
  ([object] (pprint object *out*))
  ([object writer]
   ;; The JVM's test for column 0 here never holds: it always ends the line.
   (binding [*print-pretty* true]
     (call-pretty writer #(do (write-out object) (prn))))
   nil))

(defmacro pp
  "Pretty prints the last REPL result, *1."
  []
  `(pprint *1))

(def ^:private write-options
  {:pretty #'*print-pretty* :right-margin #'*print-right-margin*
   :miser-width #'*print-miser-width* :dispatch #'*print-pprint-dispatch*
   :length #'*print-length* :level #'*print-level* :readably #'*print-readably*})

(defn write
  "Prints object, pretty printed unless :pretty is false, to :stream (default
  *out*; nil: returns the text). Options :right-margin :miser-width :length
  :level :dispatch :readably bind the matching vars."
  [object & kw-args]
  (let [opts (apply hash-map kw-args)
        stream (get opts :stream true)
        base (cond (nil? stream) (folio-new-string-writer)
                   (true? stream) *out*
                   :else stream)]
    (with-bindings (into {} (keep (fn [[k v]] (when-let [var (write-options k)] [var v])) opts))
      (if *print-pretty*
        (call-pretty base #(write-out object))
        (binding [*out* base] (pr object))))
    (when (nil? stream) (folio-writer-str base))))

(defn print-table
  "Prints rows (maps) as a text table with columns ks (default: the keys of the
  first row), each as wide as its widest value."
  ([ks rows]
   (when (seq rows)
     (let [widths (map (fn [k] (apply max (count (str k)) (map #(count (str (get % k))) rows))) ks)
           line (fn [left mid right cells]
                  (str left (apply str (interpose mid cells)) right))
           cells (fn [row] (map (fn [k w] (format (str "%" w "s") (str (get row k)))) ks widths))]
       (println)
       (println (line "| " " | " " |" (cells (zipmap ks ks))))
       (println (line "|-" "-+-" "-|" (map #(apply str (repeat % "-")) widths)))
       (doseq [row rows]
         (println (line "| " " | " " |" (cells row)))))))
  ([rows] (print-table (keys (first rows)) rows)))
