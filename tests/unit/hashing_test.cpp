// Unit tests for equality, hashing, iteration order and compare, against JVM Clojure.
// Expected hash values and orders come from JVM Clojure 1.11 (the snippets are
// next to the numbers: run them with `clojure file.clj`).
#include <doctest/doctest.h>

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "coll_test_util.h"

using namespace folio;
using namespace folio::test;

TEST_CASE("equality across types") {
  ensure_heap();
  Value v = V({L(1), L(2), L(3)});
  CHECK(equiv(v, Lst({L(1), L(2), L(3)})));
  CHECK(equiv(Lst({L(1), L(2), L(3)}), v));
  CHECK(equiv(v, seq(v)));
  CHECK(equiv(v, make_range(1, 4, 1)));
  CHECK(equiv(make_range(1, 4, 1), v));
  CHECK(equiv(v, make_cons(L(1), V({L(2), L(3)}))));
  CHECK(!equiv(v, V({L(1), L(2)})));
  CHECK(!equiv(v, Lst({L(1), L(2), L(3), L(4)})));
  CHECK(!equiv(v, Set({L(1), L(2), L(3)})));
  CHECK(equiv(empty_vector(), empty_list()));
  CHECK(!equiv(empty_list(), kNil));
  CHECK(!equiv(empty_vector(), empty_map()));
  CHECK(equiv(map_entry(K("a"), L(1)), V({K("a"), L(1)})));
  CHECK(equiv(V({K("a"), L(1)}), map_entry(K("a"), L(1))));
  CHECK(!equiv(L(1), D(1.0)));
  CHECK(equiv(D(1.5), D(1.5)));
  Value nan = D(__builtin_nan(""));
  CHECK(!equiv(nan, nan));  // (= ##NaN ##NaN) is false, even for one object
  CHECK(equiv(make_long(INT64_MAX), make_long(INT64_MAX)));  // two boxed longs
  CHECK(!equiv(make_long(INT64_MAX), make_long(INT64_MIN)));
  CHECK(equiv(S("abc"), S("abc")));
  CHECK(!equiv(S("a"), C('a')));
  CHECK(equiv(Sym("ns/a"), Sym("ns/a")));
  CHECK(!equiv(Sym("ns/a"), Sym("a")));
  CHECK(equiv(K("a"), K("a")));
  CHECK(!equiv(K("a"), Sym("a")));
  CHECK(equiv(M({K("a"), L(1), K("b"), L(2)}), M({K("b"), L(2), K("a"), L(1)})));
  CHECK(equiv(M({K("a"), L(1)}), HM({K("a"), L(1)})));
  CHECK(!equiv(M({K("a"), L(1)}), M({K("a"), D(1.0)})));
  CHECK(!equiv(M({K("a"), kNil}), M({K("b"), kNil})));
  CHECK(equiv(V({V({L(1)}), M({K("k"), Set({L(2)})})}), Lst({Lst({L(1)}), HM({K("k"), Set({L(2)})})})));
  CHECK(equiv(seq(S("ab")), V({C('a'), C('b')})));
  CHECK(equiv(kNil, kNil));
  CHECK(!equiv(kNil, kFalse));
}

