;; data.clj - clojure.data: diff of nested data, as Clojure 1.11 computes it
;; (same partitions, same order of keys, so results print alike). Extensible
;; through the EqualityPartition and Diff protocols.
(ns clojure.data
  (:require [clojure.set :as set]))

(declare diff)

(defn- atom-diff
  "Diff of two values compared as wholes."
  [a b]
  (if (= a b) [nil nil a] [a b nil]))

(defn- vectorize
  "A map of index -> value as a vector (nil where no index), or nil when empty."
  [m]
  (when (seq m)
    (reduce (fn [v [k x]] (assoc v k x))
            (vec (repeat (apply max (keys m)) nil))
            m)))

(defn- diff-associative-key
  "The [only-a only-b both] maps for key k of a and b."
  [a b k]
  (let [va (get a k)
        vb (get b k)
        [a* b* ab] (diff va vb)
        in-a (contains? a k)
        in-b (contains? b k)
        same (and in-a in-b (or (some? ab) (and (nil? va) (nil? vb))))]
    [(when (and in-a (or (some? a*) (not same))) {k a*})
     (when (and in-b (or (some? b*) (not same))) {k b*})
     (when same {k ab})]))

(defn- diff-associative
  "Diff of associative a and b over the keys ks."
  [a b ks]
  (reduce (fn [acc d] (doall (map merge acc d)))
          [nil nil nil]
          (map #(diff-associative-key a b %) ks)))

(defn- diff-sequential
  [a b]
  (vec (map vectorize (diff-associative (vec a) (vec b)
                                        (range (max (count a) (count b)))))))

(defprotocol EqualityPartition
  "Which kind of collection x is for diff: :atom, :set, :sequential or :map."
  (equality-partition [x]))

(defprotocol Diff
  "Diff of two values of the same equality partition."
  (diff-similar [a b]))

(extend-protocol EqualityPartition
  nil
  (equality-partition [x] :atom)
  java.util.Set
  (equality-partition [x] :set)
  java.util.List
  (equality-partition [x] :sequential)
  java.util.Map
  (equality-partition [x] :map)
  java.lang.Object
  (equality-partition [x] :atom))

(extend-protocol Diff
  nil
  (diff-similar [a b] (atom-diff a b))
  java.util.Set
  (diff-similar [a b]
    (let [sa (set a) sb (set b)]
      [(not-empty (set/difference sa sb))
       (not-empty (set/difference sb sa))
       (not-empty (set/intersection sa sb))]))
  java.util.List
  (diff-similar [a b] (diff-sequential a b))
  java.util.Map
  (diff-similar [a b] (diff-associative a b (set/union (keys a) (keys b))))
  java.lang.Object
  (diff-similar [a b] (atom-diff a b)))

(defn diff
  "Recursively compares a and b, returning [things-only-in-a things-only-in-b
  things-in-both]. Maps compare by key, sequential collections by index, sets
  by membership; anything else (and values of different kinds) as wholes."
  [a b]
  (if (= a b)
    [nil nil a]
    (if (= (equality-partition a) (equality-partition b))
      (diff-similar a b)
      (atom-diff a b))))
