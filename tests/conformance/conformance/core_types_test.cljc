(ns conformance.core-types-test
  "clojure.core predicates and type functions: class names, instance?, type."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest class-names-test
  (are [x c] (= c (class x))
    1 java.lang.Long
    1.5 java.lang.Double
    "s" java.lang.String
    \c java.lang.Character
    true java.lang.Boolean
    :k clojure.lang.Keyword
    'sym clojure.lang.Symbol
    [1] clojure.lang.PersistentVector
    '(1) clojure.lang.PersistentList
    () clojure.lang.PersistentList$EmptyList
    {:a 1} clojure.lang.PersistentArrayMap
    #{1} clojure.lang.PersistentHashSet
    (sorted-map) clojure.lang.PersistentTreeMap
    (sorted-set) clojure.lang.PersistentTreeSet
    (cons 1 nil) clojure.lang.PersistentList
    (cons 1 [2]) clojure.lang.Cons
    (lazy-seq nil) clojure.lang.LazySeq
    (first {:a 1}) clojure.lang.MapEntry
    (atom 1) clojure.lang.Atom
    (ref 1) clojure.lang.Ref
    (volatile! 1) clojure.lang.Volatile
    (delay 1) clojure.lang.Delay
    #'class-names-test clojure.lang.Var
    #"r" java.util.regex.Pattern
    1N clojure.lang.BigInt
    1/2 clojure.lang.Ratio
    1M java.math.BigDecimal)
  (is (nil? (class nil)))
  (is (= clojure.lang.PersistentHashMap (class (apply hash-map (range 40)))))
  (is (= clojure.lang.PersistentHashMap (class (hash-map :a 1))))
  (is (= java.lang.Long (type 1)))
  (is (= :my-type (type (with-meta [] {:type :my-type})))))

(deftest instance-test
  (are [c x] (instance? c x)
    Long 1
    Number 1
    Number 1.5
    String "s"
    CharSequence "s"
    Object :k
    clojure.lang.IPersistentVector [1]
    clojure.lang.IPersistentMap {}
    clojure.lang.IPersistentSet #{}
    clojure.lang.IPersistentCollection '(1)
    clojure.lang.ISeq '(1)
    clojure.lang.Sequential [1]
    clojure.lang.IFn :k
    clojure.lang.IFn {}
    clojure.lang.IFn inc
    clojure.lang.Named 'a
    clojure.lang.IDeref (atom 1)
    java.util.Map {}
    java.util.List [1]
    java.util.Collection #{}
    clojure.lang.Associative [1]
    clojure.lang.Counted {}
    clojure.lang.IObj [])
  (are [c x] (not (instance? c x))
    Long 1.5
    String :k
    Object nil
    clojure.lang.ISeq [1]
    clojure.lang.IPersistentMap [1]
    clojure.lang.Sequential #{1}
    clojure.lang.IFn 1))

