;; core_fn.clj - clojure.core, part 2: destructuring and the final fn / let /
;; loop / letfn, then the control-flow macros: if-let & co, case, condp,
;; threading macros, doseq, dotimes, for, binding, assert, time, ...

;; ---------------------------------------------------------------- destructuring

(defn- seq-to-map-for-destructuring
  "Keyword arguments (a seq) as a map; a lone trailing map stands for itself."
  [s]
  (if (next s)
    (loop [m {} s s]
      (if s
        (if (next s)
          (recur (assoc m (first s) (second s)) (nnext s))
          (throw-iae (str "No value supplied for key: " (first s))))
        m))
    (if (seq s) (first s) {})))

(declare destructure-bind)

(defn- destructure-vec [acc b v]
  (let [gvec (gensym "vec__")
        gseq (gensym "seq__")
        has-rest (some (fn [x] (= x '&)) b)
        acc (conj acc gvec v)
        acc (if has-rest (conj acc gseq (list 'clojure.core/seq gvec)) acc)]
    (loop [acc acc n 0 bs (seq b) seen-rest false]
      (if bs
        (let [x (first bs)]
          (cond
            (= x '&) (recur (destructure-bind acc (second bs) gseq) n (nnext bs) true)
            (= x :as) (destructure-bind acc (second bs) gvec)
            seen-rest (throw-iae "Unsupported binding form, only :as can follow & parameter")
            has-rest (let [gfirst (gensym "first__")]
                       (recur (destructure-bind
                                (conj acc gfirst (list 'clojure.core/first gseq)
                                      gseq (list 'clojure.core/next gseq))
                                x gfirst)
                              (inc n) (next bs) false))
            :else (recur (destructure-bind acc x (list 'clojure.core/nth gvec n nil))
                         (inc n) (next bs) false)))
        acc))))

;; The (local-symbol key-form) pairs that :keys/:syms/:strs (possibly
;; namespaced, e.g. :a/keys) stand for.
(defn- destructure-key-group [kind kns names]
  (loop [s (seq names) acc []]
    (if s
      (let [x (first s)
            local (symbol (name x))
            ns (or kns (namespace x))
            k (cond
                (= kind "keys") (keyword ns (name x))
                (= kind "syms") (list 'quote (symbol ns (name x)))
                :else (name x))]
        (recur (next s) (conj acc [local k])))
      acc)))

(defn- destructure-map [acc b v]
  (let [gmap (gensym "map__")
        defaults (get b :or)
        acc (conj acc gmap v
                  gmap (list 'if (list 'clojure.core/seq? gmap)
                             (list 'clojure.core/seq-to-map-for-destructuring gmap)
                             gmap))
        acc (if (contains? b :as) (conj acc (get b :as) gmap) acc)
        lookup (fn [local k]
                 (if (and (symbol? local) (contains? defaults local))
                   (list 'clojure.core/get gmap k (get defaults local))
                   (list 'clojure.core/get gmap k)))]
    (loop [acc acc es (seq b)]
      (if es
        (let [e (first es)
              bb (key e)
              bk (val e)]
          (cond
            (or (= bb :as) (= bb :or)) (recur acc (next es))
            (and (keyword? bb) (contains? #{"keys" "syms" "strs"} (name bb)))
            (recur (reduce (fn [acc pair]
                             (conj acc (nth pair 0) (lookup (nth pair 0) (nth pair 1))))
                           acc
                           (destructure-key-group (name bb) (namespace bb) bk))
                   (next es))
            :else (recur (destructure-bind acc bb (lookup bb bk)) (next es))))
        acc))))

(defn- destructure-bind [acc b v]
  (cond
    (symbol? b) (conj acc b v)
    (vector? b) (destructure-vec acc b v)
    (map? b) (destructure-map acc b v)
    :else (throw-iae (str "Unsupported binding form: " b))))

(defn destructure
  "The let* binding vector equivalent to a binding vector with destructuring forms."
  [bindings]
  (let [n (count bindings)]
    (if (loop [i 0] (if (< i n) (if (symbol? (nth bindings i)) (recur (+ i 2)) false) true))
      bindings
      (loop [i 0 acc []]
        (if (< i n)
          (recur (+ i 2) (destructure-bind acc (nth bindings i) (nth bindings (inc i))))
          acc)))))

;; ---------------------------------------------------------------- let, fn, loop, letfn

(defn- check-bindings [what bindings]
  (when-not (vector? bindings)
    (throw-iae (str what " requires a vector for its binding")))
  (when-not (even? (count bindings))
    (throw-iae (str what " requires an even number of forms in binding vector"))))

(defmacro let
  "(let [binding-form init-expr ...] body): binds (with destructuring) in sequence."
  [bindings & body]
  (check-bindings "let" bindings)
  (list* 'let* (destructure bindings) body))

;; One arity ([params] body...) of fn: destructuring params become gensyms bound
;; by a let around the body; a leading {:pre [...] :post [...]} map adds asserts.
(defn- fn-arity [sig]
  (let [params (first sig)
        _ (when-not (vector? params)
            (throw-iae (str "Parameter declaration " (first sig) " should be a vector")))
        body (next sig)
        conds (when (and (next body) (map? (first body))) (first body))
        body (if conds (next body) body)
        pre (get conds :pre)
        post (get conds :post)
        body (if post
               (list (list* 'clojure.core/let ['% (cons 'do body)]
                            (concat (map (fn [c] (list 'clojure.core/assert c)) post) ['%])))
               body)
        body (if pre (concat (map (fn [c] (list 'clojure.core/assert c)) pre) body) body)]
    (loop [ps (seq params) np [] lets []]
      (if ps
        (let [p (first ps)]
          (if (symbol? p)
            (recur (next ps) (conj np p) lets)
            (let [g (gensym "p__")]
              (recur (next ps) (conj np g) (conj lets p g)))))
        ;; a real list: the compiler wants each fn* arity to be one
        (if (seq lets)
          (list np (list* 'clojure.core/let lets body))
          (apply list np body))))))

(defn- fn-expand [sigs]
  (let [name (when (symbol? (first sigs)) (first sigs))
        sigs (if name (next sigs) sigs)
        sigs (if (vector? (first sigs)) (list sigs) sigs)
        arities (map fn-arity sigs)]
    (if name
      (list* 'fn* name arities)
      (cons 'fn* arities))))

(defmacro fn
  "(fn name? [params*] exprs*) or (fn name? ([params*] exprs*)+): a fn, with
  destructuring params and optional {:pre [..] :post [..]} conditions."
  [& sigs]
  (fn-expand sigs))

;; defn names its fn after the var (so arity errors say user/f), but a name
;; inside the body must still mean the var, as in Clojure: redefining the var
;; (memoize, with-redefs, instrumentation) then affects recursive calls too.
;; So an arity that mentions the name (and has no param of that name) gets
;; (let* [name ns/name] ...) around its body.
(defn- mentions? [form sym]
  (if (= form sym)
    true
    (if (coll? form) (boolean (some (fn [x] (mentions? x sym)) form)) false)))

(defn- var-self-ref [name qname arity]
  (let [params (first arity)
        body (rest arity)]
    (if (and (not (some (fn [p] (= p name)) params)) (mentions? body name))
      (list params (list 'let* [name qname] (cons 'do body)))
      arity)))

(defmacro defn
  "Same as (def name (fn [params*] exprs*)) or (def name (fn ([params*] exprs*)+))
  with any doc-string or attrs added to the var metadata."
  [name & decl]
  (let [parsed (parse-defn name decl)
        qname (symbol (str (ns-name *ns*)) (str name))
        f (fn-expand (cons name (nth parsed 1)))]
    (list 'def (with-meta name (nth parsed 0))
          (list* 'fn* name (map (fn [a] (var-self-ref name qname a)) (nnext f))))))

(defmacro loop
  "Like let, and a recur target; recur rebinds the (destructured) bindings."
  [bindings & body]
  (check-bindings "loop" bindings)
  (let [db (destructure bindings)]
    (if (= db bindings)
      (list* 'loop* bindings body)
      (let [n (count bindings)
            gs (loop [i 0 acc []]
                 (if (< i n)
                   (let [b (nth bindings i)]
                     (recur (+ i 2) (conj acc (if (symbol? b) b (gensym "loop__")))))
                   acc))
            outer (loop [i 0 acc []]
                    (if (< i n)
                      (let [b (nth bindings i) v (nth bindings (inc i)) g (nth gs (quot i 2))]
                        (recur (+ i 2) (if (symbol? b) (conj acc g v) (conj acc g v b g))))
                      acc))
            inner (loop [i 0 acc []]
                    (if (< i n)
                      (recur (+ i 2) (conj acc (nth bindings i) (nth gs (quot i 2))))
                      acc))]
        (list 'clojure.core/let outer
              (list 'loop* (vec (interleave gs gs))
                    (list* 'clojure.core/let inner body)))))))

(defmacro letfn
  "(letfn [(name [params*] exprs*)+] body): mutually recursive local fns."
  [fnspecs & body]
  (list* 'letfn*
         (vec (mapcat (fn [spec] [(first spec) (fn-expand spec)]) fnspecs))
         body))

;; ---------------------------------------------------------------- conditionals

(defmacro if-let
  "(if-let [binding test] then else?): then with binding bound to test's value
  when it is logical true, else else."
  ([bindings then] (list 'clojure.core/if-let bindings then nil))
  ([bindings then else]
   (check-bindings "if-let" bindings)
   (let [temp (gensym "temp__")]
     `(let* [~temp ~(nth bindings 1)]
        (if ~temp
          (let [~(nth bindings 0) ~temp] ~then)
          ~else)))))

(defmacro when-let
  "(when-let [binding test] body): body with binding bound when test is logical true."
  [bindings & body]
  (check-bindings "when-let" bindings)
  (let [temp (gensym "temp__")]
    `(let* [~temp ~(nth bindings 1)]
       (when ~temp
         (let [~(nth bindings 0) ~temp] ~@body)))))

(defmacro if-some
  "Like if-let, but tests for non-nil."
  ([bindings then] (list 'clojure.core/if-some bindings then nil))
  ([bindings then else]
   (check-bindings "if-some" bindings)
   (let [temp (gensym "temp__")]
     `(let* [~temp ~(nth bindings 1)]
        (if (nil? ~temp)
          ~else
          (let [~(nth bindings 0) ~temp] ~then))))))

(defmacro when-some
  "Like when-let, but tests for non-nil."
  [bindings & body]
  (check-bindings "when-some" bindings)
  (let [temp (gensym "temp__")]
    `(let* [~temp ~(nth bindings 1)]
       (if (nil? ~temp)
         nil
         (let [~(nth bindings 0) ~temp] ~@body)))))

(defmacro when-first
  "(when-first [x coll] body): body with x bound to the first item of coll, when it has one."
  [bindings & body]
  (check-bindings "when-first" bindings)
  (let [s (gensym "s__")]
    `(when-let [~s (seq ~(nth bindings 1))]
       (let [~(nth bindings 0) (first ~s)] ~@body))))

(defmacro condp
  "(condp pred expr test-expr result-expr ... default?): the result for the first
  test-expr where (pred test-expr expr) is logical true; `test :>> f` calls f on
  that value. Throws IllegalArgumentException if nothing matches and there is no default."
  [pred expr & clauses]
  (let [gpred (gensym "pred__")
        gexpr (gensym "expr__")
        emit (fn emit [args]
               (let [n (if (= :>> (second args)) 3 2)
                     clause (take n args)
                     more (drop n args)
                     c (count clause)]
                 (cond
                   (= 0 c) `(throw (folio-throwable "java.lang.IllegalArgumentException"
                                                    (str "No matching clause: " ~gexpr)))
                   (= 1 c) (first clause)
                   (= 2 c) `(if (~gpred ~(first clause) ~gexpr)
                              ~(second clause)
                              ~(emit more))
                   :else (let [p (gensym "p__")]
                           `(if-let [~p (~gpred ~(first clause) ~gexpr)]
                              (~(nth clause 2) ~p)
                              ~(emit more))))))]
    `(let [~gpred ~pred ~gexpr ~expr] ~(emit clauses))))

;; (case e test then ... default?) -> (case* e default {const index} [then ...])
(defmacro case
  "Evaluates e once and yields the then-expr of the test constant equal to it.
  Test constants are not evaluated; a list groups several constants. With no
  default and no match, throws IllegalArgumentException."
  [e & clauses]
  (let [g (if (symbol? e) e (gensym "case__"))
        n (count clauses)
        default (if (odd? n)
                  (last clauses)
                  `(throw (folio-throwable "java.lang.IllegalArgumentException"
                                           (str "No matching clause: " ~g))))
        pairs (partition 2 clauses)
        [table thens] (reduce
                        (fn [[table thens] [test then]]
                          (let [idx (count thens)
                                consts (if (seq? test) test [test])]
                            [(reduce (fn [t c]
                                       (when (contains? t c)
                                         (throw-iae (str "Duplicate case test constant: " c)))
                                       (assoc t c idx))
                                     table consts)
                             (conj thens then)]))
                        [{} []]
                        pairs)
        body (list 'case* g default table thens)]
    (if (symbol? e)
      body
      (list 'let* [g e] body))))

;; ---------------------------------------------------------------- threading

(defmacro ->
  "Threads x through the forms as their first argument."
  [x & forms]
  (loop [x x forms (seq forms)]
    (if forms
      (let [f (first forms)]
        (recur (if (seq? f) (list* (first f) x (next f)) (list f x)) (next forms)))
      x)))

(defmacro ->>
  "Threads x through the forms as their last argument."
  [x & forms]
  (loop [x x forms (seq forms)]
    (if forms
      (let [f (first forms)]
        (recur (if (seq? f) (concat f (list x)) (list f x)) (next forms)))
      x)))

(defmacro as->
  "Binds name to expr, then to each form's value in turn; yields the last."
  [expr name & forms]
  `(let [~name ~expr
         ~@(interleave (repeat name) (butlast forms))]
     ~(if (seq forms) (last forms) name)))

(defn- thread-steps [g steps]
  `(let [~g ~(first steps)
         ~@(interleave (repeat g) (butlast (rest steps)))]
     ~(if (next steps) (last steps) g)))

(defmacro some->
  "Like -> but stops at the first nil value."
  [expr & forms]
  (let [g (gensym "some__")]
    (thread-steps g (cons expr (map (fn [f] `(if (nil? ~g) nil (-> ~g ~f))) forms)))))

(defmacro some->>
  "Like ->> but stops at the first nil value."
  [expr & forms]
  (let [g (gensym "some__")]
    (thread-steps g (cons expr (map (fn [f] `(if (nil? ~g) nil (->> ~g ~f))) forms)))))

(defmacro cond->
  "Threads expr (with ->) through each form whose test is logical true."
  [expr & clauses]
  (let [g (gensym "cond__")]
    (thread-steps g (cons expr (map (fn [[test step]] `(if ~test (-> ~g ~step) ~g))
                                    (partition 2 clauses))))))

(defmacro cond->>
  "Threads expr (with ->>) through each form whose test is logical true."
  [expr & clauses]
  (let [g (gensym "cond__")]
    (thread-steps g (cons expr (map (fn [[test step]] `(if ~test (->> ~g ~step) ~g))
                                    (partition 2 clauses))))))

(defmacro doto
  "Evaluates x, calls each form with it as first argument, returns x."
  [x & forms]
  (let [g (gensym "doto__")]
    `(let [~g ~x]
       ~@(map (fn [f] (if (seq? f) (list* (first f) g (next f)) (list f g))) forms)
       ~g)))

;; ---------------------------------------------------------------- iteration

(defmacro while
  "Repeats body while test is logical true."
  [test & body]
  `(loop [] (when ~test ~@body (recur))))

(defmacro dotimes
  "(dotimes [i n] body): body with i bound to 0 .. n-1."
  [bindings & body]
  (let [i (nth bindings 0)
        n (gensym "n__")]
    `(let [~n (long ~(nth bindings 1))]
       (loop [~i 0]
         (when (< ~i ~n)
           ~@body
           (recur (inc ~i)))))))

;; Binding groups: [[binding-form coll-expr [modifier value] ...] ...]
(defn- seq-exprs-groups [what seq-exprs]
  (check-bindings what seq-exprs)
  (reduce (fn [groups [k v]]
            (if (keyword? k)
              (do (when (empty? groups)
                    (throw-iae (str "Invalid '" what "' keyword " k " before any binding")))
                  (when-not (contains? #{:let :when :while} k)
                    (throw-iae (str "Invalid '" what "' keyword " k)))
                  (conj (pop groups) (conj (peek groups) [k v])))
              (conj groups [k v])))
          []
          (partition 2 seq-exprs)))

(defmacro doseq
  "Repeatedly executes body (for side effects) with the bindings (as in for:
  several collections, :let, :when, :while). Returns nil."
  [seq-exprs & body]
  (let [groups (seq-exprs-groups "doseq" seq-exprs)
        emit (fn emit [groups]
               (if (empty? groups)
                 `(do ~@body)
                 ;; As Clojure's: a chunked seq is walked a chunk at a time
                 ;; (chunk c, its count n, index i), any other seq by next.
                 (let [[bind coll & mods] (first groups)
                       s (gensym "seq__")
                       c (gensym "chunk__")
                       n (gensym "count__")
                       i (gensym "i__")
                       inner (emit (rest groups))
                       with-mods (fn with-mods [mods next-step]
                                   (if (empty? mods)
                                     `(do ~inner ~next-step)
                                     (let [[k v] (first mods)]
                                       (case k
                                         :let `(let ~v ~(with-mods (rest mods) next-step))
                                         :when `(if ~v ~(with-mods (rest mods) next-step) ~next-step)
                                         :while `(when ~v ~(with-mods (rest mods) next-step))))))]
                   `(loop [~s (seq ~coll) ~c nil ~n 0 ~i 0]
                      (if (< ~i ~n)
                        (let [~bind (nth ~c ~i)]
                          ~(with-mods mods `(recur ~s ~c ~n (inc ~i))))
                        (let [~s (seq ~s)]
                          (when ~s
                            (if (chunked-seq? ~s)
                              (let [~c (chunk-first ~s)]
                                (recur (chunk-rest ~s) ~c (count ~c) 0))
                              (let [~bind (first ~s)]
                                ~(with-mods mods `(recur (next ~s) nil 0 0)))))))))))]
    `(do ~(emit groups) nil)))

(defmacro for
  "List comprehension: a lazy seq of body-expr for each combination of the
  bindings (the rightmost varying fastest), with :let, :when and :while."
  [seq-exprs body-expr]
  (let [groups (seq-exprs-groups "for" seq-exprs)
        emit (fn emit [groups]
               (let [[bind coll & mods] (first groups)
                     more (next groups)
                     iter (gensym "iter__")
                     s (gensym "s__")
                     skip `(recur (next ~s))
                     tail (if more
                            (let [inner (gensym "inner__")]
                              `(let [~inner (seq (~(emit more) ~(second (first more))))]
                                 (if ~inner
                                   (concat ~inner (~iter (rest ~s)))
                                   ~skip)))
                            `(cons ~body-expr (~iter (rest ~s))))
                     with-mods (fn with-mods [mods]
                                 (if (empty? mods)
                                   tail
                                   (let [[k v] (first mods)]
                                     (case k
                                       :let `(let ~v ~(with-mods (rest mods)))
                                       :when `(if ~v ~(with-mods (rest mods)) ~skip)
                                       :while `(when ~v ~(with-mods (rest mods)))))))]
                 (if more
                   `(fn ~iter [~s]
                      (lazy-seq
                        (loop [~s (seq ~s)]
                          (when ~s
                            (let [~bind (first ~s)]
                              ~(with-mods mods))))))
                   ;; the innermost binding: a chunked seq gives a chunk of
                   ;; results at a time, as Clojure's for
                   (let [c (gensym "c__")
                         i (gensym "i__")
                         size (gensym "size__")
                         b (gensym "b__")
                         with-cmods (fn with-cmods [mods]
                                      (if (empty? mods)
                                        `(do (chunk-append ~b ~body-expr)
                                             (recur (inc ~i)))
                                        (let [[k v] (first mods)]
                                          (case k
                                            :let `(let ~v ~(with-cmods (rest mods)))
                                            :when `(if ~v ~(with-cmods (rest mods)) (recur (inc ~i)))
                                            :while `(when ~v ~(with-cmods (rest mods)))))))]
                     `(fn ~iter [~s]
                        (lazy-seq
                          (loop [~s (seq ~s)]
                            (when ~s
                              (if (chunked-seq? ~s)
                                (let [~c (chunk-first ~s)
                                      ~size (count ~c)
                                      ~b (chunk-buffer ~size)]
                                  (if (loop [~i 0]
                                        (if (< ~i ~size)
                                          (let [~bind (nth ~c ~i)]
                                            ~(with-cmods mods))
                                          true))
                                    (chunk-cons (chunk ~b) (~iter (chunk-rest ~s)))
                                    (chunk-cons (chunk ~b) nil)))
                                (let [~bind (first ~s)]
                                  ~(with-mods mods)))))))))))]
    `(~(emit groups) ~(second (first groups)))))

;; ---------------------------------------------------------------- vars and bindings

(defmacro binding
  "(binding [var-symbol value ...] body): body with the dynamic vars bound
  (thread-locally) to the values, which are evaluated before any is bound."
  [bindings & body]
  (check-bindings "binding" bindings)
  (let [pairs (mapcat (fn [[sym v]] [(list 'var sym) v]) (partition 2 bindings))]
    ;; try/finally built with list: the compiler recognizes only real lists as clauses
    (list 'do
          (list 'clojure.core/push-thread-bindings (cons 'clojure.core/hash-map pairs))
          (apply list 'try (concat body [(list 'finally (list 'clojure.core/pop-thread-bindings))])))))

(defn- has-root? [v] (bound? v))

;; Expands to body only when clojure.core/name has no value yet, i.e. no native
;; (or earlier definition) provides it. Checked when the form is compiled.
(defmacro ^:private when-missing [name & body]
  (let [v (find-var (symbol "clojure.core" (str name)))]
    (when-not (and v (has-root? v))
      (cons 'do body))))

;; Expands to body only when clojure.core/name exists.
(defmacro ^:private when-present [name & body]
  (let [v (find-var (symbol "clojure.core" (str name)))]
    (when (and v (has-root? v))
      (cons 'do body))))

(defmacro defonce
  "Defines name as expr's value only if name has no root value yet."
  [name expr]
  `(let [v# (def ~name)]
     (when-not (has-root? v#)
       (def ~name ~expr))))

(defn with-redefs-fn
  "Temporarily sets the roots of the vars (a map var -> value) while calling f."
  [binding-map f]
  (let [old (reduce (fn [m v] (assoc m v (var-get v))) {} (keys binding-map))
        set-roots (fn [m] (run! (fn [e] (alter-var-root (key e) (constantly (val e)))) m))]
    (set-roots binding-map)
    (try (f)
         (finally (set-roots old)))))

(defmacro with-redefs
  "(with-redefs [var-symbol value ...] body): body with the vars' roots temporarily replaced."
  [bindings & body]
  `(with-redefs-fn ~(reduce (fn [m [s v]] (assoc m (list 'var s) v)) {} (partition 2 bindings))
     (fn [] ~@body)))

(defmacro vswap!
  "Sets the volatile's value to (apply f current-value args); returns it."
  [vol f & args]
  (let [v (gensym "vol__")]
    `(let [~v ~vol] (vreset! ~v (~f (deref ~v) ~@args)))))

;; ---------------------------------------------------------------- assert, time, output

(defmacro assert
  "Throws AssertionError when x is logical false (and *assert* is true)."
  ([x]
   (when *assert*
     `(when-not ~x
        (throw (folio-throwable "java.lang.AssertionError"
                                (str "Assert failed: " (pr-str '~x)))))))
  ([x message]
   (when *assert*
     `(when-not ~x
        (throw (folio-throwable "java.lang.AssertionError"
                                (str "Assert failed: " ~message "\n" (pr-str '~x))))))))

(defmacro time
  "Evaluates expr, prints the time it took, returns its value."
  [expr]
  `(let [start# (folio-nano-time)
         ret# ~expr]
     (prn (str "Elapsed time: " (/ (double (- (folio-nano-time) start#)) 1000000.0) " msecs"))
     ret#))

(defmacro with-out-str
  "Evaluates body with *out* bound to a fresh string writer; returns the string written."
  [& body]
  `(let [s# (folio-new-string-writer)]
     (binding [*out* s#]
       ~@body
       (folio-writer-str s#))))

(defmacro locking
  "Evaluates body holding the monitor of x (one per object, in this process):
  another thread's locking of x waits until this one exits."
  [x & body]
  `(let [lockee# ~x]
     (folio-monitor-enter lockee#)
     (try ~@body
          (finally (folio-monitor-exit lockee#)))))

(defmacro memfn
  "A fn calling the named method: not supported (no host objects)."
  [name & args]
  (throw-iae (str "memfn is not supported in Folio: " name)))
