// Unit tests for print_value (pr / print), print_double and class_name.
// Expected strings are JVM Clojure 1.11 output (the programs are quoted above
// each group; tests/programs/005_print_scalars and 006_print_collections too).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "coll_test_util.h"

using namespace folio;
using namespace folio::test;

namespace {
std::string dbl(double d) {
  std::string s;
  print_double(s, d);
  return s;
}
std::string jstr(double d) {
  std::string s;
  double_to_string(s, d);
  return s;
}
Value obj_with(Type t, std::initializer_list<Value> slots) {
  Value o = alloc_slots(t, uint32_t(slots.size()));
  uint32_t i = 0;
  for (Value v : slots) init_slot(o, i++, v);
  return o;
}
}  // namespace

TEST_CASE("scalars print as pr and print do") {
  ensure_heap();
  CHECK(pr_str(kNil) == "nil");
  CHECK(pr_str(kTrue) == "true");
  CHECK(pr_str(kFalse) == "false");
  CHECK(pr_str(L(42)) == "42");
  CHECK(pr_str(L(-7)) == "-7");
  CHECK(pr_str(L(INT64_MAX)) == "9223372036854775807");
  CHECK(pr_str(L(INT64_MIN)) == "-9223372036854775808");
  // (prn "hello" "" "with \"quotes\"" "back\\slash") / println of the same
  CHECK(pr_str(S("with \"quotes\"")) == "\"with \\\"quotes\\\"\"");
  CHECK(pr_str(S("back\\slash")) == "\"back\\\\slash\"");
  CHECK(print_str(S("with \"quotes\"")) == "with \"quotes\"");
  CHECK(pr_str(S("")) == "\"\"");
  // (prn "line1\nline2" "tab\there" "cr\r" "ff\f" "bs\b")
  CHECK(pr_str(S("line1\nline2")) == "\"line1\\nline2\"");
  CHECK(pr_str(S("tab\there cr\r ff\f bs\b")) == "\"tab\\there cr\\r ff\\f bs\\b\"");
  // control characters and non-ASCII print raw, even with pr:
  // (prn (str "a" (char 1) "b" (char 0xe9) (char 127))) => "a\u0001bé\u007f" as raw bytes
  CHECK(pr_str(S("a\x01" "b\xC3\xA9\x7F")) == "\"a\x01" "b\xC3\xA9\x7F\"");
  // (prn \a \Z \0 \space \newline \tab \return \backspace \formfeed)
  CHECK(pr_str(C('a')) == "\\a");
  CHECK(pr_str(C('0')) == "\\0");
  CHECK(pr_str(C(' ')) == "\\space");
  CHECK(pr_str(C('\n')) == "\\newline");
  CHECK(pr_str(C('\t')) == "\\tab");
  CHECK(pr_str(C('\r')) == "\\return");
  CHECK(pr_str(C('\b')) == "\\backspace");
  CHECK(pr_str(C('\f')) == "\\formfeed");
  // (prn \\ \" \( \;) => \\ \" \( \;   (println ...) => \ " ( ;
  CHECK(pr_str(C('\\')) == "\\\\");
  CHECK(pr_str(C('"')) == "\\\"");
  CHECK(print_str(C('"')) == "\"");
  CHECK(print_str(C('\n')) == "\n");
  // (prn (char 1) (char 0xe9)) => backslash then the raw character
  CHECK(pr_str(C(1)) == "\\\x01");
  CHECK(pr_str(C(0xE9)) == "\\\xC3\xA9");
  CHECK(pr_str(C(0x1F600)) == "\\\xF0\x9F\x98\x80");
  // (prn :kw :ns/kw :a.b/c-d :x?) and symbols
  CHECK(pr_str(K("kw")) == ":kw");
  CHECK(pr_str(K("ns/kw")) == ":ns/kw");
  CHECK(pr_str(K("a.b/c-d")) == ":a.b/c-d");
  CHECK(print_str(K("x?")) == ":x?");
  CHECK(pr_str(Sym("a.b.c/d")) == "a.b.c/d");
  CHECK(pr_str(Sym("/")) == "/");
  CHECK(print_str(Sym("foo-bar?")) == "foo-bar?");
}

