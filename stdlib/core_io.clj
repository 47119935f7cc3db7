;; core_io.clj - clojure.core, streams scripts open: line-seq, with-open, and
;; the fns behind the .readLine and .newLine shims (vm/interop.cpp). Streams are
;; the handles of vm/core_natives_io.cpp: *in*, string and file readers, *out*,
;; string and file writers.

(defn folio-read-line-from
  "(.readLine rdr): the next line of rdr, or nil at its end."
  [rdr]
  (binding [*in* rdr] (read-line)))

(defn folio-new-line
  "(.newLine w): writes a line separator to w."
  [w]
  (folio-write w "\n"))

(defn line-seq
  "The lines of reader rdr, as a lazy seq of strings."
  [rdr]
  (when-let [line (folio-read-line-from rdr)]
    (cons line (lazy-seq (line-seq rdr)))))

(defmacro with-open
  "(with-open [name init ...] body): evaluates body with the names bound, then
  closes them (.close) in reverse order, also when body throws."
  [bindings & body]
  (when-not (vector? bindings)
    (throw-iae (str "with-open requires a vector for its binding in " (ns-name *ns*) ":" (:line (meta &form)))))
  (when-not (even? (count bindings))
    (throw-iae (str "with-open requires an even number of forms in binding vector in "
                    (ns-name *ns*) ":" (:line (meta &form)))))
  (cond
    (= (count bindings) 0) `(do ~@body)
    (symbol? (bindings 0)) `(let ~(subvec bindings 0 2)
                              (try
                                (with-open ~(subvec bindings 2) ~@body)
                                (finally
                                  (. ~(bindings 0) close))))
    :else (throw-iae "with-open only allows Symbols in bindings")))
