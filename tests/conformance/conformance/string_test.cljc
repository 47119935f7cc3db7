(ns conformance.string-test
  "clojure.string: every public var, with normal, edge, nil, empty and error cases."
  (:require [clojure.test :refer [deftest is are testing]]
            [clojure.string :as str]))

(deftest blank?-test
  (are [x y] (= y (str/blank? x))
    nil true, "" true, "   " true, " \t\n\r " true, "a" false, " a " false))

(deftest capitalize-test
  (are [x y] (= y (str/capitalize x))
    "" "", "a" "A", "hELLO wORLD" "Hello world", "1abc" "1abc", "ABC" "Abc")
  (is (thrown? NullPointerException (str/capitalize nil))))

(deftest ends-with?-test
  (are [s sub y] (= y (str/ends-with? s sub))
    "hello" "lo" true, "hello" "" true, "hello" "hello" true, "hello" "he" false, "" "a" false)
  (is (thrown? NullPointerException (str/ends-with? nil "a"))))

(deftest escape-test
  (is (= "a&lt;b&gt;" (str/escape "a<b>" {\< "&lt;" \> "&gt;"})))
  (is (= "abc" (str/escape "abc" {})))
  (is (= "" (str/escape "" {\a "b"})))
  (is (= "1x2" (str/escape "1 2" {\space "x"}))))

(deftest includes?-test
  (are [s sub y] (= y (str/includes? s sub))
    "hello" "ell" true, "hello" "" true, "hello" "xyz" false, "" "" true))

(deftest index-of-test
  (are [args y] (= y (apply str/index-of args))
    ["hello" "l"] 2, ["hello" \l] 2, ["hello" "l" 3] 3, ["hello" "z"] nil, ["hello" ""] 0,
    ["hello" "l" 10] nil))

(deftest join-test
  (are [args y] (= y (apply str/join args))
    [[1 2 3]] "123", [", " [1 2 3]] "1, 2, 3", [", " []] "", [[]] "", [", " [nil 1]] ", 1",
    ["-" "abc"] "a-b-c", [nil] ""))

(deftest last-index-of-test
  (are [args y] (= y (apply str/last-index-of args))
    ["hello" "l"] 3, ["hello" \l] 3, ["hello" "l" 2] 2, ["hello" "z"] nil, ["hello" ""] 5))

(deftest lower-case-test
  (are [x y] (= y (str/lower-case x)) "ABC" "abc", "" "", "MiXeD 1" "mixed 1")
  (is (thrown? NullPointerException (str/lower-case nil))))

(deftest upper-case-test
  (are [x y] (= y (str/upper-case x)) "abc" "ABC", "" "", "MiXeD 1" "MIXED 1"))

(deftest re-quote-replacement-test
  (is (= "\\$1" (str/re-quote-replacement "$1")))
  (is (= "a\\\\b" (str/re-quote-replacement "a\\b")))
  (is (= "$1" (str/replace "x" #"x" (str/re-quote-replacement "$1")))))

(deftest replace-test
  (testing "string match"
    (is (= "heLLo" (str/replace "hello" "l" "L")))
    (is (= "hello" (str/replace "hello" "z" "L"))))
  (testing "char match"
    (is (= "h-e-y" (str/replace "h e y" \space \-))))
  (testing "regex with groups and fn"
    (is (= "2-1" (str/replace "1-2" #"(\d)-(\d)" "$2-$1")))
    (is (= "A b C" (str/replace "a b c" #"[ac]" str/upper-case)))
    (is (= "xx" (str/replace "ab" #"[a-z]" (fn [_] "x"))))))

(deftest replace-first-test
  (is (= "heLlo" (str/replace-first "hello" "l" "L")))
  (is (= "h-e y" (str/replace-first "h e y" \space \-)))
  (is (= "X b a" (str/replace-first "a b a" #"a" "X")))
  (is (= "hello" (str/replace-first "hello" #"z" "X"))))

(deftest reverse-test
  (are [x y] (= y (str/reverse x)) "abc" "cba", "" "", "a" "a"))

(deftest split-test
  (are [args y] (= y (apply str/split args))
    ["a,b,c" #","] ["a" "b" "c"]
    ["a,b,,c,," #","] ["a" "b" "" "c"]
    ["a,b,c" #"," 2] ["a" "b,c"]
    ["abc" #""] ["a" "b" "c"]
    ["" #","] [""]
    ["a1b22c" #"\d+"] ["a" "b" "c"]))

(deftest split-lines-test
  (are [x y] (= y (str/split-lines x))
    "a\nb\r\nc" ["a" "b" "c"], "a" ["a"], "a\n\nb" ["a" "" "b"]))

(deftest starts-with?-test
  (are [s sub y] (= y (str/starts-with? s sub))
    "hello" "he" true, "hello" "" true, "hello" "lo" false))

(deftest trim-test
  (are [f x y] (= y (f x))
    str/trim "  a b  " "a b"
    str/trim "" ""
    str/triml "  a  " "a  "
    str/trimr "  a  " "  a"
    str/trim-newline "a\n\r\n" "a"
    str/trim-newline "a\n b" "a\n b"
    str/trim "\t\na\r " "a"))
