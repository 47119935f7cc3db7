;; datafy.clj - clojure.datafy: datafy and nav, with the JVM's representations
;; of exceptions (Throwable->map), refs and atoms ([value]) and namespaces
;; ({:name :publics :imports :interns}). A datafied value remembers the object
;; and its class in its metadata. Implementations given in an object's metadata
;; (clojure.core.protocols/datafy and /nav keys) are honored.
(ns clojure.datafy
  (:require [clojure.core.protocols :as p]))

(defn- via-meta [x k]
  (get (meta x) k))

(defn datafy
  "Data representing x: p/datafy of x, with ::obj (x) and ::class in its
  metadata when it is a new value."
  [x]
  (let [v (if-let [f (via-meta x 'clojure.core.protocols/datafy)] (f x) (p/datafy x))]
    (if (identical? v x)
      v
      (if (or (coll? v) (symbol? v) (fn? v))
        (vary-meta v assoc ::obj x ::class (if (record? x) (type x) (class x)))
        v))))

(defn nav
  "What v, found at key k in coll, navigates to."
  [coll k v]
  (if-let [f (via-meta coll 'clojure.core.protocols/nav)]
    (f coll k v)
    (p/nav coll k v)))

(defn- sortmap [m] (into (sorted-map) m))

(extend-protocol p/Datafiable
  java.lang.Throwable
  (datafy [x] (Throwable->map x))

  clojure.lang.IDeref
  (datafy [r] (with-meta [(deref r)] (meta r)))

  clojure.lang.Namespace
  (datafy [n]
    (with-meta {:name (ns-name n)
                :publics (sortmap (ns-publics n))
                :imports (sortmap {})
                :interns (sortmap (ns-interns n))}
      (meta n))))