TEST_CASE("doubles print as Java's Double.toString, infinities as ##Inf") {
  ensure_heap();
  // (prn 1.0 -1.0 0.0 -0.0 1.5 3.14 100.0 0.1)
  CHECK(dbl(1.0) == "1.0");
  CHECK(dbl(-1.0) == "-1.0");
  CHECK(dbl(0.0) == "0.0");
  CHECK(dbl(-0.0) == "-0.0");
  CHECK(dbl(3.14) == "3.14");
  CHECK(dbl(100.0) == "100.0");
  CHECK(dbl(0.1) == "0.1");
  // (prn (+ 0.1 0.2) (* 1.1 1.1) (/ 1.0 3))
  CHECK(dbl(0.1 + 0.2) == "0.30000000000000004");
  CHECK(dbl(1.1 * 1.1) == "1.2100000000000002");
  CHECK(dbl(1.0 / 3) == "0.3333333333333333");
  // (prn 1e3 1e6 9999999.0 1e7 1.5e7 12345678.9 1e21 1.0e-3 1e-4 0.00012)
  CHECK(dbl(1e3) == "1000.0");
  CHECK(dbl(1e6) == "1000000.0");
  CHECK(dbl(9999999.0) == "9999999.0");
  CHECK(dbl(1e7) == "1.0E7");
  CHECK(dbl(1.5e7) == "1.5E7");
  CHECK(dbl(12345678.9) == "1.23456789E7");
  CHECK(dbl(1e21) == "1.0E21");
  CHECK(dbl(1.0e-3) == "0.001");
  CHECK(dbl(1e-4) == "1.0E-4");
  CHECK(dbl(0.00012) == "1.2E-4");
  CHECK(dbl(1.234e-5) == "1.234E-5");
  CHECK(dbl(123456.789) == "123456.789");
  CHECK(dbl(6.02e23) == "6.02E23");
  CHECK(dbl(1.6e-19) == "1.6E-19");
  CHECK(dbl(110.00000000000001) == "110.00000000000001");
  // (println (str Double/MAX_VALUE Double/MIN_NORMAL 4.9E-324 1e16 1e100))
  CHECK(dbl(1.7976931348623157e308) == "1.7976931348623157E308");
  CHECK(dbl(2.2250738585072014e-308) == "2.2250738585072014E-308");
  CHECK(dbl(4.9e-324) == "4.9E-324");
  CHECK(dbl(1e16) == "1.0E16");
  CHECK(dbl(1e100) == "1.0E100");
  // JDK 17 prints integer doubles in [2^54, 2^63) from the exact long:
  // (println (Double/toString (Double/longBitsToDouble 4878259752419601590)))
  //   => 1.37342863480957901E18
  double big;
  uint64_t bits = 4878259752419601590ull;
  std::memcpy(&big, &bits, 8);
  CHECK(dbl(big) == "1.37342863480957901E18");
  // (prn (/ 1.0 0) (/ -1.0 0) (/ 0.0 0.0)) and println of the same
  CHECK(dbl(INFINITY) == "##Inf");
  CHECK(dbl(-INFINITY) == "##-Inf");
  CHECK(dbl(NAN) == "##NaN");
  CHECK(print_str(D(INFINITY)) == "##Inf");
  // (str (/ 1.0 0)) => "Infinity"
  CHECK(jstr(INFINITY) == "Infinity");
  CHECK(jstr(-INFINITY) == "-Infinity");
  CHECK(jstr(NAN) == "NaN");
  CHECK(jstr(2.5) == "2.5");
  CHECK(pr_str(V({D(1.0), D(2.5), D(-0.125)})) == "[1.0 2.5 -0.125]");
}

