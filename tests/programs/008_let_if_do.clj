; let, if, do, def basics
(def answer 42)
(println answer)
(let [a 1
      b (+ a 1)
      c (* b 10)]
  (println a b c))
(let [x 1]
  (let [x (+ x 10)]
    (println "inner" x))
  (println "outer" x))
(let [x 1 x (inc x) x (* x 5)]
  (println "shadowed" x))
(println (if true :yes :no) (if false :yes :no) (if nil :yes :no))
(println (if 0 :truthy :falsy) (if "" :truthy :falsy) (if [] :truthy :falsy))
(println (if false :only-then))
(println (do 1 2 3))
(println (do))
(let [r (do (println "side effect 1")
            (println "side effect 2")
            :result)]
  (println r))
(def counter 0)
(def counter (inc counter))
(println "redefined" counter)
(println (let [] :empty-let))
(println (let [v [1 2]] (if (empty? v) "empty" (str "first is " (first v)))))
(if (> answer 40)
  (do (println "big")
      (println "really"))
  (println "small"))
(println (if (= 1 1) "eq" "neq") (if (not (= 1 1)) "eq" "neq"))
(def s (str "answer=" answer))
(println s)
(println (let [f (fn [] answer)] (f)))
(println (true? true) (true? 1) (false? false) (false? nil) (nil? nil) (nil? false))
(println (some? 0) (some? nil) (boolean nil) (boolean 0) (boolean "x"))
