; transients: conj! assoc! dissoc! pop! disj! persistent!
(def tv (transient []))
(def pv (persistent! (reduce conj! tv (range 10))))
(prn pv (count pv))
(prn (persistent! (conj! (transient [1 2]) 3)))
(prn (persistent! (assoc! (transient [1 2 3]) 0 :a 3 :d)))
(prn (persistent! (pop! (transient [1 2 3]))))
(let [t (transient [1 2 3])]
  (prn (count t) (nth t 1) (get t 2) (t 0)))
(prn (persistent! (assoc! (transient {}) :a 1 :b 2)))
(prn (persistent! (dissoc! (transient {:a 1 :b 2 :c 3}) :b)))
(let [t (transient {:k :v})]
  (prn (get t :k) (count t) (:k t) (contains? t :k)))
(prn (sort (persistent! (disj! (transient #{1 2 3}) 2))))
(prn (sort (persistent! (conj! (conj! (transient #{}) 5) 4))))
(def big (persistent! (reduce conj! (transient []) (range 5000))))
(prn (count big) (nth big 4999) (reduce + big))
(def big-popped (persistent! (reduce (fn [t _] (pop! t)) (transient big) (range 4000))))
(prn (count big-popped) (peek big-popped))
(def bigm (persistent! (reduce (fn [t i] (assoc! t i (* 2 i))) (transient {}) (range 100))))
(prn (count bigm) (get bigm 99) (get bigm 100))
(def small (persistent! (reduce (fn [t i] (assoc! t (keyword (str "k" i)) i)) (transient {}) (range 8))))
(prn small)
(let [t (transient [])]
  (persistent! t)
  (prn (try (conj! t 1) (catch IllegalAccessError e (ex-message e)))))
(prn (let [t (transient [1])] (persistent! (conj! t 2))) [1])
(def original [1 2 3])
(def modified (persistent! (assoc! (transient original) 0 :changed)))
(prn original modified)
(defn fast-range [n]
  (loop [i 0 t (transient [])]
    (if (< i n) (recur (inc i) (conj! t i)) (persistent! t))))
(prn (fast-range 5) (count (fast-range 2000)))
