;; walk.clj - clojure.walk: generic traversal of nested data structures.
(ns clojure.walk)

(defn- map-entry-of [k v] (first {k v}))

(defn walk
  "Applies inner to each element of form, building a form of the same kind,
  then applies outer to the result. Metadata is kept."
  [inner outer form]
  (cond
    (list? form) (outer (with-meta (apply list (map inner form)) (meta form)))
    (map-entry? form) (outer (map-entry-of (inner (key form)) (inner (val form))))
    (seq? form) (outer (with-meta (doall (map inner form)) (meta form)))
    (coll? form) (outer (with-meta (into (empty form) (map inner form)) (meta form)))
    :else (outer form)))

(defn postwalk
  "Walks form depth first, calling f on each sub-form after its children."
  [f form]
  (walk (partial postwalk f) f form))

(defn prewalk
  "Like postwalk, but calls f on each sub-form before its children."
  [f form]
  (walk (partial prewalk f) identity (f form)))

(defn postwalk-demo "Prints each form postwalk visits." [form]
  (postwalk (fn [x] (print "Walked: ") (prn x) x) form))

(defn prewalk-demo "Prints each form prewalk visits." [form]
  (prewalk (fn [x] (print "Walked: ") (prn x) x) form))

(defn postwalk-replace
  "form with every sub-form that is a key of smap replaced by its value, bottom up."
  [smap form]
  (postwalk (fn [x] (if (contains? smap x) (get smap x) x)) form))

(defn prewalk-replace
  "form with every sub-form that is a key of smap replaced by its value, top down."
  [smap form]
  (prewalk (fn [x] (if (contains? smap x) (get smap x) x)) form))

(defn keywordize-keys
  "Every string map key, at any depth, turned into a keyword."
  [m]
  (let [f (fn [[k v]] (if (string? k) [(keyword k) v] [k v]))]
    (postwalk (fn [x] (if (map? x) (into {} (map f x)) x)) m)))

(defn stringify-keys
  "Every keyword map key, at any depth, turned into a string."
  [m]
  (let [f (fn [[k v]] (if (keyword? k) [(name k) v] [k v]))]
    (postwalk (fn [x] (if (map? x) (into {} (map f x)) x)) m)))

(defn macroexpand-all
  "form with every macro call, at any depth, expanded."
  [form]
  (prewalk (fn [x] (if (seq? x) (macroexpand x) x)) form))
