;; core.clj - clojure.core, part 1: bootstrap macros (defmacro, defn, fn, let,
;; loop, and, or, cond, ...), basic fns, reduce/reduced, and the lazy seq core
;; (map, filter, take, drop, ...). Later parts: see stdlib/LOAD_ORDER.
;;
;; Only the compiler's special forms and the C++ natives exist when this file
;; starts. Syntax-quote expands into calls of seq/concat/list/apply/vector/
;; hash-map/hash-set/with-meta; all but concat are natives, so concat comes
;; first and no syntax-quote appears before it.

;; ---------------------------------------------------------------- stage 0: concat

;; Lazily concatenates the seqable `cur`, then each coll of the seq `colls`.
(def ^:private cat-colls
  (fn* cat-colls [cur colls]
    (make-lazy-seq
      (fn* []
        (loop* [cur cur colls colls]
          (let* [s (seq cur)]
            (if s
              (cons (first s) (cat-colls (rest s) colls))
              (let* [cs (seq colls)]
                (if cs (recur (first cs) (rest cs)) nil)))))))))

(def concat
  (fn* concat
    ([] (make-lazy-seq (fn* [] nil)))
    ([x] (make-lazy-seq (fn* [] x)))
    ([x y]
     (make-lazy-seq
       (fn* []
         (let* [s (seq x)]
           (if s (cons (first s) (concat (rest s) y)) y)))))
    ([x y & zs] (cat-colls x (cons y zs)))))

;; ---------------------------------------------------------------- stage 1: bootstrap macros
;; Minimal versions; fn, let and loop get destructuring in core_fn.clj.

