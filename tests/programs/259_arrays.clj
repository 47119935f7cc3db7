;; Java arrays: construction, classes and printing, aget/aset and their
;; errors, seq functions over arrays, multi-dimensional arrays, amap/areduce,
;; casts and hints, and arrays surviving collections. Identity hashes differ
;; between runs, so printed forms are checked by shape.
(require 'clojure.string)
(defn simple-name [c] (last (clojure.string/split (pr-str c) #"\.")))
(defmacro try-out [form]
  `(try (pr-str ~form)
        (catch Throwable e# (str (simple-name (class e#)) ": " (.getMessage e#)))))
(defmacro show [& forms] `(do ~@(for [f forms] `(println '~f "=>" (try-out ~f)))))

(println "-- classes and printing")
(show (class (int-array 3)) (type (object-array 1)) (class (long-array 1)) (class (double-array 1))
      (class (float-array 1)) (class (short-array 1)) (class (byte-array 1)) (class (char-array 1))
      (class (boolean-array 1)) (class (make-array String 2)) (class (make-array Long/TYPE 3))
      (class (make-array Integer/TYPE 2 3)) (class (make-array Object 2 2 2)) (class (to-array-2d [[1] [2]]))
      (class (into-array [1 2])) (class (into-array ["a"])) (class (into-array [])) (class (into-array [nil 1]))
      (class (into-array Integer/TYPE [1 2])) (class (into-array Character/TYPE [\a])) (class (to-array nil)))
(println (boolean (re-matches #"\[J@[0-9a-f]+" (str (long-array 1)))))
(println (boolean (re-matches #"#object\[\"\[I\" 0x[0-9a-f]+ \"\[I@[0-9a-f]+\"\]" (pr-str (int-array 2)))))
(println (boolean (re-matches #"#object\[\"\[Ljava.lang.String;\" 0x[0-9a-f]+ \"\[Ljava.lang.String;@[0-9a-f]+\"\]"
                              (pr-str (make-array String 1)))))
(let [a (long-array 1)]
  (println (= (str a) (str a)) (= (pr-str a) (pr-str a)) (= (hash a) (hash a))))

(println "-- construction")
(show (vec (long-array 3)) (vec (long-array [1 2 3])) (vec (long-array 3 7)) (vec (long-array 3 [1]))
      (vec (long-array 2 [1 2 3 4])) (vec (int-array [1 2 3000000000])) (vec (int-array [1.7 -2.9]))
      (vec (short-array [1 70000])) (vec (byte-array [1 2 200 -129])) (vec (double-array [1 2.5]))
      (vec (float-array [1.5 2])) (vec (char-array "abc")) (vec (char-array 2)) (vec (boolean-array 2))
      (vec (boolean-array [true false])) (vec (object-array [1 "a" :k nil])) (vec (object-array 2))
      (vec (to-array [1 2])) (vec (to-array "ab")) (vec (to-array (int-array [4 5])))
      (vec (into-array Long/TYPE [1 2])) (vec (into-array Integer/TYPE [1 2])) (vec (into-array Double/TYPE [1.5]))
      (vec (into-array Character/TYPE [\a 98])) (vec (into-array Short/TYPE [1 2])) (vec (into-array String ["a" nil]))
      (vec (into-array Object [1 "a"])) (mapv vec (make-array Integer/TYPE 2 3)) (mapv vec (make-array String 1 2))
      (mapv vec (to-array-2d [[1 2] [3] []])) (vec (make-array Boolean/TYPE 2)) (vec (make-array Character/TYPE 1)))

(println "-- construction errors")
(show (long-array -1) (make-array Long/TYPE -1) (long-array "abc") (char-array [\a 66]) (into-array [1 "a"])
      (into-array String [1]) (into-array Long/TYPE [1 nil]) (into-array Integer/TYPE [1 "a"]))

(println "-- aget and aset")
(let [a (long-array [10 20 30])]
  (show (aget a 0) (aget a 2) (aset a 1 25) (vec a) (aget a 3) (aget a -1) (aget a 1.5) (alength a)
        (aset a 3 1) (aset a 0 1.5) (aset a 0 "x") (aset a 0 nil) (vec a)))
(let [a (int-array 2) d (double-array 2) c (char-array 2) z (boolean-array 2) o (object-array 2) s (make-array String 1)]
  (show (aset a 0 7) (aset a 1 3000000000) (aset a 0 1.5) (vec a)
        (aset d 0 2.5) (aset d 1 1) (vec d)
        (aset c 0 \x) (aset c 1 65) (vec c)
        (aset z 0 true) (aset z 1 nil) (vec z)
        (aset o 0 :k) (aset o 1 [1 2]) (vec o) (aset o 2 1)
        (aset s 0 "ok") (aset s 0 1) (vec s)))
(show (aget [1 2] 0) (alength [1 2]) (aget (to-array-2d [[1 2] [3]]) 1 0)
      (let [a (to-array-2d [[1 2] [3]])] (aset a 1 0 :x) (mapv vec a))
      (let [a (make-array Long/TYPE 2 2)] (aset a 1 1 9) (mapv vec a)))

(println "-- aset-TYPE")
(show (let [a (int-array 2)] [(aset-int a 0 5) (vec a)]) (let [a (long-array 2)] [(aset-int a 0 5) (vec a)])
      (let [a (double-array 2)] [(aset-int a 0 5) (vec a)]) (aset-int (int-array 1) 0 3000000000)
      (aset-long (int-array 3) 0 3) (let [a (long-array 1)] [(aset-long a 0 7) (vec a)])
      (let [a (double-array 1)] [(aset-double a 0 1) (vec a)]) (let [a (float-array 1)] [(aset-float a 0 1.5) (vec a)])
      (let [a (short-array 1)] [(aset-short a 0 7) (vec a)]) (let [a (byte-array 1)] [(aset-byte a 0 -7) (vec a)])
      (aset-byte (byte-array 3) 0 200) (let [a (char-array 1)] [(aset-char a 0 65) (vec a)])
      (let [a (boolean-array 1)] [(aset-boolean a 0 1) (vec a)]) (aset-double (long-array 1) 0 1)
      (let [a (make-array Integer/TYPE 2 2)] (aset-int a 1 0 4) (mapv vec a)))

(println "-- seq functions")
(let [a (long-array [1 2 3])]
  (show (seq a) (seq (int-array 0)) (count a) (nth a 1) (nth a 9 :nf) (nth a 9) (get a 1) (get a 9) (get a 1 :x)
        (get a 9 :x) (first a) (rest a) (next a) (last a) (reduce + a) (into [] a) (vec a) (apply + a)
        (map inc a) (filter odd? a) (= a a) (= a (long-array [1 2 3])) (identical? a (aclone a)) (empty? (int-array 0))
        (empty a) (sequential? a) (coll? a) (seqable? a) (set (char-array "abca")) (sort (int-array [3 1 2]))
        (reverse (int-array [1 2])) (apply str (char-array [\h \i])) (String. (char-array [\h \i])) (conj a 1)
        (contains? #{a} a) (instance? (class (int-array 0)) (int-array 1))))
(let [a (long-array [1 2 3]) s (seq a)]
  (aset a 0 100)
  (println "live seq:" (first s)))

(println "-- clone, amap, areduce, casts")
(let [a (long-array [1 2]) b (aclone a)]
  (aset b 0 9)
  (show (vec a) (vec b) (class b) (vec (aclone (object-array [:a])))))
(let [^ints xs (int-array [1 2 3])]
  (show (vec (amap xs i ret (* 2 (aget ret i)))) (vec xs) (areduce xs i acc 0 (+ acc (aget xs i)))
        (areduce (double-array [1.5 2.5]) i acc 1.0 (* acc 2)) (class (amap (object-array [1]) i r (str (aget r i))))))
(show (class (ints (int-array 1))) (ints (long-array 1)) (ints nil) (class (longs (long-array 1)))
      (class (doubles (double-array 1))) (class (floats (float-array 1))) (class (shorts (short-array 1)))
      (class (bytes (byte-array 1))) (class (chars (char-array 1))) (class (booleans (boolean-array 1)))
      (bytes (int-array 1)) (bytes? (byte-array 1)) (bytes? (int-array 1)) (bytes? nil) (bytes? "ab"))
(defn sum-longs [^longs xs] (areduce xs i s 0 (+ s (aget xs i))))
(println (sum-longs (long-array (range 100))))

(println "-- vector-of")
(show (vector-of :int 1 2 3) (vector-of :double 1 2) (vector-of :long) (vector-of :char 65 \b)
      (vector-of :boolean true nil) (vector-of :foo) (class (vector-of :int)) (conj (vector-of :int) 1.5)
      (class (conj (vector-of :int) 1)) (conj (vector-of :byte) 200) (into (vector-of :double) [1 2])
      (assoc (vector-of :long 1 2) 0 2.7) (class (pop (vector-of :long 1 2))) (conj (empty (vector-of :char 66)) 65)
      (class (with-meta (vector-of :int) {:a 1})) (= [1 2] (vector-of :long 1 2)) ((vector-of :int 4 5) 1)
      (class (transient (vector-of :int))) (class (conj [] 1)))

(println "-- collections")
;; object arrays keep their elements alive through collections; garbage in between.
(let [a (object-array (map (fn [i] {:i i :s (str "s" i)}) (range 2000)))
      p (double-array (range 2000))]
  (dotimes [r 30] (count (doall (map (fn [i] (vec (range (mod i 50)))) (range 3000)))))
  (println (reduce + (map :i a)) (count (set (map :s a))) (reduce + p)))
(println @(future (let [a (long-array 5)] (dotimes [i 5] (aset a i (* i i))) (vec a))))

(println "-- printing, hashes masked")
(defn masked [s] (clojure.string/replace s #"[0-9a-f]{5,}" "H"))
(println (masked (with-out-str (println (int-array 1) (object-array 1)))))
(println (masked (with-out-str (print (make-array String 1)))))
(println (masked (str (seq (make-array Integer/TYPE 1 1)))) (masked (pr-str [(long-array 0)])))
(println (contains? (int-array 3) 1) (contains? (int-array 3) 5) (contains? (object-array 1) 0))
