;; A first Folio script: run it with  build/cli/folio examples/hello.clj
(ns hello)

(defn greet [who]
  (str "Hello, " who "!"))

(defn fib [n]
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(println (greet "Folio"))
(println "fib(20) =" (fib 20))
(let [{:keys [a b] :or {b 2}} {:a 1}]
  (println "destructured:" a b))
(println "squares:" (mapv #(* % %) (range 1 6)))
(def counter (atom 0))
(dotimes [_ 1000] (swap! counter inc))
(println "counter:" @counter)