(def ^:macro fn (fn* [&form &env & decl] (cons 'fn* decl)))
(def ^:macro let (fn* [&form &env bindings & body] (cons 'let* (cons bindings body))))
(def ^:macro loop (fn* [&form &env bindings & body] (cons 'loop* (cons bindings body))))
(def ^:macro when (fn* [&form &env test & body] (list 'if test (cons 'do body))))
(def ^:macro when-not (fn* [&form &env test & body] (list 'if test nil (cons 'do body))))
(def ^:macro if-not
  (fn* ([&form &env test then] (list 'if test nil then))
       ([&form &env test then else] (list 'if test else then))))

(def ^:macro cond
  (fn* [&form &env & clauses]
    (if clauses
      (list 'if (first clauses)
            (if (next clauses)
              (first (next clauses))
              (throw (folio-throwable "java.lang.IllegalArgumentException"
                                      "cond requires an even number of forms")))
            (cons 'clojure.core/cond (next (next clauses))))
      nil)))

(def ^:macro and
  (fn* ([&form &env] true)
       ([&form &env x] x)
       ([&form &env x & more]
        (let* [g (gensym "and__")]
          (list 'let* (vector g x) (list 'if g (cons 'clojure.core/and more) g))))))

(def ^:macro or
  (fn* ([&form &env] nil)
       ([&form &env x] x)
       ([&form &env x & more]
        (let* [g (gensym "or__")]
          (list 'let* (vector g x) (list 'if g g (cons 'clojure.core/or more)))))))

;; (name doc? attr-map? [params] body) or (name doc? attr-map? ([params] body)+ attr-map?)
;; -> [meta-map arities], where meta-map merges name's meta, doc, the attr maps and
;; a quoted :arglists.
(def ^:private parse-defn
  (fn* [name decl]
    (let [doc (if (string? (first decl)) (first decl) nil)
          decl (if doc (next decl) decl)
          attrs (if (map? (first decl)) (first decl) nil)
          decl (if attrs (next decl) decl)
          arities (if (vector? (first decl)) (list decl) decl)
          ;; a trailing attr map after the arities
          tail (loop [s arities last nil] (if s (recur (next s) (first s)) last))
          tail-attrs (if (map? tail) tail nil)
          arities (if tail-attrs
                    (loop [s arities acc []] (if (next s) (recur (next s) (conj acc (first s))) (seq acc)))
                    arities)
          _ (loop [s arities]
              (when s
                (if (if (seq? (first s)) (vector? (first (first s))) false)
                  (recur (next s))
                  (throw (folio-throwable "java.lang.IllegalArgumentException"
                                          (str "Parameter declaration missing in " name))))))
          arglists (loop [s arities acc []] (if s (recur (next s) (conj acc (first (first s)))) (seq acc)))
          ;; precedence: name's meta < computed :arglists and :doc < attr maps
          m (assoc (if (meta name) (meta name) {}) :arglists (list 'quote arglists))
          m (if doc (assoc m :doc doc) m)
          m (conj (conj m attrs) tail-attrs)]
      [m arities])))

(def ^:macro defmacro
  (fn* [&form &env name & decl]
    (let [parsed (parse-defn name decl)
          m (assoc (nth parsed 0) :macro true)
          arities (loop [s (nth parsed 1) acc []]
                    (if s
                      (let [a (first s)]
                        (recur (next s)
                               (conj acc (apply list (vec (cons '&form (cons '&env (first a)))) (next a)))))
                      (seq acc)))]
      ;; no self name: a macro's body may use macros of its own name (let, loop)
      (list 'def (with-meta name m) (cons 'clojure.core/fn arities)))))

(defmacro defn
  "Same as (def name (fn [params*] exprs*)) or (def name (fn ([params*] exprs*)+))
  with any doc-string or attrs added to the var metadata."
  [name & decl]
  (let [parsed (parse-defn name decl)]
    (list 'def (with-meta name (nth parsed 0)) (cons 'clojure.core/fn (cons name (nth parsed 1))))))

(defmacro defn-
  "Same as defn, yielding a non-public def."
  [name & decl]
  (list* 'clojure.core/defn (with-meta name (assoc (if (meta name) (meta name) {}) :private true)) decl))

(defmacro declare
  "Defines the names, with no bindings: forward declarations."
  [& names]
  (cons 'do (loop [s names acc []]
              (if s
                (recur (next s) (conj acc (list 'def (with-meta (first s)
                                                        (assoc (if (meta (first s)) (meta (first s)) {})
                                                               :declared true)))))
                (seq acc)))))

(defmacro comment "Ignores the body, yields nil." [& body] nil)

(defmacro lazy-seq
  "A seq whose body runs once, when the seq is first used; its value is cached."
  [& body]
  (list 'clojure.core/make-lazy-seq (list* 'fn* [] body)))

(defmacro delay
  "A Delay: body runs once, on first deref/force; the result is cached."
  [& body]
  (list 'clojure.core/make-delay (list* 'fn* [] body)))

;; ---------------------------------------------------------------- errors

(defn- throw-iae [msg] (throw (folio-throwable "java.lang.IllegalArgumentException" msg)))
(defn- throw-ise [msg] (throw (folio-throwable "java.lang.IllegalStateException" msg)))

;; ---------------------------------------------------------------- basic fns

(defn not "true if x is logical false, false otherwise." [x] (if x false true))
(defn identity "Returns its argument." [x] x)
(defn boolean "Coerces to boolean." [x] (if x true false))
(defn any? "Returns true for any argument." [x] true)

(defn constantly
  "A fn that takes any arguments and returns x."
  [x] (fn [& args] x))

(defn second "Same as (first (next x))." [x] (first (next x)))
(defn ffirst "Same as (first (first x))." [x] (first (first x)))
(defn nfirst "Same as (next (first x))." [x] (next (first x)))
(defn fnext "Same as (first (next x))." [x] (first (next x)))
(defn nnext "Same as (next (next x))." [x] (next (next x)))

(defn empty? "true if coll has no items: (not (seq coll))." [coll] (not (seq coll)))
(defn not-empty "coll if it has items, else nil." [coll] (when (seq coll) coll))

(defn- last-seq [s]
  (let [n (next s)]
    (if n (recur n) (first s))))

(defn last
  "The last item of coll, in linear time (constant for vectors)."
  [coll]
  (if (vector? coll) (peek coll) (last-seq (seq coll))))

(defn butlast
  "A seq of all but the last item of coll, in linear time."
  [coll]
  (loop [ret [] s (seq coll)]
    (let [n (next s)]
      (if n (recur (conj ret (first s)) n) (seq ret)))))

;; ---------------------------------------------------------------- predicates

(defn pos-int? "Positive fixed-precision integer?" [x] (and (int? x) (pos? x)))
(defn neg-int? "Negative fixed-precision integer?" [x] (and (int? x) (neg? x)))
(defn nat-int? "Non-negative fixed-precision integer?" [x] (and (int? x) (not (neg? x))))
(defn ident? "Keyword or symbol?" [x] (or (keyword? x) (symbol? x)))
(defn simple-ident? "True if x is a symbol or keyword without a namespace." [x] (and (ident? x) (nil? (namespace x))))
(defn qualified-ident? "True if x is a symbol or keyword with a namespace." [x] (boolean (and (ident? x) (namespace x) true)))
(defn simple-symbol? "True if x is a symbol without a namespace." [x] (and (symbol? x) (nil? (namespace x))))
(defn qualified-symbol? "True if x is a symbol with a namespace." [x] (boolean (and (symbol? x) (namespace x) true)))
(defn simple-keyword? "True if x is a keyword without a namespace." [x] (and (keyword? x) (nil? (namespace x))))
(defn qualified-keyword? "True if x is a keyword with a namespace." [x] (boolean (and (keyword? x) (namespace x) true)))
(defn associative? "Map or vector?" [x] (or (map? x) (vector? x)))
(defn indexed? "Supports nth in constant time?" [x] (vector? x))
(defn reversible? "Supports rseq?" [x] (or (vector? x) (sorted? x)))
(defn counted? "Count in constant time?" [x]
  (or (vector? x) (map? x) (set? x) (list? x) (string? x)
      (and (folio-deftype? x) (instance? clojure.lang.Counted x))))

(defn distinct?
  "true if no two of the arguments are ="
  ([x] true)
  ([x y] (not (= x y)))
  ([x y & more]
   (if (= x y)
     false
     (loop [seen (conj (hash-set x) y) s more]
       (if s
         (if (contains? seen (first s)) false (recur (conj seen (first s)) (next s)))
         true)))))

;; ---------------------------------------------------------------- reduced
;; Reduced is (temporarily) a one-element vector whose metadata is exactly the
;; private map below; reduced? checks the metadata by identity (meta is nil for
;; anything without metadata), so no user value matches and the check costs one
;; native call.

(def ^:private reduced-tag {:folio/reduced true})

(defn reduced
  "Wraps x so that reduce stops with the value x."
  [x] (with-meta [x] reduced-tag))

(defn reduced?
  "true if x is the result of a call to reduced."
  [x] (identical? (meta x) reduced-tag))

(defn unreduced "The value inside x if reduced, else x." [x] (if (reduced? x) (nth x 0) x))
(defn ensure-reduced "x if reduced, else (reduced x)." [x] (if (reduced? x) x (reduced x)))

;; ---------------------------------------------------------------- reduce

;; Seq walkers recur on their own params (not a loop): a loop would leave the
;; head of the seq in the param register for the whole walk, keeping every
;; realized item of a lazy seq alive.
(defn- reduce-chunk [f acc c i n]
  (if (< i n)
    (let [r (f acc (nth c i))]
      (if (identical? (meta r) reduced-tag) r (recur f r c (inc i) n)))
    acc))

;; A chunked seq (range, vector seq, the results of map/filter over them) is
;; folded a whole chunk at a time, as Clojure's IChunk.reduce.
(defn- reduce-seq [f acc s]
  (if s
    (if (chunked-seq? s)
      (let [c (chunk-first s)
            r (reduce-chunk f acc c 0 (count c))]
        (if (identical? (meta r) reduced-tag) (nth r 0) (recur f r (chunk-next s))))
      (let [r (f acc (first s))]
        (if (identical? (meta r) reduced-tag) (nth r 0) (recur f r (next s)))))
    acc))

;; What reduce and reduce-kv do for a value that is not the user's business:
;; walk its seq (a vector's indices for reduce-kv).
(defn- reduce-plain
  ([coll f]
   (let [s (seq coll)]
     (if s (reduce-seq f (first s) (next s)) (f))))
  ([coll f init] (reduce-seq f init (seq coll))))

(defn- reduce-kv-plain [coll f init]
  (if (vector? coll)
    (let [n (count coll)]
      (loop [acc init i 0]
        (if (< i n)
          (let [r (f acc i (nth coll i))]
            (if (reduced? r) (nth r 0) (recur r (inc i))))
          acc)))
    (loop [acc init s (seq coll)]
      (if s
        (let [e (first s)
              r (f acc (key e) (val e))]
          (if (reduced? r) (nth r 0) (recur r (next s))))
        acc))))

;; The reduce protocols (clojure.core.protocols, core_protocols.clj) are asked
;; only about a record (a map with metadata: folio-own-meta sees what meta
;; hides of a record's), a deftype or reify object, or a value with metadata,
;; or, once a user extended a protocol to a type whose instances are none of
;; these (reduce-extended, set by that file), about every value: the common
;; case costs two checks and a var read per call. The
;; dispatching fns are installed by core_protocols.clj; until then, the walks.
(def ^:private reduce-extended false)
(def ^:private kv-reduce-extended false)
(def ^:private reduce-dispatch reduce-plain)
(def ^:private kv-reduce-dispatch reduce-kv-plain)

(defn reduce
  "f applied to init (or the first item) and the first (next) item, then to
  that result and the next item, and so on. Stops early at a reduced value.
  With no init and an empty coll, returns (f)."
  ([f coll]
   (if (or (folio-own-meta coll) (folio-deftype? coll) reduce-extended)
     (reduce-dispatch coll f)
     (let [s (seq coll)]
       (if s (reduce-seq f (first s) (next s)) (f)))))
  ([f init coll]
   (if (or (folio-own-meta coll) (folio-deftype? coll) reduce-extended)
     (reduce-dispatch coll f init)
     (reduce-seq f init (seq coll)))))

(defn reduce-kv
  "Reduces an associative coll: (f acc k v) for each entry (index for vectors)."
  [f init coll]
  (if (or (folio-own-meta coll) (folio-deftype? coll) kv-reduce-extended)
    (kv-reduce-dispatch coll f init)
    (reduce-kv-plain coll f init)))

;; ---------------------------------------------------------------- fn combinators

(defn complement
  "A fn returning the logical opposite of f."
  [f]
  (fn
    ([] (not (f)))
    ([x] (not (f x)))
    ([x y] (not (f x y)))
    ([x y & zs] (not (apply f x y zs)))))

(defn comp
  "The composition of the fns, applied right to left."
  ([] identity)
  ([f] f)
  ([f g]
   (fn
     ([] (f (g)))
     ([x] (f (g x)))
     ([x y] (f (g x y)))
     ([x y z] (f (g x y z)))
     ([x y z & args] (f (apply g x y z args)))))
  ([f g & fs] (reduce comp (list* f g fs))))

(defn partial
  "f with the given leading arguments fixed."
  ([f] f)
  ([f a]
   (fn ([] (f a)) ([x] (f a x)) ([x y] (f a x y)) ([x y & more] (apply f a x y more))))
  ([f a b]
   (fn ([] (f a b)) ([x] (f a b x)) ([x y] (f a b x y)) ([x y & more] (apply f a b x y more))))
  ([f a b c]
   (fn ([] (f a b c)) ([x] (f a b c x)) ([x & more] (apply f a b c x more))))
  ([f a b c & more]
   (fn [& args] (apply f a b c (concat more args)))))

(defn juxt
  "A fn returning a vector of each fn applied to its arguments."
  [& fs]
  (let [fs (vec fs)
        n (count fs)]
    (fn [& args]
      (loop [i 0 acc []]
        (if (< i n)
          (recur (inc i) (conj acc (apply (nth fs i) args)))
          acc)))))

(defn fnil
  "f with nil first (second, third) arguments replaced by the defaults."
  ([f x]
   (fn
     ([a] (f (if (nil? a) x a)))
     ([a b] (f (if (nil? a) x a) b))
     ([a b c] (f (if (nil? a) x a) b c))
     ([a b c & ds] (apply f (if (nil? a) x a) b c ds))))
  ([f x y]
   (fn
     ([a b] (f (if (nil? a) x a) (if (nil? b) y b)))
     ([a b c] (f (if (nil? a) x a) (if (nil? b) y b) c))
     ([a b c & ds] (apply f (if (nil? a) x a) (if (nil? b) y b) c ds))))
  ([f x y z]
   (fn
     ([a b] (f (if (nil? a) x a) (if (nil? b) y b)))
     ([a b c] (f (if (nil? a) x a) (if (nil? b) y b) (if (nil? c) z c)))
     ([a b c & ds] (apply f (if (nil? a) x a) (if (nil? b) y b) (if (nil? c) z c) ds)))))

;; ---------------------------------------------------------------- seq predicates

(defn- every-seq [pred s]
  (if s
    (if (pred (first s)) (recur pred (next s)) false)
    true))

(defn every?
  "true if (pred x) is logical true for every x in coll."
  [pred coll]
  (every-seq pred (seq coll)))

(defn not-every? "(not (every? pred coll))" [pred coll] (not (every? pred coll)))

(defn- some-seq [pred s]
  (when s
    (or (pred (first s)) (recur pred (next s)))))

(defn some
  "The first logical true (pred x) for x in coll, else nil."
  [pred coll]
  (some-seq pred (seq coll)))

(defn not-any? "(not (some pred coll))" [pred coll] (not (some pred coll)))

(defn every-pred
  "A fn that is true when every pred is true of all its arguments."
  [& ps]
  (fn [& args]
    (loop [ps (seq ps)]
      (if ps
        (if (every? (first ps) args) (recur (next ps)) false)
        true))))

(defn some-fn
  "A fn returning the first logical true value of any pred on any argument
  (preds in order, each on every argument)."
  [& ps]
  (let [small (< (count ps) 4)]
    (fn [& args]
      ;; Like Clojure: with up to three preds and three args the result is the last
      ;; value tried (false or nil) when none is true; otherwise nil.
      (let [last-value (and small (< (count args) 4))]
        (loop [ps (seq ps) r nil]
          (if ps
            (let [p (first ps)
                  v (loop [as (seq args) r r]
                      (if as
                        (let [v (p (first as))]
                          (if v [v] (recur (next as) v)))
                        r))]
              (if (vector? v) (nth v 0) (recur (next ps) v)))
            (when last-value r)))))))

;; ---------------------------------------------------------------- the lazy seq core

(defn map
  "A lazy seq of f applied to the first items of each coll, then the second,
  ... until any coll is exhausted. With no coll, a transducer."
  ([f]
   (fn [rf]
     (fn
       ([] (rf))
       ([result] (rf result))
       ([result input] (rf result (f input)))
       ([result input & inputs] (rf result (apply f input inputs))))))
  ([f coll]
   (lazy-seq
     (let [s (seq coll)]
       (if s
         (if (chunked-seq? s)  ; a whole chunk of 32 at a time, as Clojure
           (let [c (chunk-first s)
                 size (count c)
                 b (chunk-buffer size)]
             (loop [i 0]
               (when (< i size)
                 (chunk-append b (f (nth c i)))
                 (recur (inc i))))
             (chunk-cons (chunk b) (map f (chunk-rest s))))
           (cons (f (first s)) (map f (rest s))))
         nil))))
  ([f c1 c2]
   (lazy-seq
     (let [s1 (seq c1) s2 (seq c2)]
       (if (and s1 s2)
         (cons (f (first s1) (first s2)) (map f (rest s1) (rest s2)))
         nil))))
  ([f c1 c2 c3]
   (lazy-seq
     (let [s1 (seq c1) s2 (seq c2) s3 (seq c3)]
       (if (and s1 s2 s3)
         (cons (f (first s1) (first s2) (first s3)) (map f (rest s1) (rest s2) (rest s3)))
         nil))))
  ([f c1 c2 c3 & colls]
   (let [step (fn step [cs]
                (lazy-seq
                  (let [ss (map seq cs)]
                    (when (every? identity ss)
                      (cons (map first ss) (step (map rest ss)))))))]
     (map (fn [args] (apply f args)) (step (list* c1 c2 c3 colls))))))

(defn filter
  "A lazy seq of the items of coll for which (pred item) is logical true.
  With no coll, a transducer."
  ([pred]
   (fn [rf]
     (fn
       ([] (rf))
       ([result] (rf result))
       ([result input] (if (pred input) (rf result input) result)))))
  ([pred coll]
   (lazy-seq
     (loop [s (seq coll)]
       (if s
         (if (chunked-seq? s)  ; a whole chunk at a time, as Clojure
           (let [c (chunk-first s)
                 size (count c)
                 b (chunk-buffer size)]
             (loop [i 0]
               (when (< i size)
                 (let [x (nth c i)]
                   (when (pred x) (chunk-append b x)))
                 (recur (inc i))))
             (let [ch (chunk b)]
               (if (< 0 (count ch))
                 (chunk-cons ch (filter pred (chunk-rest s)))
                 (recur (chunk-next s)))))
           (let [x (first s)]
             (if (pred x)
               (cons x (filter pred (rest s)))
               (recur (next s)))))
         nil)))))

(defn remove
  "A lazy seq of the items of coll for which (pred item) is logical false."
  ([pred] (filter (complement pred)))
  ([pred coll] (filter (complement pred) coll)))

(defn keep
  "A lazy seq of the non-nil results of (f item)."
  ([f]
   (fn [rf]
     (fn
       ([] (rf))
       ([result] (rf result))
       ([result input] (let [v (f input)] (if (nil? v) result (rf result v)))))))
  ([f coll]
   (lazy-seq
     (loop [s (seq coll)]
       (when s
         (if (chunked-seq? s)  ; a whole chunk at a time, as Clojure
           (let [c (chunk-first s)
                 size (count c)
                 b (chunk-buffer size)]
             (loop [i 0]
               (when (< i size)
                 (let [v (f (nth c i))]
                   (when-not (nil? v) (chunk-append b v)))
                 (recur (inc i))))
             (let [ch (chunk b)]
               (if (< 0 (count ch))
                 (chunk-cons ch (keep f (chunk-rest s)))
                 (recur (chunk-next s)))))
           (let [v (f (first s))]
             (if (nil? v)
               (recur (next s))
               (cons v (keep f (rest s)))))))))))

(defn map-indexed
  "A lazy seq of (f index item) for the items of coll."
  ([f]
   (fn [rf]
     (let [i (volatile! -1)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input] (rf result (f (vreset! i (inc @i)) input)))))))
  ([f coll]
   (let [step (fn step [i coll]
                (lazy-seq
                  (let [s (seq coll)]
                    (when s (cons (f i (first s)) (step (inc i) (rest s)))))))]
     (step 0 coll))))

(defn keep-indexed
  "A lazy seq of the non-nil results of (f index item)."
  ([f]
   (fn [rf]
     (let [i (volatile! -1)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (let [v (f (vreset! i (inc @i)) input)]
            (if (nil? v) result (rf result v))))))))
  ([f coll]
   (let [step (fn step [i coll]
                (lazy-seq
                  (loop [i i s (seq coll)]
                    (when s
                      (let [v (f i (first s))]
                        (if (nil? v)
                          (recur (inc i) (next s))
                          (cons v (step (inc i) (rest s)))))))))]
     (step 0 coll))))

(defn take
  "A lazy seq of the first n items of coll (all of them if fewer)."
  ([n]
   (fn [rf]
     (let [nv (volatile! n)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (let [n @nv
                nn (vreset! nv (dec n))
                result (if (pos? n) (rf result input) result)]
            (if (not (pos? nn)) (ensure-reduced result) result)))))))
  ([n coll]
   (lazy-seq
     (when (pos? n)
       (let [s (seq coll)]
         (when s (cons (first s) (take (dec n) (rest s)))))))))

(defn drop
  "A lazy seq of all but the first n items of coll."
  ([n]
   (fn [rf]
     (let [nv (volatile! n)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (let [n @nv]
            (vreset! nv (dec n))
            (if (pos? n) result (rf result input))))))))
  ([n coll]
   (lazy-seq
     (loop [n n s (seq coll)]
       (if (and s (pos? n))
         (recur (dec n) (next s))
         s)))))

(defn take-while
  "A lazy seq of the items of coll while (pred item) is logical true."
  ([pred]
   (fn [rf]
     (fn
       ([] (rf))
       ([result] (rf result))
       ([result input] (if (pred input) (rf result input) (reduced result))))))
  ([pred coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s
         (let [x (first s)]
           (when (pred x) (cons x (take-while pred (rest s))))))))))

(defn drop-while
  "A lazy seq of the items of coll from the first for which (pred item) is logical false."
  ([pred]
   (fn [rf]
     (let [dv (volatile! true)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (if (and @dv (pred input))
            result
            (do (vreset! dv false) (rf result input))))))))
  ([pred coll]
   (lazy-seq
     (loop [s (seq coll)]
       (if (and s (pred (first s)))
         (recur (next s))
         s)))))

(defn take-nth
  "A lazy seq of every nth item of coll."
  ([n]
   (fn [rf]
     (let [iv (volatile! -1)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (let [i (vreset! iv (inc @iv))]
            (if (zero? (rem i n)) (rf result input) result)))))))
  ([n coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s (cons (first s) (take-nth n (drop n s))))))))

(defn nthnext "(next coll) n times." [coll n]
  (loop [n n xs (seq coll)]
    (if (and xs (pos? n)) (recur (dec n) (next xs)) xs)))

(defn nthrest "(rest coll) n times." [coll n]
  (loop [n n xs coll]
    (if (and (pos? n) (seq xs)) (recur (dec n) (rest xs)) xs)))

(defn take-last "A seq of the last n items of coll." [n coll]
  (loop [s (seq coll) lead (seq (drop n coll))]
    (if lead (recur (next s) (next lead)) s)))

(defn drop-last "A lazy seq of all but the last n (default 1) items of coll."
  ([coll] (drop-last 1 coll))
  ([n coll] (map (fn [x _] x) coll (drop n coll))))

(defn split-at "[(take n coll) (drop n coll)]" [n coll] [(take n coll) (drop n coll)])
(defn split-with "[(take-while pred coll) (drop-while pred coll)]" [pred coll]
  [(take-while pred coll) (drop-while pred coll)])

;; ---------------------------------------------------------------- generators

(defn iterate
  "A lazy seq of x, (f x), (f (f x)), ..."
  [f x]
  (cons x (lazy-seq (iterate f (f x)))))

(defn repeat
  "A lazy (infinite, or n long) seq of xs."
  ([x] (lazy-seq (cons x (repeat x))))
  ([n x] (take n (repeat x))))

(defn repeatedly
  "A lazy (infinite, or n long) seq of calls of the no-arg fn f."
  ([f] (lazy-seq (cons (f) (repeatedly f))))
  ([n f] (take n (repeatedly f))))

(defn cycle
  "A lazy infinite seq of repetitions of the items of coll."
  [coll]
  (lazy-seq
    (when (seq coll)
      (concat coll (cycle coll)))))

;; ---------------------------------------------------------------- realizing seqs

(defn dorun
  "Walks coll (at most n items) for its side effects; returns nil."
  ([coll]
   (let [s (seq coll)]
     (when s (recur (next s)))))
  ([n coll]
   (let [s (seq coll)]
     (when (and s (pos? n)) (recur (dec n) (next s))))))

(defn doall
  "Walks coll (at most n items), realizing it; returns coll."
  ([coll] (dorun coll) coll)
  ([n coll] (dorun n coll) coll))

(defn run!
  "Calls proc on each item of coll, for side effects; returns nil."
  [proc coll]
  (let [s (seq coll)]
    (when s (proc (first s)) (recur proc (next s)))))

;; ---------------------------------------------------------------- concatenation

(defn- preserving-reduced [rf]
  (fn [acc x]
    (let [r (rf acc x)]
      (if (reduced? r) (reduced r) r))))

(defn- cat-rf [rf]
  (let [rrf (preserving-reduced rf)]
    (fn
      ([] (rf))
      ([result] (rf result))
      ([result input] (reduce rrf result input)))))

(defn mapcat
  "(concat (map f colls...)), lazily. With no colls, a transducer."
  ([f] (comp (map f) cat-rf))
  ([f coll] (cat-colls nil (map f coll)))
  ([f c1 c2] (cat-colls nil (map f c1 c2)))
  ([f c1 c2 & colls] (cat-colls nil (apply map f c1 c2 colls))))

(def cat "A transducer that concatenates the contents of each input." cat-rf)

(defn interleave
  "A lazy seq of the first item of each coll, then the second, ..."
  ([] ())
  ([c1] (lazy-seq c1))
  ([c1 c2]
   (lazy-seq
     (let [s1 (seq c1) s2 (seq c2)]
       (when (and s1 s2)
         (cons (first s1) (cons (first s2) (interleave (rest s1) (rest s2))))))))
  ([c1 c2 & colls]
   (lazy-seq
     (let [ss (map seq (list* c1 c2 colls))]
       (when (every? identity ss)
         (concat (map first ss) (apply interleave (map rest ss))))))))

(defn interpose
  "A lazy seq of the items of coll separated by sep."
  ([sep]
   (fn [rf]
     (let [started (volatile! false)]
       (fn
         ([] (rf))
         ([result] (rf result))
         ([result input]
          (if @started
            (let [sepr (rf result sep)]
              (if (reduced? sepr) sepr (rf sepr input)))
            (do (vreset! started true) (rf result input))))))))
  ([sep coll] (drop 1 (interleave (repeat sep) coll))))

(defmacro lazy-cat
  "A lazy seq of the concatenation of the colls; each coll expr runs only when needed."
  [& colls]
  (cons 'clojure.core/concat (map (fn [c] (list 'clojure.core/lazy-seq c)) colls)))

(defn partition
  "A lazy seq of lists of n items each, starting step (default n) items apart.
  An incomplete last group is dropped, or filled from pad when given (and then
  possibly shorter than n)."
  ([n coll] (partition n n coll))
  ([n step coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s
         (let [p (doall (take n s))]
           (when (= n (count p))
             (cons p (partition n step (nthrest s step)))))))))
  ([n step pad coll]
   (lazy-seq
     (let [s (seq coll)]
       (when s
         (let [p (doall (take n s))]
           (if (= n (count p))
             (cons p (partition n step pad (nthrest s step)))
             (list (take n (concat p pad))))))))))
