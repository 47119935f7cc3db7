// Unit tests for the clojure.core / clojure.string natives (vm/core_natives*.cpp).
// A fresh heap with the natives but no stdlib: code uses special forms and natives.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/vm.h"
#include "tests/unit/runtime_test_util.h"

using namespace folio;

namespace {

using Fresh = folio::test::FreshRuntime;

Value ev(const std::string& src) { return load_string(src, "natives_test.clj"); }
std::string evp(const std::string& src) { return pr_str(ev(src)); }
// The printed form of a string result, without quotes: (str ...) and friends.
std::string evs(const std::string& src) {
  Value v = ev(src);
  REQUIRE(is(v, Type::kString));
  return std::string(string_view(v));
}

std::string error_of(const std::string& src) { return folio::test::error_of_source(src, "natives_test.clj"); }

// Output of src with *out* bound to a string writer.
std::string out_of(const std::string& src) {
  return evs("(let* [w (folio-new-string-writer)]"
             "  (push-thread-bindings (hash-map (var *out*) w))"
             "  (try " + src + " (finally (pop-thread-bindings)))"
             "  (folio-writer-str w))");
}

const NativeDef* find_def(const char* ns, const char* name) {
  for (const NativeDef& d : native_table())
    if (std::string_view(d.ns) == ns && std::string_view(d.name) == name) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("natives: registry is complete, unique and registered once") {
  Fresh f;
  size_t n = native_table().size();
  register_core_natives();  // idempotent: ids are positions
  CHECK(native_table().size() == n);
  std::set<std::string> seen;
  for (const NativeDef& d : native_table()) {
    std::string q = std::string(d.ns) + "/" + d.name;
    CHECK_MESSAGE(seen.insert(q).second, q);
    CHECK(bool(d.fn));
    CHECK((d.max_args < 0 || d.max_args >= d.min_args));
  }
  for (const char* name : {"cons", "swap!", "str", "re-find", "apply", "folio-writer-str", "sort", "eval"})
    CHECK_MESSAGE(find_def("clojure.core", name) != nullptr, name);
  for (const char* name : {"join", "split", "replace", "upper-case", "blank?"})
    CHECK_MESSAGE(find_def("clojure.string", name) != nullptr, name);
  // boot made a var per native, whose root is the native
  CHECK(evp("(fn? clojure.core/first)") == "true");
  CHECK(evp("(clojure.string/upper-case \"x\")") == "\"X\"");
}

// stdlib/native_docs.clj gives the natives their docs in the built-in image: a
// native added without an entry there fails here, and so does an :arglists
// that takes fewer or more arguments than its NativeDef allows.
TEST_CASE("natives: every public native has a :doc and :arglists within its arity") {
  folio::test::StdlibRuntime rt;
  const auto& table = native_table();
  std::string natives = "'[";
  size_t checked = 0;
  for (size_t id = 0; id < table.size(); ++id) {
    const NativeDef& d = table[id];
    // (natives other unit tests register are in no image: they are skipped)
    Value ns = find_ns(make_symbol("", d.ns));
    Value var = ns.is_nil() ? kNil : ns_find_mapping(ns, make_symbol("", d.name));
    if (var.is_nil() || (var_flags(var) & kVarPrivate)) continue;
    Value root = var_root(var);  // a var Clojure source redefined documents itself
    if (!is(root, Type::kNative) || slot(root, 0).fixnum_value() != int64_t(id)) continue;
    natives += "[" + std::string(d.ns) + "/" + d.name + " " + std::to_string(d.min_args) + " " +
               std::to_string(d.max_args) + "]";
    ++checked;
  }
  natives += "]";
  // Each arglist takes n args, or n or more when it has &: together they must
  // accept exactly min..max (max -1: unbounded).
  std::string problems;
  try {
  problems = pr_str(load_string(
      "(let* [problems (atom [])]"
      "  (doseq [[sym lo hi] " + natives + "]"
      "    (let [m (meta (find-var sym)) doc (:doc m) arglists (:arglists m)"
      "          ar (map (fn [a] (let [i (count (take-while #(not= '& %) a))] (if (= i (count a)) [i i] [i -1])))"
      "                  arglists)]"
      "      (when-not (and (string? doc) (not (clojure.string/blank? doc)))"
      "        (swap! problems conj (str sym \" has no :doc\")))"
      "      (if (empty? arglists)"
      "        (swap! problems conj (str sym \" has no :arglists\"))"
      "        (when-not (and (= lo (apply min (map first ar)))"
      "                       (= hi (if (some neg? (map second ar)) -1 (apply max (map second ar)))))"
      "          (swap! problems conj (str sym \" :arglists \" (pr-str arglists) \" vs arity \" lo \"..\" hi))))))"
      "  @problems)",
      "natives_test.clj"));
  } catch (Thrown& t) {
    problems = folio::test::thrown_string(t);
  }
  CHECK(problems == "[]");
  CHECK(checked > 350);  // 384 when this was written
}

TEST_CASE("natives: called directly through the native table") {
  Fresh f;
  const NativeDef* plus = find_def("clojure.core", "+");
  REQUIRE(plus);
  Value args[3] = {Value::fixnum(1), Value::fixnum(2), make_double(0.5)};
  CHECK(pr_str(plus->fn(args, 3)) == "3.5");
  CHECK(pr_str(plus->fn(args, 0)) == "0");
  const NativeDef* cons = find_def("clojure.core", "cons");
  REQUIRE(cons);
  Value cargs[2] = {Value::fixnum(1), kNil};
  CHECK(pr_str(cons->fn(cargs, 2)) == "(1)");
}

TEST_CASE("natives: arithmetic arities and edge cases") {
  Fresh f;
  CHECK(evp("[(+) (+ 1) (+ 1 2 3 4 5) (*) (* 6) (* 1 2 3 4 5)]") == "[0 1 15 1 6 120]");
  CHECK(evp("[(- 5) (- 10 3 2 1) (/ 10 2) (/ 100 5 2) (/ 2.0) (/ 1)]") == "[-5 4 5 10 0.5 1]");
  CHECK(evp("[(quot -7 2) (rem -7 2) (mod -7 2) (mod 7 -2) (inc 41) (dec 43)]") == "[-3 -1 1 -1 42 42]");
  CHECK(evp("(+ nil)") == "nil");
  CHECK(error_of("(+ \"a\")") == "java.lang.ClassCastException: Cannot cast java.lang.String to java.lang.Number");
  // overflow throws (the message is numbers.cpp's)
  for (const char* src : {"(+ 9223372036854775807 1)", "(* 4611686018427387904 2)", "(- -9223372036854775808)",
                          "(apply + [9223372036854775807 1])", "(inc 9223372036854775807)",
                          "(- -9223372036854775807 1 1)"}) {
    std::string e = error_of(src);
    CHECK_MESSAGE(e.rfind("java.lang.ArithmeticException: ", 0) == 0, src);
    CHECK_MESSAGE(e.find("overflow") != std::string::npos, src);
  }
  CHECK(error_of("(/ 1 0)") == "java.lang.ArithmeticException: Divide by zero");
  CHECK(error_of("(mod 10 0)") == "java.lang.ArithmeticException: Divide by zero");
  CHECK(evp("[(unchecked-add 9223372036854775807 1) (unchecked-multiply 9223372036854775807 2)]") ==
        "[-9223372036854775808 -2]");
  CHECK(evp("[(unchecked-inc 9223372036854775807) (unchecked-dec -9223372036854775808)]") ==
        "[-9223372036854775808 9223372036854775807]");
  CHECK(evp("[(unchecked-negate -9223372036854775808) (unchecked-subtract -9223372036854775808 1)]") ==
        "[-9223372036854775808 9223372036854775807]");
  CHECK(evp("[(max 1 5 3) (min 4 2 8) (max 7) (max 1 2.0) (max 1 1.0) (max 1.0 1) (min 1 1.0) (min 1.5 3)]") ==
        "[5 2 7 2.0 1.0 1 1.0 1.5]");
  CHECK(evp("[(max 1 ##NaN 3) (min ##NaN 1)]") == "[##NaN ##NaN]");
  CHECK(evp("[(abs -5) (abs -9223372036854775808) (abs -1.5)]") == "[5 -9223372036854775808 1.5]");
  CHECK(evp("[(< 1) (< 1 2 3) (< 1 3 2) (<= 1 1 2) (> 3 2 1) (>= 3 3 4) (== 1 1.0 1) (< 1 ##NaN)]") ==
        "[true true false true true false true false]");
  CHECK(evp("(< 2 1 \"not compared\")") == "false");
  CHECK(evp("[(zero? 0) (zero? 0.0) (pos? 3) (pos? 0) (neg? -0.5) (pos? ##NaN) (zero? ##NaN)]") ==
        "[true true true false true false false]");
  CHECK(evp("[(even? 4) (even? 7) (odd? -3) (even? 0)]") == "[true false true true]");
  CHECK(error_of("(even? 1.5)") == "java.lang.IllegalArgumentException: Argument must be an integer: 1.5");
  CHECK(error_of("(odd? nil)") == "java.lang.IllegalArgumentException: Argument must be an integer: ");
  CHECK(error_of("(zero? \"a\")").rfind("java.lang.ClassCastException: class java.lang.String cannot be cast", 0) == 0);
}

TEST_CASE("natives: bits, conversions, parsing, random") {
  Fresh f;
  CHECK(evp("[(bit-and 12 10) (bit-or 12 10) (bit-xor 12 10) (bit-not 0) (bit-and 15 7 3)]") == "[8 14 6 -1 3]");
  CHECK(evp("[(bit-shift-left 1 10) (bit-shift-right 1024 3) (bit-shift-right -16 2) (bit-shift-left 1 65)]") ==
        "[1024 128 -4 2]");
  CHECK(evp("[(unsigned-bit-shift-right -1 60) (bit-test 5 0) (bit-test 5 1) (bit-set 0 3) (bit-clear 15 0)]") ==
        "[15 true false 8 14]");
  CHECK(error_of("(bit-and 1.5 1)") ==
        "java.lang.IllegalArgumentException: bit operation not supported for: class java.lang.Double");
  CHECK(evp("[(int 1.7) (int -1.7) (int \\a) (long \\A) (long 3.99) (double 3) (char 97) (char 48) (num 5)]") ==
        "[1 -1 97 65 3 3.0 \\a \\0 5]");
  CHECK(error_of("(long 1e20)") == "java.lang.IllegalArgumentException: Value out of range for long: 1.0E20");
  CHECK(error_of("(int 3000000000)") == "java.lang.ArithmeticException: integer overflow");  // Math.toIntExact
  CHECK(error_of("(int 3.0E9)") == "java.lang.IllegalArgumentException: Value out of range for int: 3.0E9");
  CHECK(error_of("(char -1)") == "java.lang.IllegalArgumentException: Value out of range for char: -1");
  CHECK(error_of("(double \\a)").rfind("java.lang.ClassCastException: class java.lang.Character", 0) == 0);
  CHECK(evp("[(parse-long \"42\") (parse-long \"-7\") (parse-long \"+3\") (parse-long \"4x\") (parse-long \"\")]") ==
        "[42 -7 3 nil nil]");
  CHECK(evp("[(parse-long \"9223372036854775807\") (parse-long \"9223372036854775808\")]") ==
        "[9223372036854775807 nil]");
  CHECK(evp("[(parse-double \"1.5\") (parse-double \" 2e3 \") (parse-double \"abc\") (parse-double \"1.\") "
            "(parse-double \"-Infinity\") (parse-double \".5d\")]") == "[1.5 2000.0 nil 1.0 ##-Inf 0.5]");
  CHECK(error_of("(parse-long 5)") == "java.lang.IllegalArgumentException: Expected string, got java.lang.Long");
  CHECK(evp("[(parse-boolean \"true\") (parse-boolean \"no\")]") == "[true nil]");
  CHECK(evp("(let* [r (rand)] (if (>= r 0) (< r 1) false))") == "true");
  CHECK(evp("(let* [r (rand-int 10)] (if (>= r 0) (< r 10) false))") == "true");
  CHECK(evp("[(NaN? ##NaN) (NaN? 1.0) (infinite? ##-Inf) (infinite? 1)]") == "[true false true false]");
}

TEST_CASE("natives: predicates, equality, hash, compare") {
  Fresh f;
  CHECK(evp("[(nil? nil) (some? false) (true? true) (false? nil) (string? \"s\") (symbol? 'a) (keyword? :a)]") ==
        "[true true true false true true true]");
  CHECK(evp("[(number? 1.5) (integer? 2.0) (int? 2) (double? 2.0) (float? 1) (char? \\a) (boolean? nil)]") ==
        "[true false true true false true false]");
  CHECK(evp("[(fn? first) (fn? (fn* [] 1)) (fn? :k) (ifn? :k) (ifn? {}) (ifn? 1) (var? (var first))]") ==
        "[true true false true true false true]");
  CHECK(evp("[(map? {}) (vector? [1]) (vector? (first {:a 1})) (map-entry? (first {:a 1})) (list? '(1)) "
            "(list? ()) (list? (cons 1 nil)) (list? (seq [1]))]") == "[true true true true true true true false]");
  CHECK(evp("[(set? #{}) (coll? []) (coll? \"s\") (sequential? [1]) (sequential? #{}) (seq? (seq [1]))]") ==
        "[true true false true false true]");
  CHECK(evp("[(seqable? nil) (seqable? \"s\") (seqable? 1) (seqable? {}) (chunked-seq? (seq [1]))]") ==
        "[true true false true true]");
  CHECK(evp("[(= 1) (= 1 1 1) (= 1 1 2) (= [1 2] '(1 2)) (not= 1 2) (not= 1) (identical? :a :a)]") ==
        "[true true false true true false true]");
  CHECK(evp("[(hash 1) (hash \"a\") (hash nil) (hash :a) (hash [1 2])]") ==
        "[1392991556 1455541201 0 -2123407586 156247261]");
  CHECK(evp("[(compare 1 2) (compare \"b\" \"a\") (compare :a :b) (compare nil 1) (compare [1 2] [1 3])]") ==
        "[-1 1 -1 -1 -1]");
}

TEST_CASE("natives: str, names and printing to strings") {
  Fresh f;
  CHECK(evs("(str)") == "");
  CHECK(evs("(str nil)") == "");
  CHECK(evs("(str \"a\" 1 :b 'c \\d nil 2.5 true)") == "a1:bcd2.5true");
  CHECK(evs("(str :ns/kw 'ns/sym -1 1.0 1e10)") == ":ns/kwns/sym-11.01.0E10");
  CHECK(evs("(str [nil \"s\"] '(1 2) {:a [1 {:b \"x\"}]} #{} () [])") == "[nil \"s\"](1 2){:a [1 {:b \"x\"}]}#{}()[]");
  CHECK(evs("(str (/ 1.0 0) \" \" (/ -1.0 0) \" \" (/ 0.0 0.0))") == "Infinity -Infinity NaN");
  CHECK(evs("(str (make-lazy-seq (fn* [] (list 2 3))))") == "clojure.lang.LazySeq@402");
  CHECK(evs("(str (make-lazy-seq (fn* [] nil)))") == "clojure.lang.LazySeq@1");
  CHECK(evs("(str (cons 1 nil) (range 3) (seq [4]))") == "(1)(0 1 2)(4)");
  CHECK(evs("(str (ex-info \"m\" {:a 1}))") == "clojure.lang.ExceptionInfo: m {:a 1}");
  CHECK(evs("(str (folio-throwable \"java.lang.RuntimeException\" \"x\"))") == "java.lang.RuntimeException: x");
  CHECK(evs("(str #\"a\\d\" \" \" *ns* \" \" (var first))") == "a\\d user #'clojure.core/first");
  CHECK(evs("(str \"\\u00e9t\\u00e9\" \\u00e9)") == "\xc3\xa9t\xc3\xa9\xc3\xa9");
  CHECK(evs("(pr-str 1 \"a\" [\\b nil])") == "1 \"a\" [\\b nil]");
  CHECK(evs("(pr-str)") == "");
  CHECK(evs("(prn-str 1 2)") == "1 2\n");
  CHECK(evs("(print-str \"a\" \\b [\"c\"])") == "a b [c]");
  CHECK(evs("(println-str \"x\")") == "x\n");
  CHECK(evp("[(keyword \"abc\") (keyword \"ns\" \"abc\") (keyword 'a/b) (keyword \"with space\") (keyword 5)]") ==
        "[:abc :ns/abc :a/b :with space nil]");
  CHECK(evp("[(symbol \"xyz\") (symbol \"ns\" \"xyz\") (symbol :kw) (symbol nil \"y\") (symbol (var first))]") ==
        "[xyz ns/xyz kw y clojure.core/first]");
  CHECK(error_of("(symbol 5)") == "java.lang.IllegalArgumentException: no conversion to symbol");
  CHECK(evp("[(name :abc) (name :ns/abc) (namespace :ns/abc) (namespace :abc) (name 'a.b/foo) (name \"s\")]") ==
        "[\"abc\" \"abc\" \"ns\" nil \"foo\" \"s\"]");
  CHECK(error_of("(name 5)").rfind("java.lang.ClassCastException: class java.lang.Long cannot be cast to class "
                                   "clojure.lang.Named",
                                   0) == 0);
  std::string g1 = evp("(gensym)"), g2 = evp("(gensym \"x\")");
  CHECK(g1.rfind("G__", 0) == 0);
  CHECK(g2.rfind("x", 0) == 0);
  CHECK(g1 != evp("(gensym)"));
  CHECK(evp("[(subs \"hello\" 1) (subs \"hello\" 1 3) (subs \"hello\" 5) (subs \"h\\u00e9llo\" 1 2)]") ==
        "[\"ello\" \"el\" \"\" \"\xc3\xa9\"]");
  CHECK(error_of("(subs \"hello\" 6)") == "java.lang.StringIndexOutOfBoundsException: begin 6, end 5, length 5");
  CHECK(error_of("(subs \"hello\" 2 1)") == "java.lang.StringIndexOutOfBoundsException: begin 2, end 1, length 5");
}

TEST_CASE("natives: clojure.string") {
  Fresh f;
  ev("(in-ns 'user)");
  auto S = [](const std::string& src) { return evp("(clojure.string/" + src + ")"); };
  CHECK(S("upper-case \"hello\"") == "\"HELLO\"");
  CHECK(S("lower-case \"HeLLo \\u00c9\"") == "\"hello \xc3\xa9\"");
  CHECK(S("capitalize \"hELLO\"") == "\"Hello\"");
  CHECK(S("capitalize \"\"") == "\"\"");
  CHECK(S("trim \"  padded \\u2003\"") == "\"padded\"");
  CHECK(S("triml \"\\t left \"") == "\"left \"");
  CHECK(S("trimr \" right \\n\"") == "\" right\"");
  CHECK(S("trim-newline \"text\\r\\n\\n\"") == "\"text\"");
  CHECK(evp("[(clojure.string/blank? \"\") (clojure.string/blank? \" \\t\") (clojure.string/blank? nil) "
            "(clojure.string/blank? \" x \")]") == "[true true true false]");
  CHECK(S("join [\"a\" \"b\" \"c\"]") == "\"abc\"");
  CHECK(S("join \", \" [\"a\" \"b\"]") == "\"a, b\"");
  CHECK(S("join \"-\" [1 :k nil 2.5]") == "\"1-:k--2.5\"");
  CHECK(S("join \",\" []") == "\"\"");
  CHECK(evp("[(clojure.string/includes? \"foobar\" \"oba\") (clojure.string/starts-with? \"foobar\" \"foo\") "
            "(clojure.string/ends-with? \"foobar\" \"bar\") (clojure.string/starts-with? \"foo\" \"bar\")]") ==
        "[true true true false]");
  CHECK(evp("[(clojure.string/index-of \"hello\" \"l\") (clojure.string/last-index-of \"hello\" \"l\") "
            "(clojure.string/index-of \"hello\" \"z\") (clojure.string/index-of \"hello\" \\e) "
            "(clojure.string/index-of \"hello\" \"l\" 3) (clojure.string/last-index-of \"hello\" \"l\" 2) "
            "(clojure.string/index-of \"h\\u00e9llo\" \"l\") (clojure.string/index-of \"abc\" \"\" 5) "
            "(clojure.string/index-of \"hello\" \"l\" -5) (clojure.string/last-index-of \"hello\" \"l\" 10)]") ==
        "[2 3 nil 1 3 2 2 3 2 3]");
  CHECK(S("lower-case \"\\u03a3\\u0391\\u03a3\"") == "\"\xcf\x83\xce\xb1\xcf\x82\"");
  CHECK(S("upper-case \"stra\\u00dfe\"") == "\"STRASSE\"");
  CHECK(S("reverse \"h\\u00e9llo\"") == "\"oll\xc3\xa9h\"");
  CHECK(S("replace \"a-b-c\" \"-\" \"+\"") == "\"a+b+c\"");
  CHECK(S("replace \"aaa\" \"a\" \"bb\"") == "\"bbbbbb\"");
  CHECK(S("replace \"x.y\" \\. \\/") == "\"x/y\"");
  CHECK(S("replace \"abc\" \"\" \"-\"") == "\"-a-b-c-\"");
  CHECK(S("replace \"hello world\" #\"o\" \"0\"") == "\"hell0 w0rld\"");
  CHECK(S("replace \"2024-01-15\" #\"(\\d+)-(\\d+)-(\\d+)\" \"$3/$2/$1\"") == "\"15/01/2024\"");
  CHECK(S("replace \"a.b\" #\"\\.\" \"\\\\$\"") == "\"a$b\"");
  CHECK(S("replace \"hello\" #\"l+\" (fn* [m] (str \"[\" m \"]\"))") == "\"he[ll]o\"");
  CHECK(S("replace \"k=v\" #\"(\\w)=(\\w)\" (fn* [m] (str (nth m 2) (nth m 1)))") == "\"vk\"");
  CHECK(S("replace-first \"a-b-c\" \"-\" \"+\"") == "\"a+b-c\"");
  CHECK(S("replace-first \"aaa\" #\"a\" \"b\"") == "\"baa\"");
  CHECK(S("replace-first \"abc\" \\b 7") == "\"a7c\"");
  CHECK(error_of("(clojure.string/replace \"a\" 1 \"b\")") == "java.lang.IllegalArgumentException: Invalid match arg: 1");
  CHECK(S("split \"a,b,,c\" #\",\"") == "[\"a\" \"b\" \"\" \"c\"]");
  CHECK(S("split \"a,b,,c,,\" #\",\"") == "[\"a\" \"b\" \"\" \"c\"]");
  CHECK(S("split \"a b  c\" #\"\\s+\"") == "[\"a\" \"b\" \"c\"]");
  CHECK(S("split \"a,b,c,d\" #\",\" 2") == "[\"a\" \"b,c,d\"]");
  CHECK(S("split \"a,b,,\" #\",\" -1") == "[\"a\" \"b\" \"\" \"\"]");
  CHECK(S("split \"\" #\",\"") == "[\"\"]");
  CHECK(S("split \"abc\" #\"\"") == "[\"a\" \"b\" \"c\"]");
  CHECK(S("split \",a\" #\",\"") == "[\"\" \"a\"]");
  CHECK(S("split \"a.b.c\" \".\"") == "[\"a\" \"b\" \"c\"]");  // a string separator is literal
  CHECK(S("split-lines \"a\\r\\nb\\nc\\n\"") == "[\"a\" \"b\" \"c\"]");
  CHECK(S("escape \"a<b>&c\" {\\< \"&lt;\" \\> \"&gt;\" \\& \"&amp;\"}") == "\"a&lt;b&gt;&amp;c\"");
  CHECK(error_of("(clojure.string/upper-case nil)") == "java.lang.NullPointerException: nil");
}

TEST_CASE("natives: regular expressions") {
  Fresh f;
  CHECK(evp("[(re-find #\"\\d+\" \"abc123def456\") (re-find #\"x\" \"abc\")]") == "[\"123\" nil]");
  CHECK(evp("(re-find #\"(\\w+)@(\\w+)\" \"mail: joe@example now\")") == "[\"joe@example\" \"joe\" \"example\"]");
  CHECK(evp("[(re-matches #\"\\d+\" \"12345\") (re-matches #\"\\d+\" \"123a\") (re-matches #\"(\\d+)-(\\d+)\" \"10-20\")]") ==
        "[\"12345\" nil [\"10-20\" \"10\" \"20\"]]");
  CHECK(evp("[(re-seq #\"\\d+\" \"a1b22c333\") (re-seq #\"z\" \"abc\") (re-seq #\"(\\w)(\\d)\" \"a1 b2\")]") ==
        "[(\"1\" \"22\" \"333\") nil ([\"a1\" \"a\" \"1\"] [\"b2\" \"b\" \"2\"])]");
  CHECK(evp("(re-seq #\"a*\" \"baaa\")") == "(\"\" \"aaa\" \"\")");
  CHECK(evp("(re-find #\"(a)|(b)\" \"b\")") == "[\"b\" nil \"b\"]");
  CHECK(evp("(re-find #\"(?i)HELLO\" \"say hello\")") == "\"hello\"");
  CHECK(evp("[(re-find #\"a$\" \"a\\n\") (re-find #\"(?m)^b\" \"a\\nb\") (re-find #\"(?s)a.b\" \"a\\nb\")]") ==
        "[\"a\" \"b\" \"a\\nb\"]");
  CHECK(evp("[(re-find #\"\\p{Upper}+\" \"abCDe\") (re-find #\"\\Qa.b\\E\" \"xa.b\") (re-find #\"(?<y>\\d+)x\" \"12x\")]") ==
        "[\"CD\" \"a.b\" [\"12x\" \"12\"]]");
  CHECK(evp("(re-find #\"h.llo\" \"h\\u00e9llo\")") == "\"h\xc3\xa9llo\"");
  CHECK(evp("[(re-pattern \"a.c\") (re-find (re-pattern \"b+\") \"abbbc\")]") == "[#\"a.c\" \"bbb\"]");
  CHECK(error_of("(re-pattern \"(\")").rfind("java.util.regex.PatternSyntaxException: ", 0) == 0);
  CHECK(error_of("(re-find \"a\" \"a\")").rfind("java.lang.ClassCastException: class java.lang.String cannot be "
                                                "cast to class java.util.regex.Pattern",
                                                0) == 0);
}

TEST_CASE("natives: seqs and collections") {
  Fresh f;
  CHECK(evp("[(conj) (conj [1]) (conj [1] 2 3) (conj nil 1) (conj '(1) 2 3)]") == "[[] [1] [1 2 3] (1) (3 2 1)]");
  CHECK(evp("[(cons 1 nil) (cons 1 [2]) (first [1 2]) (next [1]) (rest nil) (seq \"ab\")]") ==
        "[(1) (1 2) 1 nil () (\\a \\b)]");
  CHECK(evp("[(count nil) (count [1 2]) (count \"\\u00e9t\\u00e9\") (nth [1 2 3] 1) (nth [] 0 :nf) (nth \"abc\" 1.7)]") ==
        "[0 2 3 2 :nf \\b]");
  CHECK(evp("[(get {:a 1} :a) (get {:a 1} :b 2) (get [1 2] 1) (get nil 1)]") == "[1 2 2 nil]");
  CHECK(evp("[(assoc {} :a 1 :b 2) (assoc [1] 1 2) (dissoc {:a 1 :b 2} :a :b) (dissoc {:a 1}) (dissoc nil :a)]") ==
        "[{:a 1, :b 2} [1 2] {} {:a 1} nil]");
  CHECK(error_of("(assoc {} 1 2 3)") ==
        "java.lang.IllegalArgumentException: assoc expects even number of arguments after map/vector, found odd number");
  CHECK(evp("[(list) (list 1 2) (list* nil) (list* 1 nil) (list* 1 2 [3]) (list* [])]") ==
        "[() (1 2) nil (1) (1 2 3) nil]");
  CHECK(evp("[(vector) (vector 1 2) (vec '(1 2)) (vec nil) (hash-set 1 1) (set [1 1 2]) (set nil)]") ==
        "[[] [1 2] [1 2] [] #{1} #{1 2} #{}]");
  CHECK(evp("(hash-map :a 1 :b 2 :c 3)") == "{:c 3, :b 2, :a 1}");  // always a PersistentHashMap
  CHECK(evp("(array-map :z 1 :y 2 :x 3)") == "{:z 1, :y 2, :x 3}");
  CHECK(error_of("(hash-map 1)") == "java.lang.IllegalArgumentException: No value supplied for key: 1");
  CHECK(evp("[(meta (with-meta [1] {:m 1})) (meta [1]) (meta (with-meta [1] nil))]") == "[{:m 1} nil nil]");
  CHECK(evp("[(contains? {:a 1} :a) (contains? #{1} 2) (contains? [1 2] 1) (contains? [1 2] 1.5) "
            "(contains? \"ab\" 1) (contains? nil 1)]") == "[true false true false true false]");
  CHECK(error_of("(contains? '(1) 1)") ==
        "java.lang.IllegalArgumentException: contains? not supported on type: clojure.lang.PersistentList");
  CHECK(evp("[(keys {:a 1 :b 2}) (vals {:a 1 :b 2}) (keys {}) (keys nil)]") == "[(:a :b) (1 2) nil nil]");
  CHECK(evp("[(key (first {:a 1})) (val (first {:a 1})) (find {:a 1} :a) (find {:a 1} :b) (find [1 2] 1)]") ==
        "[:a 1 [:a 1] nil [1 2]]");
  CHECK(error_of("(key [1 2])").rfind("java.lang.ClassCastException: class clojure.lang.PersistentVector cannot be "
                                      "cast to class java.util.Map$Entry",
                                      0) == 0);
  CHECK(evp("[(peek [1 2]) (peek '(1 2)) (peek nil) (pop [1 2]) (pop '(1 2)) (pop nil)]") ==
        "[2 1 nil [1] (2) nil]");
  CHECK(error_of("(pop ())") == "java.lang.IllegalStateException: Can't pop empty list");
  CHECK(evp("(peek (cons 1 nil))") == "1");  // (cons x nil) is a PersistentList
  CHECK(error_of("(peek (cons 1 [2]))").rfind("java.lang.ClassCastException: class clojure.lang.Cons", 0) == 0);
  CHECK(evp("[(subvec [1 2 3 4] 1) (subvec [1 2 3 4] 1 3) (subvec [1] 1)]") == "[[2 3 4] [2 3] []]");
  CHECK(error_of("(subvec [1 2 3] 2 1)") == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(evp("[(disj #{1 2} 1) (disj #{1}) (disj nil 1) (rseq [1 2 3]) (rseq []) (reverse [1 2 3]) (reverse nil)]") ==
        "[#{2} #{1} nil (3 2 1) nil (3 2 1) ()]");
  CHECK(evp("[(range 5) (range 2 7) (range 0 20 5) (range 10 0 -3) (range 0) (range 5 5)]") ==
        "[(0 1 2 3 4) (2 3 4 5 6) (0 5 10 15) (10 7 4 1) () ()]");
  CHECK(evp("[(first (next (range))) (range 0 1 0.25) (range 2.5) (range 1 3 0.5) (first (rest (range 0 5 0)))]") ==
        "[1 (0 0.25 0.5 0.75) (0 1 2) (1 1.5 2.0 2.5) 0]");
  CHECK(evp("(let* [s (make-lazy-seq (fn* [] (list 1 2)))] [(realized? s) (first s) (realized? s)])") ==
        "[false 1 true]");
}

TEST_CASE("natives: sort") {
  Fresh f;
  CHECK(evp("[(sort [3 1 2]) (sort []) (sort nil) (sort [2.5 1 3]) (sort [\"b\" \"a\" \"C\"]) (sort [:b :a])]") ==
        "[(1 2 3) () () (1 2.5 3) (\"C\" \"a\" \"b\") (:a :b)]");
  CHECK(evp("[(sort > [3 1 2]) (sort compare [3 nil 1]) (sort (fn* [a b] (< b a)) [1 5 3])]") ==
        "[(3 2 1) (nil 1 3) (5 3 1)]");
  CHECK(evp("(sort (fn* [a b] (- b a)) [1 3 2])") == "(3 2 1)");
  // stable: equal keys keep their order
  CHECK(evp("(sort (fn* [a b] (compare (first a) (first b))) [[2 :b] [1 :z] [2 :a] [1 :a]])") ==
        "([1 :z] [1 :a] [2 :b] [2 :a])");
  CHECK(evp("(vec (sort (vec (range 40 0 -1))))") == evp("(vec (range 1 41))"));
  CHECK(evp("(meta (sort (with-meta [2 1] {:a 1})))") == "{:a 1}");
  CHECK(error_of("(sort [1 \"a\"])").rfind("java.lang.ClassCastException", 0) == 0);
  CHECK(error_of("(sort :k [1 2])").rfind("java.lang.ClassCastException: class clojure.lang.Keyword cannot be cast "
                                          "to class java.util.Comparator",
                                          0) == 0);
}

TEST_CASE("natives: atoms, swap!, watches and validators") {
  Fresh f;
  ev("(def a (atom 0))");
  CHECK(evp("[(deref a) (swap! a inc) (swap! a + 10) (swap! a (fn* [x y z] (+ x y z)) 1 2)]") == "[0 1 11 14]");
  CHECK(evp("[(swap-vals! a inc) (reset-vals! a :new) (deref a)]") == "[[14 15] [15 :new] :new]");
  CHECK(evp("[(reset! a 5) (compare-and-set! a 5 6) (deref a) (compare-and-set! a 5 7) (deref a)]") ==
        "[5 true 6 false 6]");
  CHECK(evp("(let* [v [1]] (reset! a v) [(compare-and-set! a [1] 2) (compare-and-set! a v 3) (deref a)])") ==
        "[false true 3]");
  // validators
  ev("(def v (atom 1 :validator pos?))");
  CHECK(evp("(swap! v inc)") == "2");
  CHECK(error_of("(reset! v -1)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(error_of("(swap! v - 100)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(error_of("(compare-and-set! v 2 -1)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(evp("(deref v)") == "2");
  CHECK(evp("(fn? (get-validator v))") == "true");
  CHECK(error_of("(set-validator! v neg?)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(evp("[(set-validator! v nil) (reset! v -5) (get-validator v)]") == "[nil -5 nil]");
  CHECK(error_of("(atom -1 :validator pos?)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(evp("(meta (atom 1 :meta {:m 1}))") == "{:m 1}");
  // watches: (f key ref old new), also when the value does not change
  ev("(def log (atom []))");
  ev("(def w (atom 0))");
  CHECK(evp("(identical? w (add-watch w :k (fn* [k r o n] (swap! log conj [k (identical? r w) o n]))))") == "true");
  ev("(swap! w inc) (reset! w 10) (reset! w 10) (compare-and-set! w 10 11) (compare-and-set! w 99 12)");
  CHECK(evp("(deref log)") == "[[:k true 0 1] [:k true 1 10] [:k true 10 10] [:k true 10 11]]");
  ev("(remove-watch w :k) (swap! w inc)");
  CHECK(evp("[(count (deref log)) (deref w)]") == "[4 12]");
  // a failing validator notifies nobody
  ev("(def b (atom 0 :validator even?)) (add-watch b :w (fn* [k r o n] (swap! log conj n)))");
  CHECK(error_of("(swap! b + 1)") == "java.lang.IllegalStateException: Invalid reference state");
  CHECK(evp("[(count (deref log)) (swap! b + 2) (peek (deref log))]") == "[4 2 2]");
  // f changing the atom makes swap! retry with the new value
  ev("(def c (atom 0)) (def calls (atom 0))");
  CHECK(evp("(swap! c (fn* [x] (swap! calls inc) (if (= (deref calls) 1) (reset! c 100)) (inc x)))") == "101");
  CHECK(evp("(deref calls)") == "2");
  CHECK(error_of("(swap! (volatile! 1) inc)").rfind("java.lang.ClassCastException: class clojure.lang.Volatile", 0) == 0);
  CHECK(error_of("(atom 1 :meta)") == "java.lang.IllegalArgumentException: No value supplied for key: :meta");
  // reset-meta! / alter-meta!
  CHECK(evp("(let* [x (atom 1)] (reset-meta! x {:a 1}) (alter-meta! x assoc :b 2) (meta x))") == "{:a 1, :b 2}");
}

TEST_CASE("natives: volatiles, delays, deref") {
  Fresh f;
  CHECK(evp("(let* [v (volatile! 0)] [(deref v) (vreset! v 5) (deref v) (volatile? v) (volatile? (atom 1))])") ==
        "[0 5 5 true false]");
  ev("(def n (atom 0))");
  ev("(def d (make-delay (fn* [] (swap! n inc) :value)))");
  CHECK(evp("[(realized? d) (delay? d) (delay? 5)]") == "[false true false]");
  CHECK(evp("[(force d) (deref d) (force d) (realized? d) (deref n)]") == "[:value :value :value true 1]");
  CHECK(evp("[(force 5) (force nil)]") == "[5 nil]");
  // an error is cached and rethrown; the fn runs once
  ev("(def bad (make-delay (fn* [] (swap! n inc) (throw (ex-info \"delay failed\" {})))))");
  CHECK(error_of("(deref bad)") == "clojure.lang.ExceptionInfo: delay failed");
  CHECK(error_of("(force bad)") == "clojure.lang.ExceptionInfo: delay failed");
  CHECK(evp("[(deref n) (realized? bad)]") == "[2 true]");
  CHECK(evp("(identical? (deref (var n)) n)") == "true");
  CHECK(error_of("(deref 5)").rfind("java.lang.ClassCastException: class java.lang.Long cannot be cast to class "
                                    "java.util.concurrent.Future",
                                    0) == 0);
  CHECK(error_of("(realized? 5)").rfind("java.lang.ClassCastException: class java.lang.Long cannot be cast to "
                                        "class clojure.lang.IPending",
                                        0) == 0);
}

TEST_CASE("natives: ex-info, ex-data, throwables") {
  Fresh f;
  ev("(def e1 (ex-info \"Something failed\" {:code 42}))");
  CHECK(evp("[(ex-message e1) (ex-data e1) (ex-cause e1)]") == "[\"Something failed\" {:code 42} nil]");
  ev("(def e2 (ex-info \"Wrapper\" {:level 2} e1))");
  CHECK(evp("[(ex-message (ex-cause e2)) (ex-data (ex-cause e2))]") == "[\"Something failed\" {:code 42}]");
  CHECK(evp("[(ex-data nil) (ex-message nil) (ex-cause nil) (ex-data 5) (ex-message \"s\")]") ==
        "[nil nil nil nil nil]");
  CHECK(error_of("(ex-info \"bad\" nil)") == "java.lang.IllegalArgumentException: Additional data must be non-nil.");
  CHECK(error_of("(ex-info \"bad\" 5)").rfind("java.lang.ClassCastException: class java.lang.Long cannot be cast to "
                                              "class clojure.lang.IPersistentMap",
                                              0) == 0);
  CHECK(evp("(try (throw (ex-info \"boom\" {:x 1})) (catch clojure.lang.ExceptionInfo e (ex-data e)))") == "{:x 1}");
  CHECK(evp("(try (throw (ex-info \"boom\" {})) (catch RuntimeException e (ex-message e)))") == "\"boom\"");
  ev("(def rt (folio-throwable \"java.lang.RuntimeException\" \"rt msg\"))");
  CHECK(evp("[(ex-message rt) (ex-data rt) (try (throw rt) (catch Exception e :caught))]") ==
        "[\"rt msg\" nil :caught]");
  CHECK(evp("(ex-message (folio-throwable \"java.lang.Exception\"))") == "nil");
  CHECK(evp("(ex-message (ex-cause (folio-throwable \"java.lang.Exception\" \"m\" rt)))") == "\"rt msg\"");
  CHECK(evp("(ex-message (folio-throwable \"java.lang.Exception\" rt))") == "\"java.lang.RuntimeException: rt msg\"");
  CHECK(evp("(try (throw (folio-throwable \"java.lang.ArithmeticException\" \"x\")) "
            "(catch ArithmeticException e (ex-message e)))") == "\"x\"");
}

TEST_CASE("natives: output through *out*, string writers and readers, files") {
  Fresh f;
  CHECK(out_of("(do (prn [1 \"a\"] \\b) (print \"x\" 1 \\c) (println) (pr nil) (newline) (println \"y\" [\"z\"]))") ==
        "[1 \"a\"] \\b\nx 1 c\nnil\ny [z]\n");
  CHECK(out_of("(do (pr) (prn) (print) (println) (flush))") == "\n\n");
  // a lazy seq failing while printed: what was printed before stays written
  CHECK(evs("(let* [w (folio-new-string-writer)]"
            "  (push-thread-bindings (hash-map (var *out*) w))"
            "  (try (prn :a (cons 1 (make-lazy-seq (fn* [] (throw (ex-info \"late\" {}))))))"
            "    (catch Exception e nil)"
            "    (finally (pop-thread-bindings)))"
            "  (folio-writer-str w))") == ":a (1");
  // nested writers
  CHECK(out_of("(do (print \"outer \") (print (let* [w2 (folio-new-string-writer)]"
               "  (push-thread-bindings (hash-map (var *out*) w2)) (print \"inner\") (pop-thread-bindings)"
               "  (folio-writer-str w2))))") == "outer inner");
  CHECK(error_of("(push-thread-bindings (hash-map (var *out*) 5)) (try (print 1) (finally (pop-thread-bindings)))")
            .rfind("java.lang.ClassCastException: class java.lang.Long cannot be cast to class java.io.Writer", 0) == 0);
  // read-line from a string reader bound to *in*
  CHECK(evp("(let* [r (folio-new-string-reader \"one\\r\\ntwo\\n\\nlast\")]"
            "  (push-thread-bindings (hash-map (var *in*) r))"
            "  (try [(read-line) (read-line) (read-line) (read-line) (read-line)]"
            "    (finally (pop-thread-bindings))))") == "[\"one\" \"two\" \"\" \"last\" nil]");
  // a collected string writer releases its buffer (and the heap stays consistent)
  ev("(loop* [i 0] (if (< i 2000) (do (folio-new-string-writer) (recur (inc i))) nil))");
  g_heap->collect();
  CHECK(out_of("(print :after-gc)") == ":after-gc");
  // files
  char tmpl[] = "/tmp/folio_natives_XXXXXX";
  int fd = mkstemp(tmpl);
  REQUIRE(fd >= 0);
  close(fd);
  std::string path = tmpl;
  ev("(spit \"" + path + "\" \"hello \")");
  ev("(spit \"" + path + "\" [1 2] :append true)");
  CHECK(evp("(slurp \"" + path + "\")") == "\"hello [1 2]\"");
  ev("(spit \"" + path + "\" \"over\")");
  CHECK(evp("(slurp \"" + path + "\")") == "\"over\"");
  std::remove(path.c_str());
  CHECK(error_of("(slurp \"/nonexistent/x\")") ==
        "java.io.FileNotFoundException: /nonexistent/x (No such file or directory)");
  CHECK(error_of("(slurp \"/tmp\")") == "java.io.FileNotFoundException: /tmp (Is a directory)");
  CHECK(error_of("(spit \"/nonexistent/x\" 1)") ==
        "java.io.FileNotFoundException: /nonexistent/x (No such file or directory)");
}

TEST_CASE("natives: vars, namespaces, eval") {
  Fresh f;
  ev("(def x 1)");
  CHECK(evp("(var-get (var x))") == "1");
  CHECK(error_of("(var-set (var x) 2)") ==
        "java.lang.IllegalStateException: Can't change/establish root binding of: x with set");
  CHECK(error_of("(set! x 2)") == "java.lang.IllegalStateException: Can't change/establish root binding of: x with set");
  CHECK(evp("(alter-var-root (var x) + 10 100)") == "111");
  CHECK(evp("x") == "111");
  CHECK(evp("[(bound? (var x)) (thread-bound? (var x)) (bound? (intern *ns* 'unbound-one))]") == "[true false false]");
  // dynamic binding: var-set changes the thread binding only
  ev("(def dyn 1)");
  set_slot(ev("(var dyn)"), kVarFlags, Value::fixnum(var_flags(ev("(var dyn)")) | kVarDynamic));
  CHECK(evp("(do (push-thread-bindings (hash-map (var dyn) 2))"
            "  (try [(thread-bound? (var dyn)) (var-set (var dyn) 3) dyn] (finally (pop-thread-bindings))))") ==
        "[true 3 3]");
  CHECK(evp("dyn") == "1");
  CHECK(error_of("(pop-thread-bindings)") == "java.lang.IllegalStateException: Pop without matching push");
  // finding and resolving
  CHECK(evp("[(find-var 'clojure.core/first) (find-var 'user/x) (find-var 'user/nope)]") ==
        "[#'clojure.core/first #'user/x nil]");
  CHECK(error_of("(find-var 'nope)") == "java.lang.IllegalArgumentException: Symbol must be namespace-qualified");
  CHECK(error_of("(find-var 'nope/x)") == "java.lang.IllegalArgumentException: No such namespace: nope");
  CHECK(evp("[(resolve 'x) (resolve 'first) (resolve 'clojure.core/first) (resolve 'nope) (resolve 'no.ns/x)]") ==
        "[#'user/x #'clojure.core/first #'clojure.core/first nil nil]");
  CHECK(evp("[(resolve {'x 1} 'x) (ns-resolve 'clojure.core 'first) (ns-resolve *ns* 'x)]") ==
        "[nil #'clojure.core/first #'user/x]");
  // namespaces
  CHECK(evp("[(ns-name (create-ns 'my.lib)) (ns-name (the-ns 'my.lib)) (find-ns 'no.such) (ns-name *ns*)]") ==
        "[my.lib my.lib nil user]");
  CHECK(error_of("(the-ns 'nope)") == "java.lang.Exception: No namespace: nope found");
  CHECK(evp("(do (intern 'my.lib 'v 42) (intern 'my.lib (with-meta 'hidden {:private true}) 1) (var-get "
            "(find-var 'my.lib/v)))") == "42");
  CHECK(evp("(:private (meta (find-var 'my.lib/hidden)))") == "true");
  CHECK(evp("[(count (ns-interns 'my.lib)) (count (ns-publics 'my.lib))]") == "[2 1]");
  ev("(alias 'ml 'my.lib)");
  CHECK(evp("[(resolve 'ml/v) (identical? (get (ns-aliases *ns*) 'ml) (find-ns 'my.lib))]") == "[#'my.lib/v true]");
  CHECK(evp("ml/v") == "42");
  CHECK(evp("(do (refer 'my.lib :only '[v]) v)") == "42");
  CHECK(error_of("(refer 'my.lib :only '[hidden])").find("hidden is not public") != std::string::npos);
  CHECK(error_of("(refer 'no.such)") == "java.lang.Exception: No namespace: no.such");
  CHECK(evp("(do (refer 'my.lib :rename '{v vv}) vv)") == "42");
  // in-ns switches *ns* (its root here: no binding)
  CHECK(evp("(ns-name (in-ns 'other.ns))") == "other.ns");
  CHECK(evp("(clojure.core/ns-name clojure.core/*ns*)") == "other.ns");
  ev("(clojure.core/in-ns 'user)");
  CHECK(evp("(some? (first (all-ns)))") == "true");
  // eval, read-string, load-string, macroexpand
  CHECK(evp("(eval (list '+ 1 2))") == "3");
  CHECK(evp("(eval '(do (def evald 5) (inc evald)))") == "6");
  CHECK(evp("(read-string \"(1 [2] {:a \\\"b\\\"})\")") == "(1 [2] {:a \"b\"})");
  CHECK(evp("[(read-string \"x y\") (read-string {:eof :done} \"\")]") == "[x :done]");
  CHECK(error_of("(read-string \"\")") == "java.lang.RuntimeException: EOF while reading");
  CHECK(evp("(load-string \"(def ls 7) (* ls 6)\")") == "42");
  ev("(def twice (fn* [&form &env x] (list 'do x x)))");
  set_slot(ev("(var twice)"), kVarFlags, Value::fixnum(var_flags(ev("(var twice)")) | kVarMacro));
  CHECK(evp("(macroexpand-1 '(twice (prn 1)))") == "(do (prn 1) (prn 1))");
  CHECK(evp("(macroexpand '(twice 1))") == "(do 1 1)");
  CHECK(evp("(macroexpand '(not-a-macro 1))") == "(not-a-macro 1)");
}

TEST_CASE("natives: apply, type, class, system") {
  Fresh f;
  CHECK(evp("[(apply + [1 2]) (apply + 1 2 [3 4]) (apply str \"a\" nil) (apply list 1 '(2))]") ==
        "[3 10 \"a\" (1 2)]");
  CHECK(evp("(apply (fn* [& xs] xs) 1 (make-lazy-seq (fn* [] (list 2 3))))") == "(1 2 3)");
  CHECK(evp("(apply swap! (atom 1) + [2 3])") == "6");
  CHECK(evp("[(class 1) (class \"s\") (class nil) (class [1]) (type (with-meta [1] {:type :mine}))]") ==
        "[java.lang.Long java.lang.String nil clojure.lang.PersistentVector :mine]");
  CHECK(evp("(let* [a (folio-nano-time) b (folio-nano-time)] (<= a b))") == "true");
  CHECK(evp("(< 1600000000000 (folio-current-time-millis))") == "true");
  setenv("FOLIO_NATIVES_TEST", "yes", 1);
  CHECK(evp("[(folio-getenv \"FOLIO_NATIVES_TEST\") (folio-getenv \"FOLIO_NO_SUCH_VAR_X\")]") == "[\"yes\" nil]");
  CHECK(evp("(get (folio-getenv) \"FOLIO_NATIVES_TEST\")") == "\"yes\"");
}

TEST_CASE("natives: the collector runs inside gc-safe natives that run Clojure code") {
  Fresh f;
  // garbage made inside apply and inside a delay's fn: collections may run there
  const char* churn =
      "(fn* [] (loop* [i 0 keep []] (if (< i 300000) (recur (inc i) (if (= 0 (rem i 1000)) (conj keep [i]) "
      "(do (vector i i i) keep))) (count keep))))";
  uint64_t before = g_heap->stats().collections;
  CHECK(evp(std::string("(apply ") + churn + " [])") == "300");
  CHECK(evp(std::string("(deref (make-delay ") + churn + "))") == "300");
  CHECK(evp(std::string("(eval (list ") + churn + "))") == "300");
  INFO("collections: " << g_heap->stats().collections - before);
  CHECK(g_heap->stats().collections > before);
  // values made before the collections are intact
  ev("(def kept (vec (range 1000)))");
  ev(std::string("(apply ") + churn + " [])");
  CHECK(evp("(apply + kept)") == "499500");
}

// Natives called from C++ (here through apply) get their args above the VM's
// top frame; realizing a lazy seq runs a frame there. The natives copy first.
TEST_CASE("natives: args survive Clojure code run by a native called from C++") {
  Fresh f;
  CHECK(out_of("(apply println \"x\" [(make-lazy-seq (fn* [] (list 1 2))) \"y\" \"z\"])") == "x (1 2) y z\n");
  CHECK(evp("(apply = [(make-lazy-seq (fn* [] (list 1 2))) [1 2] [1 2]])") == "true");
  CHECK(evs("(apply str [(make-lazy-seq (fn* [] (list 1 2))) \"y\" \"z\"])") == "clojure.lang.LazySeq@3e2yz");
  CHECK(evp("(apply hash-set [(make-lazy-seq (fn* [] (list 1))) 2 3])") == "#{3 2 (1)}");
  CHECK(evp("(apply assoc {} [(make-lazy-seq (fn* [] (list 1))) 2 3 4])") == "{(1) 2, 3 4}");
  CHECK(evp("(swap! (atom #{}) conj (make-lazy-seq (fn* [] (list 1))))") == "#{(1)}");
}
