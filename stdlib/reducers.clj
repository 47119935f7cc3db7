;; reducers.clj - clojure.core.reducers: reducible and foldable views of
;; collections (reducer, folder), their transformations, and fold.
;;
;; A transformation does no work of its own: it returns an object that, when
;; reduced, reduces its source with a transformed reducing fn. Every reducing
;; fn built here takes (ret v) and, for maps reduced by key and value, (ret k v).
;;
;; Folio runs fold on the calling thread: a vector is split into halves down
;; to n items as the JVM's ForkJoin fold splits it, and the pieces are reduced
;; and combined in the same tree, one after the other (threads here take turns
;; under one interpreter lock, so forking would overlap nothing); a hash map
;; is reduced in one piece. cat joins its two sides into one vector, and
;; (cat) is an empty vector, so foldcat gives a vector (the JVM gives an
;; ArrayList or a tree of Cat nodes holding the same items).
(ns clojure.core.reducers
  (:refer-clojure :exclude [reduce map mapcat filter remove take take-while drop flatten cat])
  (:require [clojure.core.protocols :as p]))

(defn reduce
  "Like clojure.core/reduce, except that without init the start is (f), and a
  map is reduced by key and value, (f ret k v)."
  ([f coll] (reduce f (f) coll))
  ([f init coll]
   (if (map? coll)
     (p/kv-reduce coll f init)
     (p/coll-reduce coll f init))))

(defprotocol CollFold
  "Reducing a collection in parts that combinef joins; what fold calls."
  (coll-fold [coll n combinef reducef]))

(defn fold
  "Reduces coll with reducef, possibly in parts of about n items (512 by
  default) whose results combinef (which (combinef) must also start) joins;
  combinef is reducef when not given. Vectors are split in parts, maps are
  reduced by key and value, other collections in one reduce."
  ([reducef coll] (fold reducef reducef coll))
  ([combinef reducef coll] (fold 512 combinef reducef coll))
  ([n combinef reducef coll] (coll-fold coll n combinef reducef)))

(defn- fold-vec [v n combinef reducef]
  (let [cnt (count v)]
    (if (<= cnt n)
      (reduce reducef (combinef) v)
      (let [half (quot cnt 2)
            left (fold-vec (subvec v 0 half) n combinef reducef)]
        (combinef left (fold-vec (subvec v half cnt) n combinef reducef))))))

(extend-protocol CollFold
  nil
  (coll-fold [_ _ combinef _] (combinef))
  Object
  (coll-fold [coll _ combinef reducef] (reduce reducef (combinef) coll))
  clojure.lang.IPersistentVector
  (coll-fold [v n combinef reducef] (fold-vec v n combinef reducef)))

(defn reducer
  "A reducible view of coll whose reductions go through xf, a fn from a
  reducing fn to the reducing fn that does coll's work."
  [coll xf]
  (reify p/CollReduce
    (coll-reduce [this f] (p/coll-reduce this f (f)))
    (coll-reduce [_ f init] (p/coll-reduce coll (xf f) init))))

(defn folder
  "Like reducer, but also foldable: a fold folds coll with the reducing fn
  through xf."
  [coll xf]
  (reify
    p/CollReduce
    (coll-reduce [this f] (p/coll-reduce this f (f)))
    (coll-reduce [_ f init] (p/coll-reduce coll (xf f) init))
    CollFold
    (coll-fold [_ n combinef reducef] (coll-fold coll n combinef (xf reducef)))))

;; A reducing fn over f1: (f1) to start, step2 for items, step3 for a map's
;; keys and values.
(defn- rf [f1 step2 step3]
  (fn ([] (f1)) ([ret v] (step2 ret v)) ([ret k v] (step3 ret k v))))

(defn map
  "Applies f to every item (to key and value, for a map)."
  ([f] (fn [coll] (map f coll)))
  ([f coll]
   (folder coll (fn [f1] (rf f1
                             (fn [ret v] (f1 ret (f v)))
                             (fn [ret k v] (f1 ret (f k v))))))))

(defn mapcat
  "Applies f to every item and reduces the collections it returns in its place."
  ([f] (fn [coll] (mapcat f coll)))
  ([f coll]
   (folder coll (fn [f1]
                  ;; a reduced inside one item's collection must end the whole reduction
                  (let [inner (fn [ret v] (let [r (f1 ret v)] (if (reduced? r) (reduced r) r)))]
                    (rf f1
                        (fn [ret v] (reduce inner ret (f v)))
                        (fn [ret k v] (reduce inner ret (f k v)))))))))

(defn filter
  "Keeps the items for which pred is true."
  ([pred] (fn [coll] (filter pred coll)))
  ([pred coll]
   (folder coll (fn [f1] (rf f1
                             (fn [ret v] (if (pred v) (f1 ret v) ret))
                             (fn [ret k v] (if (pred k v) (f1 ret k v) ret)))))))

(defn remove
  "Drops the items for which pred is true."
  ([pred] (fn [coll] (remove pred coll)))
  ([pred coll] (filter (complement pred) coll)))

(defn flatten
  "The items of nested sequential collections, as one flat reduction."
  ([] (fn [coll] (flatten coll)))
  ([coll]
   (folder coll (fn [f1]
                  (fn ([] (f1))
                    ([ret v] (if (sequential? v) (p/coll-reduce (flatten v) f1 ret) (f1 ret v))))))))

(defn take-while
  "The items up to the first one for which pred is false."
  ([pred] (fn [coll] (take-while pred coll)))
  ([pred coll]
   (reducer coll (fn [f1] (rf f1
                              (fn [ret v] (if (pred v) (f1 ret v) (reduced ret)))
                              (fn [ret k v] (if (pred k v) (f1 ret k v) (reduced ret))))))))

;; take and drop count items in a counter made afresh for each reduction: an
;; item goes on when (pass? past-n) for whether it is past the first n, else
;; the reduction gives (fail ret).
(defn- gate [n coll pass? fail]
  (reducer coll (fn [f1]
                  (let [left (volatile! n)
                        open? (fn [] (pass? (neg? (vswap! left dec))))]
                    (rf f1
                        (fn [ret v] (if (open?) (f1 ret v) (fail ret)))
                        (fn [ret k v] (if (open?) (f1 ret k v) (fail ret))))))))

(defn take
  "The first n items."
  ([n] (fn [coll] (take n coll)))
  ([n coll] (gate n coll not reduced)))

(defn drop
  "All but the first n items."
  ([n] (fn [coll] (drop n coll)))
  ([n coll] (gate n coll identity identity)))

(defn cat
  "A combining fn for fold: (cat) is an empty vector, (cat left right) the
  items of both (either itself when the other is empty), and (cat ctor) a
  combining fn whose start is (ctor)."
  ([] [])
  ([ctor] (fn ([] (ctor)) ([left right] (cat left right))))
  ([left right]
   (cond (zero? (count left)) right
         (zero? (count right)) left
         :else (into (vec left) right))))

(defn append!
  "Adds x to the accumulator acc that cat made: a reducing fn for foldcat."
  [acc x]
  (conj acc x))

(defn foldcat
  "The items of coll, folded into a vector with cat and append!."
  [coll]
  (fold cat append! coll))

(defn monoid
  "A combining fn from op (two args) and ctor (no args, the start)."
  [op ctor]
  (fn ([] (ctor)) ([a b] (op a b))))
