; Conway's game of life on a small board (sets of [x y] cells, printed as grids)
(defn neighbors [[x y]]
  (for [dx [-1 0 1] dy [-1 0 1] :when (not= 0 dx dy)]
    [(+ x dx) (+ y dy)]))
(defn step [cells]
  (set (for [[cell n] (frequencies (mapcat neighbors cells))
             :when (or (= n 3) (and (= n 2) (contains? cells cell)))]
         cell)))
(defn render [cells w h]
  (doseq [y (range h)]
    (println (apply str (for [x (range w)] (if (contains? cells [x y]) "#" "."))))))
(def glider #{[1 0] [2 1] [0 2] [1 2] [2 2]})
(doseq [[i gen] (map-indexed vector (take 5 (iterate step glider)))]
  (println "generation" i "population" (count gen))
  (render gen 6 6))
(def blinker #{[1 0] [1 1] [1 2]})
(println (= blinker (step (step blinker))) (= blinker (step blinker)))
(println (sort (step blinker)))
(def gen30 (nth (iterate step glider) 30))
(println "after 30:" (sort gen30) (count gen30))