TEST_CASE("collections print as JVM Clojure prints them") {
  ensure_heap();
  // (prn [1 2 3] [] [[]] [nil true false])
  CHECK(pr_str(V({L(1), L(2), L(3)})) == "[1 2 3]");
  CHECK(pr_str(empty_vector()) == "[]");
  CHECK(pr_str(V({empty_vector()})) == "[[]]");
  CHECK(pr_str(V({kNil, kTrue, kFalse})) == "[nil true false]");
  // (prn '(1 2 3) '() (list nil))
  CHECK(pr_str(Lst({L(1), L(2), L(3)})) == "(1 2 3)");
  CHECK(pr_str(empty_list()) == "()");
  CHECK(pr_str(Lst({kNil})) == "(nil)");
  // (prn {:a 1 :b 2} {} {:a {:b {:c 1}}})
  CHECK(pr_str(M({K("a"), L(1), K("b"), L(2)})) == "{:a 1, :b 2}");
  CHECK(pr_str(empty_map()) == "{}");
  CHECK(pr_str(M({K("a"), M({K("b"), M({K("c"), L(1)})})})) == "{:a {:b {:c 1}}}");
  // (prn {"k" "v" 1 2 nil nil [1] '(2)})
  CHECK(pr_str(M({S("k"), S("v"), L(1), L(2), kNil, kNil, V({L(1)}), Lst({L(2)})})) ==
        "{\"k\" \"v\", 1 2, nil nil, [1] (2)}");
  // (prn #{} #{1} #{:only})
  CHECK(pr_str(empty_set()) == "#{}");
  CHECK(pr_str(Set({L(1)})) == "#{1}");
  CHECK(pr_str(Set({K("only")})) == "#{:only}");
  // (prn ["a" \b :c 'd 1.5 nil]) / (println ...)
  Value mixed = V({S("a"), C('b'), K("c"), Sym("d"), D(1.5), kNil});
  CHECK(pr_str(mixed) == "[\"a\" \\b :c d 1.5 nil]");
  CHECK(print_str(mixed) == "[a b :c d 1.5 nil]");
  // (prn {:name "Ann" :tags ["x" "y"] :ch \z}) / (println ...)
  Value ann = M({K("name"), S("Ann"), K("tags"), V({S("x"), S("y")}), K("ch"), C('z')});
  CHECK(pr_str(ann) == "{:name \"Ann\", :tags [\"x\" \"y\"], :ch \\z}");
  CHECK(print_str(ann) == "{:name Ann, :tags [x y], :ch z}");
  // (prn (seq {:a 1 :b 2}) (first {:a 1}) (vec {:a 1}))
  CHECK(pr_str(seq(M({K("a"), L(1), K("b"), L(2)}))) == "([:a 1] [:b 2])");
  CHECK(pr_str(first(M({K("a"), L(1)}))) == "[:a 1]");
  // (prn (cons 1 '(2 3)) (cons 1 nil) (cons 1 [2 3]))
  CHECK(pr_str(make_cons(L(1), Lst({L(2), L(3)}))) == "(1 2 3)");
  CHECK(pr_str(make_cons(L(1), kNil)) == "(1)");
  CHECK(pr_str(make_cons(L(1), V({L(2), L(3)}))) == "(1 2 3)");
  // (println (seq [1 2]) (seq "ab")) and ranges
  CHECK(pr_str(seq(V({L(1), L(2)}))) == "(1 2)");
  CHECK(print_str(seq(S("ab"))) == "(a b)");
  CHECK(pr_str(seq(S("ab"))) == "(\\a \\b)");
  CHECK(pr_str(make_range(0, 5, 1)) == "(0 1 2 3 4)");
  CHECK(pr_str(make_range(0, 0, 1)) == "()");
  CHECK(pr_str(make_lazy_seq(kNil)) == "()");
  // (prn {[1 2] :vec-key {:nested 1} :map-key})
  CHECK(pr_str(M({V({L(1), L(2)}), K("vec-key"), M({K("nested"), L(1)}), K("map-key")})) ==
        "{[1 2] :vec-key, {:nested 1} :map-key}");
  // (prn (hash-map :b 1 :a 2 :c 3)) => {:c 3, :b 1, :a 2}
  CHECK(pr_str(HM({K("b"), L(1), K("a"), L(2), K("c"), L(3)})) == "{:c 3, :b 1, :a 2}");
  // (prn (into #{} (map str (range 15))))
  Value s15 = empty_set();
  for (int i = 0; i < 15; ++i) s15 = set_conj(s15, make_string(std::to_string(i)));
  CHECK(pr_str(s15) == "#{\"9\" \"3\" \"4\" \"8\" \"14\" \"7\" \"5\" \"12\" \"13\" \"6\" \"1\" \"0\" \"11\" \"2\" \"10\"}");
  // (print [1 "2"] '("3" \4))
  CHECK(print_str(V({L(1), S("2")})) == "[1 2]");
  CHECK(print_str(Lst({S("3"), C('4')})) == "(3 4)");
  CHECK(pr_str(map_entry(K("k"), S("v"))) == "[:k \"v\"]");
  Value arr = make_array(1);
  CHECK(pr_str(seq(arr)) == "(nil)");
}

