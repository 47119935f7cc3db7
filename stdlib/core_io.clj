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

(defn- root-directory
  "The directory of namespace lib's file relative to a source root: a.b-c -> /a."
  [lib]
  (let [d (str \/ (-> (name lib) (clojure.string/replace \- \_) (clojure.string/replace \. \/)))]
    (subs d 0 (clojure.string/last-index-of d "/"))))

(defn load
  "Loads each path's .clj (or .cljc) file from the source roots; a path not
  starting with / is relative to the current namespace's directory."
  [& paths]
  (doseq [path paths]
    (let [path (if (clojure.string/starts-with? path "/")
                 path
                 (str (root-directory (ns-name *ns*)) \/ path))]
      (folio-load-resource (subs path 1)))))

(defn load-reader
  "Reads and evaluates every form from reader rdr; returns the last value.
  *ns* is restored afterwards, as after loading a file."
  [rdr]
  (let [eof (volatile! nil)]  ; a value no read can return
    (binding [*ns* *ns*]
      (loop [result nil]
        (let [form (read rdr false eof)]
          (if (identical? form eof)
            result
            (recur (eval form))))))))
