; when do lazy sequences realize elements? (no chunked seqs involved here)
(defn noisy-nat [n]
  (lazy-seq
    (println "realizing" n)
    (cons n (noisy-nat (inc n)))))
(def s (noisy-nat 0))
(println "defined")
(println "first:" (first s))
(println "first again:" (first s))
(println "second:" (second s))
(println "take 4:" (vec (take 4 s)))
(def m (map (fn [x] (println "mapping" x) (* x 10)) (noisy-nat 100)))
(println "map defined")
(println (first m))
(println (nth m 2))
(def d (delay (println "delay body runs") :delayed))
(println "delay defined" (realized? d))
(println @d @d (realized? d))
(def it (iterate (fn [x] (println "iterate step" x) (inc x)) 0))
(println (nth it 3))
(println (nth it 3))
(def lz (lazy-seq (println "realizing lz") [1 2 3]))
(println "count" (count lz) "count again" (count lz))
(defn noisy-filter [pred coll]
  (lazy-seq
    (when-let [s (seq coll)]
      (let [x (first s)]
        (println "checking" x)
        (if (pred x)
          (cons x (noisy-filter pred (rest s)))
          (noisy-filter pred (rest s)))))))
(println (first (noisy-filter even? [1 3 5 6 7 8])))
(println (doall (take 2 (noisy-filter odd? (noisy-nat 0)))))
