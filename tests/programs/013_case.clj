; case with all kinds of constants
(defn kind [x]
  (case x
    1 :one
    (2 3) :two-or-three
    "str" :a-string
    :kw :a-keyword
    sym :a-symbol
    \c :a-char
    [1 2] :a-vector
    nil :nil
    true :true
    :default))
(prn (map kind [1 2 3 "str" :kw 'sym \c [1 2] nil true false 99 '(1 2)]))
(prn (case 5 5 :five) (case (+ 2 3) 5 :computed :other))
(prn (try (case 42 1 :one 2 :two)
          (catch IllegalArgumentException e (ex-message e))))
(prn (try (case "x" "y" :y) (catch IllegalArgumentException e (ex-message e))))
(defn day [n]
  (case n
    (0 6) "weekend"
    (1 2 3 4 5) "weekday"
    "invalid"))
(prn (map day (range 8)))
(prn (case 'a (a b) :sym-list c :c :none))
(prn (case {:a 1} {:a 1} :map-match :none))
(prn (case 1.5 1.5 :double :none))
(prn (case :b :a 1 :b 2 :c 3))
(prn (case (quot 9 3) 3 (str "three" "!") "other"))
(let [f (fn [op a b] (case op :add (+ a b) :sub (- a b) :mul (* a b)))]
  (prn (f :add 2 3) (f :sub 2 3) (f :mul 2 3)))
(defn big-case [n]
  (case n
    0 :a 1 :b 2 :c 3 :d 4 :e 5 :f 6 :g 7 :h 8 :i 9 :j 10 :k 100 :hundred 1000 :thousand :no))
(prn (map big-case [0 5 10 100 1000 11]))
(prn (case (keyword "dyn") :dyn :matched :no))
