(ns conformance.core-classes-test
  "Classes as values: what class and type return, what class names evaluate
  to, and what compares or dispatches on them."
  (:require [clojure.test :refer [deftest is are testing]]))

(defrecord Pt [x y])
(deftype Cell [v])

(deftest class-values-test
  (testing "a class is neither a symbol nor a string"
    (is (class? (class 1)))
    (is (not (symbol? (class 1))))
    (is (not (string? Long)))
    (is (not (class? 'java.lang.Long)))
    (is (not (class? "java.lang.Long")))
    (is (not= Long 'java.lang.Long))
    (is (= java.lang.Class (class Long) (type String) (class (class 1)))))
  (testing "one object per class"
    (is (identical? Long (class 1)))
    (is (identical? java.lang.String (class "s")))
    (is (= (hash Long) (hash (class 2))))
    (is (= 2 (count (distinct [Long (class 1) String (class "a") (class 3)])))))
  (testing "resolve gives classes"
    (is (identical? Long (resolve 'Long)))
    (is (identical? java.util.Map (resolve 'java.util.Map)))
    (is (identical? String (ns-resolve *ns* 'String)))
    (is (nil? (resolve 'NoSuchClassOrVarAnywhere))))
  (testing "printing and str"
    (is (= "java.lang.Long" (pr-str Long) (print-str Long)))
    (is (= "class java.lang.Long" (str Long)))
    (is (= "interface clojure.lang.IFn" (str clojure.lang.IFn)))
    (is (= "interface java.util.Map" (str java.util.Map)))
    (is (= "class clojure.lang.PersistentVector" (str (class []))))
    (is (= "[java.lang.Long java.lang.String]" (str [Long String]) (pr-str [Long String])))
    (is (= "class java.lang.String" (format "%s" String))))
  (testing ".getName and .getSimpleName"
    (is (= "java.lang.Long" (.getName Long)))
    (is (= "Long" (.getSimpleName Long)))
    (is (= "IPersistentMap" (.getSimpleName clojure.lang.IPersistentMap)))
    (is (= "EmptyList" (.getSimpleName (class ()))))
    (is (= "PersistentArrayMap" (.getSimpleName (class {})))))
  (testing "primitive and array classes"
    (is (class? Long/TYPE))
    (is (= "long" (str Long/TYPE) (.getName Long/TYPE) (pr-str Long/TYPE)))
    (is (= "long[]" (.getSimpleName (class (long-array 0)))))
    (is (= "String[][]" (.getSimpleName (class (make-array String 1 1)))))
    (is (= "class [I" (str (class (int-array 0)))))))

(deftest record-type-classes-test
  (is (class? Pt))
  (is (class? Cell))
  (is (= "conformance.core_classes_test.Pt" (.getName Pt)))
  (is (= "Pt" (.getSimpleName Pt)))
  (is (= "class conformance.core_classes_test.Cell" (str Cell)))
  (is (identical? Pt (type (->Pt 1 2))))
  (is (identical? Pt (class (->Pt 1 2))))
  (is (identical? Cell (class (->Cell 1))))
  (is (instance? Cell (Cell. 1)))
  (is (not (instance? Pt (Cell. 1))))
  (is (isa? Pt Object))
  (is (= :point (case (class (->Pt 1 2)) Pt :no :point))))

(deftest type-metadata-test
  (is (= ::thing (type (with-meta {} {:type ::thing}))))
  (is (= 'sym (type (with-meta [] {:type 'sym}))))
  (is (= "str" (type (with-meta [] {:type "str"}))))
  (is (= clojure.lang.PersistentVector (type (with-meta [] {:tag 1})))))

(defmulti by-class class)
(defmethod by-class Long [x] [:long x])
(defmethod by-class Number [x] [:number x])
(defmethod by-class clojure.lang.IPersistentVector [x] [:vector (count x)])
(defmethod by-class Pt [p] [:pt (:x p)])
(defmethod by-class :default [x] [:other x])

(defprotocol Sized (size-of [x]))
(extend-protocol Sized
  String (size-of [s] (count s))
  Long (size-of [n] n)
  nil (size-of [_] 0)
  Object (size-of [_] :object))
(extend Cell Sized {:size-of (fn [c] (.-v c))})

(deftest class-dispatch-test
  (testing "multimethods"
    (is (= [[:long 1] [:number 2.5] [:vector 2] [:pt 1] [:other :k]]
           (map by-class [1 2.5 [1 2] (->Pt 1 2) :k])))
    (is (contains? (methods by-class) Long))
    (is (identical? (get-method by-class Long) (get-method by-class (class 1)))))
  (testing "protocols"
    (is (= [1 5 0 7 :object] (map size-of ["a" 5 nil (->Cell 7) :k])))
    (is (extends? Sized Long))
    (is (extends? Sized Cell))
    (is (not (extends? Sized Double)))
    (is (every? class? (remove nil? (extenders Sized)))))
  (testing "hierarchies"
    (is (isa? Long Number))
    (is (not (isa? String Number)))
    (is (isa? (-> (make-hierarchy) (derive String ::text)) String ::text))
    (is (isa? [Long String] [Number CharSequence])))
  (testing "case matches symbols, not classes"
    (is (= :none (case (class 1) java.lang.Long :symbol :none)))
    (is (= :symbol (case 'java.lang.Long java.lang.Long :symbol :none))))
  (testing "condp and group-by"
    (is (= [:s :l :m] (map #(condp instance? % String :s Long :l clojure.lang.IPersistentMap :m) ["a" 1 {}])))
    (is (= {Long [1 2] String ["a"]} (group-by class [1 "a" 2]))))
  (testing "errors"
    (is (thrown? ClassCastException (instance? 'java.lang.Long 1)))
    (is (= ["java.lang.NumberFormatException" "java.lang.Long"]
           [(try (Long/parseLong "x") (catch NumberFormatException e (.getName (class e))))
            (.getName (class (Long/parseLong "7")))]))))
