; doseq and dotimes
(doseq [x [1 2 3]]
  (println "x =" x))
(doseq [x [1 2] y [:a :b]]
  (println x y))
(doseq [x (range 6) :when (even? x)]
  (println "even" x))
(doseq [x (range 10) :while (< x 3)]
  (println "while" x))
(doseq [x [1 2 3] :let [y (* x x)]]
  (println x "squared is" y))
(doseq [[k v] {:a 1 :b 2}]
  (println k "->" v))
(doseq [{:keys [name age]} [{:name "A" :age 1} {:name "B" :age 2}]]
  (println name age))
(prn (doseq [x [1]] x))
(doseq [x []] (println "never"))
(doseq [x nil] (println "never"))
(dotimes [i 3] (println "dotimes" i))
(dotimes [i 0] (println "never"))
(prn (dotimes [i 2] i))
(let [acc (atom [])]
  (doseq [x (range 3) y (range x)]
    (swap! acc conj [x y]))
  (prn @acc))
(doseq [row [[1 2 3] [4 5 6]]]
  (doseq [c row] (print c ""))
  (println))
(doseq [s ["a" "b"] :let [u (str s s)] :when (not= u "bb")]
  (println u))
(doseq [c "hey"] (prn c))
