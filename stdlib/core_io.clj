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

;; ---------------------------------------------------------------- print-method
;; Printing is C++ (vm/printer.cpp). print-method and print-dup are
;; multimethods whose :default method is that printer; once a user adds a
;; method, the printer asks folio-print-method-for about each value it prints
;; (until then it does not look, so printing stays fast) and calls the user's
;; method with a writer, *out* bound to it.

(defn- print-dispatch [x _]
  (let [t (get (meta x) :type)] (if (keyword? t) t (class x))))

(defmulti print-method
  "(print-method x writer): writes x to writer as pr does. Add methods for a
  type (a record's or deftype's, a class, or a :type metadata keyword) to
  change how pr, prn, print, str of collections, pprint and the REPL print it."
  print-dispatch)
(defmulti print-dup
  "(print-dup x writer): writes x to writer in a form read-eval can rebuild;
  pr uses it when *print-dup* is true."
  print-dispatch)

(defmethod print-method :default [x w] (folio-print-default x w false))
(defmethod print-dup :default [x w] (folio-print-default x w true))

(def ^:private default-print-method (get (methods print-method) :default))
(def ^:private default-print-dup (get (methods print-dup) :default))

(defn folio-print-method-for
  "The method print-method has for x, or nil when it is the default."
  [x]
  (let [m (get-method print-method (print-dispatch x nil))]
    (when-not (identical? m default-print-method) m)))

(defn folio-print-dup-for
  "The method print-dup has for x, or nil when it is the default."
  [x]
  (let [m (get-method print-dup (print-dispatch x nil))]
    (when-not (identical? m default-print-dup) m)))

;; Keeps the hook vars the printer reads in step with the method tables.
(doseq [[mf hook] [[print-method #'folio-print-method-hook] [print-dup #'folio-print-dup-hook]]]
  (add-watch (multi-state mf) ::print-hook
             (fn [_ _ old new]
               (when-not (identical? (get old :methods) (get new :methods))
                 (let [ms (get new :methods)]
                   (alter-var-root hook (constantly (boolean (some (fn [k] (not= k :default)) (keys ms))))))))))

(declare pr-on)

(defn- print-meta [o w]
  (when-let [m (meta o)]
    (when (and (pos? (count m)) (or *print-dup* (and *print-meta* *print-readably*)))
      (.write w "^")
      (if (and (= (count m) 1) (:tag m))
        (pr-on (:tag m) w)
        (pr-on m w))
      (.write w " "))))

(defn- pr-on [x w]
  (if *print-dup* (print-dup x w) (print-method x w))
  nil)

(defn print-simple
  "Writes o's metadata (as *print-meta* asks) and (str o) to writer w."
  [o w]
  (print-meta o w)
  (.write w (str o)))

(defn print-ctor
  "Writes #=(ClassName. args) to w, (print-args o w) writing the args."
  [o print-args w]
  (.write w "#=(")
  (.write w (.getName (class o)))
  (.write w ". ")
  (print-args o w)
  (.write w ")"))