TEST_CASE("hash values equal JVM Clojure 1.11's") {
  ensure_heap();
  // JVM: (prn (hash nil) (hash 0) (hash 1) (hash -1) (hash 42) (hash Long/MAX_VALUE)
  //           (hash Long/MIN_VALUE) (hash 1152921504606846976) (hash -1152921504606846977))
  CHECK(hasheq(kNil) == 0);
  CHECK(hasheq(L(0)) == 0);
  CHECK(hasheq(L(1)) == 1392991556);
  CHECK(hasheq(L(-1)) == 1651860712);
  CHECK(hasheq(L(42)) == 1871679806);
  CHECK(hasheq(L(INT64_MAX)) == -2106506049);
  CHECK(hasheq(L(INT64_MIN)) == 1366273829);
  CHECK(hasheq(L(int64_t(1) << 60)) == -1352072176);        // boxed: just past the fixnum range
  CHECK(hasheq(L(-(int64_t(1) << 60) - 1)) == 1737068462);
  // JVM: (prn (hash 1.0) (hash 0.1) (hash -2.5) (hash 1e300) (hash -0.0) (hash ##-Inf) (hash ##NaN) (hash 1.5))
  CHECK(hasheq(D(1.0)) == 1072693248);
  CHECK(hasheq(D(0.1)) == -1507852285);
  CHECK(hasheq(D(-2.5)) == -1073479680);
  CHECK(hasheq(D(1e300)) == -164130400);
  CHECK(hasheq(D(-0.0)) == 0);
  CHECK(hasheq(D(-__builtin_inf())) == -1048576);
  CHECK(hasheq(D(__builtin_nan(""))) == 2146959360);
  CHECK(hasheq(D(1.5)) == 1073217536);
  // JVM: (prn (hash true) (hash false) (hash \a) (hash \é) (hash "") (hash "a")
  //           (hash "hello world") (hash "héllo😀"))
  CHECK(hasheq(kTrue) == 1231);
  CHECK(hasheq(kFalse) == 1237);
  CHECK(hasheq(C('a')) == 97);
  CHECK(hasheq(C(0xE9)) == 233);
  CHECK(hasheq(S("")) == 0);
  CHECK(hasheq(S("a")) == 1455541201);
  CHECK(hasheq(S("hello world")) == -1522757468);
  CHECK(hasheq(S("h\xC3\xA9llo\xF0\x9F\x98\x80")) == 2034669091);
  // JVM: (prn (hash 'a) (hash 'foo/bar) (hash :a) (hash :foo/bar) (hash :k1))
  CHECK(hasheq(Sym("a")) == -482876059);
  CHECK(hasheq(Sym("foo/bar")) == 254379989);
  CHECK(hasheq(K("a")) == -2123407586);
  CHECK(hasheq(K("foo/bar")) == -1386151538);
  CHECK(hasheq(K("k1")) == 952658428);
  // JVM: (prn (hash []) (hash [1]) (hash [1 2 3]) (hash '(1 2 3)) (hash (range 3)) (hash [nil])
  //           (hash [[1] [2 3]]) (hash (vec (range 100))))
  CHECK(hasheq(empty_vector()) == -2017569654);
  CHECK(hasheq(empty_list()) == -2017569654);
  CHECK(hasheq(V({L(1)})) == -1381383523);
  CHECK(hasheq(V({L(1), L(2), L(3)})) == 736442005);
  CHECK(hasheq(Lst({L(1), L(2), L(3)})) == 736442005);
  CHECK(hasheq(make_range(0, 3, 1)) == -1475093015);
  CHECK(hasheq(V({kNil})) == 965192274);
  CHECK(hasheq(V({V({L(1)}), V({L(2), L(3)})})) == 583615976);
  CHECK(hasheq(range_vec(100)) == -328473137);
  CHECK(hasheq(V({L(1), L(2)})) == 156247261);  // (hash [1 2])
  // JVM: (prn (hash {}) (hash {:a 1}) (hash {:a 1 :b 2}) (hash {nil nil}) (hash #{}) (hash #{1})
  //           (hash #{1 2 3}) (hash #{[1 2] "x" :y}) (hash (first {:a 1})) (hash {[1] {:b #{2}}}))
  CHECK(hasheq(empty_map()) == -15128758);
  CHECK(hasheq(M({K("a"), L(1)})) == 1772842048);
  CHECK(hasheq(M({K("a"), L(1), K("b"), L(2)})) == 161871944);
  CHECK(hasheq(HM({K("a"), L(1), K("b"), L(2)})) == 161871944);
  CHECK(hasheq(M({kNil, kNil})) == -1730596701);
  CHECK(hasheq(empty_set()) == -15128758);
  CHECK(hasheq(Set({L(1)})) == 1038464948);
  CHECK(hasheq(Set({L(1), L(2), L(3)})) == 439094965);
  CHECK(hasheq(Set({V({L(1), L(2)}), S("x"), K("y")})) == -1874690711);
  CHECK(hasheq(map_entry(K("a"), L(1))) == -1809393901);
  CHECK(hasheq(V({K("a"), L(1)})) == -1809393901);
  CHECK(hasheq(M({V({L(1)}), M({K("b"), Set({L(2)})})})) == 308423372);
  // JVM: (prn (hash (range 5)) (hash (lazy-seq [1 2]))) => -160844199 156247261
  CHECK(hasheq(make_range(0, 5, 1)) == -160844199);
}