(deftest predicates-test
  (are [p x] (true? (p x))
    nil? nil, some? false, some? 0, true? true, false? false, boolean? false,
    number? 1, number? 1.5, number? 1/2, integer? 1, integer? 1N, int? 1, int? (int 1),
    pos-int? 1, neg-int? -1, nat-int? 0, double? 1.5, float? 1.5, decimal? 1M, ratio? 1/2,
    rational? 1, zero? 0, zero? 0.0, pos? 1, neg? -1, even? 0, odd? -1,
    string? "", char? \a, keyword? :a, symbol? 'a, ident? :a, ident? 'a,
    simple-keyword? :a, qualified-keyword? :a/b, simple-symbol? 'a, qualified-symbol? 'a/b,
    simple-ident? 'a, qualified-ident? :a/b,
    map? {}, vector? [], list? (), list? '(1), set? #{}, seq? '(1), seq? (seq [1]),
    coll? [], coll? {}, sequential? [], sequential? (), associative? {}, associative? [],
    counted? [], reversible? [], sorted? (sorted-set), seqable? nil, seqable? "", seqable? [],
    fn? inc, fn? #(1), ifn? :k, ifn? {}, ifn? #{}, ifn? [], ifn? 'a,
    var? #'predicates-test, indexed? [], map-entry? (first {1 2}),
    inst? #inst "2020", uuid? #uuid "00000000-0000-0000-0000-000000000000",
    any? nil, empty? [], empty? nil, empty? "", distinct? 1, delay? (delay 1),
    volatile? (volatile! 1), reduced? (reduced 1), special-symbol? 'if,
    special-symbol? 'recur, infinite? ##Inf, NaN? ##NaN, bound? #'predicates-test)
  (are [p x] (not (p x))
    nil? false, some? nil, true? 1, false? nil, boolean? nil, number? "1", number? nil,
    integer? 1.0, int? 1N, pos-int? 0, nat-int? -1, double? 1, float? 1, decimal? 1.0,
    ratio? 1, rational? 1.5, zero? 1, pos? 0, neg? 0, string? \a, char? "a",
    keyword? 'a, symbol? :a, ident? "a", simple-keyword? :a/b, qualified-keyword? :a,
    qualified-symbol? 'a, map? [], vector? '(1), list? [], list? (seq [1]), set? {}, seq? [],
    coll? "ab", coll? nil, sequential? {}, sequential? #{}, associative? '(1), counted? (lazy-seq [1]),
    sorted? #{}, seqable? 1, fn? :k, fn? {}, ifn? 1, ifn? "s", indexed? '(1), map-entry? [1 2],
    inst? "2020", uuid? "x", empty? [1], not-empty [], delay? 1, reduced? 1,
    special-symbol? 'when, special-symbol? 'inc, infinite? 1.0, NaN? 1.0)
  (is (thrown? IllegalArgumentException (even? 1.5)))
  (is (thrown? NullPointerException (zero? nil)))
  (is (thrown? ClassCastException (pos? "1")))
  (is (distinct? 1 2 3))
  (is (not (distinct? 1 2 1)))
  (is (identical? :a :a))
  (is (not (identical? [1] [1]))))

(deftest compare-test
  (are [x y] (= y x)
    (compare 1 2) -1
    (compare 2 1) 1
    (compare 1 1) 0
    (compare nil 1) -1
    (compare nil nil) 0
    (compare :a :b) -1
    (compare "a" "b") -1
    (compare "abc" "ab") 1
    (compare [1 2] [1 3]) -1
    (compare [1 2 3] [1 3]) 1
    (compare 'a/b 'b) 1
    (compare true false) 1
    (compare \a \b) -1
    (compare 1 1.0) 0
    (compare 1/2 0.5) 0)
  (is (thrown? ClassCastException (compare 1 "a")))
  (is (thrown? ClassCastException (compare :a 'a)))
  (is (thrown? ClassCastException (compare {:a 1} {:b 2}))))

(deftest symbol-keyword-test
  (are [x y] (= y x)
    (name :a/b) "b"
    (namespace :a/b) "a"
    (namespace :a) nil
    (name 'x) "x"
    (name "s") "s"
    (keyword "a") :a
    (keyword "a" "b") :a/b
    (keyword 'a) :a
    (keyword :a) :a
    (keyword nil) nil
    (keyword 1) nil
    (keyword nil "b") :b
    (symbol "a") 'a
    (symbol "a" "b") 'a/b
    (symbol :a/b) 'a/b
    (symbol 'x) 'x
    (symbol #'symbol-keyword-test) `symbol-keyword-test
    (str :a/b) ":a/b"
    (str (quote a/b)) "a/b")
  (is (not= (gensym) (gensym)))
  (is (= "x" (subs (str (gensym "x")) 0 1)))
  (is (thrown? NullPointerException (name nil)))
  (is (thrown? IllegalArgumentException (symbol 1))))

(deftest char-int-test
  (are [x y] (= y x)
    (char 97) \a
    (int \a) 97
    (long \a) 97
    (int 3.9) 3
    (long -3.9) -3
    (char-escape-string \newline) "\\n"
    (char-escape-string \a) nil
    (char-name-string \space) "space"
    (char-name-string \a) nil
    (boolean nil) false
    (boolean 0) true
    (boolean "") true
    (num 1) 1
    (double 1) 1.0
    (float 1) 1.0
    (short 1) 1
    (byte 1) 1
    (unchecked-int 4294967297) 1
    (unchecked-byte 255) -1
    (unchecked-short 65535) -1
    (unchecked-char 97) \a
    (unchecked-long 1.9) 1)
  (is (thrown? IllegalArgumentException (byte 200)))
  (is (thrown? IllegalArgumentException (char -1)))
  (is (thrown? ClassCastException (int "1"))))
