; defn, fn, closures, higher-order usage
(defn square [x] (* x x))
(defn add [a b] (+ a b))
(defn greet
  "Returns a greeting."
  [name]
  (str "Hello, " name "!"))
(println (square 7) (add 2 3) (greet "World"))
(println ((fn [x] (* 2 x)) 21))
(println ((fn named [n] (if (zero? n) :done (named (dec n)))) 5))
(def triple (fn [x] (* 3 x)))
(println (triple 5))
(defn make-adder [n] (fn [x] (+ x n)))
(def add5 (make-adder 5))
(def add10 (make-adder 10))
(println (add5 1) (add10 1) ((make-adder -1) 1))
(defn make-counter []
  (let [n (atom 0)]
    (fn [] (swap! n inc))))
(def c1 (make-counter))
(def c2 (make-counter))
(c1) (c1)
(println "c1" (c1) "c2" (c2))
(defn compose2 [f g] (fn [x] (f (g x))))
(println ((compose2 square inc) 3) ((compose2 inc square) 3))
(println (map square [1 2 3 4]))
(println (map (fn [x] (+ x 1)) [10 20]))
(println (map #(* % %) [1 2 3]))
(println (#(+ %1 %2) 3 4) (#(str %) :x) (#(vector %&) 1 2 3))
(defn apply-n [f n x]
  (if (zero? n) x (recur f (dec n) (f x))))
(println (apply-n inc 10 0) (apply-n square 3 2))
(defn fact [n] (if (<= n 1) 1 (* n (fact (dec n)))))
(println (fact 1) (fact 5) (fact 20))
(defn fib [n] (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(println (map fib (range 15)))
(let [xs (for [i (range 3)] (fn [] (* i 100)))]
  (println (map (fn [f] (f)) xs)))
(defn- private-helper [] :private)
(println (private-helper))
(defn with-pre [x]
  {:pre [(pos? x)]}
  (* x 2))
(println (with-pre 4))
(println (fn? square) (fn? 1) (ifn? :k) (ifn? square))
(println ((comp str square) 5))
