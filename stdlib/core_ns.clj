;; core_ns.clj - clojure.core, part 4: namespaces (ns, require, use),
;; hierarchies and multimethods, dosync (and refs when the runtime has no STM),
;; fallbacks for fns that may or may not be natives, and small extras
;; (bounded-count, halt-when, iteration, with-bindings, structs, ...).

;; ---------------------------------------------------------------- require, use, ns

(defn- prefixed-lib [prefix lib]
  (if prefix (symbol (str prefix "." (name lib))) lib))

(defn- refer-filters [opts]
  (mapcat (fn [k] (when (contains? opts k) [k (get opts k)])) [:exclude :only :rename]))

;; One libspec: lib, [lib & options] or (prefix libspec...).
(defn- load-libspec [prefix spec use?]
  (cond
    (symbol? spec)
    (let [lib (prefixed-lib prefix spec)]
      (folio-load-lib lib)
      (when use? (refer lib)))

    (vector? spec)
    (let [lib (prefixed-lib prefix (first spec))
          opts (apply hash-map (rest spec))]
      (if (contains? opts :as-alias)
        (do (create-ns lib)
            (alias (get opts :as-alias) lib))
        (do (folio-load-lib lib)
            (when-let [a (get opts :as)] (alias a lib))
            (let [r (get opts :refer)
                  filters (refer-filters opts)]
              (cond
                (= r :all) (apply refer lib filters)
                r (apply refer lib :only r (refer-filters (dissoc opts :only)))
                use? (apply refer lib filters))))))

    (seq? spec)
    (let [p (prefixed-lib prefix (first spec))]
      (doseq [s (rest spec)]
        (load-libspec p s use?)))

    (keyword? spec) nil  ; :reload, :reload-all, :verbose

    :else (throw-iae (str "Bad libspec: " (pr-str spec)))))

(defn require
  "Loads libs (unless already loaded) and sets up aliases and refers:
  (require 'a.b '[c.d :as cd :refer [x y]] '[e.f :refer :all] '(g h [i :as i]))"
  [& args]
  (doseq [spec args] (load-libspec nil spec false))
  nil)

(defn use
  "Like require, also referring all public vars (or :only / :exclude / :rename)."
  [& args]
  (doseq [spec args] (load-libspec nil spec true))
  nil)

(defn requiring-resolve
  "Resolves the qualified symbol, requiring its namespace first if needed."
  [sym]
  (or (resolve sym)
      (do (require (symbol (namespace sym))) (resolve sym))))

(defmacro refer-clojure
  "clojure.core is always visible in Folio namespaces; the filters are ignored."
  [& filters]
  nil)

(defmacro import "Host classes: nothing to import in Folio." [& specs] nil)

