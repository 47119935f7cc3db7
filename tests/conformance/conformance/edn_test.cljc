(ns conformance.edn-test
  "clojure.edn: read-string with :readers, :default and :eof; edn's refusals."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.edn :as edn]))

(deftest read-string-values-test
  (are [s v] (= v (edn/read-string s))
    "1" 1
    "-7" -7
    "1.5" 1.5
    "1N" 1N
    "1.5M" 1.5M
    "1/2" 1/2
    "0x1F" 31
    "\"a\\nb\"" "a\nb"
    "\\a" \a
    "\\newline" \newline
    "\\u0041" \A
    ":k" :k
    ":ns/k" :ns/k
    "sym" 'sym
    "ns/sym" 'ns/sym
    "true" true
    "false" false
    "nil" nil
    "[1 [2]]" [1 [2]]
    "(1 2)" '(1 2)
    "{:a 1, :b 2}" {:a 1 :b 2}
    "#{1 2}" #{1 2}
    "#:p{:a 1 :q/b 2}" {:p/a 1 :q/b 2}
    "[1 #_ 2 3]" [1 3]
    "; comment\n 5" 5
    "  \n,, 6" 6
    "1 2" 1)
  (is (list? (edn/read-string "(1)")))
  (is (vector? (edn/read-string "[1]")))
  (is (= (symbol "'a") (edn/read-string "'a")))
  (is (nil? (edn/read-string "")))
  (is (nil? (edn/read-string "   ")))
  (is (= :eof (edn/read-string {:eof :eof} "")))
  (is (nil? (edn/read-string nil))))

(deftest tagged-test
  (is (= #inst "2020-01-02T03:04:05.000-00:00" (edn/read-string "#inst \"2020-01-02T03:04:05.000-00:00\"")))
  (is (= #uuid "0d7b3c2a-4f7e-4b0c-9f4e-2b1a0c3d4e5f"
         (edn/read-string "#uuid \"0d7b3c2a-4f7e-4b0c-9f4e-2b1a0c3d4e5f\"")))
  (is (= [:pt 1 2] (edn/read-string {:readers {'my/pt (fn [[x y]] [:pt x y])}} "#my/pt [1 2]")))
  (is (= 42 (edn/read-string {:readers {'inst (constantly 42)}} "#inst \"2020\"")))
  (is (= ['x/y 5] (edn/read-string {:default (fn [t v] [t v])} "#x/y 5")))
  (is (= [:r 1] (edn/read-string {:readers {'a/b (fn [v] [:r v])} :default (fn [t v] :default)} "#a/b 1")))
  (is (thrown-with-msg? RuntimeException #"No reader function for tag foo/bar"
                        (edn/read-string "#foo/bar 1"))))

(deftest refusals-test
  (are [s] (thrown? RuntimeException (edn/read-string s))
    "@a"
    "`a"
    "#(inc %)"
    "#'a"
    "#\"re\""
    "::k"
    "#=(+ 1 2)"
    "[1 2"
    "{:a}"
    "#{1 1}"
    "{:a 1 :a 2}"
    ")"
    "\"abc")
  (is (thrown-with-msg? RuntimeException #"EOF while reading" (edn/read-string "[1 2")))
  (is (thrown-with-msg? RuntimeException #"Unmatched delimiter: \)" (edn/read-string ")")))
  (is (thrown-with-msg? IllegalArgumentException #"Duplicate key: :a" (edn/read-string "{:a 1 :a 2}"))))

(deftest read-test
  (is (= {:a [1 2]} (with-in-str "{:a [1 2]}" (edn/read))))
  (is (= [1 2] (with-in-str "1 2" [(edn/read) (edn/read)])))
  (is (= :done (with-in-str "" (edn/read {:eof :done} *in*))))
  (is (= [:t 1] (with-in-str "#t/x 1" (edn/read {:readers {'t/x (fn [v] [:t v])}} *in*))))
  (is (thrown? RuntimeException (with-in-str "" (edn/read)))))
