; destructuring in fn params, defn, loop, for, doseq, letfn
(defn f1 [[a b] {:keys [c]}] (+ a b c))
(prn (f1 [1 2] {:c 3}))
(defn f2 [& [first-arg second-arg]] [first-arg second-arg])
(prn (f2) (f2 1) (f2 1 2 3))
(defn f3 [a & {:as opts}] [a opts])
(prn (f3 1) (f3 1 :x 2))
(defn f4 [{[x y] :point :keys [label]}] (str label "@" x "," y))
(prn (f4 {:point [3 4] :label "P"}))
(prn ((fn [[_ b]] b) [1 2]))
(prn (map (fn [{:keys [k] :or {k :none}}] k) [{:k 1} {}]))
(prn (loop [[x & xs] [1 2 3 4] sum 0]
       (if x (recur xs (+ sum x)) sum)))
(prn (loop [{:keys [n acc]} {:n 5 :acc 1}]
       (if (zero? n) acc (recur {:n (dec n) :acc (* acc n)}))))
(prn (for [[a b] [[1 2] [3 4]] :let [{:keys [s]} {:s (+ a b)}]] s))
(let [[a b] [1 2]
      {:keys [c]} {:c (+ a b)}
      [d & e] (range c 7)]
  (prn a b c d e))
(defn multi
  ([[a]] [:one a])
  ([[a] [b]] [:two a b]))
(prn (multi [1]) (multi [1] [2]))
(letfn [(g [{:keys [v]}] (* 2 v))]
  (prn (g {:v 21})))
(prn (reduce-kv (fn [acc k [lo hi]] (assoc acc k (- hi lo))) {} {:a [1 5] :b [2 3]}))
(defn swap-pair [[a b]] [b a])
(prn (mapv swap-pair [[1 2] [3 4]]))
(prn (let [[a [b {:keys [c] [d] :ds}]] [1 [2 {:c 3 :ds [4]}]]] [a b c d]))
