;; reduce and reduce-kv through clojure.core.protocols: CollReduce, IKVReduce,
;; InternalReduce, and reify'd clojure.lang.IReduceInit / IReduce.
(require '[clojure.core.protocols :as p])

(defn show [label f]
  (println label (try (f) (catch Throwable e [:caught (type e)]))))

;; a deftype implementing CollReduce inline, one form per arity
(deftype Three [a b c]
  p/CollReduce
  (coll-reduce [_ f] (let [r (f a b)] (if (reduced? r) @r (let [r (f r c)] (if (reduced? r) @r r)))))
  (coll-reduce [_ f init] (reduce f init [a b c])))

(show "deftype 2-arg" #(reduce + (Three. 1 2 3)))
(show "deftype 3-arg" #(reduce + 10 (Three. 1 2 3)))
(show "deftype conj" #(reduce conj [] (Three. 1 2 3)))
(show "transduce" #(transduce (map inc) + (Three. 1 2 3)))
(show "into" #(into [] (Three. 4 5 6)))
(show "into xform" #(into [] (filter odd?) (Three. 4 5 6)))
(show "reduced" #(reduce (fn [a x] (if (= x 2) (reduced :stop) x)) 0 (Three. 1 2 3)))
(show "coll-reduce direct" #(p/coll-reduce (Three. 7 8 9) max))

;; records: IKVReduce inline, or neither protocol (then a map of fields)
(defrecord Pt [x y]
  p/IKVReduce
  (kv-reduce [_ f init] (-> init (f :y y) (f :x x))))
(defrecord Plain [x y])
(show "record kv-reduce" #(reduce-kv (fn [acc k v] (conj acc [k v])) [] (->Pt 1 2)))
(show "plain record reduce-kv" #(reduce-kv (fn [acc k v] (conj acc [k v])) [] (->Plain 1 2)))
(show "plain record reduce" #(reduce conj [] (->Plain 1 2)))

;; reify of the JVM's reduce interfaces, and of CollReduce
(def r (reify clojure.lang.IReduceInit (reduce [_ f init] (f (f init 1) 2))))
(show "IReduceInit" #(reduce + 0 r))
(show "IReduceInit conj" #(reduce conj [] r))
(show "IReduceInit into" #(into [] (map inc) r))
(show "IReduceInit transduce" #(transduce (map inc) + r))
(show "IReduceInit without init" #(reduce + r))
(def r1 (reify clojure.lang.IReduce
          (reduce [_ f] (f 3 4))
          (reduce [_ f init] (f init 5))))
(show "IReduce" #(vector (reduce + r1) (reduce + 1 r1)))
(def r2 (reify p/CollReduce (coll-reduce [_ f] (f 7 8)) (coll-reduce [_ f init] (f init 9))))
(show "reify CollReduce" #(vector (reduce + r2) (reduce + 100 r2)))

;; the protocols' own impls for built-in values
(show "coll-reduce vector" #(vector (p/coll-reduce [1 2 3] +) (p/coll-reduce [1 2 3] + 10)))
(show "coll-reduce nil" #(vector (p/coll-reduce nil + 5) (p/coll-reduce nil +)))
(show "kv-reduce" #(vector (p/kv-reduce {:a 1} (fn [a k v] (conj a k v)) []) (p/kv-reduce nil + 3)))
(show "internal-reduce" #(vector (p/internal-reduce (seq [1 2 3]) + 0) (p/internal-reduce nil + 0)))
(show "satisfies?" #(mapv (fn [[pr x]] (satisfies? pr x))
                         [[p/CollReduce (Three. 1 2 3)] [p/CollReduce [1]] [p/IKVReduce {}] [p/CollReduce 1]]))

;; extending the protocols to a type from outside
(deftype Bag [xs])
(extend-protocol p/CollReduce
  Bag
  (coll-reduce ([b f] (reduce f (.-xs b))) ([b f init] (reduce f init (reverse (.-xs b))))))
(show "extended type" #(vector (reduce conj [] (Bag. [1 2 3])) (reduce + (Bag. [1 2 3]))))
(extend-protocol p/IKVReduce
  Bag
  (kv-reduce [b f init] (reduce-kv f init (vec (.-xs b)))))
(show "extended kv" #(reduce-kv (fn [a i x] (+ a (* i x))) 0 (Bag. [1 2 3])))
(extend-protocol p/CollReduce
  clojure.lang.Keyword
  (coll-reduce ([k f] [:kw k]) ([k f init] [:kw k init])))
(show "extended built-in type" #(vector (reduce + :a) (reduce + 0 :b)))

;; built-in values still reduce as before once the protocols are extended
(show "vector" #(reduce + (range 100)))
(show "with meta" #(reduce + (with-meta [1 2 3] {:m 1})))
(show "string" #(reduce str "" "abc"))
(show "map" #(reduce-kv (fn [a k v] (+ a k v)) 0 {1 2 3 4}))
(show "sorted map" #(reduce-kv (fn [a k v] (conj a k v)) [] (sorted-map :b 2 :a 1)))
(show "vector kv" #(reduce-kv (fn [a i x] (conj a [i x])) [] [:x :y]))
(show "reduce-kv on a list" #(reduce-kv + 0 '(1 2)))
(show "nil" #(vector (reduce + nil) (reduce + 7 nil) (reduce-kv + 7 nil)))

;; nil and Object replaced: every value without a more specific impl uses them
(extend-protocol p/CollReduce
  nil
  (coll-reduce ([_ f] :nil2) ([_ f i] [:nil3 i])))
(show "nil replaced" #(vector (reduce + nil) (reduce + 1 nil)))
(extend-protocol p/CollReduce
  Object
  (coll-reduce ([_ f] :obj2) ([_ f i] [:obj3 i])))
(show "Object replaced" #(vector (reduce + [1 2]) (reduce + "ab") (reduce + 1 5)))
