(ns conformance.core-meta-test
  "clojure.core metadata: meta with-meta vary-meta alter-meta! reset-meta! and reader metadata."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.repl]
            [clojure.string]))

(deftest meta-test
  (are [x y] (= y x)
    (meta (with-meta [1] {:a 1})) {:a 1}
    (meta (with-meta {} {:a 1})) {:a 1}
    (meta (with-meta #{} {:a 1})) {:a 1}
    (meta (with-meta '(1) {:a 1})) {:a 1}
    (meta (with-meta 'sym {:a 1})) {:a 1}
    (meta (with-meta [1] nil)) nil
    (meta [1]) nil
    (meta nil) nil
    (meta 1) nil
    (meta "s") nil
    (meta (vary-meta [1] assoc :b 2)) {:b 2}
    (meta (vary-meta (with-meta [1] {:a 1}) assoc :b 2)) {:a 1 :b 2}
    (meta (vary-meta (with-meta [] {:a 1}) dissoc :a)) {}
    (meta ^:tag [1]) {:tag true}
    (meta ^{:k 1} []) {:k 1}
    (meta '^:x sym) {:x true}
    (meta '^String x) {:tag 'String}
    (meta (conj (with-meta [1] {:a 1}) 2)) {:a 1}
    (meta (assoc (with-meta {} {:a 1}) :k 1)) {:a 1}
    (meta (empty (with-meta [1] {:a 1}))) {:a 1}
    (meta (into (with-meta [] {:a 1}) [1])) {:a 1}
    (meta (seq (with-meta [1] {:a 1}))) nil
    (meta (map inc (with-meta [1] {:a 1}))) nil
    (meta (with-meta (fn [] 1) {:f true})) {:f true}
    ((with-meta (fn [] 1) {:f true})) 1)
  (is (= [1] (with-meta [1] {:a 1})))
  (is (= (hash [1]) (hash (with-meta [1] {:a 1}))))
  (is (thrown? ClassCastException (with-meta 1 {})))
  (is (thrown? ClassCastException (with-meta "s" {}))))

(deftest var-meta-test
  (is (= 'meta-test (:name (meta #'meta-test))))
  (is (= 'conformance.core-meta-test (ns-name (:ns (meta #'meta-test)))))
  (is (:test (meta #'meta-test)))
  (is (= "doc" (:doc (meta (def ^{:doc "doc"} documented 1)))))
  (is (= '([x] [x y]) (:arglists (meta (defn two-arities ([x] x) ([x y] y))))))
  (is (:private (meta (defn- hidden [] 1))))
  (is (:dynamic (meta (def ^:dynamic *dyn* 1))))
  (is (:macro (meta #'when)))
  (is (string? (:doc (meta #'when-first))))
  (is (= '([bindings & body]) (:arglists (meta #'when-first))))
  ;; natives (no Clojure source) are documented too, and doc prints them alike
  (is (string? (:doc (meta #'inc))))
  (is (= '([map key val] [map key val & kvs]) (:arglists (meta #'assoc))))
  (is (clojure.string/starts-with? (with-out-str (clojure.repl/doc inc))
                                   "-------------------------\nclojure.core/inc\n([x])\n")))

(deftest alter-meta-test
  (let [a (atom 1 :meta {:m 1})]
    (is (= {:m 1} (meta a)))
    (is (= {:m 2} (alter-meta! a update :m inc)))
    (is (= {:z 0} (reset-meta! a {:z 0})))
    (is (= {:z 0} (meta a))))
  (let [v (def alterable 1)]
    (alter-meta! v assoc :extra true)
    (is (:extra (meta v)))
    (reset-meta! v {:name 'renamed})
    (is (= {:name 'renamed} (meta v)))))

(deftest reader-meta-test
  (is (= {:a true :b 2} (meta ^:a ^{:b 2} [])))
  (is (= {:a 1} (meta ^{:a 1} ^{:a 2} []))
      "the outer ^ wins")
  (is (= true (:private (meta '^:private x))))
  (is (nil? (meta (quote x)))))
