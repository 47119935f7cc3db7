;; core_proto.clj - clojure.core, part 5: protocols and records, emulated.
;;
;; Folio has no classes to generate, so:
;;  - A protocol is a map (in the protocol's var) holding an atom of
;;    implementations: type (a class, nil) -> {method-keyword fn}. A method fn dispatches on its
;;    first argument: the impls the object carries (a reify's, or a host
;;    object's in its metadata), then its
;;    (type x), its (class x), any registered type it is an instance? of, nil,
;;    and finally Object.
;;  - A record is an array map with {:type ns.Name} metadata (the type's name
;;    as a symbol; vm/record.cpp lists what else the metadata holds); `type`
;;    and `class` give its class, which Name evaluates to; ->Name and
;;    map->Name construct, and (Name. ...) works through a macro named `Name.`.
;;    Records print as #ns.Name{...} (vm/printer.cpp), equal only records of
;;    the same type, hash and str as defrecord's do (vm/equality.cpp,
;;    record_type); instance? knows them (vm/classes.cpp).
;;  - A deftype instance is a heap object of its own (vm/deftype.cpp): not a
;;    map, = and hash by identity unless it implements Object's equals and
;;    hashCode. Method bodies read its fields as locals; a mutable field is
;;    read at each use and set! writes it (folio-mutable-fields*, a special
;;    form of the compiler). A reify object is a deftype instance whose two
;;    fields hold its methods (closures of that instance) and its metadata.

(defn- protocol? [x] (boolean (and (map? x) (get x ::protocol))))

(defn- instance-safe? [t x]
  (try (boolean (instance? t x))
       (catch Throwable _ false)))

;; The {method-keyword fn} map implementing protocol p for x, or nil.
(defn- protocol-impls-for [p x]
  (let [pkey (get p :var)
        own (get (or (folio-reify-impls x) (get (meta x) ::impls)) pkey)]
    (or own
        (let [impls @(get p :impls)
              t (type x)]
          (or (get impls t)
              (get impls (class x))
              (if (nil? x)
                (get impls nil)
                (or (some (fn [e]
                            (let [k (key e)]
                              (when (and (class? k) (not= k Object) (instance-safe? k x))
                                (val e))))
                          impls)
                    (get impls Object))))))))

(defn- protocol-method [p mkey x]
  (or (get (protocol-impls-for p x) mkey)
      (throw-iae (str "No implementation of method: " mkey " of protocol: #'" (get p :var)
                      " found for class: " (if (nil? x) "nil" (.getName (class x)))))))

(defmacro defprotocol
  "(defprotocol Name docstring? (method [this args*]+ docstring?)*): defines
  the protocol and a dispatching fn for each method."
  [pname & opts+sigs]
  (let [doc (when (string? (first opts+sigs)) (first opts+sigs))
        sigs (loop [s (if doc (rest opts+sigs) opts+sigs) acc []]
               (cond
                 (empty? s) acc
                 (keyword? (first s)) (recur (drop 2 s) acc)  ; options such as :extend-via-metadata
                 :else (recur (rest s) (conj acc (first s)))))
        qname (symbol (str (ns-name *ns*)) (str pname))
        method-defs
        (map (fn [[mname & parts]]
               (let [arglists (filter vector? parts)
                     mdoc (first (filter string? parts))
                     mkey (keyword (str mname))]
                 `(defn ~mname
                    ~@(when mdoc [mdoc])
                    {:arglists '~(apply list arglists)}
                    ~@(map (fn [args]
                             (let [gs (vec (map (fn [_] (gensym "arg__")) args))]
                               `(~gs ((protocol-method ~pname ~mkey ~(first gs)) ~@gs))))
                           arglists))))
             sigs)]
    `(do (def ~(if doc (vary-meta pname assoc :doc doc) pname)
           {::protocol true
            :var '~qname
            :methods ~(vec (map (fn [s] (keyword (str (first s)))) sigs))
            :impls (atom {})})
         ~@method-defs
         '~pname)))

(defn extend
  "Registers implementations for type t: (extend t Protocol {:method fn ...} ...)."
  [t & proto+mmaps]
  (doseq [[p mmap] (partition 2 proto+mmaps)]
    (when-not (protocol? p) (throw-iae (str p " is not a protocol")))
    (swap! (get p :impls) update t merge mmap))
  nil)

;; (method [params] body) or (method ([params] body)+) -> [:method (fn ...)], with
;; `wrap` applied to each arity's body (records bind their fields there).
(defn- method-entry [[mname & tail] wrap]
  (let [arities (if (vector? (first tail)) [tail] tail)]
    [(keyword (str mname))
     `(fn ~@(map (fn [[params & body]] `(~params ~(wrap params body))) arities))]))

;; {:method (fn ...)} of method forms; arities written as separate forms of one
;; name, as deftype's (valAt [_ k] ...) (valAt [_ k nf] ...), make one fn.
(defn- method-map [methods wrap]
  (let [arities (reduce (fn [acc [mname & tail]]
                          (update acc mname (fnil into []) (if (vector? (first tail)) [tail] tail)))
                        {} methods)]
    (into {} (map (fn [[mname as]] (method-entry (cons mname as) wrap)) arities))))

;; Protocol specs: Proto (method ...)* Proto2 ... -> {Proto-sym [method-forms]}.
(defn- group-specs [specs]
  (loop [s (seq specs) cur nil acc []]
    (cond
      (nil? s) acc
      (symbol? (first s)) (recur (next s) (first s) (conj acc [(first s) []]))
      :else (recur (next s) cur (conj (pop acc) (update (peek acc) 1 conj (first s)))))))

(defn- plain-body [params body] `(do ~@body))

(defn- form-symbols [forms] (set (filter symbol? (tree-seq coll? seq forms))))

;; In a method written inline (deftype, defrecord, reify) recur goes back to
;; the method's head without `this`, as on the JVM: a loop over the other
;; parameters, when the body has a recur.
(defn- inline-body [params body]
  (if (and (contains? (form-symbols body) 'recur) (every? symbol? params))
    [`(loop [~@(mapcat (fn [p] [p p]) (rest params))] ~@body)]
    body))

(defn- inline-wrap [wrap] (fn [params body] (wrap params (inline-body params body))))

;; The JVM interfaces a deftype or reify may implement here, each emulated by a
;; protocol that the natives ask (deref, realized?: vm/core_natives_cells.cpp)
;; or the stdlib does (reduce: core_protocols.clj).
;; Object's toString is str's (vm/core_natives.cpp, append_str), written Object
;; or java.lang.Object; a deftype's equals and hashCode are = and hash's
;; (vm/deftype.cpp).
(def ^:private interface-protocols
  (let [ps (into {} (map (fn [[iface methods]]
                           [iface {::protocol true :var iface :methods methods :impls (atom {})}])
                         {'clojure.lang.IDeref [:deref]
                          'clojure.lang.ILookup [:valAt]
                          'clojure.lang.IFn [:invoke]
                          'clojure.lang.Counted [:count]
                          'clojure.lang.Seqable [:seq]
                          'clojure.lang.IBlockingDeref [:deref]
                          'clojure.lang.IPending [:isRealized]
                          'clojure.lang.IReduceInit [:reduce]
                          'clojure.lang.IReduce [:reduce]
                          'java.lang.Object [:toString :equals :hashCode]}))]
    (assoc ps 'Object (get ps 'java.lang.Object))))

(defn -interface-method
  "Internal: the fn implementing method mkey of interface iface for x, or nil."
  [iface mkey x]
  (get (protocol-impls-for (get interface-protocols iface) x) mkey))

(defn -implements?
  "Internal: true when x implements interface iface (a symbol) among those
  emulated here, inline, through extend or as a reify."
  [iface x]
  (let [p (get interface-protocols iface)]
    (boolean (and p (protocol-impls-for p x)))))

(defn- spec-protocol [sym]
  (or (get interface-protocols sym)
      (let [v (resolve sym)]
        (when (var? v) (let [p (var-get v)] (when (protocol? p) p))))))

(defn- protocol-sym? [sym] (boolean (spec-protocol sym)))

;; The form a deftype's extend call names its protocol with.
(defn- protocol-form [sym]
  (if (get interface-protocols sym) `(get @#'interface-protocols '~sym) sym))

(defmacro extend-type
  "(extend-type t Protocol (method [this ...] body)+ ...)"
  [t & specs]
  `(extend ~t
     ~@(mapcat (fn [[p methods]]
                 [p (method-map methods plain-body)])
               (group-specs specs))))

(defmacro extend-protocol
  "(extend-protocol Protocol Type (method [this ...] body)+ Type2 ...)"
  [p & specs]
  `(do ~@(map (fn [[t methods]] `(extend-type ~t ~p ~@methods))
              (loop [s (seq specs) acc []]
                (cond
                  (nil? s) acc
                  (seq? (first s)) (recur (next s) (conj (pop acc) (update (peek acc) 1 conj (first s))))
                  :else (recur (next s) (conj acc [(first s) []])))))
       nil))

(defn satisfies? "true if x implements protocol p." [p x]
  (boolean (protocol-impls-for p x)))

(defn extends? "true if type t has an implementation of protocol p." [p t]
  (contains? @(get p :impls) t))

(defn extenders "The types with implementations of protocol p." [p]
  (keys @(get p :impls)))

(defmacro reify
  "An object implementing the protocols' and interfaces' methods as closures
  over the enclosing locals: a deftype instance (vm/deftype.cpp) whose fields
  hold those methods and its metadata (where the form is, as the JVM's)."
  [& specs]
  (let [t (symbol (str (namespace-munge (ns-name *ns*)) "$" (gensym "reify__")))]
    `(folio-deftype-new '~t '[~'__reify-impls ~'__reify-meta]
       ~(into {} (map (fn [[p methods]]
                        [(list 'quote (get (spec-protocol p) :var))
                         (method-map methods (inline-wrap plain-body))])
                      (filter (fn [[p _]] (protocol-sym? p)) (group-specs specs))))
       '~(not-empty (select-keys (meta &form) [:line :column])))))

(defn- type-symbol [name] (symbol (str (namespace-munge (ns-name *ns*)) "." name)))

;; (Name. args) calls ->Name, through a macro named `Name.`.
(defn- ctor-macro [name ctor]
  `(def ~(with-meta (symbol (str name ".")) {:macro true})
     (fn [~'&form ~'&env & args#] (cons '~(symbol (str (ns-name *ns*)) (str ctor)) args#))))

;; extend calls for the protocols and interfaces among specs, each method made by method-entry.
(defn- inline-impls [tsym specs wrap]
  (map (fn [[p methods]]
         `(extend (folio-class '~tsym) ~(protocol-form p) ~(method-map methods (inline-wrap wrap))))
       (filter (fn [[p _]] (protocol-sym? p)) (group-specs specs))))

;; The types defrecord and deftype made: extending a reduce protocol to one of
;; them leaves the plain reduce of every other value alone (core_protocols.clj).
(def ^:private record-types (atom #{}))

(defn- emit-record [name fields specs]
  (let [tsym (type-symbol name)
        ctor (symbol (str "->" name))
        mctor (symbol (str "map->" name))
        tmeta {:type (list 'quote tsym) ::record true
               ::record-fields (set (map (fn [f] (keyword (str f))) fields))}
        ;; method bodies see the fields as locals, read from `this` (a
        ;; parameter of the same name wins)
        wrap (fn [params body]
               (let [this (gensym "this__")
                     own (set (filter symbol? params))]
                 `(let [~this ~(first params)
                        ~@(mapcat (fn [f] [f `(get ~this ~(keyword (str f)))]) (remove own fields))]
                    ~@body)))]
    `(do (def ~name (folio-class '~tsym))
         (swap! @#'record-types conj ~name)
         (defn ~ctor [~@fields]
           (with-meta (array-map ~@(mapcat (fn [f] [(keyword (str f)) f]) fields)) ~tmeta))
         (defn ~mctor [m#]
           (with-meta (merge (~ctor ~@(map (fn [_] nil) fields)) m#) ~tmeta))
         ~(ctor-macro name ctor)
         ~@(inline-impls tsym specs wrap)
         ~name)))

(defmacro defrecord
  "(defrecord Name [fields*] Protocol (method [this ...] body)* ...): a record
  type (see the top of this file for how records are emulated)."
  [name fields & specs]
  (emit-record name fields specs))

(defn- mutable-field? [f]
  (let [m (meta f)] (boolean (or (get m :volatile-mutable) (get m :unsynchronized-mutable)))))

(defmacro deftype
  "(deftype Name [fields*] Protocol (method [this ...] body)* ...): a type
  whose instances hold the fields and nothing else: not maps, equal only to
  themselves unless Object's equals is implemented. A field marked
  ^:volatile-mutable or ^:unsynchronized-mutable can be set! in the method
  bodies and is not readable from outside; such an instance stays in its
  process (it cannot be shared)."
  [name fields & specs]
  (let [tsym (type-symbol name)
        ctor (symbol (str "->" name))
        indexed (map-indexed vector fields)
        ;; method bodies see the fields as locals (a parameter of the same name
        ;; wins); mutable ones are read at each use and written by set!
        wrap (fn [params body]
               (let [self (gensym "this__")
                     own (set (filter symbol? params))
                     used (form-symbols body)  ; only the fields the body names are read
                     visible (filter (fn [[_ f]] (and (contains? used f) (not (contains? own f)))) indexed)]
                 `(let [~self ~(first params)
                        ~@(mapcat (fn [[i f]] [f `(folio-deftype-get ~self ~i)])
                                  (remove (fn [[_ f]] (mutable-field? f)) visible))]
                    (~'folio-mutable-fields* ~self
                     [~@(mapcat (fn [[i f]] [f i]) (filter (fn [[_ f]] (mutable-field? f)) visible))]
                     ~@body))))]
    `(do (def ~name (folio-class '~tsym))
         (swap! @#'record-types conj ~name)
         (defn ~ctor [~@fields] (folio-deftype-new '~tsym '~(vec fields) ~@fields))
         ~(ctor-macro name ctor)
         ~@(inline-impls tsym specs wrap)
         ~name)))

;; ---------------------------------------------------------------- host objects
;; Objects the JVM makes of its own classes, made here as reify makes objects:
;; a map whose metadata names the class and holds Object's toString.

(defn- host-object [cls to-string state]
  (with-meta {} {:type (folio-class cls) ::state state ::impls {'java.lang.Object {:toString to-string}}}))

(defn folio-unbound
  "What deref of unbound var v gives, as the JVM's Var$Unbound: its str is
  \"Unbound: #'ns/name\"."
  [v]
  (host-object 'clojure.lang.Var$Unbound (fn [_] (str "Unbound: " v)) nil))

(defn- matcher-state [m]
  (let [st (get (meta m) ::state)]
    (if (and (= (folio-class 'java.util.regex.Matcher) (type m)) (volatile? st))
      st
      (throw (folio-throwable "java.lang.ClassCastException"
                              (str "class " (.getName (class m)) " cannot be cast to class java.util.regex.Matcher"))))))

(defn re-matcher
  "A java.util.regex.Matcher of re over s: each (re-find m) finds the next
  match, and (re-groups m) gives the groups of the last."
  [re s]
  (let [s (str s)
        st (volatile! {:re (re-pattern re) :s s :from 0 :groups nil :done false})]
    (host-object 'java.util.regex.Matcher
                 (fn [_] (str "java.util.regex.Matcher[pattern=" re " region=0," (count s) " lastmatch="
                              (let [g (get @st :groups)] (if (vector? g) (nth g 0) (or g "")))
                              "]"))
                 st)))

(defn folio-matcher-find
  "Internal: the next match of matcher m, as (re-find m) gives it
  (vm/core_natives_regex.cpp calls this)."
  [m]
  (let [st (matcher-state m)
        {:keys [re s from done]} @st
        found (when-not done (folio-re-find-from re s from))]
    (if found
      (do (vswap! st assoc :from (nth found 1) :groups (nth found 0))
          (nth found 0))
      (do (vswap! st assoc :done true :groups nil)
          nil))))

(defn re-groups
  "The groups of matcher m's last match: the whole match when the pattern has
  no groups, else a vector of it and its groups (nil for one that took no part)."
  [m]
  (let [g (get @(matcher-state m) :groups)]
    (when (nil? g) (throw (IllegalStateException. "No match found")))
    g))
