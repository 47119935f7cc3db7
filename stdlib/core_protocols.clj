;; core_protocols.clj - clojure.core.protocols: the reduce protocols
;; (CollReduce, InternalReduce, IKVReduce) and clojure.datafy's (Datafiable,
;; Navigable).
;;
;; reduce and reduce-kv (stdlib/core.clj) walk built-in collections
;; themselves and come here only for records, deftype and reify objects and
;; values with metadata, or once a user extended CollReduce / IKVReduce; the fns
;; below are then what they call. As on the JVM, an object implementing
;; clojure.lang.IReduceInit / IReduce (reify) is reduced through its .reduce
;; before the protocol is asked.
(ns clojure.core.protocols)

(defprotocol CollReduce
  "Reducing a collection its own way; what reduce calls for types that extend it."
  (coll-reduce [coll f] [coll f val]))

(defprotocol InternalReduce
  "Reducing a seq its own way."
  (internal-reduce [seq f start]))

(defprotocol IKVReduce
  "Reducing a map-like collection by key and value; what reduce-kv calls."
  (kv-reduce [amap f init]))

(defn- iface-reduce [iface coll]
  (when (folio-deftype? coll) (clojure.core/-interface-method iface :reduce coll)))

;; What reduce does for a value no user impl claims: an IReduceInit / IReduce
;; object's own .reduce (the 2-arg reduce needs IReduce, as on the JVM), else
;; the walk of its seq.
(defn- default-reduce
  ([coll f]
   (if-let [r (iface-reduce 'clojure.lang.IReduce coll)]
     (r coll f)
     (if (iface-reduce 'clojure.lang.IReduceInit coll)
       (throw (folio-throwable "java.lang.ClassCastException"
                               (str "class " (.getName (class coll)) " cannot be cast to class clojure.lang.IReduce")))
       (#'clojure.core/reduce-plain coll f))))
  ([coll f init]
   (if-let [r (or (iface-reduce 'clojure.lang.IReduceInit coll) (iface-reduce 'clojure.lang.IReduce coll))]
     (r coll f init)
     (#'clojure.core/reduce-plain coll f init))))

(extend-protocol CollReduce
  nil
  (coll-reduce ([_ f] (f)) ([_ f init] init))
  java.lang.Object
  (coll-reduce ([coll f] (default-reduce coll f)) ([coll f init] (default-reduce coll f init))))

(extend-protocol InternalReduce
  nil
  (internal-reduce [_ _ start] start)
  java.lang.Object
  (internal-reduce [s f start] (#'clojure.core/reduce-seq f start (seq s))))

(extend-protocol IKVReduce
  nil
  (kv-reduce [_ _ init] init)
  java.lang.Object
  (kv-reduce [coll f init] (#'clojure.core/reduce-kv-plain coll f init)))

;; The impl of protocol p that decides how coll reduces, or nil for the
;; default: a reify's own, its type's (a record or deftype, or a type a user
;; named), nil's, or, for what is neither a collection nor a seq, Object's
;; (which a user may replace). Cheaper than a protocol method's general
;; dispatch: no instance? search of the extenders.
(defn- decisive-impl [p coll]
  (let [impls @(get p :impls)]
    (or (get (folio-reify-impls coll) (get p :var))
        (get impls (type coll))
        (cond (nil? coll) (get impls nil)
              (or (coll? coll) (seq? coll)) nil
              :else (get impls Object)))))

(defn- dispatch-reduce
  ([coll f]
   (if-let [r (iface-reduce 'clojure.lang.IReduce coll)]
     (r coll f)
     (if-let [m (get (decisive-impl CollReduce coll) :coll-reduce)]
       (m coll f)
       (default-reduce coll f))))
  ([coll f init]
   (if-let [r (or (iface-reduce 'clojure.lang.IReduceInit coll) (iface-reduce 'clojure.lang.IReduce coll))]
     (r coll f init)
     (if-let [m (get (decisive-impl CollReduce coll) :coll-reduce)]
       (m coll f init)
       (default-reduce coll f init)))))

(defn- dispatch-kv-reduce [coll f init]
  (if-let [m (get (decisive-impl IKVReduce coll) :kv-reduce)]
    (m coll f init)
    (#'clojure.core/reduce-kv-plain coll f init)))

(alter-var-root #'clojure.core/reduce-dispatch (constantly dispatch-reduce))
(alter-var-root #'clojure.core/kv-reduce-dispatch (constantly dispatch-kv-reduce))

;; Once a user extends a protocol to a type whose instances have no metadata
;; (nil, Object, a built-in type; not a record or deftype), reduce or
;; reduce-kv asks about every value.
(defn- watch-extensions [p flag]
  (add-watch (get p :impls) ::extended
             (fn [_ _ old new]
               (when (some (fn [[t m]] (and (not (identical? m (get old t)))
                                            (not (contains? @@#'clojure.core/record-types t))))
                           new)
                 (alter-var-root flag (constantly true))))))

(watch-extensions CollReduce #'clojure.core/reduce-extended)
(watch-extensions IKVReduce #'clojure.core/kv-reduce-extended)

(defprotocol Datafiable
  (datafy [o] "Data representing o (o itself by default)."))

(extend-protocol Datafiable
  nil
  (datafy [_] nil)
  java.lang.Object
  (datafy [o] o))

(defprotocol Navigable
  (nav [coll k v] "What v, found at k in coll, navigates to (v itself by default)."))

(extend-protocol Navigable
  java.lang.Object
  (nav [_ _ v] v))
