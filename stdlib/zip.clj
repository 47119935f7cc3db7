;; zip.clj - clojure.zip: functional tree navigation and editing (Huet zippers).
;; A location is [node path] with the tree's fns in its metadata; path is
;; {:l lefts :pnodes parents :ppath parent-path :r rights :changed? bool}, built
;; in the same key order as Clojure's so locations print alike.
(ns clojure.zip
  (:refer-clojure :exclude [replace remove next]))

(defn zipper
  "A zipper over root: branch? tells whether a node can have children,
  children returns them as a seq, make-node builds a node from an existing
  node and a seq of children."
  [branch? children make-node root]
  (with-meta [root nil]
    {:zip/branch? branch? :zip/children children :zip/make-node make-node}))

(defn seq-zip
  "A zipper over nested seqs."
  [root]
  (zipper seq? identity (fn [node children] (with-meta children (meta node))) root))

(defn vector-zip
  "A zipper over nested vectors."
  [root]
  (zipper vector? seq (fn [node children] (with-meta (vec children) (meta node))) root))

(defn xml-zip
  "A zipper over xml elements ({:tag :attrs :content}) as clojure.xml parses them."
  [root]
  (zipper (complement string?)
          (comp seq :content)
          (fn [node children] (assoc node :content (and children (apply vector children))))
          root))

(defn node "The node at loc." [loc] (nth loc 0))

(defn branch?
  "True if the node at loc may have children."
  [loc]
  ((:zip/branch? (meta loc)) (node loc)))

(defn children
  "The children of the node at loc, which must be a branch."
  [loc]
  (if (branch? loc)
    ((:zip/children (meta loc)) (node loc))
    (throw (Exception. "called children on a leaf node"))))

(defn make-node
  "A new node like node with the given children (the zipper's make-node)."
  [loc node children]
  ((:zip/make-node (meta loc)) node children))

(defn path "The nodes above loc, root first." [loc] (:pnodes (nth loc 1)))

(defn lefts "The siblings left of loc." [loc] (seq (:l (nth loc 1))))

(defn rights "The siblings right of loc." [loc] (:r (nth loc 1)))

(defn- at [loc n p] (with-meta [n p] (meta loc)))

(defn down
  "The leftmost child of loc, or nil if it has none."
  [loc]
  (when (branch? loc)
    (let [[n p] loc
          kids (children loc)]
      (when kids
        (at loc (first kids)
            {:l []
             :pnodes (if p (conj (:pnodes p) n) [n])
             :ppath p
             :r (clojure.core/next kids)})))))

(defn up
  "The parent of loc, or nil at the top; rebuilds it if its children changed."
  [loc]
  (let [[n {:keys [l ppath pnodes r changed?]}] loc]
    (when pnodes
      (let [parent (peek pnodes)]
        (if changed?
          (at loc (make-node loc parent (concat l (cons n r))) (and ppath (assoc ppath :changed? true)))
          (at loc parent ppath))))))

(defn end? "True at the end of a depth-first walk with next." [loc] (= :end (nth loc 1)))

(defn root
  "Zips all the way up and returns the root node, with the edits made."
  [loc]
  (if (end? loc)
    (node loc)
    (if-let [p (up loc)] (recur p) (node loc))))

(defn right
  "The right sibling of loc, or nil."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (when (and p (seq r))
      (at loc (first r) (assoc p :l (conj l n) :r (clojure.core/next r))))))

(defn rightmost
  "The rightmost sibling of loc (loc itself if it is)."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (if (and p r)
      (at loc (last r) (assoc p :l (apply conj l n (butlast r)) :r nil))
      loc)))

(defn left
  "The left sibling of loc, or nil."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (when (and p (seq l))
      (at loc (peek l) (assoc p :l (pop l) :r (cons n r))))))

(defn leftmost
  "The leftmost sibling of loc (loc itself if it is)."
  [loc]
  (let [[n {:keys [l r] :as p}] loc]
    (if (and p (seq l))
      (at loc (first l) (assoc p :l [] :r (concat (rest l) [n] r)))
      loc)))

(defn- insert-beside
  "loc with item added to its siblings on side k (:l or :r) by add."
  [loc k add item]
  (let [[n p] loc]
    (when (nil? p) (throw (Exception. "Insert at top")))
    (at loc n (assoc p k (add (get p k) item) :changed? true))))

(defn insert-left
  "Inserts item as the left sibling of loc, without moving."
  [loc item]
  (insert-beside loc :l conj item))

(defn insert-right
  "Inserts item as the right sibling of loc, without moving."
  [loc item]
  (insert-beside loc :r #(cons %2 %1) item))

(defn replace
  "Replaces the node at loc with node, without moving."
  [loc node]
  (at loc node (assoc (nth loc 1) :changed? true)))

(defn edit
  "Replaces the node at loc with (f node args...)."
  [loc f & args]
  (replace loc (apply f (node loc) args)))

(defn insert-child
  "Inserts item as the leftmost child of the node at loc, without moving."
  [loc item]
  (replace loc (make-node loc (node loc) (cons item (children loc)))))

(defn append-child
  "Inserts item as the rightmost child of the node at loc, without moving."
  [loc item]
  (replace loc (make-node loc (node loc) (concat (children loc) [item]))))

(defn next
  "The next location in a depth-first walk; at the end, a location for which
  end? is true (and which next returns unchanged)."
  [loc]
  (if (end? loc)
    loc
    (or (and (branch? loc) (down loc))
        (right loc)
        (loop [p loc]
          (if-let [u (up p)]
            (or (right u) (recur u))
            [(node p) :end])))))

(defn- deepest-rightmost
  "From loc, down to the last child repeatedly as long as there is one."
  [loc]
  (if-let [child (and (branch? loc) (down loc))]
    (recur (rightmost child))
    loc))

(defn prev
  "The previous location in a depth-first walk; nil at the root."
  [loc]
  (if-let [l (left loc)]
    (deepest-rightmost l)
    (up loc)))

(defn remove
  "Removes the node at loc; returns the location that would have preceded it
  in a depth-first walk."
  [loc]
  (let [[_ {:keys [l ppath pnodes r] :as p}] loc]
    (when (nil? p) (throw (Exception. "Remove at top")))
    (if (pos? (count l))
      (deepest-rightmost (at loc (peek l) (assoc p :l (pop l) :changed? true)))
      (at loc (make-node loc (peek pnodes) r) (and ppath (assoc ppath :changed? true))))))
