(ns conformance.arrays-test
  "clojure.core's Java arrays: constructors, aget/aset and the aset-TYPE
  setters, seq functions over arrays, multi-dimensional arrays, amap,
  areduce, the casts, bytes? and vector-of."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest array-classes-test
  (are [a c] (= c (pr-str (class a)))
    (int-array 1) "[I"
    (long-array 1) "[J"
    (short-array 1) "[S"
    (byte-array 1) "[B"
    (char-array 1) "[C"
    (boolean-array 1) "[Z"
    (float-array 1) "[F"
    (double-array 1) "[D"
    (object-array 1) "[Ljava.lang.Object;"
    (to-array [1]) "[Ljava.lang.Object;"
    (to-array-2d [[1]]) "[[Ljava.lang.Object;"
    (into-array [1 2]) "[Ljava.lang.Long;"
    (into-array ["a"]) "[Ljava.lang.String;"
    (into-array []) "[Ljava.lang.Object;"
    (into-array Integer/TYPE [1]) "[I"
    (make-array Long/TYPE 2) "[J"
    (make-array Integer/TYPE 2 3) "[[I"
    (make-array String 1) "[Ljava.lang.String;")
  (is (re-matches #"\[J@[0-9a-f]+" (str (long-array 1))))
  (is (re-matches #"#object\[\"\[I\" 0x[0-9a-f]+ \"\[I@[0-9a-f]+\"\]" (pr-str (int-array 1))))
  (is (instance? (class (int-array 0)) (int-array 2))))

(deftest array-constructors-test
  (are [a v] (= v (vec a))
    (long-array 3) [0 0 0]
    (long-array [1 2]) [1 2]
    (long-array 3 7) [7 7 7]
    (long-array 3 [1]) [1 0 0]
    (long-array 1 [1 2 3]) [1]
    (int-array [1 3000000000]) [1 -1294967296]
    (int-array [1.7]) [1]
    (short-array [70000]) [4464]
    (byte-array [200 -129]) [-56 127]
    (double-array [1 2.5]) [1.0 2.5]
    (float-array [1.5]) [1.5]
    (char-array "ab") [\a \b]
    (char-array 1) [\u0000]
    (boolean-array 2) [false false]
    (object-array [1 "a" nil]) [1 "a" nil]
    (object-array 2) [nil nil]
    (to-array "ab") [\a \b]
    (to-array nil) []
    (into-array Character/TYPE [\a 98]) [\a \b]
    (into-array String ["a" nil]) ["a" nil])
  (is (= [[0 0] [0 0]] (mapv vec (make-array Long/TYPE 2 2))))
  (is (= [[1 2] [3]] (mapv vec (to-array-2d [[1 2] [3]]))))
  (is (thrown? NegativeArraySizeException (long-array -1)))
  (is (thrown? NegativeArraySizeException (make-array Long/TYPE -1)))
  (is (thrown? ClassCastException (char-array [1])))
  (is (thrown-with-msg? IllegalArgumentException #"array element type mismatch" (into-array [1 "a"])))
  (is (thrown-with-msg? IllegalArgumentException #"array element type mismatch" (into-array String [1]))))

(deftest aget-aset-test
  (let [a (long-array [10 20 30])]
    (is (= 20 (aget a 1)))
    (is (= 25 (aset a 1 25)))
    (is (= [10 25 30] (vec a)))
    (is (= 3 (alength a)))
    (is (thrown-with-msg? ArrayIndexOutOfBoundsException #"Index 3 out of bounds for length 3" (aget a 3)))
    (is (thrown-with-msg? ArrayIndexOutOfBoundsException #"Index -1 out of bounds for length 3" (aset a -1 0)))
    (is (thrown? IllegalArgumentException (aset a 0 1.5)))
    (is (thrown? IllegalArgumentException (aset a 0 nil))))
  (let [i (int-array 1) c (char-array 1) z (boolean-array 1) s (make-array String 1)]
    (is (thrown-with-msg? ArithmeticException #"integer overflow" (aset i 0 3000000000)))
    (is (thrown? IllegalArgumentException (aset c 0 65)))
    (is (= \x (aset c 0 \x)))
    (is (= true (aset z 0 true)))
    (is (thrown? ArrayStoreException (aset s 0 1)))
    (is (= ["ok"] (do (aset s 0 "ok") (vec s)))))
  (let [m (to-array-2d [[1 2] [3]])]
    (is (= 3 (aget m 1 0)))
    (aset m 0 1 :x)
    (is (= [[1 :x] [3]] (mapv vec m))))
  (is (thrown? IllegalArgumentException (alength [1 2])))
  (testing "aset-TYPE casts, then widens as Array.setInt and friends"
    (let [l (long-array 1) d (double-array 1) c (char-array 1) z (boolean-array 1) b (byte-array 1)]
      (is (= 5 (aset-int l 0 5)))
      (is (= [5] (vec l)))
      (is (= 7 (aset-long l 0 7)))
      (is (= 2 (aset-double d 0 2)))
      (is (= [2.0] (vec d)))
      (is (= 1.5 (aset-float (float-array 1) 0 1.5)))
      (is (= 3 (aset-short (short-array 1) 0 3)))
      (is (= -3 (aset-byte b 0 -3)))
      (is (= 65 (aset-char c 0 65)))
      (is (= [\A] (vec c)))
      (is (= 1 (aset-boolean z 0 1)))
      (is (= [true] (vec z)))
      (is (thrown-with-msg? IllegalArgumentException #"argument type mismatch" (aset-long (int-array 1) 0 1)))
      (is (thrown-with-msg? IllegalArgumentException #"out of range for byte" (aset-byte b 0 200)))
      (let [g (make-array Integer/TYPE 2 2)]
        (aset-int g 1 0 4)
        (is (= [[0 0] [4 0]] (mapv vec g)))))))

(deftest array-seq-test
  (let [a (long-array [1 2 3])]
    (is (= '(1 2 3) (seq a)))
    (is (nil? (seq (int-array 0))))
    (is (= 3 (count a)))
    (is (= 2 (nth a 1)))
    (is (= :nf (nth a 5 :nf)))
    (is (thrown? ArrayIndexOutOfBoundsException (nth a 5)))
    (is (= 2 (get a 1)))
    (is (nil? (get a 5)))
    (is (= 6 (reduce + a)))
    (is (= 6 (apply + a)))
    (is (= [1 2 3] (into [] a)))
    (is (= '(2 3) (rest a)))
    (is (= a a))
    (is (not= a (long-array [1 2 3])))
    (is (seqable? a))
    (is (not (coll? a)))
    (is (not (sequential? a)))
    (is (nil? (empty a)))
    (is (= "hi" (apply str (char-array "hi"))))
    (is (= "hi" (String. (char-array "hi")))))
  (let [a (long-array [1 2]) s (seq a)]
    (aset a 0 9)
    (is (= 9 (first s)) "an array's seq reads the array")))

(deftest aclone-amap-areduce-test
  (let [a (int-array [1 2 3])
        b (aclone a)]
    (aset b 0 9)
    (is (= [1 2 3] (vec a)))
    (is (= [9 2 3] (vec b)))
    (is (not (identical? a b)))
    (is (= [2 4 6] (vec (amap a i ret (* 2 (aget ret i))))))
    (is (= 6 (areduce a i acc 0 (+ acc (aget a i)))))
    (let [^ints h a] (is (= 1 (aget h 0))))))

(deftest array-casts-test
  (is (= "[I" (pr-str (class (ints (int-array 1))))))
  (is (nil? (longs nil)))
  (are [f make] (let [a (make 1)] (identical? a (f a)))
    longs long-array doubles double-array floats float-array shorts short-array
    bytes byte-array chars char-array booleans boolean-array)
  (is (thrown? ClassCastException (ints (long-array 1))))
  (is (bytes? (byte-array 1)))
  (is (not (bytes? (int-array 1))))
  (is (not (bytes? nil))))

(deftest vector-of-test
  (is (= [1 2 3] (vector-of :int 1 2 3)))
  (is (= [1.0 2.0] (vector-of :double 1 2)))
  (is (= [\A] (vector-of :char 65)))
  (is (= [] (vector-of :long)))
  (is (vector? (vector-of :byte 1)))
  (is (= [1] (conj (vector-of :int) 1.5)) "conj casts")
  (is (= [2 2] (assoc (vector-of :long 1 2) 0 2.7)) "assoc casts")
  (is (= [1.0 2.0] (into (vector-of :double) [1 2])))
  (is (= 'clojure.core.Vec (symbol (pr-str (class (conj (vector-of :int) 1))))))
  (is (= [1 2] (vector-of :long 1 2)))
  (is (thrown-with-msg? IllegalArgumentException #"Value out of range for byte: 200" (conj (vector-of :byte) 200)))
  (is (thrown? ClassCastException (transient (vector-of :int))))
  (is (thrown-with-msg? IllegalArgumentException #"Unrecognized type :foo" (vector-of :foo))))