TEST_CASE("vars, reference cells, regexes, errors and other objects") {
  ensure_heap();
  Value ns = obj_with(Type::kNamespace, {Sym("my.ns"), kNil, kNil, kNil});
  Value var = obj_with(Type::kVar, {ns, Sym("x"), L(1), kNil, Value::fixnum(0)});
  CHECK(pr_str(var) == "#'my.ns/x");
  CHECK(print_str(var) == "#'my.ns/x");
  CHECK(class_name(var) == std::string("clojure.lang.Var"));
  std::string nsp = pr_str(ns);
  CHECK(nsp.starts_with("#object[clojure.lang.Namespace 0x"));
  CHECK(nsp.ends_with(" \"my.ns\"]"));
  // (prn (atom 1) (volatile! 2) (delay 3) (ref 4) (promise))
  // => #object[clojure.lang.Atom 0x53b98ff6 {:status :ready, :val 1}] ...
  Value atom = obj_with(Type::kAtom, {L(1), kNil, kNil, kNil});
  std::string a = pr_str(atom);
  CHECK(a.starts_with("#object[clojure.lang.Atom 0x"));
  CHECK(a.ends_with(" {:status :ready, :val 1}]"));
  CHECK(print_str(obj_with(Type::kAtom, {S("s"), kNil, kNil, kNil})).ends_with("{:status :ready, :val s}]"));
  CHECK(pr_str(obj_with(Type::kVolatile, {L(2)})).ends_with("{:status :ready, :val 2}]"));
  CHECK(pr_str(obj_with(Type::kVolatile, {L(2)})).starts_with("#object[clojure.lang.Volatile 0x"));
  Value pending = obj_with(Type::kDelay, {K("some-fn"), kNil, kNil});
  CHECK(pr_str(pending).starts_with("#object[clojure.lang.Delay 0x"));
  CHECK(pr_str(pending).ends_with("{:status :pending, :val nil}]"));
  CHECK(pr_str(obj_with(Type::kDelay, {kNil, L(3), kNil})).ends_with("{:status :ready, :val 3}]"));
  CHECK(pr_str(obj_with(Type::kRef, {L(4), Value::fixnum(0), kNil, kNil, kNil})).ends_with("{:status :ready, :val 4}]"));
  CHECK(pr_str(obj_with(Type::kPromise, {kNil, kFalse})).ends_with("{:status :pending, :val nil}]"));
  // (prn #"a\"b\d" (re-pattern "x\"y")) => #"a\"b\d" #"x\"y"
  CHECK(pr_str(obj_with(Type::kRegex, {S("a\\\"b\\d")})) == "#\"a\\\"b\\d\"");
  CHECK(pr_str(obj_with(Type::kRegex, {S("x\"y")})) == "#\"x\\\"y\"");
  CHECK(print_str(obj_with(Type::kRegex, {S("x\"y")})) == "#\"x\\\"y\"");
  // (prn (ex-info "boom" {:a 1})) without the JVM frames
  Value data = M({K("a"), L(1)});
  Value ex = obj_with(Type::kThrowable, {S("clojure.lang.ExceptionInfo"), S("boom"), data, kNil, kNil});
  CHECK(pr_str(ex) ==
        "#error {\n :cause \"boom\"\n :data {:a 1}\n :via\n [{:type clojure.lang.ExceptionInfo\n"
        "   :message \"boom\"\n   :data {:a 1}}]\n :trace\n []}");
  Value cause = obj_with(Type::kThrowable, {S("java.lang.ArithmeticException"), S("Divide by zero"), kNil, kNil, kNil});
  Value wrapped = obj_with(Type::kThrowable, {S("java.lang.RuntimeException"), kNil, kNil, cause,
                                              V({S("user/f (x.clj:1)")})});
  CHECK(pr_str(wrapped) ==
        "#error {\n :cause \"Divide by zero\"\n :via\n [{:type java.lang.RuntimeException\n   :message nil}\n"
        "  {:type java.lang.ArithmeticException\n   :message \"Divide by zero\"}]\n :trace\n"
        " [\"user/f (x.clj:1)\"]}");
  CHECK(class_name(ex) == std::string("clojure.lang.ExceptionInfo"));
  // plain objects
  std::string ar = pr_str(make_array(2));
  CHECK(ar.starts_with("#object[\"[Ljava.lang.Object;\" 0x"));
  Value fnobj = native_obj(0, "clojure.core/inc");
  std::string f = pr_str(fnobj);
  CHECK(f.starts_with("#object[clojure.core$inc 0x"));
  CHECK(f.ends_with("\"]"));
}

