;; pprint.clj - clojure.pprint, part 2: pprint, pp and print-table. Data is laid
;; out as Clojure's simple-dispatch does: each collection is a logical block
;; with :linear newlines between its items (a map entry is a block of its own,
;; key and value), and everything else prints as pr prints it.
(in-ns 'clojure.pprint)

(def ^:dynamic *print-right-margin*
  "Pretty printing breaks lines so they end before this column."
  72)

(def ^:dynamic *print-miser-width*
  "Accepted for compatibility; the data layout uses no miser newlines."
  40)

(def ^:dynamic *print-pretty* false)

(def ^:dynamic ^:private *writer* nil)
(def ^:dynamic ^:private *current-level* 0)

(declare write-out)

(defn- pw-text [s] (pw-write *writer* s))

(defn- logical-block
  "Prints body-fn's output as a block between prefix and suffix, or # past *print-level*."
  [prefix suffix body-fn]
  (if (and *print-level* (>= *current-level* *print-level*))
    (pw-text "#")
    (binding [*current-level* (inc *current-level*)]
      (pw-start-block *writer* prefix suffix)
      (body-fn)
      (pw-end-block *writer*))))

(defn- print-items
  "Writes the items of s with sep and a :linear newline between them, at most
  *print-length* of them, then ... if there are more."
  [s sep write-item]
  (loop [s (seq s) n 0]
    (when s
      (if (and *print-length* (>= n *print-length*))
        (pw-text "...")
        (do (write-item (first s))
            (when (next s)
              (pw-text sep)
              (pw-nl *writer* :linear)
              (recur (next s) (inc n))))))))

(def ^:private reader-macros
  {'quote "'" 'clojure.core/deref "@" 'var "#'" 'clojure.core/unquote "~"})

(defn- strip-ns [x]
  (if (keyword? x) (keyword (name x)) (symbol (name x))))

(defn- lift-ns
  "[ns map-with-unqualified-keys] when every key is qualified by one ns, as maps print #:ns{...}."
  [m]
  (when (seq m)
    (loop [ns nil entries (seq m) kvs []]
      (if-let [[k v] (first entries)]
        (when (and (qualified-ident? k) (or (nil? ns) (= ns (namespace k))))
          (recur (namespace k) (next entries) (conj kvs [(strip-ns k) v])))
        [ns kvs]))))

(defn- pprint-map [m]
  (let [[ns kvs] (when-not (record? m) (lift-ns m))]
    (logical-block (if ns (str "#:" ns "{") "{") "}"
                   #(print-items (or kvs m) ", "
                                 (fn [[k v]]
                                   (logical-block nil nil
                                                  (fn []
                                                    (write-out k)
                                                    (pw-text " ")
                                                    (pw-nl *writer* :linear)
                                                    (write-out v))))))))

(defn- pprint-seq [s]
  (let [macro (reader-macros (first s))]
    (if (and macro (= 2 (count s)))
      (do (pw-text macro) (write-out (second s)))
      (logical-block "(" ")" #(print-items s " " write-out)))))

(defn- write-out [x]
  (cond
    (map? x) (pprint-map x)
    (vector? x) (logical-block "[" "]" #(print-items x " " write-out))
    (set? x) (logical-block "#{" "}" #(print-items x " " write-out))
    (seq? x) (pprint-seq x)
    :else (pw-text (pr-str x))))

(defn pprint
  "Pretty prints object to writer (default *out*), breaking lines to fit
  *print-right-margin*, and ends with a newline."
  ([object] (pprint object *out*))
  ([object writer]
   (binding [*out* writer
             *writer* (new-writer *print-right-margin*)
             *print-pretty* true
             *current-level* 0]
     (write-out object)
     (pw-flush *writer*)
     (when-not (zero? (getf *writer* :col))
       (newline)))))

(defmacro pp
  "Pretty prints the last REPL result, *1."
  []
  `(pprint *1))

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