TEST_CASE("hash map iteration order equals JVM Clojure's") {
  ensure_heap();
  // JVM: (prn (into {} (map vector (range 12) (range 12))))
  Value m = empty_map();
  for (int64_t i = 0; i < 12; ++i) m = map_assoc(m, L(i), L(i));
  CHECK(pr_str(m) == "{0 0, 7 7, 1 1, 4 4, 6 6, 3 3, 2 2, 11 11, 9 9, 5 5, 10 10, 8 8}");
  // JVM: (prn (assoc (into {} (map vector (range 10) (range 10))) nil :n))
  Value m10 = empty_map();
  for (int64_t i = 0; i < 10; ++i) m10 = map_assoc(m10, L(i), L(i));
  CHECK(pr_str(map_assoc(m10, kNil, K("n"))) == "{nil :n, 0 0, 7 7, 1 1, 4 4, 6 6, 3 3, 2 2, 9 9, 5 5, 8 8}");
  // JVM: (prn (hash (vec (keys (reduce dissoc (into {} (map vector (range 3000) (range 3000)))
  //                                          (range 0 3000 3)))))) => -2140270012
  Value big = empty_map();
  for (int64_t i = 0; i < 3000; ++i) big = map_assoc(big, L(i), L(i));
  for (int64_t i = 0; i < 3000; i += 3) big = map_dissoc(big, L(i));
  std::vector<Value> ks;
  map_for_each(big, [&](Value k, Value) { ks.push_back(k); });
  CHECK(hasheq(vector_from(ks.data(), ks.size())) == -2140270012);
  // JVM: (prn (into #{} ["a" "b" "aa" "Aa" "BB"])) => #{"aa" "a" "Aa" "BB" "b"}
  CHECK(pr_str(Set({S("a"), S("b"), S("aa"), S("Aa"), S("BB")})) == "#{\"aa\" \"a\" \"Aa\" \"BB\" \"b\"}");
  // JVM: (prn (hash (vec (into #{} (concat (range 100) (map str (range 100))
  //   (map #(keyword (str "k" %)) (range 100)) [nil 1.5 -0.0 "AaAa" "BBBB" [1 2] #{3}])))))
  //   => 1517067134
  Value mix = empty_set();
  for (int i = 0; i < 100; ++i) mix = set_conj(mix, L(i));
  for (int i = 0; i < 100; ++i) mix = set_conj(mix, make_string(std::to_string(i)));
  for (int i = 0; i < 100; ++i) mix = set_conj(mix, K(kname(i).c_str()));
  for (Value x : {kNil, D(1.5), D(-0.0), S("AaAa"), S("BBBB"), V({L(1), L(2)}), Set({L(3)})}) mix = set_conj(mix, x);
  CHECK(order_hash(mix) == 1517067134);
  CHECK(first(mix).is_nil());
}

TEST_CASE("compare") {
  ensure_heap();
  // JVM: (prn (compare "a" "c") (compare "a" "abc") (compare :a :b) (compare 'a/b 'b) (compare \a \d)
  //           (compare true false) (compare [1 2] [1 3]) (compare 1 2.5) (compare "é" "e"))
  //   => -2 -2 -1 1 -3 1 -1 -1 132
  CHECK(compare(S("a"), S("c")) == -2);
  CHECK(compare(S("a"), S("abc")) == -2);
  CHECK(compare(K("a"), K("b")) == -1);
  CHECK(compare(Sym("a/b"), Sym("b")) == 1);
  CHECK(compare(C('a'), C('d')) == -3);
  CHECK(compare(kTrue, kFalse) == 1);
  CHECK(compare(V({L(1), L(2)}), V({L(1), L(3)})) == -1);
  CHECK(compare(L(1), D(2.5)) == -1);
  CHECK(compare(S("\xC3\xA9"), S("e")) == 132);
  CHECK(compare(S("\xF0\x9F\x98\x80"), S("\xEF\xBF\xBF")) < 0);  // UTF-16 order: surrogates < U+FFFF
  CHECK(compare(kNil, L(1)) == -1);
  CHECK(compare(L(1), kNil) == 1);
  CHECK(compare(kNil, kNil) == 0);
  CHECK(compare(L(3), L(3)) == 0);
  CHECK(compare(make_long(INT64_MAX), L(5)) == 1);
  CHECK(compare(D(2.0), L(2)) == 0);
  CHECK(compare(V({L(1), L(2), L(3)}), V({L(9)})) == 1);  // shorter vector is smaller
  CHECK(compare(K("ns/a"), K("a")) == 1);
  CHECK(compare(S("abc"), S("abc")) == 0);
  CHECK(thrown([] { compare(S("a"), K("b")); }) ==
        "java.lang.ClassCastException: class clojure.lang.Keyword cannot be cast to class java.lang.String "
        "(clojure.lang.Keyword is in unnamed module of loader 'app'; java.lang.String is in module "
        "java.base of loader 'bootstrap')");
  CHECK(thrown([] { compare(L(1), S("a")); }) ==
        "java.lang.ClassCastException: class java.lang.String cannot be cast to class java.lang.Number "
        "(java.lang.String and java.lang.Number are in module java.base of loader 'bootstrap')");
  CHECK(thrown([] { compare(V({L(1)}), Lst({L(1)})); }) ==
        "java.lang.ClassCastException: class clojure.lang.PersistentList cannot be cast to class "
        "clojure.lang.IPersistentVector (clojure.lang.PersistentList and clojure.lang.IPersistentVector "
        "are in unnamed module of loader 'app')");
  CHECK(thrown([] { compare(M({K("a"), L(1)}), M({K("a"), L(2)})); }).starts_with(
        "java.lang.ClassCastException: class clojure.lang.PersistentArrayMap cannot be cast to class "
        "java.lang.Comparable"));
}