TEST_CASE("class names") {
  ensure_heap();
  CHECK(class_name(kNil) == nullptr);
  auto cn = [](Value v) { return std::string(class_name(v)); };
  CHECK(cn(L(1)) == "java.lang.Long");
  CHECK(cn(L(INT64_MAX)) == "java.lang.Long");
  CHECK(cn(D(1.0)) == "java.lang.Double");
  CHECK(cn(S("s")) == "java.lang.String");
  CHECK(cn(kTrue) == "java.lang.Boolean");
  CHECK(cn(C('c')) == "java.lang.Character");
  CHECK(cn(Sym("s")) == "clojure.lang.Symbol");
  CHECK(cn(K("k")) == "clojure.lang.Keyword");
  CHECK(cn(Lst({L(1)})) == "clojure.lang.PersistentList");
  CHECK(cn(empty_list()) == "clojure.lang.PersistentList$EmptyList");
  CHECK(cn(make_cons(L(1), V({L(2)}))) == "clojure.lang.Cons");
  CHECK(cn(make_lazy_seq(kNil)) == "clojure.lang.LazySeq");
  CHECK(cn(empty_vector()) == "clojure.lang.PersistentVector");
  CHECK(cn(map_entry(kNil, kNil)) == "clojure.lang.MapEntry");
  CHECK(cn(empty_map()) == "clojure.lang.PersistentArrayMap");
  CHECK(cn(HM({L(1), L(2)})) == "clojure.lang.PersistentHashMap");
  CHECK(cn(empty_set()) == "clojure.lang.PersistentHashSet");
  CHECK(cn(seq(V({L(1)}))) == "clojure.lang.PersistentVector$ChunkedSeq");
  CHECK(cn(make_range(0, 3, 1)) == "clojure.lang.LongRange");
  CHECK(cn(make_range(0, INT64_MAX, 1)) == "clojure.lang.Iterate");
  CHECK(cn(seq(S("ab"))) == "clojure.lang.StringSeq");
  CHECK(cn(obj_with(Type::kAtom, {kNil, kNil, kNil, kNil})) == "clojure.lang.Atom");
  CHECK(cn(obj_with(Type::kVolatile, {kNil})) == "clojure.lang.Volatile");
  CHECK(cn(obj_with(Type::kDelay, {kNil, kNil, kNil})) == "clojure.lang.Delay");
  CHECK(cn(obj_with(Type::kRef, {kNil, kNil, kNil, kNil, kNil})) == "clojure.lang.Ref");
  CHECK(cn(obj_with(Type::kNamespace, {Sym("n"), kNil, kNil, kNil})) == "clojure.lang.Namespace");
  CHECK(class_cast_message("java.lang.Long", "clojure.lang.IFn") ==
        "class java.lang.Long cannot be cast to class clojure.lang.IFn (java.lang.Long is in module "
        "java.base of loader 'bootstrap'; clojure.lang.IFn is in unnamed module of loader 'app')");
}
