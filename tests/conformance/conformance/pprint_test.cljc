(ns conformance.pprint-test
  "clojure.pprint: pprint of nested data, widths, *print-length*, print-table, write."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.pprint :as pp]
            [clojure.string]))

(defn pp-str [x] (with-out-str (pp/pprint x)))

(deftest pprint-small-test
  (are [x s] (= s (pp-str x))
    1 "1\n"
    nil "nil\n"
    "s" "\"s\"\n"
    :k ":k\n"
    [] "[]\n"
    {} "{}\n"
    [1 2 3] "[1 2 3]\n"
    '(1 "a" :b) "(1 \"a\" :b)\n"
    {:a 1 :b [1 2]} "{:a 1, :b [1 2]}\n"
    #{1} "#{1}\n"
    ''x "'x\n"
    (sorted-map :b 1 :a 2) "{:a 2, :b 1}\n"
    {:a/b 1 :a/c 2} "#:a{:b 1, :c 2}\n"))

(def nested
  {:name "conformance"
   :items (vec (for [i (range 4)] {:id i :tags #{:x} :vals (vec (range i (+ i 6)))}))
   :nested {:a {:b {:c {:d [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20]}}}}})

(deftest pprint-nested-test
  (is (= (str "{:name \"conformance\",\n"
              " :items\n"
              " [{:id 0, :tags #{:x}, :vals [0 1 2 3 4 5]}\n"
              "  {:id 1, :tags #{:x}, :vals [1 2 3 4 5 6]}\n"
              "  {:id 2, :tags #{:x}, :vals [2 3 4 5 6 7]}\n"
              "  {:id 3, :tags #{:x}, :vals [3 4 5 6 7 8]}],\n"
              " :nested\n"
              " {:a\n"
              "  {:b {:c {:d [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20]}}}}}\n")
         (pp-str nested)))
  (is (= (str "[" (clojure.string/join "\n " (range 30)) "]\n")
         (pp-str (vec (range 30)))) "a vector too long for a line breaks at every element")
  (is (= "(0\n 1\n 2)\n" (binding [pp/*print-right-margin* 4] (pp-str (range 3)))))
  (is (= "[1 2 ...]\n" (binding [*print-length* 2] (pp-str [1 2 3 4]))))
  (is (= "[1 #]\n" (binding [*print-level* 1] (pp-str [1 [2]]))))
  (is (= "{:a 1}\n" (with-out-str (pp/pprint {:a 1} *out*)))))

(deftest print-table-test
  (is (= (str "\n"
              "| :a | :b |\n"
              "|----+----|\n"
              "|  1 |  2 |\n"
              "| 10 |    |\n")
         (with-out-str (pp/print-table [{:a 1 :b 2} {:a 10}]))))
  (is (= (str "\n"
              "| :b |\n"
              "|----|\n"
              "|  2 |\n")
         (with-out-str (pp/print-table [:b] [{:a 1 :b 2}]))))
  (is (= "" (with-out-str (pp/print-table [])))))

(deftest write-test
  (is (= "[1 2]" (pp/write [1 2] :stream nil)))
  (is (= "\"s\"" (pp/write "s" :stream nil)))
  (is (= "s" (pp/write "s" :stream nil :readably false)))
  (is (= "(1\n 2)" (pp/write '(1 2) :stream nil :right-margin 3)))
  (is (= "[1 2]" (with-out-str (pp/write [1 2]))))
  (is (= "(defn f [x] (inc x))\n"
         (with-out-str (pp/with-pprint-dispatch pp/code-dispatch (pp/pprint '(defn f [x] (inc x)))))))
  (is (= "(let [a 1 b 2] (+ a b))\n"
         (with-out-str (pp/with-pprint-dispatch pp/code-dispatch (pp/pprint '(let [a 1 b 2] (+ a b))))))))

(defrecord Pair [a b])

(defn pair-dispatch [x]
  (if (instance? Pair x)
    (pp/pprint-logical-block :prefix "<" :suffix ">"
      (pp/write-out (:a x))
      (print " ")
      (pp/pprint-newline :linear)
      (pp/write-out (:b x)))
    (pp/simple-dispatch x)))

(deftest dispatch-api-test
  (is (true? pp/*print-pretty*))
  (is (= 40 pp/*print-miser-width*))
  (is (= 72 pp/*print-right-margin*))
  (is (nil? pp/*print-suppress-namespaces*))
  (is (= pp/simple-dispatch pp/*print-pprint-dispatch*))
  (is (= "<1 2>\n" (with-out-str (pp/with-pprint-dispatch pair-dispatch (pp/pprint (->Pair 1 2))))))
  (is (= "<1\n 2>\n" (binding [pp/*print-right-margin* 3]
                       (with-out-str (pp/with-pprint-dispatch pair-dispatch (pp/pprint (->Pair 1 2)))))))
  (is (= "[<:x :y>]\n" (with-out-str (pp/with-pprint-dispatch pair-dispatch (pp/pprint [(->Pair :x :y)])))))
  (let [old pp/*print-pprint-dispatch*]
    (try
      (pp/set-pprint-dispatch pair-dispatch)
      (is (= "<3 4>\n" (with-out-str (pp/pprint (->Pair 3 4)))))
      (finally (pp/set-pprint-dispatch old))))
  (is (= "{:a 1}\n" (with-out-str (pp/pprint {:a 1}))))
  (is (= "(1\n  2)\n"
         (with-out-str
           (pp/with-pprint-dispatch
             (fn [x]
               (if (seq? x)
                 (pp/pprint-logical-block :prefix "(" :suffix ")"
                   (pp/pprint-indent :block 1)
                   (pp/write-out (first x))
                   (pp/pprint-newline :mandatory)
                   (pp/write-out (second x)))
                 (pp/simple-dispatch x)))
             (pp/pprint '(1 2))))))
  (is (= "[1 2 ...]\n"
         (binding [*print-length* 2]
           (with-out-str
             (pp/with-pprint-dispatch
               (fn [x]
                 (if (vector? x)
                   (pp/pprint-logical-block :prefix "[" :suffix "]"
                     (pp/print-length-loop [xs (seq x)]
                       (when xs
                         (pp/write-out (first xs))
                         (when (next xs) (print " ") (recur (next xs))))))
                   (pp/simple-dispatch x)))
               (pp/pprint [1 2 3 4]))))))
  (is (= "a\nb\n\n" (with-out-str (print "a") (pp/fresh-line) (print "b") (pp/fresh-line) (pp/fresh-line))))
  (is (thrown? UnsupportedOperationException
               (with-out-str (pp/with-pprint-dispatch (fn [_] (pp/pprint-tab :line 1 1)) (pp/pprint 1))))))