TEST_CASE("random assoc/dissoc/conj/disj match JVM Clojure's counts and iteration order") {
  ensure_heap();
  // JVM (Clojure 1.11), the same walk with the same LCG:
  //   (def strs ["AaAa" "BBBB" "AaBB" "BBAa" "AaAaAa" "BBBBBB" "AaBBAa" "x" "y" "zz"])
  //   (defn nxt [x] (unchecked-add (unchecked-multiply x 6364136223846793005) 1442695040888963407))
  //   (defn pick-key [r]
  //     (case (int (mod r 4))
  //       0 (mod (quot r 4) 600)
  //       1 (strs (mod (quot r 4) 10))
  //       2 (keyword (str "k" (mod (quot r 4) 200)))
  //       3 (if (zero? (mod (quot r 4) 50)) nil [(mod (quot r 4) 40)])))
  //   (loop [x 42 i 0 m {} s #{} out []]
  //     (if (= i 40000)
  //       (prn out)
  //       (let [x (nxt x) r (unsigned-bit-shift-right x 33) k (pick-key r)
  //             op (mod (quot r 1000003) 5)
  //             add (if (< i 20000) (< op 3) (zero? (mod (quot r 1000003) 50)))
  //             m (if add (assoc m k i) (dissoc m k))
  //             s (if add (conj s k) (disj s k))
  //             out (if (zero? (mod (inc i) 1000))
  //                   (conj out [(count m) (hash (vec (keys m))) (count s) (hash (vec s))]) out)]
  //         (recur x (inc i) m s out))))
  // Each pair below is [(count m) (hash (vec (keys m)))]; the set gave the same numbers.
  static const int64_t expected[40][2] = {
      {241, -301081654}, {358, 1099025839}, {435, 543271469}, {471, -54171373}, {484, 825910705},
      {488, 726839086}, {489, -1313873232}, {482, -638777148}, {490, 100823748}, {494, -953886150},
      {494, -1050326092}, {482, 1989765583}, {481, -1463298643}, {508, 1542514514}, {507, 959941516},
      {497, -1957769919}, {502, 855672814}, {487, -2145338678}, {515, -698957869}, {507, -216158098},
      {264, 1007347065}, {162, 1123867189}, {110, -1393753950}, {74, -427858331}, {55, 416536663},
      {42, 272749076}, {32, -132077369}, {27, 1584165801}, {20, -30839390}, {18, 1627967944},
      {17, -604601739}, {19, -1447185085}, {19, -1834583611}, {19, 995464917}, {19, -1257641988},
      {16, 458954466}, {18, -235609141}, {13, 756227607}, {17, -2023486697}, {14, -2139704933}};
  const char* strs[] = {"AaAa", "BBBB", "AaBB", "BBAa", "AaAaAa", "BBBBBB", "AaBBAa", "x", "y", "zz"};
  uint64_t x = 42;
  Value m = empty_map(), s = empty_set();
  for (int64_t i = 0; i < 40000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    int64_t r = int64_t(x >> 33);
    int64_t q = r / 4;
    Value k;
    switch (r % 4) {
      case 0: k = L(q % 600); break;
      case 1: k = S(strs[q % 10]); break;
      case 2: k = K(kname(int(q % 200)).c_str()); break;
      default: k = q % 50 == 0 ? kNil : V({L(q % 40)}); break;
    }
    int64_t op = (r / 1000003) % 5;
    bool add = i < 20000 ? op < 3 : (r / 1000003) % 50 == 0;
    m = add ? map_assoc(m, k, L(i)) : map_dissoc(m, k);
    s = add ? set_conj(s, k) : set_disj(s, k);
    if ((i + 1) % 1000 == 0) {
      int64_t c = (i + 1) / 1000 - 1;
      CAPTURE(i);
      std::vector<Value> ks;
      map_for_each(m, [&](Value key, Value) { ks.push_back(key); });
      REQUIRE(map_count(m) == expected[c][0]);
      REQUIRE(int64_t(ks.size()) == expected[c][0]);
      CHECK(hasheq(vector_from(ks.data(), ks.size())) == expected[c][1]);
      CHECK(count(s) == expected[c][0]);
      CHECK(order_hash(s) == expected[c][1]);
      for (Value key : ks) REQUIRE(set_contains(s, key));
    }
  }
}