(defmacro ns
  "(ns name docstring? attr-map? references*): switches to (creating) the
  namespace and processes (:require ...) and (:use ...) clauses.
  :refer-clojure, :import, :gen-class and :load clauses are accepted and ignored."
  [name & references]
  (let [docstring (when (string? (first references)) (first references))
        references (if docstring (next references) references)
        attr-map (when (map? (first references)) (first references))
        references (if attr-map (next references) references)
        ;; the namespace's metadata, as the JVM's ns sets it: the name's, :doc, the attr-map
        ns-meta (not-empty (merge (meta name) (when docstring {:doc docstring}) attr-map))
        quoted (fn [args] (map (fn [a] (list 'quote a)) args))
        clause (fn [ref]
                 (let [k (first ref)]
                   (cond
                     (= k :require) (cons 'clojure.core/require (quoted (rest ref)))
                     (= k :use) (cons 'clojure.core/use (quoted (rest ref)))
                     (contains? #{:refer-clojure :import :gen-class :load :require-macros} k) nil
                     :else (throw-iae (str "Unsupported ns clause: " k)))))]
    `(do (in-ns '~name)
         ~@(when ns-meta [`(reset-meta! (find-ns '~name) ~ns-meta)])
         ~@(keep clause references)
         nil)))

;; ---------------------------------------------------------------- hierarchies

(defn make-hierarchy
  "A new, empty hierarchy."
  []
  {:parents {} :descendants {} :ancestors {}})

(def ^:private global-hierarchy (make-hierarchy))

(defn isa?
  "true if child is parent, derives from it (directly or not) in hierarchy h
  (default the global one), or both are vectors of pairwise isa? items."
  ([child parent] (isa? global-hierarchy child parent))
  ([h child parent]
   (or (= child parent)
       (folio-class-isa? child parent)
       (contains? (get (get h :ancestors) child) parent)
       (and (vector? parent) (vector? child)
            (= (count parent) (count child))
            (loop [i 0]
              (if (< i (count parent))
                (if (isa? h (nth child i) (nth parent i)) (recur (inc i)) false)
                true))))))

(defn parents
  "The immediate parents of tag in h (default the global hierarchy), or nil."
  ([tag] (parents global-hierarchy tag))
  ([h tag] (not-empty (get (get h :parents) tag))))

(defn ancestors
  "All the ancestors of tag in h (default the global hierarchy), or nil."
  ([tag] (ancestors global-hierarchy tag))
  ([h tag] (not-empty (get (get h :ancestors) tag))))

(defn descendants
  "All the descendants of tag in h (default the global hierarchy), or nil."
  ([tag] (descendants global-hierarchy tag))
  ([h tag] (not-empty (get (get h :descendants) tag))))

(defn class?
  "true if x is a class: what class and type return, what a class name
  (Long, a record's or deftype's) evaluates to."
  [x]
  (instance? Class x))

(defn derive
  "Makes parent a parent of tag, in h (returning the new hierarchy) or in the
  global hierarchy."
  ([tag parent]
   (assert (namespace parent))
   (assert (or (class? tag) (and (instance? clojure.lang.Named tag) (namespace tag))))
   (alter-var-root #'global-hierarchy derive tag parent)
   nil)
  ([h tag parent]
   (assert (not= tag parent))
   (assert (or (class? tag) (instance? clojure.lang.Named tag)))
   (assert (instance? clojure.lang.Named parent))
   (let [ps (get h :parents)
         as (get h :ancestors)
         ds (get h :descendants)]
     (cond
       (contains? (get ps tag) parent) h
       (contains? (get as tag) parent) (throw (Exception. (print-str tag "already has" parent "as ancestor")))
       (contains? (get as parent) tag) (throw (Exception. (print-str "Cyclic derivation:" parent "has" tag "as ancestor")))
       :else
       (let [;; tag and everything below it gain parent and parent's ancestors
             up (conj (get as parent #{}) parent)
             as (reduce (fn [m t] (assoc m t (into (get m t #{}) up)))
                        as (cons tag (get ds tag)))
             ;; parent and everything above it gain tag and tag's descendants
             down (conj (get ds tag #{}) tag)
             ds (reduce (fn [m t] (assoc m t (into (get m t #{}) down)))
                        ds (cons parent (get (get h :ancestors) parent)))]
         {:parents (assoc ps tag (conj (get ps tag #{}) parent))
          :ancestors as
          :descendants ds})))))

(defn underive
  "Removes parent as a parent of tag, in h (returning the new hierarchy) or in
  the global hierarchy."
  ([tag parent]
   (alter-var-root #'global-hierarchy underive tag parent)
   nil)
  ([h tag parent]
   (let [ps (get h :parents)]
     (if (contains? (get ps tag) parent)
       (let [ps (let [left (disj (get ps tag) parent)]
                  (if (empty? left) (dissoc ps tag) (assoc ps tag left)))]
         ;; rebuild from the remaining parent links
         (reduce (fn [h [t parents]] (reduce (fn [h p] (derive h t p)) h parents))
                 (make-hierarchy) ps))
       h))))

;; ---------------------------------------------------------------- multimethods
;; A multimethod is a fn whose metadata holds (under ::multi) an atom with its
;; state: name, dispatch fn, default dispatch value, hierarchy var, methods,
;; prefers and a cache of isa?-based lookups.

(defn- multi-state [mf]
  (let [st (get (meta mf) ::multi)]
    (when-not st (throw-iae (str "Not a multimethod: " mf)))
    st))

(defn- multi-prefers? [st h x y]
  (or (contains? (get (get st :prefers) x) y)
      (some (fn [p] (multi-prefers? st h x p)) (parents h y))
      (some (fn [p] (multi-prefers? st h p y)) (parents h x))
      false))

(defn- multi-dominates? [st h x y]
  (or (multi-prefers? st h x y) (isa? h x y)))

;; The method for dispatch value dv by isa?, or nil.
(defn- multi-find-isa [st h dv]
  (let [best (reduce
               (fn [best e]
                 (if (isa? h dv (key e))
                   (cond
                     (nil? best) e
                     (multi-dominates? st h (key e) (key best)) e
                     (multi-dominates? st h (key best) (key e)) best
                     :else (throw-iae (str "Multiple methods in multimethod '" (get st :name)
                                           "' match dispatch value: " dv " -> " (key e)
                                           " and " (key best) ", and neither is preferred")))
                   best))
               nil
               (get st :methods))]
    (when best (val best))))

(defn- multi-method [state dv]
  (let [st @state
        methods (get st :methods)
        m (get methods dv)]
    (or m
        (let [h (deref (get st :hierarchy))
              cache (if (identical? h (get st :cache-h)) (get st :cache) {})
              e (find cache dv)]
          (if e
            (val e)
            (let [m (or (multi-find-isa st h dv) (get methods (get st :default)))]
              (swap! state assoc :cache (assoc cache dv m) :cache-h h)
              m))))))

(defn- multi-target [state dv]
  (or (multi-method state dv)
      (throw-iae (str "No method in multimethod '" (get @state :name)
                      "' for dispatch value: " dv))))

(defn- make-multifn [name dispatch-fn default hierarchy]
  (let [state (atom {:name name :dispatch-fn dispatch-fn :default default
                     :hierarchy hierarchy :methods {} :prefers {}
                     :cache {} :cache-h nil})
        f (fn
            ([] ((multi-target state (dispatch-fn))))
            ([a] ((multi-target state (dispatch-fn a)) a))
            ([a b] ((multi-target state (dispatch-fn a b)) a b))
            ([a b c] ((multi-target state (dispatch-fn a b c)) a b c))
            ([a b c & more]
             (apply (multi-target state (apply dispatch-fn a b c more)) a b c more)))]
    (with-meta f {::multi state})))

(defn- multifn? [x] (boolean (get (meta x) ::multi)))

(defmacro defmulti
  "(defmulti name docstring? attr-map? dispatch-fn & options): defines a
  multimethod dispatching on (dispatch-fn args...). Options: :default
  (dispatch value of the fallback method, default :default) and :hierarchy
  (a var holding the hierarchy). Does nothing if name is already a multimethod."
  [name & options]
  (let [doc (when (string? (first options)) (first options))
        options (if doc (next options) options)
        attrs (when (map? (first options)) (first options))
        options (if attrs (next options) options)
        dispatch-fn (first options)
        opts (apply hash-map (next options))
        m (merge (meta name) attrs (when doc {:doc doc}))
        default (get opts :default :default)
        hierarchy (get opts :hierarchy '(var clojure.core/global-hierarchy))]
    `(let [v# (def ~name)]
       (when-not (and (has-root? v#) (multifn? (var-get v#)))
         (def ~(with-meta name m)
           (make-multifn '~name ~dispatch-fn ~default ~hierarchy))))))

(defn- reset-multi! [mf f & args]
  (apply swap! (multi-state mf) (fn [st & args] (assoc (apply f st args) :cache {})) args)
  mf)

(defn- add-method [mf dv f]
  (reset-multi! mf assoc-in [:methods dv] f))

(defmacro defmethod
  "(defmethod multifn dispatch-value name? [params*] body): adds a method."
  [multifn dispatch-val & fn-tail]
  `(add-method ~multifn ~dispatch-val (fn ~@fn-tail)))

(defn remove-method "Removes the method for dispatch value dv." [mf dv]
  (reset-multi! mf update :methods dissoc dv))

(defn remove-all-methods "Removes all methods." [mf]
  (reset-multi! mf assoc :methods {}))

(defn prefer-method
  "Prefers the method for x over the one for y when both match."
  [mf x y]
  (let [st @(multi-state mf)]
    (when (multi-prefers? st (deref (get st :hierarchy)) y x)
      (throw-ise (str "Preference conflict in multimethod '" (get st :name) "': "
                      y " is already preferred to " x))))
  (reset-multi! mf update-in [:prefers x] (fnil conj #{}) y))

(defn methods "The map of dispatch value -> method." [mf] (get @(multi-state mf) :methods))
(defn prefers "The map of preferences." [mf] (get @(multi-state mf) :prefers))
(defn get-method "The method dispatch value dv selects, or nil." [mf dv]
  (multi-method (multi-state mf) dv))

;; ---------------------------------------------------------------- refs and transactions
;; dosync runs its body through folio-run-in-transaction (a native STM). Only
;; when the runtime has no refs, the block below provides them: refs are atoms,
;; a transaction buffers its writes ([ref value] pairs) and commits them at the
;; end (after checking every validator); no conflicts, no retries.

(when-missing ref
  (def ^:dynamic ^:private *tx* nil)

  (defn ref
    "A ref with initial value x; options :validator and :meta."
    [x & options]
    (apply atom x options))

  (defn- tx-current []
    (or *tx* (throw-ise "No transaction running")))

  (defn- tx-lookup [tx r]
    (loop [s (seq @tx)]
      (when s
        (if (identical? (nth (first s) 0) r) (first s) (recur (next s))))))

  (defn- tx-value [r]
    (let [e (tx-lookup (tx-current) r)]
      (if e (nth e 1) (deref r))))

  (defn- tx-write [r v]
    (let [tx (tx-current)]
      (vreset! tx (conj (vec (remove (fn [e] (identical? (nth e 0) r)) @tx)) [r v]))
      v))

  (defn alter "In a transaction: sets ref's value to (apply f value args)." [r f & args]
    (tx-write r (apply f (tx-value r) args)))

  (defn commute "In a transaction: sets ref's value to (apply f value args)." [r f & args]
    (tx-write r (apply f (tx-value r) args)))

  (defn ref-set "In a transaction: sets ref's value." [r v]
    (tx-write r v))

  (defn ensure "In a transaction: ref's (in-transaction) value." [r]
    (tx-value r))

  (defn folio-run-in-transaction [f]
    (if *tx*
      (f)
      (let [tx (volatile! [])
            ret (binding [*tx* tx] (f))
            writes @tx]
        (doseq [[r v] writes]
          (let [vf (get-validator r)]
            (when (and vf (not (vf v)))
              (throw-ise "Invalid reference state"))))
        (doseq [[r v] writes]
          (reset! r v))
        ret)))

  nil)

(defmacro sync "Runs body in a transaction (flags ignored)." [flags & body]
  `(folio-run-in-transaction (fn [] ~@body)))

(defmacro dosync
  "Runs body in a transaction: ref changes (alter, commute, ref-set) made in it
  take effect together at its end, or not at all when it throws."
  [& body]
  `(folio-run-in-transaction (fn [] ~@body)))

;; ---------------------------------------------------------------- fallbacks for possible natives

(when-missing bound?
  (defn bound? "true if every var has a value (root or thread binding)." [& vars]
    (every? has-root? vars)))

(when-missing NaN?
  (defn NaN? "true if num is NaN." [num] (not (== num num))))

(when-missing infinite?
  (defn infinite? "true if num is positive or negative infinity." [num]
    (or (== num ##Inf) (== num ##-Inf))))

(when-missing delay?
  (def ^:private delay-class (class (delay nil)))
  (defn delay? "true if x is a Delay." [x] (= (class x) delay-class)))

(when-missing bit-and-not
  (defn bit-and-not "x AND NOT y" [x y] (bit-and x (bit-not y))))
(when-missing bit-set
  (defn bit-set "x with bit n set" [x n] (bit-or x (bit-shift-left 1 n))))
(when-missing bit-clear
  (defn bit-clear "x with bit n cleared" [x n] (bit-and x (bit-not (bit-shift-left 1 n)))))
(when-missing bit-flip
  (defn bit-flip "x with bit n flipped" [x n] (bit-xor x (bit-shift-left 1 n))))
(when-missing bit-test
  (defn bit-test "true if bit n of x is set" [x n] (not (zero? (bit-and x (bit-shift-left 1 n))))))


(defn special-symbol?
  "true if s names a special form."
  [s]
  (contains? '#{def if do let* loop* recur fn* quote var throw try catch finally
                letfn* set! case* new . &}
             s))

(defn clojure-version "The Clojure version Folio follows." [] "1.11.1")

;; ---------------------------------------------------------------- misc

(def ^:dynamic *clojure-version*
  "The Clojure version Folio follows."
  {:major 1 :minor 11 :incremental 1 :qualifier nil})

(defn bounded-count
  "(count coll) if that is cheap, else the count of at most n items of coll."
  [n coll]
  (if (counted? coll)
    (count coll)
    (loop [i 0 s (seq coll)]
      (if (and s (< i n)) (recur (inc i) (next s)) i))))

(defn halt-when
  "A transducer ending the reduction at the first input for which (pred input)
  is true; the result is (retf result input), or that input without retf."
  ([pred] (halt-when pred nil))
  ([pred retf]
   (fn [rf]
     (fn
       ([] (rf))
       ([result]
        (if (and (map? result) (contains? result ::halt))
          (get result ::halt)
          (rf result)))
       ([result input]
        (if (pred input)
          (reduced {::halt (if retf (retf (rf result) input) input)})
          (rf result input)))))))

(defn iteration
  "A lazy seq of (vf ret) for each ret = (step k), starting with k = initk and
  continuing with k = (kf ret) while (somef ret) and k is non-nil."
  [step & {:keys [somef vf kf initk] :or {vf identity kf identity somef some? initk nil}}]
  (let [walk (fn walk [ret]
               (when (somef ret)
                 (cons (vf ret)
                       (when-some [k (kf ret)]
                         (lazy-seq (walk (step k)))))))]
    (lazy-seq (walk (step initk)))))

(defn replicate "Deprecated: (repeat n x)." [n x] (take n (repeat x)))

(defn with-bindings*
  "Calls f (with args) with the var -> value map of thread bindings in effect."
  [binding-map f & args]
  (push-thread-bindings binding-map)
  (try (apply f args)
       (finally (pop-thread-bindings))))

(defmacro with-bindings
  "Evaluates body with the var -> value map of thread bindings in effect."
  [binding-map & body]
  `(with-bindings* ~binding-map (fn [] ~@body)))

(defn folio-field
  "(.-field x) and (.field x), which the compiler makes calls of this: a
  record's or deftype's field, or a var's ns or sym; anything else has no
  fields to read."
  [x k]
  (cond
    (var? x) (case k
               :ns (get (meta x) :ns)
               :sym (get (meta x) :name)
               (throw-iae (str "No matching field found: " (name k) " for class clojure.lang.Var")))
    (folio-deftype? x) (folio-deftype-field x k)
    (and (record? x) (contains? x k)) (get x k)
    (nil? x) (throw (folio-throwable "java.lang.NullPointerException" nil))
    :else (throw-iae (str "No matching field found: " (name k) " for class " (.getName (class x))))))

(defn ns-imports
  "The classes namespace ns imports, symbol -> class: in Folio, the java.lang
  classes every namespace imports."
  [ns]
  (the-ns ns)
  {'String String, 'Long Long, 'Integer Integer, 'Double Double, 'Float Float, 'Short Short,
   'Byte Byte, 'Boolean Boolean, 'Character Character, 'Number Number, 'Object Object,
   'Comparable Comparable, 'CharSequence CharSequence, 'Iterable Iterable, 'Math Math,
   'System System, 'Thread Thread, 'Class Class, 'StringBuilder StringBuilder,
   'Throwable Throwable, 'Exception Exception})

(defmacro io!
  "Evaluates body, unless inside a transaction: then throws an
  IllegalStateException (its message the optional leading string)."
  [& body]
  (let [message (when (string? (first body)) (first body))
        body (if message (next body) body)]
    `(if (folio-in-transaction?)
       (throw (IllegalStateException. ~(or message "I/O in transaction")))
       (do ~@body))))

(defmacro definline
  "(definline name doc? attrs? [args*] expr): defines a fn whose body is
  what the macro-like expr returns for its args, with an :inline fn of expr in
  the var's metadata (Folio's compiler does not inline it)."
  [name & decl]
  (let [[pre-args [args expr]] (split-with (comp not vector?) decl)]
    `(do
       (defn ~name ~@pre-args ~args ~(apply (eval (list `fn args expr)) args))
       (alter-meta! (var ~name) assoc :inline (fn ~name ~args ~expr))
       (var ~name))))

(defn test
  "Calls the :test fn in v's metadata: :ok, or :no-test when there is none."
  [v]
  (let [f (get (meta v) :test)]
    (if f (do (f) :ok) :no-test)))

(def char-escape-string
  "How pr escapes characters inside strings."
  {\newline "\\n" \tab "\\t" \return "\\r" \" "\\\"" \\ "\\\\" \formfeed "\\f" \backspace "\\b"})

(def char-name-string
  "The names of the named character literals."
  {\newline "newline" \tab "tab" \space "space" \backspace "backspace" \formfeed "formfeed" \return "return"})

(defn namespace-munge "ns with - replaced by _." [ns]
  (apply str (map (fn [c] (if (= c \-) \_ c)) (str ns))))

;; ---------------------------------------------------------------- structs (maps with a key order)

(defn create-struct "A struct basis: the keys." [& keys] (vec keys))

(defmacro defstruct "Defines name as a struct basis with the keys." [name & keys]
  `(def ~name (create-struct ~@keys)))

(defn struct-map
  "A map with the basis keys (nil unless given) and the key/value inits."
  [s & inits]
  (let [base (zipmap s (repeat nil))]
    (if (seq inits) (apply assoc base inits) base)))

(defn struct "A map with the basis keys bound to vals in order." [s & vals]
  (loop [m (zipmap s (repeat nil)) ks (seq s) vs (seq vals)]
    (if (and ks vs) (recur (assoc m (first ks) (first vs)) (next ks) (next vs)) m)))

(defn accessor "A fn getting key from a struct map." [s key] (fn [m] (get m key)))
