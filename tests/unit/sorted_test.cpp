// Unit tests for the sorted collections (vm/treemap.cpp, vm/treemap_natives.cpp).
// Printed forms and error messages were checked against JVM Clojure 1.11 (the
// Clojure snippets are next to them). Code is evaluated in a fresh heap with
// the natives but no stdlib, so it uses special forms (fn*, let*, loop*) only.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "coll_test_util.h"
#include "vm/boot.h"
#include "vm/compiler.h"
#include "vm/namespace.h"
#include "tests/unit/runtime_test_util.h"

using namespace folio;
using namespace folio::test;

namespace {

using Fresh = folio::test::FreshRuntime;

Value ev(const std::string& src) { return load_string(src, "sorted_test.clj"); }
std::string evp(const std::string& src) { return pr_str(ev(src)); }
std::string error_of(const std::string& src) {
  return thrown([&] { ev(src); });
}

// ---- structure checks, reading the slot layouts of object.h directly

bool red(Value n) { return !n.is_nil() && slot(n, 4).fixnum_value() == 1; }

// Black height of the subtree, or -1 when a red node has a red child or two
// paths differ in black nodes.
int black_height(Value t) {
  if (t.is_nil()) return 1;
  if (!is(t, Type::kTreeNode)) return -1;
  Value l = slot(t, 2), r = slot(t, 3);
  if (red(t) && (red(l) || red(r))) return -1;
  int hl = black_height(l), hr = black_height(r);
  if (hl < 0 || hl != hr) return -1;
  return hl + (red(t) ? 0 : 1);
}

// A valid red-black tree (black root) holding count entries.
bool valid_tree(Value m) {
  if (is(m, Type::kTreeSet)) m = slot(m, 0);
  if (!is(m, Type::kTreeMap)) return false;
  Value root = slot(m, 1);
  if (red(root) || black_height(root) < 0) return false;
  int64_t n = 0;
  std::function<void(Value)> walk = [&](Value t) {
    if (t.is_nil()) return;
    walk(slot(t, 2));
    ++n;
    walk(slot(t, 3));
  };
  walk(root);
  return n == slot(m, 0).fixnum_value();
}

std::vector<int64_t> shuffled(int64_t n, uint32_t seed) {
  std::vector<int64_t> ks(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) ks[size_t(i)] = i;
  std::mt19937 rng(seed);
  std::shuffle(ks.begin(), ks.end(), rng);
  return ks;
}

// The keys of a seq of map entries (or of set elements), as longs.
std::vector<int64_t> seq_keys(Value s) {
  std::vector<int64_t> out;
  for (; !s.is_nil(); s = next(s)) {
    Value x = first(s);
    out.push_back(long_value(is(x, Type::kMapEntry) ? slot(x, 0) : x));
  }
  return out;
}

std::vector<int64_t> range_of(int64_t from, int64_t to, int64_t step = 1) {
  std::vector<int64_t> out;
  for (int64_t i = from; step > 0 ? i < to : i > to; i += step) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("sorted maps of up to 50000 keys inserted in random order") {
  Fresh f;
  for (int64_t n : {0, 1, 2, 3, 7, 8, 9, 100, 1000, 50000}) {
    CAPTURE(n);
    std::vector<int64_t> ks = shuffled(n, uint32_t(n) + 1);
    Value m = sorted_map_empty(kNil);
    for (size_t i = 0; i < ks.size(); ++i) {
      m = map_assoc(m, L(ks[i]), L(ks[i] * 10));
      if (n <= 1000) REQUIRE(valid_tree(m));
    }
    REQUIRE(valid_tree(m));
    CHECK(map_count(m) == n);
    CHECK(count(m) == n);
    CHECK(seq_keys(seq(m)) == range_of(0, n));
    CHECK(seq_keys(sorted_seq(m, false)) == range_of(n - 1, -1, -1));
    int64_t i = 0;
    for (Value s = seq(m); !s.is_nil(); s = next(s), ++i) REQUIRE(long_value(slot(first(s), 1)) == i * 10);
    for (int64_t k = 0; k < n; ++k) {
      REQUIRE(long_value(map_get(m, L(k), kNil)) == k * 10);
      REQUIRE(map_contains(m, L(k)));
    }
    CHECK(map_get(m, L(-1), K("nf")) == K("nf"));
    CHECK(map_get(m, L(n), K("nf")) == K("nf"));
    CHECK(!map_contains(m, L(n)));
    if (n == 0) {
      CHECK(seq(m).is_nil());
      CHECK(sorted_seq(m, false).is_nil());
      continue;
    }
    // replacing: identical value -> the same map; another value -> a copy
    CHECK(map_assoc(m, L(0), L(0)) == m);
    Value m2 = map_assoc(m, L(n / 2), K("x"));
    CHECK(map_count(m2) == n);
    CHECK(map_get(m2, L(n / 2), kNil) == K("x"));
    CHECK(long_value(map_get(m, L(n / 2), kNil)) == n / 2 * 10);
    // dissoc every other key, in random order; the original stays whole
    Value d = m;
    for (int64_t k : ks) {
      if (k % 2) continue;
      d = map_dissoc(d, L(k));
      if (n <= 1000) REQUIRE(valid_tree(d));
    }
    REQUIRE(valid_tree(d));
    CHECK(map_count(d) == n / 2);
    CHECK(seq_keys(seq(d)) == range_of(1, n, 2));
    CHECK(seq_keys(sorted_seq(d, false)) == range_of(n % 2 ? n - 2 : n - 1, 0, -2));
    for (int64_t k = 0; k < n; ++k) REQUIRE(map_contains(d, L(k)) == (k % 2 == 1));
    CHECK(map_dissoc(d, L(0)) == d);  // absent: the same map
    CHECK(map_count(m) == n);
    CHECK(seq_keys(seq(m)) == range_of(0, n));
    for (int64_t k : ks) d = map_dissoc(d, L(k));
    CHECK(map_count(d) == 0);
    CHECK(seq(d).is_nil());
    CHECK(valid_tree(d));
  }
}

TEST_CASE("sorted sets: seq, rseq, counts, stored elements and disj") {
  Fresh f;
  std::vector<int64_t> ks = shuffled(3000, 7);
  Value s = sorted_set_empty(kNil);
  for (int64_t k : ks) s = set_conj(s, L(k * 3));
  REQUIRE(valid_tree(s));
  CHECK(set_count(s) == 3000);
  CHECK(seq_keys(seq(s)) == range_of(0, 9000, 3));
  CHECK(seq_keys(sorted_seq(s, false)) == range_of(8997, -1, -3));
  CHECK(set_conj(s, L(3)) == s);
  CHECK(set_disj(s, L(4)) == s);
  CHECK(count(seq(s)) == 3000);
  CHECK(count(next(seq(s))) == 2999);
  CHECK(long_value(nth(seq(s), 2999)) == 8997);
  CHECK(long_value(first(rest(sorted_seq(s, false)))) == 8994);
  for (int64_t k = 0; k < 9000; ++k) REQUIRE(set_contains(s, L(k)) == (k % 3 == 0));
  Value d = s;
  for (int64_t k : ks)
    if (k % 2) d = set_disj(d, L(k * 3));
  REQUIRE(valid_tree(d));
  CHECK(seq_keys(seq(d)) == range_of(0, 9000, 6));
  // get gives the element as stored: (get (sorted-set 1.0 2) 1) => 1.0
  Value mixed = set_conj(set_conj(sorted_set_empty(kNil), D(1.0)), L(2));
  CHECK(pr_str(set_get(mixed, L(1), kNil)) == "1.0");
  CHECK(pr_str(map_find(map_assoc(sorted_map_empty(kNil), D(1.0), L(2)), L(1))) == "[1.0 2]");
  // nil sorts first
  CHECK(evp("(sorted-map nil 1 2 3)") == "{nil 1, 2 3}");
  CHECK(evp("(conj (sorted-set 2 1) nil)") == "#{nil 1 2}");
  CHECK(evp("[(rest (sorted-set 1)) (next (sorted-set 1)) (rseq (sorted-set)) (rseq (sorted-map 1 2 3 4))]") ==
        "[() nil nil ([3 4] [1 2])]");
  CHECK(evp("(conj (seq (sorted-set 2 1)) 0)") == "(0 1 2)");
  CHECK(evp("(empty (seq (sorted-set 2 1)))") == "()");
}

TEST_CASE("subseq and rsubseq match Clojure's definition at every boundary") {
  Fresh f;
  // keys 0 2 4 ... 38: bounds -1..40 hit every key, every gap and both ends
  std::vector<int64_t> keys = range_of(0, 40, 2);
  Value sm = ev("(sorted-map 0 0 2 2 4 4 6 6 8 8 10 10 12 12 14 14 16 16 18 18 20 20 22 22 24 24 26 26 28 28 30 30"
                " 32 32 34 34 36 36 38 38)");
  Value ss = ev("(sorted-set 38 0 36 2 34 4 32 6 30 8 28 10 26 12 24 14 22 16 20 18)");
  Value subseq_fn = ev("subseq"), rsubseq_fn = ev("rsubseq");
  const char* names[] = {"<", "<=", ">", ">="};
  std::function<bool(int64_t, int64_t)> tests[] = {
      [](int64_t a, int64_t b) { return a < b; }, [](int64_t a, int64_t b) { return a <= b; },
      [](int64_t a, int64_t b) { return a > b; }, [](int64_t a, int64_t b) { return a >= b; }};
  Value fns[4];
  for (int t = 0; t < 4; ++t) fns[t] = ev(names[t]);

  // clojure.core's subseq / rsubseq over a sorted vector of keys: nullopt for
  // nil, else the keys (an empty vector for ()).
  using Result = std::optional<std::vector<int64_t>>;
  auto seq_from = [&](int64_t k, bool asc) {
    std::vector<int64_t> out;
    for (int64_t x : keys)
      if (asc ? x >= k : x <= k) out.push_back(x);
    if (!asc) std::reverse(out.begin(), out.end());
    return out;
  };
  auto take_while = [](std::vector<int64_t> s, const std::function<bool(int64_t)>& p) {
    size_t i = 0;
    while (i < s.size() && p(s[i])) ++i;
    s.resize(i);
    return s;
  };
  auto model3 = [&](bool asc, int t, int64_t k) -> Result {
    auto inc = [&](int64_t x) { return tests[t](x, k); };
    bool from = asc ? t >= 2 : t < 2;
    if (from) {
      std::vector<int64_t> s = seq_from(k, asc);
      if (s.empty()) return std::nullopt;
      if (!inc(s[0])) s.erase(s.begin());
      return s.empty() ? Result{} : Result{s};
    }
    return take_while(seq_from(asc ? INT64_MIN : INT64_MAX, asc), inc);
  };
  auto model5 = [&](bool asc, int st, int64_t sk, int et, int64_t ek) -> Result {
    // rsubseq walks down from the end bound, taking while the start bound holds
    int ft = asc ? st : et, wt = asc ? et : st;
    int64_t fk = asc ? sk : ek, wk = asc ? ek : sk;
    std::vector<int64_t> s = seq_from(fk, asc);
    if (s.empty()) return std::nullopt;
    if (!tests[ft](s[0], fk)) s.erase(s.begin());
    return take_while(s, [&](int64_t x) { return tests[wt](x, wk); });
  };
  auto actual = [](Value r) -> Result {
    if (r.is_nil()) return std::nullopt;
    return seq_keys(seq(r));
  };

  for (Value coll : {sm, ss}) {
    for (bool asc : {true, false}) {
      Value fn = asc ? subseq_fn : rsubseq_fn;
      for (int t = 0; t < 4; ++t) {
        for (int64_t k = -1; k <= 40; ++k) {
          CAPTURE(asc);
          CAPTURE(names[t]);
          CAPTURE(k);
          Value args[3] = {coll, fns[t], L(k)};
          REQUIRE(actual(call_fn(fn, args, 3)) == model3(asc, t, k));
        }
      }
      const int64_t bounds[] = {-1, 0, 1, 2, 19, 20, 21, 37, 38, 39, 40};
      for (int st = 0; st < 4; ++st)
        for (int et = 0; et < 4; ++et)
          for (int64_t sk : bounds)
            for (int64_t ek : bounds) {
              CAPTURE(asc);
              CAPTURE(names[st]);
              CAPTURE(sk);
              CAPTURE(names[et]);
              CAPTURE(ek);
              Value args[5] = {coll, fns[st], L(sk), fns[et], L(ek)};
              REQUIRE(actual(call_fn(fn, args, 5)) == model5(asc, st, sk, et, ek));
            }
    }
  }
  // entries, not just keys; seqs of unknown length still count
  CHECK(evp("(subseq (sorted-map 1 :a 2 :b 3 :c) > 1)") == "([2 :b] [3 :c])");
  CHECK(evp("(rsubseq (sorted-map 1 2 3 4 5 6) > 1 <= 5)") == "([5 6] [3 4])");
  CHECK(evp("(count (subseq (sorted-set 1 2 3 4 5) > 1 < 5))") == "3");
  // any fn as the test: called with (compare e key) and 0, take-while semantics
  CHECK(evp("(subseq (sorted-map 1 2 3 4) (fn* [c z] (not= c z)) 3)") == "([1 2])");
  CHECK(evp("(subseq (sorted-set 1 2 3 4) not= 2)") == "(1)");
  CHECK(evp("(rsubseq (sorted-set 1 2 3 4) not= 3)") == "(4)");
  CHECK(evp("(subseq (sorted-set 1 2 3) (fn* [a b] (< a b)) 2)") == "(1)");
  CHECK(evp("(subseq (sorted-map :a 1 :b 2 :c 3 :d 4) > :a <= :c)") == "([:b 2] [:c 3])");
  CHECK(evp("(rsubseq (sorted-map \"a\" 1 \"b\" 2 \"c\" 3 \"d\" 4) < \"c\")") == "([\"b\" 2] [\"a\" 1])");
  CHECK(evp("[(subseq (sorted-map) < 3) (subseq (sorted-map) > 3)]") == "[() nil]");
  // large: the cut is found by a tree search, not a walk
  Value big = sorted_map_empty(kNil);
  for (int64_t k : shuffled(50000, 3)) big = map_assoc(big, L(k), kTrue);
  Value args[5] = {big, fns[3], L(1000), fns[0], L(1010)};
  CHECK(seq_keys(call_fn(subseq_fn, args, 5)) == range_of(1000, 1010));
  Value rargs[5] = {big, fns[2], L(49990), fns[1], L(100000)};
  CHECK(seq_keys(call_fn(rsubseq_fn, rargs, 5)) == range_of(49999, 49990, -1));
}

TEST_CASE("sorted collections with comparator fns") {
  Fresh f;
  // a boolean comparator (AFunction.compare: true => -1, (f b a) => 1)
  Value gt = ev("(fn* [a b] (> a b))");
  Value m = sorted_map_empty(gt);
  std::vector<int64_t> ks = shuffled(20000, 11);
  for (int64_t k : ks) m = map_assoc(m, L(k), L(-k));
  REQUIRE(valid_tree(m));
  CHECK(seq_keys(seq(m)) == range_of(19999, -1, -1));
  CHECK(seq_keys(sorted_seq(m, false)) == range_of(0, 20000));
  for (int64_t k = 0; k < 20000; k += 7) REQUIRE(long_value(map_get(m, L(k), kNil)) == -k);
  for (int64_t k : ks)
    if (k % 3) m = map_dissoc(m, L(k));
  REQUIRE(valid_tree(m));
  CHECK(seq_keys(seq(m)) == range_of(19998, -1, -3));
  // a compare-based one, and compare itself
  Value desc = ev("(fn* [a b] (compare b a))");
  Value s = sorted_set_empty(desc);
  for (int64_t k : shuffled(5000, 5)) s = set_conj(s, L(k));
  REQUIRE(valid_tree(s));
  CHECK(seq_keys(seq(s)) == range_of(4999, -1, -1));
  CHECK(evp("(sorted-map-by compare 3 4 1 2)") == "{1 2, 3 4}");
  CHECK(evp("(sorted-map-by (fn* [a b] (> a b)) 1 :a 3 :c 2 :b 3 :d)") == "{3 :d, 2 :b, 1 :a}");
  CHECK(evp("(sorted-set-by (fn* [a b] (< (count a) (count b))) \"ccc\" \"a\" \"bb\" \"dd\")") ==
        "#{\"a\" \"bb\" \"ccc\"}");
  // Number.intValue of the result: 0.5 and 2^32 mean equal
  CHECK(evp("(sorted-map-by (fn* [a b] 0.5) 3 4 1 2)") == "{3 2}");
  CHECK(evp("(sorted-map-by (fn* [a b] 4294967296) 3 4 1 2)") == "{3 2}");
  // subseq's tests are on the comparator's order
  CHECK(evp("(subseq (sorted-set-by > 1 2 3 4 5) > 3)") == "(2 1)");
  CHECK(evp("(subseq (sorted-set-by > 1 2 3 4 5) < 3)") == "(5 4)");
  CHECK(evp("(rsubseq (sorted-set-by > 1 2 3 4 5) >= 3)") == "(1 2 3)");
  CHECK(evp("(subseq (sorted-set-by (fn* [a b] (compare b a)) 1 2 3 4 5) >= 4 > 1)") == "()");
  CHECK(evp("(rsubseq (sorted-set-by (fn* [a b] (compare b a)) 1 2 3 4 5) >= 4 > 1)") == "(2 3 4)");
  // empty keeps the comparator (and the meta)
  CHECK(evp("(conj (empty (sorted-map-by > 1 2 3 4)) [5 6] [7 8])") == "{7 8, 5 6}");
  CHECK(evp("(conj (empty (sorted-set-by > 1 2)) 3 4 5)") == "#{5 4 3}");
  CHECK(evp("(meta (empty (with-meta (sorted-map-by > 1 2) {:m 1})))") == "{:m 1}");
  CHECK(evp("(empty (with-meta (sorted-map-by > 1 2 3 4) {:m 1}))") == "{}");
  // bad comparators
  CHECK(error_of("(sorted-map-by (fn* [a b] nil) 3 4 1 2)") ==
        "java.lang.NullPointerException: Cannot invoke \"java.lang.Number.intValue()\" because \"n\" is null");
  CHECK(error_of("(sorted-map-by (fn* [a b] :x) 3 4 1 2)") ==
        "java.lang.ClassCastException: class clojure.lang.Keyword cannot be cast to class java.lang.Number "
        "(clojure.lang.Keyword is in unnamed module of loader 'app'; java.lang.Number is in module java.base of "
        "loader 'bootstrap')");
  CHECK(error_of("(sorted-set-by 5 1 2)") ==
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class java.util.Comparator "
        "(java.lang.Long and java.util.Comparator are in module java.base of loader 'bootstrap')");
}

TEST_CASE("sorted collections equal and hash as other maps and sets") {
  Fresh f;
  for (int64_t n : {0, 1, 5, 8, 9, 100, 3000}) {
    CAPTURE(n);
    Value sm = sorted_map_empty(kNil), hm = empty_map(), ss = sorted_set_empty(kNil), hs = empty_set();
    for (int64_t k : shuffled(n, 9)) {
      sm = map_assoc(sm, L(k), S("v"));
      ss = set_conj(ss, L(k));
    }
    for (int64_t k = n - 1; k >= 0; --k) {
      hm = map_assoc(hm, L(k), S("v"));
      hs = set_conj(hs, L(k));
    }
    CHECK(equiv(sm, hm));
    CHECK(equiv(hm, sm));
    CHECK(hasheq(sm) == hasheq(hm));
    CHECK(equiv(ss, hs));
    CHECK(equiv(hs, ss));
    CHECK(hasheq(ss) == hasheq(hs));
    CHECK(!equiv(sm, ss));
    if (n == 0) continue;
    CHECK(!equiv(sm, map_assoc(hm, L(0), S("w"))));
    CHECK(!equiv(map_assoc(sm, L(n), S("v")), hm));
    CHECK(!equiv(ss, set_disj(hs, L(n - 1))));
    CHECK(!equiv(seq(sm), sm));
  }
  // (hash (sorted-map 1 2)) and (hash (sorted-set 1 2)) on the JVM
  CHECK(evp("[(hash (sorted-map 1 2)) (hash (sorted-set 1 2))]") == "[1952097988 460223544]");
  CHECK(evp("(= (sorted-map-by > 1 2 3 4) (sorted-map 3 4 1 2))") == "true");
  CHECK(evp("[(= (seq (sorted-map 1 2)) [[1 2]]) (= (sorted-map 1 2) [[1 2]])]") == "[true false]");
  // lookups go through the sorted coll's comparator, as on the JVM
  CHECK(evp("(= (sorted-map 1 2) {:a 1})") == "false");
  CHECK(error_of("(= {:a 1} (sorted-map 1 2))").rfind(
            "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.Keyword", 0) == 0);
  CHECK(evp("(= #{:a :b} (sorted-set 1 2))") == "false");
}

TEST_CASE("sorted collections: printing, predicates, metadata, class names, generic ops") {
  Fresh f;
  CHECK(evp("(sorted-map 3 :c 1 :a 2 :b)") == "{1 :a, 2 :b, 3 :c}");
  CHECK(evp("(sorted-set 3 1 2)") == "#{1 2 3}");
  CHECK(evp("(sorted-set 1.5 1 2 0.5)") == "#{0.5 1 1.5 2}");
  CHECK(evp("[(sorted-map :ns/a 1 :ns/b 2) (sorted-map 'x/a 1 'x/b 2)]") == "[#:ns{:a 1, :b 2} #:x{a 1, b 2}]");
  CHECK(evp("(sorted-map \"b\" [1 2] \"a\" {:k #{1}})") == "{\"a\" {:k #{1}}, \"b\" [1 2]}");
  CHECK(evp("(sorted-set [2 1] [1 2] [1 1 1])") == "#{[1 2] [2 1] [1 1 1]}");
  CHECK(evp("(sorted-map [1 2] :a [1] :b [0 5] :c)") == "{[1] :b, [0 5] :c, [1 2] :a}");
  CHECK(evp("(sorted-map)") == "{}");
  CHECK(evp("(sorted-set)") == "#{}");
  CHECK(print_str(ev("(sorted-set \"b\" \"a\")")) == "#{a b}");
  // class names (clojure.lang.*) and predicates
  CHECK(evp("[(class (sorted-map)) (class (sorted-set)) (class (seq (sorted-map 1 2)))"
            " (class (seq (sorted-set 1))) (class (rseq (sorted-set 1 2)))]") ==
        "[clojure.lang.PersistentTreeMap clojure.lang.PersistentTreeSet clojure.lang.PersistentTreeMap$Seq"
        " clojure.lang.APersistentMap$KeySeq clojure.lang.APersistentMap$KeySeq]");
  CHECK(evp("[(map? (sorted-map)) (set? (sorted-set)) (coll? (sorted-set)) (coll? (sorted-map))"
            " (sorted? (sorted-set)) (sorted? (sorted-map)) (sorted? {}) (sorted? #{})"
            " (seq? (seq (sorted-set 1))) (set? (sorted-map)) (map? (sorted-set)) (ifn? (sorted-set))]") ==
        "[true true true true true true false false true false false true]");
  CHECK(evp("[(instance? clojure.lang.Sorted (sorted-set)) (instance? clojure.lang.IPersistentMap (sorted-map))"
            " (instance? clojure.lang.PersistentTreeMap (sorted-map)) (instance? clojure.lang.IPersistentSet (sorted-set))]") ==
        "[true true true true]");
  // metadata
  CHECK(evp("(meta (with-meta (sorted-set 1) {:a 1}))") == "{:a 1}");
  CHECK(evp("(meta (seq (with-meta (sorted-set 1) {:a 1})))") == "nil");
  CHECK(evp("(meta (with-meta (seq (sorted-map 1 2)) {:s 1}))") == "{:s 1}");
  CHECK(evp("(meta (assoc (with-meta (sorted-map) {:m 2}) 1 2))") == "{:m 2}");
  CHECK(evp("(meta (disj (with-meta (sorted-set 1 2) {:m 3}) 1))") == "{:m 3}");
  // the generic ops
  CHECK(evp("(assoc (sorted-map) :b 2 :a 1)") == "{:a 1, :b 2}");
  CHECK(evp("(dissoc (sorted-map :a 1 :b 2) :a :c)") == "{:b 2}");
  CHECK(evp("(disj (sorted-set 1 2) 1 5)") == "#{2}");
  CHECK(evp("[(get (sorted-map 1 2) 1) (get (sorted-map 1 2) 3 :nf) ((sorted-map 1 2) 1) ((sorted-map 1 2) 5 :nf)"
            " ((sorted-set 1 2) 2) ((sorted-set 1 2) 3) (:a (sorted-map :a 7))]") ==
        "[2 :nf 2 :nf 2 nil 7]");
  CHECK(evp("[(contains? (sorted-map 1 2) 1) (contains? (sorted-set 1 2) 3) (find (sorted-map 1.0 2) 1)"
            " (find (sorted-map 1 2) 2)]") == "[true false [1.0 2] nil]");
  CHECK(evp("[(keys (sorted-map 2 :b 1 :a)) (vals (sorted-map 2 :b 1 :a)) (keys (sorted-map))]") ==
        "[(1 2) (:a :b) nil]");
  CHECK(evp("[(first (sorted-map 2 :b 1 :a)) (first (sorted-set 3 2)) (count (sorted-map 1 2 3 4))"
            " (count (sorted-set)) (nth (seq (sorted-map 1 2)) 0)]") == "[[1 :a] 2 2 0 [1 2]]");
  CHECK(evp("(conj (sorted-map 1 2) [0 1] {5 6})") == "{0 1, 1 2, 5 6}");
  CHECK(evp("(set (sorted-set 3 1 2))") == "#{1 2 3}");
  CHECK(evp("(class (set (sorted-set 3 1 2)))") == "clojure.lang.PersistentTreeSet");
}

TEST_CASE("sorted collections: errors with Clojure's messages") {
  Fresh f;
  CHECK(error_of("(sorted-map 1)") == "java.lang.IllegalArgumentException: No value supplied for key: 1");
  CHECK(error_of("(sorted-map 1 2 :a)") == "java.lang.IllegalArgumentException: No value supplied for key: :a");
  CHECK(error_of("(sorted-map 1 2 nil)") == "java.lang.IllegalArgumentException: No value supplied for key: null");
  const std::string long_kw =
      "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.Keyword "
      "(java.lang.Long is in module java.base of loader 'bootstrap'; clojure.lang.Keyword is in unnamed module of "
      "loader 'app')";
  CHECK(error_of("(sorted-map 1 2 :a 3 :b)") == long_kw);  // the earlier pair fails first
  CHECK(error_of("(sorted-set 1 :a)") == long_kw);
  CHECK(error_of("(get (sorted-map 1 2) :a)") == long_kw);
  CHECK(error_of("(contains? (sorted-set 1 2) :a)") == long_kw);
  CHECK(error_of("(assoc (sorted-map 1 2 3 4) :x 1)") == long_kw);
  CHECK(error_of("(sorted-map :b 2 :a 1 \"x\" 3)").rfind(
            "java.lang.ClassCastException: class clojure.lang.Keyword cannot be cast to class java.lang.String", 0) == 0);
  CHECK(error_of("(conj (sorted-map) [1 2 3])") ==
        "java.lang.IllegalArgumentException: Vector arg to map conj must be a pair");
  CHECK(error_of("(nth (sorted-map 1 2) 0)") ==
        "java.lang.UnsupportedOperationException: nth not supported on this type: PersistentTreeMap");
  CHECK(error_of("(subseq [1 2] > 1)") ==
        "java.lang.ClassCastException: class clojure.lang.PersistentVector cannot be cast to class clojure.lang.Sorted "
        "(clojure.lang.PersistentVector and clojure.lang.Sorted are in unnamed module of loader 'app')");
  CHECK(error_of("(subseq nil > 1)") ==
        "java.lang.NullPointerException: Cannot invoke \"clojure.lang.Sorted.seqFrom(Object, boolean)\" because \"sc\" is null");
  CHECK(error_of("(subseq (sorted-set 1) > 1 <)") ==
        "clojure.lang.ArityException: Wrong number of args (4) passed to: clojure.core/subseq");
  CHECK(error_of("(rseq {})").rfind("java.lang.ClassCastException: class clojure.lang.PersistentArrayMap cannot be "
                                    "cast to class clojure.lang.Reversible", 0) == 0);
}

TEST_CASE("a large sorted map and set survive collections, with GC inside comparator calls") {
  Fresh f;
  Value m = sorted_map_empty(kNil);
  Root rm(m);
  for (int64_t k : shuffled(50000, 21)) m = map_assoc(m, L(k), make_string(std::to_string(k)));
  // a set whose comparator (allocating Clojure code) is referenced by the set alone
  Value s = sorted_set_empty(ev("(fn* [a b] (vector a b a b a b a b) (compare b a))"));
  Root rs(s);
  uint64_t before = g_heap->stats().collections;
  for (int64_t k : shuffled(20000, 22)) s = set_conj(s, L(k));  // collections may run in here
  {
    Value garbage = m;
    for (int64_t k = 0; k < 50000; k += 2) garbage = map_dissoc(garbage, L(k));
    CHECK(map_count(garbage) == 25000);
  }
  g_heap->collect();
  uint64_t live = g_heap->stats().live_words;
  g_heap->collect();
  CHECK(g_heap->stats().live_words == live);
  CHECK(g_heap->stats().collections >= before + 2);
  // reuse the freed cells, then read everything back
  Value junk = empty_vector();
  for (int64_t i = 0; i < 200000; ++i) junk = vector_conj(junk, make_string("junk"));
  junk = kNil;
  REQUIRE(valid_tree(m));
  REQUIRE(valid_tree(s));
  CHECK(map_count(m) == 50000);
  for (int64_t k = 0; k < 50000; ++k) REQUIRE(string_view(map_get(m, L(k), kNil)) == std::to_string(k));
  CHECK(seq_keys(seq(s)) == range_of(19999, -1, -1));
  s = set_disj(set_conj(s, L(-5)), L(0));  // the comparator is still there
  CHECK(seq_keys(sorted_seq(s, false)).front() == -5);
  // lookups by calling the coll as a fn run the comparator with GC allowed
  ev("(def sorted-test-set (sorted-set-by (fn* [a b] (vector a b a b a b a b) (compare a b))))");
  CHECK(evp("(loop* [i 0 s sorted-test-set] (if (< i 3000) (recur (inc i) (conj s i)) (def sorted-test-set s)))") ==
        "#'user/sorted-test-set");
  before = g_heap->stats().collections;
  CHECK(evp("(loop* [r 0 n 0] (if (< r 60) (recur (inc r) (loop* [i 0 n n] (if (< i 3000) "
            "(recur (inc i) (if (sorted-test-set i) (inc n) n)) n))) n))") == "180000");
  CHECK(g_heap->stats().collections > before);
  CHECK(valid_tree(ev("sorted-test-set")));
}
