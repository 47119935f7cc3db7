;; core_array.clj - clojure.core's Java arrays on top of the natives of
;; vm/core_natives_array.cpp (aget aset alength aclone, the typed
;; constructors, into-array): make-array, to-array-2d, the aset-TYPE setters,
;; the ints/longs... casts, amap, areduce, bytes? and vector-of. Arrays are
;; node-local heap objects (vm/jarray.h): usable by this process and its
;; threads, never shared through a var or atom of a shared heap.

(defn- array-class
  "The class name of an array of t's (a class name): long -> [J, java.lang.String -> [Ljava.lang.String;."
  [s]
  (or ({"long" "[J" "int" "[I" "short" "[S" "byte" "[B" "char" "[C" "boolean" "[Z" "float" "[F" "double" "[D"} s)
      (if (= \[ (first s)) (str "[" s) (str "[L" s ";"))))

(defn make-array
  "A new array of the component class type with dim elements, all nil, zero
  or false as the type's default; more dims make an array of arrays, each
  level as long as its dim. Primitive types are written Long/TYPE,
  Integer/TYPE and so on."
  ([type dim] (folio-make-array type dim))
  ([type dim & more-dims]
   (let [inner (reduce (fn [t _] (array-class t)) (.getName type) more-dims)
         outer (folio-make-array (folio-class inner) dim)]
     (dotimes [i dim]
       (aset outer i (apply make-array type more-dims)))
     outer)))

(defn to-array-2d
  "An array of Object arrays, one per collection in coll, holding its items."
  [coll]
  (let [rows (seq coll)
        ret (folio-make-array (folio-class "[Ljava.lang.Object;") (count rows))]
    (loop [i 0 rows rows]
      (when rows
        (aset ret i (to-array (first rows)))
        (recur (inc i) (next rows))))
    ret))

(defn- aset-typed [array idxs val kind]
  (let [n (count idxs)
        target (if (> n 1) (apply aget array (butlast idxs)) array)]
    (folio-aset-as target (last idxs) val kind)))

(defmacro ^:private def-aset [name cast kind what]
  `(defn ~name
     ~(str "Stores val, cast to " what ", at index idx of array (at idxv of\n  the inner arrays first named by idx and idxs). Returns val.")
     {:arglists '~'([array idx val] [array idx idx2 & idxv])}
     ([array# idx# val#] (folio-aset-as array# idx# (~cast val#) ~kind) val#)
     ([array# idx# idx2# & idxv#]
      (let [all# (list* idx# idx2# idxv#)
            val# (last all#)]
        (aset-typed array# (butlast all#) (~cast val#) ~kind)
        val#))))

(def-aset aset-int int \I "an int")
(def-aset aset-long long \J "a long")
(def-aset aset-short short \S "a short")
(def-aset aset-byte byte \B "a byte")
(def-aset aset-char char \C "a char")
(def-aset aset-boolean boolean \Z "a boolean")
(def-aset aset-float float \F "a float")
(def-aset aset-double double \D "a double")

(defmacro ^:private def-cast [name cls what]
  `(defn ~name ~(str "xs, checked to be " what " (a ClassCastException otherwise).") [~'xs]
     (folio-array-cast ~cls ~'xs)))

(def-cast ints "[I" "an int array")
(def-cast longs "[J" "a long array")
(def-cast shorts "[S" "a short array")
(def-cast bytes "[B" "a byte array")
(def-cast chars "[C" "a char array")
(def-cast booleans "[Z" "a boolean array")
(def-cast floats "[F" "a float array")
(def-cast doubles "[D" "a double array")

(defn bytes?
  "True when x is a byte array."
  [x]
  (and (some? x) (= "[B" (.getName (class x)))))

(defmacro amap
  "Makes ret a clone of array a, then for each index idx sets (aget ret idx)
  to the value of expr (which may use idx and ret), and returns ret."
  [a idx ret expr]
  `(let [a# ~a
         ~ret (aclone a#)]
     (loop [~idx 0]
       (if (< ~idx (alength a#))
         (do (aset ~ret ~idx ~expr)
             (recur (unchecked-inc ~idx)))
         ~ret))))

(defmacro areduce
  "Reduces array a: val starts as init, and for each index idx becomes the
  value of expr (which may use idx and val). Returns the last val."
  [a idx val init expr]
  `(let [a# ~a
         n# (alength a#)]
     (loop [~idx 0 ~val ~init]
       (if (< ~idx n#)
         (recur (unchecked-inc ~idx) ~expr)
         ~val))))

(def ^:private vector-casts
  {:int int :long long :float float :double double :byte byte :short short :char char :boolean boolean})

(defn vector-of
  "A vector for items of the primitive type t (:int :long :float :double
  :byte :short :char or :boolean) holding the given items cast to t; conj
  and assoc cast what they add too."
  [t & elements]
  (let [cast (or (vector-casts t)
                 (throw (folio-throwable "java.lang.IllegalArgumentException" (str "Unrecognized type " t))))]
    (folio-vector-of t (mapv cast elements))))

(defn folio-new-string
  "Internal: what (String.) compiles to: an empty string, a copy of a string,
  or the text of a char array."
  ([] "")
  ([x] (cond (and (some? x) (= "[C" (.getName (class x)))) (apply str x)
             (string? x) x
             :else (folio-array-cast "java.lang.String" x))))
