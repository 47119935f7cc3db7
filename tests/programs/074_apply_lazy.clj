; apply passes the unrealized rest of a lazy (even infinite) seq to variadic fns
(println (take 5 (apply concat (repeat [1 2]))))
(println (apply + 1 2 [3 4]) (apply str (range 5)) (apply max [3 9 2]))
(defn f ([a] [:one a]) ([a b & r] [:many a b (take 2 r)]))
(println (apply f [1]) (apply f 1 [2]) (apply f (range)))
(println (apply list (range 3)) (apply hash-map [:a 1]))
