;; set.clj - clojure.set: set algebra and relational operations on sets of maps.
(ns clojure.set)

(defn union
  "The union of the sets."
  ([] #{})
  ([s1] s1)
  ([s1 s2]
   (if (< (count s1) (count s2))
     (reduce conj s2 s1)
     (reduce conj s1 s2)))
  ([s1 s2 & sets]
   (reduce union (list* s1 s2 sets))))

(defn intersection
  "The intersection of the sets."
  ([s1] s1)
  ([s1 s2]
   (if (< (count s2) (count s1))
     (recur s2 s1)
     (reduce (fn [result item] (if (contains? s2 item) result (disj result item)))
             s1 s1)))
  ([s1 s2 & sets]
   (reduce intersection (list* s1 s2 sets))))

(defn difference
  "s1 without the items of the other sets."
  ([s1] s1)
  ([s1 s2]
   (if (< (count s1) (count s2))
     (reduce (fn [result item] (if (contains? s2 item) (disj result item) result))
             s1 s1)
     (reduce disj s1 s2)))
  ([s1 s2 & sets]
   (reduce difference s1 (conj sets s2))))

(defn select
  "The items of set xset for which (pred item) is true."
  [pred xset]
  (reduce (fn [s k] (if (pred k) s (disj s k))) xset xset))

(defn project
  "The set of maps xrel with only the keys ks."
  [xrel ks]
  (with-meta (set (map (fn [m] (select-keys m ks)) xrel)) (meta xrel)))

(defn rename-keys
  "map with the keys in kmap renamed to their values."
  [map kmap]
  (reduce (fn [m [old new]]
            (if (contains? map old)
              (assoc m new (get map old))
              m))
          (apply dissoc map (keys kmap))
          kmap))

(defn rename
  "The set of maps xrel with keys renamed by kmap."
  [xrel kmap]
  (with-meta (set (map (fn [m] (rename-keys m kmap)) xrel)) (meta xrel)))

(defn index
  "A map from each distinct (select-keys m ks) to the set of maps m of xrel with it."
  [xrel ks]
  (reduce (fn [m x]
            (let [ik (select-keys x ks)]
              (assoc m ik (conj (get m ik #{}) x))))
          {} xrel))

(defn map-invert
  "m with keys and values swapped."
  [m]
  (reduce (fn [m [k v]] (assoc m v k)) {} m))

(defn join
  "The natural join of two sets of maps (on their shared keys, or on km:
  a map from keys of xrel to keys of yrel)."
  ([xrel yrel]
   (if (and (seq xrel) (seq yrel))
     (let [ks (intersection (set (keys (first xrel))) (set (keys (first yrel))))
           [r s] (if (<= (count xrel) (count yrel)) [xrel yrel] [yrel xrel])
           idx (index r ks)]
       (reduce (fn [ret x]
                 (let [found (get idx (select-keys x ks))]
                   (if found
                     (reduce (fn [ret y] (conj ret (merge y x))) ret found)
                     ret)))
               #{} s))
     #{}))
  ([xrel yrel km]
   (let [[r s k] (if (<= (count xrel) (count yrel))
                   [xrel yrel (map-invert km)]
                   [yrel xrel km])
         idx (index r (vals k))]
     (reduce (fn [ret x]
               (let [found (get idx (rename-keys (select-keys x (keys k)) k))]
                 (if found
                   (reduce (fn [ret y] (conj ret (merge y x))) ret found)
                   ret)))
             #{} s))))

(defn subset?
  "true if every item of set1 is in set2."
  [set1 set2]
  (and (<= (count set1) (count set2))
       (every? (fn [x] (contains? set2 x)) set1)))

(defn superset?
  "true if set1 contains every item of set2."
  [set1 set2]
  (and (>= (count set1) (count set2))
       (every? (fn [x] (contains? set1 x)) set2)))
