(ns conformance.core-strings-test
  "clojure.core strings and regexes: str, subs, format, re-*, printing to strings."
  (:require [clojure.test :refer [deftest is are testing]]))

(deftest str-test
  (are [x y] (= y x)
    (str) ""
    (str nil) ""
    (str nil "a" nil) "a"
    (str 1 2) "12"
    (str 1.5) "1.5"
    (str 1.0) "1.0"
    (str 1N) "1"
    (str 1/2) "1/2"
    (str 1.5M) "1.5"
    (str :a) ":a"
    (str 'a) "a"
    (str \a) "a"
    (str true false) "truefalse"
    (str [1 "a" :b]) "[1 \"a\" :b]"
    (str '(1 2)) "(1 2)"
    (str {:a "b"}) "{:a \"b\"}"
    (str #{}) "#{}"
    (str ()) "()"
    (str (lazy-seq [1])) "clojure.lang.LazySeq@20"
    (str ##Inf) "Infinity"
    (str ##NaN) "NaN"
    (str 1e21) "1.0E21"
    (str 0.0001) "1.0E-4"
    (str 123456.789) "123456.789"
    (str #"a.b") "a.b"
    (apply str [1 2 3]) "123"
    (apply str nil) ""))

(deftest subs-test
  (are [x y] (= y x)
    (subs "hello" 1) "ello"
    (subs "hello" 1 3) "el"
    (subs "hello" 5) ""
    (subs "hello" 0 0) ""
    (subs "" 0) "")
  (is (thrown? StringIndexOutOfBoundsException (subs "abc" 4)))
  (is (thrown? StringIndexOutOfBoundsException (subs "abc" 2 1)))
  (is (thrown? StringIndexOutOfBoundsException (subs "abc" -1)))
  (is (thrown? NullPointerException (subs nil 0))))

(deftest format-test
  (are [x y] (= y x)
    (format "%s" "a") "a"
    (format "%s and %s" 1 :k) "1 and :k"
    (format "%s" nil) "null"
    (format "%s" [1 "a"]) "[1 \"a\"]"
    (format "%d" 42) "42"
    (format "%5d|" 42) "   42|"
    (format "%-5d|" 42) "42   |"
    (format "%05d" 42) "00042"
    (format "%+d" 5) "+5"
    (format "%,d" 1234567) "1,234,567"
    (format "%d" (biginteger 12345678901234567890N)) "12345678901234567890"
    (format "%x" 255) "ff"
    (format "%X" 255) "FF"
    (format "%o" 8) "10"
    (format "%08.3f" 3.14159) "0003.142"
    (format "%.2f" 2.5) "2.50"
    (format "%.0f" 2.5) "3"
    (format "%f" 1.0) "1.000000"
    (format "%e" 12345.678) "1.234568e+04"
    (format "%.3e" 0.0) "0.000e+00"
    (format "%g" 0.0001) "0.000100000"
    (format "%10.4s|" "abcdefg") "      abcd|"
    (format "%-6s|" "ab") "ab    |"
    (format "%c" \x) "x"
    (format "%b" nil) "false"
    (format "%b" 0) "true"
    (format "%%") "%"
    (format "a%nb") "a\nb"
    (format "%2$s %1$s" "a" "b") "b a"
    (format "%S" "abc") "ABC"
    (format "%.1f" 1.25M) "1.3"
    (format "no args") "no args")
  (is (thrown? java.util.IllegalFormatException (format "%d" "x")))
  (is (thrown? java.util.IllegalFormatException (format "%d" 1.5)))
  (is (thrown? java.util.IllegalFormatException (format "%s %s" 1)))
  (is (thrown? java.util.IllegalFormatException (format "%q" 1)))
  (is (thrown? java.util.IllegalFormatException (format "%d" 1N)))
  (is (thrown? java.util.IllegalFormatException (format "%.2f" 1/3))))

(deftest print-to-string-test
  (are [x y] (= y x)
    (pr-str "a" \b :c) "\"a\" \\b :c"
    (pr-str) ""
    (pr-str nil) "nil"
    (prn-str 1 2) "1 2\n"
    (print-str "a" \b) "a b"
    (println-str "a" nil) "a nil\n"
    (with-out-str (print "x") (println "y")) "xy\n"
    (with-out-str (pr "x" 'y)) "\"x\" y"
    (with-out-str (prn)) "\n"
    (with-out-str) ""
    (with-out-str (printf "%d-%s" 1 "a")) "1-a"
    (with-out-str (newline)) "\n"
    (pr-str "tab\t\"q\"\\") "\"tab\\t\\\"q\\\"\\\\\""
    (pr-str \newline \space \tab \a) "\\newline \\space \\tab \\a"
    (pr-str 'a :b/c "d") "a :b/c \"d\""
    (pr-str 1.0 1N 1M 1/2) "1.0 1N 1M 1/2"
    (pr-str [nil true]) "[nil true]"
    (pr-str #"a\d") "#\"a\\d\""
    (pr-str (list 'quote 'x)) "(quote x)"
    (pr-str {:a {:b [1 2]}}) "{:a {:b [1 2]}}"
    (pr-str (sorted-map :b 1 :a 2)) "{:a 2, :b 1}"
    (pr-str (sorted-set 3 1 2)) "#{1 2 3}"
    (pr-str (range 3)) "(0 1 2)"
    (pr-str (first {:a 1})) "[:a 1]"
    (pr-str ##-Inf) "##-Inf"
    (pr-str #uuid "00000000-0000-0000-0000-000000000001") "#uuid \"00000000-0000-0000-0000-000000000001\""
    (pr-str #inst "2020-01-02T03:04:05.006-00:00") "#inst \"2020-01-02T03:04:05.006-00:00\""
    (binding [*print-length* 2] (pr-str [1 2 3])) "[1 2 ...]"
    (binding [*print-length* 0] (pr-str '(1))) "(...)"
    (binding [*print-level* 1] (pr-str [1 [2]])) "[1 #]"
    (binding [*print-level* 0] (pr-str [1])) "#")
  (is (= "(0 1 2 3 4 5 6 7 8 9 ...)" (binding [*print-length* 10] (pr-str (range 20))))))

(deftest regex-test
  (are [x y] (= y x)
    (re-find #"\d+" "ab12cd34") "12"
    (re-find #"\d+" "abc") nil
    (re-find #"(a)(b)?" "ac") ["a" "a" nil]
    (re-find #"(\w+)@(\w+)" "me@host x") ["me@host" "me" "host"]
    (re-matches #"\d+" "123") "123"
    (re-matches #"\d+" "123a") nil
    (re-matches #"(\d)(\d)" "12") ["12" "1" "2"]
    (re-matches #"(?i)abc" "ABC") "ABC"
    (re-seq #"\d" "a1b2c3") ["1" "2" "3"]
    (re-seq #"(\w)(\d)" "a1 b2") [["a1" "a" "1"] ["b2" "b" "2"]]
    (re-seq #"x" "abc") nil
    (re-seq #"a*" "ba") ["" "a" ""]
    (re-find (re-pattern "a.c") "xabc") "abc"
    (re-find (re-pattern "\\.") "a.b") "."
    (str (re-pattern "x+")) "x+"
    (re-find #"^$" "") ""
    (re-find #"(?m)^b" "a\nb") "b"
    (re-find #"(?s)a.b" "a\nb") "a\nb"
    (re-find #"[^a-c]+" "abcdef") "def"
    (re-find #"(?<year>\d{4})" "in 2024") ["2024" "2024"]
    (re-find #"\bfoo\b" "a foo b") "foo"
    (re-find #"a{2,3}" "aaaa") "aaa"
    (re-find #"a+?" "aaa") "a"
    (re-find #"\p{Upper}+" "abCDe") "CD"
    (re-find #"é" "café") "é")
  (is (instance? java.util.regex.Pattern (re-pattern "a")))
  (let [p #"a"] (is (identical? p (re-pattern p))))
  (is (thrown? java.util.regex.PatternSyntaxException (re-pattern "(")))
  (is (thrown? NullPointerException (re-find #"a" nil))))
