;; core_seq.clj - clojure.core, part 3: transducer plumbing (into, transduce,
;; sequence), more of the seq library, and maps / nested associative updates.

;; ---------------------------------------------------------------- transducer plumbing

(defn completing
  "Adds a completion arity (default identity) to the reducing fn f."
  ([f] (completing f identity))
  ([f cf]
   (fn
     ([] (f))
     ([x] (cf x))
     ([x y] (f x y)))))

(defn transduce
  "reduce with a transformation of f (xform). f's init is (f) when not given;
  the completion (f result) runs at the end."
  ([xform f coll] (transduce xform f (f) coll))
  ([xform f init coll]
   (let [rf (xform f)]
     (rf (reduce rf init coll)))))

(defn- conj-rf
  ([] [])
  ([acc] acc)
  ([acc x] (conj acc x)))

(defn into
  "to with all items of from conj'ed on, optionally through the transducer xform."
  ([] [])
  ([to] to)
  ([to from] (reduce conj to from))
  ([to xform from] (transduce xform conj-rf to from)))

;; A lazy seq of the items xform produces from coll, pulling one input at a
;; time (with multi?, each item of coll is a seq of inputs for one step).
(defn- transduce-seq [xform coll multi?]
  (let [buf (volatile! [])
        rf (xform (fn ([acc] acc) ([acc x] (vswap! buf conj x) acc)))
        drain (fn [] (let [out @buf] (vreset! buf []) out))
        step (fn step [s]
               (lazy-seq
                 (loop [s (seq s)]
                   (if s
                     (let [r (if multi? (apply rf nil (first s)) (rf nil (first s)))]
                       (if (reduced? r)
                         (do (rf nil) (seq (drain)))
                         (let [out (drain)]
                           (if (seq out)
                             (concat out (step (rest s)))
                             (recur (next s))))))
                     (do (rf nil) (seq (drain)))))))]
    (step coll)))

(defn sequence
  "coll as a seq (() when empty); with xform, a lazy seq of the transformed items."
  ([coll] (if (seq? coll) coll (or (seq coll) ())))
  ([xform coll] (transduce-seq xform coll false))
  ([xform coll & colls] (transduce-seq xform (apply map list coll colls) true)))

(defn eduction
  "The items of coll through the transducers xforms (as a seq)."
  [& xforms-and-coll]
  (let [xforms (butlast xforms-and-coll)
        coll (last xforms-and-coll)]
    (transduce-seq (apply comp xforms) coll false)))

(defn mapv
  "A vector of (f item) for the items of coll(s)."
  ([f coll] (reduce (fn [v x] (conj v (f x))) [] coll))
  ([f c1 c2] (into [] (map f c1 c2)))
  ([f c1 c2 c3] (into [] (map f c1 c2 c3)))
  ([f c1 c2 c3 & colls] (into [] (apply map f c1 c2 c3 colls))))

(defn filterv
  "A vector of the items of coll for which (pred item) is logical true."
  [pred coll]
  (reduce (fn [v x] (if (pred x) (conj v x) v)) [] coll))

;; ---------------------------------------------------------------- more seq fns

(defn partition-all
  "Like partition, but keeps incomplete groups at the end."
  ([n]
   (fn [rf]
     (let [buf (volatile! [])]
       (fn
         ([] (rf))
         ([result]
          (let [b @buf
                result (if (empty? b) result (do (vreset! buf []) (unreduced (rf result b))))]
            (rf result)))
         ([result input]
          (let [b (vswap! buf conj input)]
            (if (= n (count b))
              (do (vreset! buf []) (rf result b))
              result)))))))
  ([n coll] (partition-all n n coll))
  ([n step coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s
         (let [seg (doall (take n s))]
           (cons seg (partition-all n step (nthrest s step)))))))))

