;; core_misc.clj - clojure.core: carrying dynamic bindings into fns called later
;; (bound-fn), taps, and Throwable->map. Folio runs one thread per process, so taps run at tap>
;; time rather than on a tap thread as on the JVM.

(defn bound-fn*
  "A fn that calls f with the dynamic bindings in effect now."
  [f]
  (let [bindings (get-thread-bindings)]
    (fn [& args]
      (apply with-bindings* bindings f args))))

(defmacro bound-fn
  "Like fn, but the fn runs with the dynamic bindings in effect where it was made."
  [& fntail]
  `(bound-fn* (fn ~@fntail)))

(def ^:private tapset (atom #{}))

(defn add-tap
  "Adds f, a fn of one argument, to the taps that tap> calls."
  [f]
  (swap! tapset conj f)
  nil)

(defn remove-tap
  "Removes f from the taps."
  [f]
  (swap! tapset disj f)
  nil)

(defn tap>
  "Calls every tap with x (a tap that throws is ignored); returns true."
  [x]
  (doseq [f @tapset]
    (try (f x) (catch Throwable _ nil)))
  true)

;; ---------------------------------------------------------------- Throwable->map

(defn folio-frame
  "A frame the VM recorded, \"ns/fn (path:line)\", as {:fn :file :line}, the
  file without its directory and code from -e or the REPL in NO_SOURCE_FILE,
  as the JVM names them (clojure.test, Throwable->map)."
  [frame]
  (when-let [[_ fname path line] (and frame (re-matches #"^(.*) \((.*):(-?\d+)\)$" frame))]
    (let [file (peek (clojure.string/split path #"/"))]
      {:fn fname
       :file (if (= file "NO_SOURCE_PATH") "NO_SOURCE_FILE" file)
       :line (parse-long line)})))

(defn- frame->vec
  "A recorded frame as the JVM's [class method file line]."
  [frame]
  (let [{f :fn file :file line :line} (folio-frame frame)]
    [(symbol (-> (str f) (clojure.string/replace "/" "$") (clojure.string/replace "-" "_")))
     'invoke file (or line -1)]))

(defn Throwable->map
  "Exception o as data: :via (each exception down the cause chain, with :type,
  :message, :data and :at, where it was thrown), :trace (the frames of the root
  cause), :cause and :data (of the root cause), :phase (from o's data). Frames
  are [class method file line]; an exception never thrown has none."
  [o]
  (let [frames #(mapv frame->vec (folio-stack-trace %))
        base (fn [t]
               (merge {:type (symbol (.getName (class t)))}
                      (when-let [msg (ex-message t)] {:message msg})
                      (when-let [ed (ex-data t)] {:data ed})
                      (when-let [at (first (frames t))] {:at at})))
        via (loop [via [] t o] (if t (recur (conj via t) (ex-cause t)) via))
        root (peek via)]
    (merge {:via (vec (map base via))
            :trace (frames (or root o))}
           (when-let [root-msg (ex-message root)] {:cause root-msg})
           (when-let [data (ex-data root)] {:data data})
           (when-let [phase (-> o ex-data :clojure.error/phase)] {:phase phase}))))

;; ---------------------------------------------------------------- ..

(defmacro ..
  "(.. x (method args) method2 ...) is (. (. x (method args)) method2) ..."
  ([x form] `(. ~x ~form))
  ([x form & more] `(.. (. ~x ~form) ~@more)))

;; ---------------------------------------------------------------- munge

(def ^:private munge-chars
  {\- "_" \: "_COLON_" \+ "_PLUS_" \> "_GT_" \< "_LT_" \= "_EQ_" \~ "_TILDE_"
   \! "_BANG_" \@ "_CIRCA_" \# "_SHARP_" \' "_SINGLEQUOTE_" \" "_DOUBLEQUOTE_"
   \% "_PERCENT_" \^ "_CARET_" \& "_AMPERSAND_" \* "_STAR_" \| "_BAR_"
   \{ "_LBRACE_" \} "_RBRACE_" \[ "_LBRACK_" \] "_RBRACK_" \/ "_SLASH_"
   \\ "_BSLASH_" \? "_QMARK_"})

(defn munge
  "The name s (a string or symbol) would have as a JVM class or member name."
  [s]
  ((if (symbol? s) symbol str)
   (apply str (map #(munge-chars % %) (str s)))))

;; ---------------------------------------------------------------- destructuring

(defn seq-to-map-for-destructuring
  "The map a & {:as opts} rest seq destructures as: its key/value pairs (and,
  after an odd number of them, a trailing map conj'ed on, as Clojure 1.11
  allows), or its one element (a map passed as is)."
  [s]
  (if (next s)
    (if (odd? (count s))
      (conj (apply array-map (butlast s)) (last s))
      (apply array-map s))
    (if (seq s) (first s) {})))

;; ---------------------------------------------------------------- with-local-vars

(defmacro with-local-vars
  "(with-local-vars [x init ...] body): binds each name to a new var, in no
  namespace, bound to init; body uses var-get/var-set (or @) on them."
  [name-vals-vec & body]
  (when-not (vector? name-vals-vec)
    (throw-iae (str "with-local-vars requires a vector for its binding in " (ns-name *ns*) ":" (:line (meta &form)))))
  (when-not (even? (count name-vals-vec))
    (throw-iae (str "with-local-vars requires an even number of forms in binding vector in "
                    (ns-name *ns*) ":" (:line (meta &form)))))
  `(let [~@(interleave (take-nth 2 name-vals-vec) (repeat '(folio-local-var)))]
     (push-thread-bindings (hash-map ~@name-vals-vec))
     (try
       ~@body
       (finally (pop-thread-bindings)))))

;; The reader's syntax-quote turns ~x and ~@x into calls of these; outside a
;; syntax-quote they are unbound vars, as on the JVM.
(declare unquote unquote-splicing)

;; ---------------------------------------------------------------- ref history
;; Folio's STM keeps no history (vm/stm.cpp): a ref's history is always empty,
;; and :min-history/:max-history are accepted and not kept, so these give the
;; JVM's defaults.

(defn ref-history-count "The length of ref's history: always 0 here (no history is kept)." [ref] 0)

(defn ref-min-history
  "ref's :min-history (the JVM's default, 0, as none is kept); with n, returns ref."
  ([ref] 0)
  ([ref n] ref))

(defn ref-max-history
  "ref's :max-history (the JVM's default, 10, as none is kept); with n, returns ref."
  ([ref] 10)
  ([ref n] ref))

(defn loaded-libs
  "A sorted set of the symbols of the loaded namespaces (Folio's library
  namespaces are all loaded from start-up)."
  [] (into (sorted-set) (map ns-name) (all-ns)))