(defn partition-by
  "A lazy seq of runs of consecutive items for which (f item) is the same."
  ([f]
   (fn [rf]
     (let [buf (volatile! [])
           prev (volatile! ::none)]
       (fn
         ([] (rf))
         ([result]
          (let [b @buf
                result (if (empty? b) result (do (vreset! buf []) (unreduced (rf result b))))]
            (rf result)))
         ([result input]
          (let [pv @prev
                v (f input)]
            (vreset! prev v)
            (if (or (identical? pv ::none) (= v pv))
              (do (vswap! buf conj input) result)
              (let [b @buf]
                (vreset! buf [])
                (let [ret (rf result b)]
                  (when-not (reduced? ret) (vswap! buf conj input))
                  ret)))))))))
  ([f coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s
         (let [fst (first s)
               fv (f fst)
               run (cons fst (take-while (fn [x] (= fv (f x))) (next s)))]
           (cons run (partition-by f (lazy-seq (drop (count run) s))))))))))

(defn distinct
  "A lazy seq of the items of coll without duplicates (first occurrences kept)."
  ([]
   (fn [rf]
     (let [seen (volatile! #{})]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (if (contains? @seen input)
            result
            (do (vswap! seen conj input) (rf result input))))))))
  ([coll]
   (let [step (fn step [s seen]
                (lazy-seq
                  (loop [s (seq s)]
                    (when s
                      (let [x (first s)]
                        (if (contains? seen x)
                          (recur (next s))
                          (cons x (step (rest s) (conj seen x)))))))))]
     (step coll #{}))))

(defn dedupe
  "A lazy seq of the items of coll with consecutive duplicates removed."
  ([]
   (fn [rf]
     (let [prev (volatile! ::none)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (let [p @prev]
            (vreset! prev input)
            (if (= p input) result (rf result input))))))))
  ([coll]
   (let [step (fn step [s prev]
                (lazy-seq
                  (loop [s (seq s)]
                    (when s
                      (let [x (first s)]
                        (if (= x prev)
                          (recur (next s))
                          (cons x (step (rest s) x))))))))]
     (lazy-seq
       (let [s (seq coll)]
         (when s (cons (first s) (step (rest s) (first s)))))))))

(defn tree-seq
  "A lazy seq of the nodes of a tree, depth first."
  [branch? children root]
  (let [walk (fn walk [node]
               (lazy-seq
                 (cons node (when (branch? node) (mapcat walk (children node))))))]
    (walk root)))

(defn flatten
  "The non-sequential things in any nesting of sequential things, as one lazy seq."
  [x]
  (filter (complement sequential?) (rest (tree-seq sequential? seq x))))

(defn reductions
  "A lazy seq of the intermediate values of (reduce f init? coll)."
  ([f coll]
   (lazy-seq
     (let [s (seq coll)]
       (if s
         (reductions f (first s) (rest s))
         (list (f))))))
  ([f init coll]
   (if (reduced? init)
     (list (unreduced init))
     (cons init
           (lazy-seq
             (let [s (seq coll)]
               (when s (reductions f (f init (first s)) (rest s)))))))))

(defn frequencies
  "A map from each distinct item of coll to the number of times it occurs."
  [coll]
  (reduce (fn [m x] (assoc m x (inc (get m x 0)))) {} coll))

(defn group-by
  "A map from each (f item) to the vector of items giving it, in order."
  [f coll]
  (reduce (fn [m x]
            (let [k (f x)]
              (assoc m k (conj (get m k []) x))))
          {} coll))

(defn random-sample
  "The items of coll, each kept with probability prob."
  ([prob] (filter (fn [_] (< (rand) prob))))
  ([prob coll] (filter (fn [_] (< (rand) prob)) coll)))

(defn replace
  "coll with each item that is a key of smap replaced by its value (a vector
  for a vector coll, else a lazy seq)."
  ([smap] (map (fn [x] (let [e (find smap x)] (if e (val e) x)))))
  ([smap coll]
   (if (vector? coll)
     (let [n (count coll)]
       (loop [v coll i 0]
         (if (< i n)
           (let [e (find smap (nth v i))]
             (recur (if e (assoc v i (val e)) v) (inc i)))
           v)))
     (map (fn [x] (let [e (find smap x)] (if e (val e) x))) coll))))

(defn max-key
  "The x for which (k x) is greatest (the last such on ties)."
  ([k x] x)
  ([k x y] (if (> (k x) (k y)) x y))
  ([k x y & more]
   (let [kx (k x) ky (k y)]
     (loop [v (if (> kx ky) x y) kv (if (> kx ky) kx ky) s more]
       (if s
         (let [w (first s) kw (k w)]
           (if (>= kw kv) (recur w kw (next s)) (recur v kv (next s))))
         v)))))

(defn min-key
  "The x for which (k x) is least (the last such on ties)."
  ([k x] x)
  ([k x y] (if (< (k x) (k y)) x y))
  ([k x y & more]
   (let [kx (k x) ky (k y)]
     (loop [v (if (< kx ky) x y) kv (if (< kx ky) kx ky) s more]
       (if s
         (let [w (first s) kw (k w)]
           (if (<= kw kv) (recur w kw (next s)) (recur v kv (next s))))
         v)))))

(defn comparator
  "A comparator fn from a boolean 'less than' predicate."
  [pred]
  (fn [x y]
    (cond (pred x y) -1 (pred y x) 1 :else 0)))

(defn sort-by
  "coll sorted by (keyfn item), compared with comp (default compare). Stable."
  ([keyfn coll] (sort (fn [x y] (compare (keyfn x) (keyfn y))) coll))
  ([keyfn comp coll] (sort (fn [x y] (comp (keyfn x) (keyfn y))) coll)))

(defn shuffle
  "A random permutation of coll, as a vector."
  [coll]
  (loop [v (vec coll) i (dec (count coll))]
    (if (pos? i)
      (let [j (rand-int (inc i))]
        (recur (assoc v i (nth v j) j (nth v i)) (dec i)))
      v)))

(defn rand-nth "A random item of coll." [coll] (nth coll (rand-int (count coll))))

;; ---------------------------------------------------------------- maps

(defn zipmap
  "A map with keys mapped to the corresponding vals."
  [keys vals]
  (loop [m {} ks (seq keys) vs (seq vals)]
    (if (and ks vs)
      (recur (assoc m (first ks) (first vs)) (next ks) (next vs))
      m)))

(defn merge
  "The maps conj'ed left to right (later keys win); nil when all are nil."
  [& maps]
  (when (some identity maps)
    (reduce (fn [m x] (conj (or m {}) x)) maps)))

(defn merge-with
  "Like merge, but (f old new) combines the values of a key present in several maps."
  [f & maps]
  (when (some identity maps)
    (reduce (fn [m1 m2]
              (reduce (fn [m e]
                        (let [k (key e)]
                          (if (contains? m k)
                            (assoc m k (f (get m k) (val e)))
                            (assoc m k (val e)))))
                      (or m1 {})
                      (seq m2)))
            maps)))

(defn select-keys
  "A map of only the entries of m whose key is in keyseq."
  [m keyseq]
  (loop [ret {} ks (seq keyseq)]
    (if ks
      (let [e (find m (first ks))]
        (recur (if e (conj ret e) ret) (next ks)))
      (with-meta ret (meta m)))))

(defn update
  "m with the value v at key k replaced by (f v args...)."
  ([m k f] (assoc m k (f (get m k))))
  ([m k f x] (assoc m k (f (get m k) x)))
  ([m k f x y] (assoc m k (f (get m k) x y)))
  ([m k f x y z] (assoc m k (f (get m k) x y z)))
  ([m k f x y z & more] (assoc m k (apply f (get m k) x y z more))))

(def ^:private not-found-marker (volatile! nil))

(defn get-in
  "The value in nested associative structures at the key path ks."
  ([m ks]
   (loop [m m ks (seq ks)]
     (if ks (recur (get m (first ks)) (next ks)) m)))
  ([m ks not-found]
   (loop [m m ks (seq ks)]
     (if ks
       (let [v (get m (first ks) not-found-marker)]
         (if (identical? v not-found-marker)
           not-found
           (recur v (next ks))))
       m))))

(defn assoc-in
  "m with v at the key path ks; missing levels become maps."
  [m ks v]
  (let [k (first ks)
        more (next ks)]
    (if more
      (assoc m k (assoc-in (get m k) more v))
      (assoc m k v))))

(defn update-in
  "m with the value v at the key path ks replaced by (f v args...)."
  ([m ks f]
   (let [k (first ks) more (next ks)]
     (if more
       (assoc m k (update-in (get m k) more f))
       (assoc m k (f (get m k))))))
  ([m ks f & args]
   (let [k (first ks) more (next ks)]
     (if more
       (assoc m k (apply update-in (get m k) more f args))
       (assoc m k (apply f (get m k) args))))))

(defn update-keys
  "m with each key k replaced by (f k)."
  [m f]
  (with-meta (reduce-kv (fn [acc k v] (assoc acc (f k) v)) {} m) (meta m)))

(defn update-vals
  "m with each value v replaced by (f v)."
  [m f]
  (with-meta (reduce-kv (fn [acc k v] (assoc acc k (f v))) m m) (meta m)))

;; ---------------------------------------------------------------- fns

(defn memoize
  "A caching version of f: one call per distinct argument list."
  [f]
  (let [mem (atom {})]
    (fn [& args]
      (let [e (find @mem args)]
        (if e
          (val e)
          (let [ret (apply f args)]
            (swap! mem assoc args ret)
            ret))))))

(defn trampoline
  "Calls f (with args), then calls its result while that is a fn; returns the first non-fn."
  ([f]
   (loop [r (f)]
     (if (fn? r) (recur (r)) r)))
  ([f & args] (trampoline (fn [] (apply f args)))))

(defn vary-meta
  "obj with metadata (apply f (meta obj) args)."
  [obj f & args]
  (with-meta obj (apply f (meta obj) args)))

;; ---------------------------------------------------------------- parsing (1.11)
;; Only when the runtime has no natives for them.

(when-missing parse-long
  (defn- digits->long
    "The long the decimal digits of s from index i denote, negated when neg; nil on overflow."
    [s i neg]
    (let [n (count s)]
      (try
        (loop [i i acc 0]
          (if (< i n)
            (recur (inc i) (- (* acc 10) (- (int (nth s i)) 48)))
            (if neg acc (- acc))))
        (catch ArithmeticException _ nil))))

  (defn parse-long
    "The long that s (an optional sign and decimal digits) denotes, else nil."
    [s]
    (if (string? s)
      (when (re-matches #"[+-]?[0-9]+" s)
        (let [c (nth s 0)]
          (cond
            (= c \-) (digits->long s 1 true)
            (= c \+) (digits->long s 1 false)
            :else (digits->long s 0 false))))
      (throw-iae (str "Expected string, got " (if (nil? s) "nil" (.getName (class s)))))))

  (defn- trim-ws [s]
    (let [n (count s)
          start (loop [i 0] (if (and (< i n) (<= (int (nth s i)) 32)) (recur (inc i)) i))
          end (loop [i n] (if (and (> i start) (<= (int (nth s (dec i))) 32)) (recur (dec i)) i))]
      (subs s start end)))

  (defn parse-double
    "The double that s denotes (Java floating point syntax), else nil."
    [s]
    (if (string? s)
      (let [t (trim-ws s)
            special (re-matches #"([+-]?)(NaN|Infinity)" t)]
        (if special
          (cond (= "NaN" (nth special 2)) ##NaN
                (= "-" (nth special 1)) ##-Inf
                :else ##Inf)
          (let [m (re-matches #"([+-]?)([0-9]*)[.]?([0-9]*)(?:[eE]([+-]?[0-9]+))?[dDfF]?" t)]
            (when (and m (or (not (empty? (nth m 2))) (not (empty? (nth m 3)))))
              (let [ip (nth m 2) fp (nth m 3) ex (nth m 4)
                    d (read-string (str (if (empty? ip) "0" ip) "." (if (empty? fp) "0" fp)
                                        (if ex (str "e" ex) "")))]
                (if (= "-" (nth m 1)) (- d) d))))))
      (throw-iae (str "Expected string, got " (if (nil? s) "nil" (.getName (class s)))))))

  (defn parse-boolean
    "true for \"true\", false for \"false\", else nil."
    [s]
    (if (string? s)
      (cond (= s "true") true (= s "false") false :else nil)
      (throw-iae (str "Expected string, got " (if (nil? s) "nil" (.getName (class s))))))))
