// Unit tests for the persistent collections and seqs.
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

TEST_CASE("vectors of every size up to 100000 read back every element") {
  ensure_heap();
  std::vector<int64_t> sizes = {0, 1, 2, 31, 32, 33, 63, 64, 65, 1055, 1056, 1057, 1088, 1089,
                                32799, 32800, 32801, 33824, 33825, 33856, 100000};
  for (int64_t n : sizes) {
    CAPTURE(n);
    Value built = range_vec(n);
    CHECK(vec_is_range(built, n));
    Value grown = empty_vector();
    for (int64_t i = 0; i < n; ++i) grown = vector_conj(grown, L(i));
    CHECK(vec_is_range(grown, n));
    // Bulk build and conj build give the same trie shape.
    CHECK(slot(built, 1) == slot(grown, 1));
    CHECK(equiv(built, grown));
    CHECK(hasheq(built) == hasheq(grown));
  }
  // Every length from 0 to 2100 by conj, checked at each step.
  Value v = empty_vector();
  for (int64_t i = 0; i < 2100; ++i) {
    v = vector_conj(v, L(i * 3));
    REQUIRE(vector_count(v) == i + 1);
    REQUIRE(long_value(vector_nth(v, i)) == i * 3);
    REQUIRE(long_value(vector_nth(v, i / 2)) == (i / 2) * 3);
  }
  CHECK(empty_vector() == empty_vector());
  CHECK(vector_count(empty_vector()) == 0);
  CHECK(g_heap->root(kRootEmptyVector) == empty_vector());
}

TEST_CASE("vector assoc across trie boundaries leaves the original intact") {
  ensure_heap();
  Value v = range_vec(40000);
  int64_t at[] = {0, 31, 32, 33, 1023, 1024, 1055, 1056, 1057, 32767, 32768, 32799, 32800, 32801, 39999};
  Value w = v;
  for (int64_t i : at) w = vector_assoc(w, i, K("x"));
  for (int64_t i = 0; i < 40000; ++i) {
    bool changed = std::find(std::begin(at), std::end(at), i) != std::end(at);
    REQUIRE(vector_nth(w, i) == (changed ? K("x") : L(i)));
  }
  CHECK(vec_is_range(v, 40000));
  Value appended = vector_assoc(v, 40000, L(40000));  // assoc at count appends
  CHECK(vec_is_range(appended, 40001));
  CHECK(thrown([&] { vector_assoc(v, 40001, kNil); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([&] { vector_assoc(v, -1, kNil); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([&] { vector_nth(v, 40000); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([&] { vector_nth(empty_vector(), 0); }) == "java.lang.IndexOutOfBoundsException: nil");
}

TEST_CASE("vector pop walks down through every trie boundary") {
  ensure_heap();
  const int64_t n = 33900;
  Value v = range_vec(n);
  for (int64_t c = n; c > 0; --c) {
    REQUIRE(vector_count(v) == c);
    REQUIRE(long_value(vector_peek(v)) == c - 1);
    if (c == 32801 || c == 32800 || c == 32799 || c == 1057 || c == 1056 || c == 1055 || c == 33 ||
        c == 32 || c == 31 || c == 2) {
      CHECK(vec_is_range(v, c));
      CHECK(equiv(v, range_vec(c)));
      // pop then conj back gives the same vector
      CHECK(vec_is_range(vector_conj(vector_pop(v), L(c - 1)), c));
    }
    v = vector_pop(v);
  }
  CHECK(vector_count(v) == 0);
  CHECK(vector_peek(v).is_nil());
  CHECK(thrown([&] { vector_pop(v); }) == "java.lang.IllegalStateException: Can't pop empty vector");
  // pop keeps metadata, including down to the empty vector
  Value m = M({K("tag"), L(1)});
  Value wm = with_meta(V({L(1), L(2)}), m);
  CHECK(meta(vector_pop(wm)) == m);
  CHECK(meta(vector_pop(vector_pop(wm))) == m);
}

TEST_CASE("hash maps with 0..20000 keys, the nil key, and dissoc down to empty") {
  ensure_heap();
  const int64_t n = 20000;
  Value m = empty_map();
  for (int64_t i = 0; i < n; ++i) {
    m = map_assoc(m, L(i), L(i * 2));
    if (i < 8) REQUIRE(is(m, Type::kArrayMap));
    else REQUIRE(is(m, Type::kHashMap));
    REQUIRE(map_count(m) == i + 1);
  }
  for (int64_t i = 0; i < n; ++i) REQUIRE(long_value(map_get(m, L(i), kNil)) == i * 2);
  CHECK(map_get(m, L(n), K("nf")) == K("nf"));
  CHECK(!map_contains(m, kNil));
  Value mn = map_assoc(m, kNil, K("nil-val"));
  CHECK(map_count(mn) == n + 1);
  CHECK(map_get(mn, kNil, kFalse) == K("nil-val"));
  CHECK(slot(first(mn), 0).is_nil());  // the nil entry iterates first
  CHECK(map_count(map_assoc(mn, kNil, K("other"))) == n + 1);
  CHECK(map_assoc(mn, kNil, K("nil-val")) == mn);  // same value: same map
  CHECK(map_assoc(m, L(5), L(10)) == m);
  Value mv = map_assoc(m, L(5), K("v"));
  CHECK(map_get(mv, L(5), kNil) == K("v"));
  CHECK(long_value(map_get(m, L(5), kNil)) == 10);
  // Boxed and fixnum longs are the same key.
  Value big = map_assoc(m, L(INT64_MAX), K("max"));
  CHECK(map_get(big, make_long(INT64_MAX), kNil) == K("max"));
  CHECK(map_get(m, D(1.0), K("nf")) == K("nf"));  // 1.0 is not the key 1
  // dissoc everything, in an order unrelated to insertion
  Value d = mn;
  d = map_dissoc(d, kNil);
  CHECK(map_count(d) == n);
  CHECK(map_dissoc(d, kNil) == d);
  CHECK(map_dissoc(d, L(-5)) == d);
  for (int64_t j = 0; j < n; ++j) {
    int64_t i = (j * 7919) % n;
    d = map_dissoc(d, L(i));
    REQUIRE(map_count(d) == n - j - 1);
    REQUIRE(!map_contains(d, L(i)));
    if (j % 997 == 0) {
      int64_t still = ((j + 1) * 7919) % n;
      REQUIRE(long_value(map_get(d, L(still), kNil)) == still * 2);
    }
  }
  CHECK(map_count(d) == 0);
  CHECK(seq(d).is_nil());
  CHECK(equiv(d, empty_map()));
  CHECK(is(d, Type::kHashMap));  // Clojure never shrinks back to an array map
  // the original is untouched
  for (int64_t i = 0; i < n; i += 101) REQUIRE(long_value(map_get(mn, L(i), kNil)) == i * 2);
}

TEST_CASE("colliding hashes go to collision nodes and come out again") {
  ensure_heap();
  auto strs = colliding_strings(4);  // 16 strings, one hash
  for (auto& s : strs) CHECK(hasheq(make_string(s)) == hasheq(make_string(strs[0])));
  Value m = hash_map_from(nullptr, 0);
  for (size_t i = 0; i < strs.size(); ++i) m = map_assoc(m, make_string(strs[i]), L(int64_t(i)));
  // plus many ordinary keys so the collision node sits deep in the trie
  for (int64_t i = 0; i < 3000; ++i) m = map_assoc(m, L(i), L(-i));
  CHECK(map_count(m) == 3016);
  for (size_t i = 0; i < strs.size(); ++i)
    REQUIRE(long_value(map_get(m, make_string(strs[i]), kNil)) == int64_t(i));
  CHECK(map_get(m, S("AaAaAaAb"), K("nf")) == K("nf"));
  Value m2 = map_assoc(m, make_string(strs[3]), K("new"));
  CHECK(map_count(m2) == 3016);
  CHECK(map_get(m2, make_string(strs[3]), kNil) == K("new"));
  Value d = m;
  for (size_t i = 0; i < strs.size(); ++i) {
    d = map_dissoc(d, make_string(strs[i]));
    REQUIRE(map_count(d) == int64_t(3016 - i - 1));
    for (size_t j = i + 1; j < strs.size(); ++j) REQUIRE(map_contains(d, make_string(strs[j])));
  }
  for (int64_t i = 0; i < 3000; i += 7) REQUIRE(long_value(map_get(d, L(i), kNil)) == -i);
  // JVM: (prn (into #{} ["AaAa" "BBBB" "AaBB" "BBAa" "x"]))
  //   => #{"AaAa" "BBBB" "AaBB" "BBAa" "x"}
  // JVM: (prn (disj (into #{} ["AaAa" "BBBB" "AaBB" "BBAa" "x"]) "BBBB")) => #{"AaAa" "AaBB" "BBAa" "x"}
  Value s = Set({S("AaAa"), S("BBBB"), S("AaBB"), S("BBAa"), S("x")});
  CHECK(pr_str(s) == "#{\"AaAa\" \"BBBB\" \"AaBB\" \"BBAa\" \"x\"}");
  CHECK(pr_str(set_disj(s, S("BBBB"))) == "#{\"AaAa\" \"AaBB\" \"BBAa\" \"x\"}");
}

TEST_CASE("array maps keep insertion order and become hash maps at 9 entries") {
  ensure_heap();
  Value m = empty_map();
  CHECK(is(m, Type::kArrayMap));
  CHECK(g_heap->root(kRootEmptyMap) == m);
  const char* ks[] = {"k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"};
  for (int i = 0; i < 8; ++i) m = map_assoc(m, K(ks[i]), L(i + 1));
  CHECK(is(m, Type::kArrayMap));
  CHECK(pr_str(m) == "{:k1 1, :k2 2, :k3 3, :k4 4, :k5 5, :k6 6, :k7 7, :k8 8}");
  CHECK(is(map_assoc(m, K("k3"), L(30)), Type::kArrayMap));  // replacing keeps the kind and place
  CHECK(pr_str(map_assoc(m, K("k3"), L(30))) == "{:k1 1, :k2 2, :k3 30, :k4 4, :k5 5, :k6 6, :k7 7, :k8 8}");
  Value d = map_dissoc(m, K("k4"));
  CHECK(pr_str(d) == "{:k1 1, :k2 2, :k3 3, :k5 5, :k6 6, :k7 7, :k8 8}");
  CHECK(pr_str(map_assoc(d, K("k4"), L(4))) == "{:k1 1, :k2 2, :k3 3, :k5 5, :k6 6, :k7 7, :k8 8, :k4 4}");
  Value h = map_assoc(m, K("k9"), L(9));
  CHECK(is(h, Type::kHashMap));
  CHECK(map_count(h) == 9);
  for (int i = 0; i < 9; ++i) CHECK(long_value(map_get(h, K(ks[i]), kNil)) == i + 1);
  // JVM: (prn (into {} (map (fn [i] [(keyword (str "k" i)) i]) (range 10))))
  //   => {:k8 8, :k5 5, :k7 7, :k9 9, :k6 6, :k0 0, :k3 3, :k4 4, :k1 1, :k2 2}
  Value m10 = empty_map();
  for (int i = 0; i < 10; ++i) m10 = map_assoc(m10, K(kname(i).c_str()), L(i));
  CHECK(pr_str(m10) == "{:k8 8, :k5 5, :k7 7, :k9 9, :k6 6, :k0 0, :k3 3, :k4 4, :k1 1, :k2 2}");
  // map_from: literal semantics (<= 8 pairs array map, later values win, first place kept)
  Value lit = M({K("b"), L(1), K("a"), L(2), K("b"), L(3)});
  CHECK(is(lit, Type::kArrayMap));
  CHECK(pr_str(lit) == "{:b 3, :a 2}");
  std::vector<Value> kvs;
  for (int i = 0; i < 9; ++i) { kvs.push_back(L(i)); kvs.push_back(L(i)); }
  CHECK(is(map_from(kvs.data(), 8), Type::kArrayMap));
  CHECK(is(map_from(kvs.data(), 9), Type::kHashMap));
  // JVM: (prn (hash-map :b 1 :a 2 :c 3)) => {:c 3, :b 1, :a 2}
  Value hm = HM({K("b"), L(1), K("a"), L(2), K("c"), L(3)});
  CHECK(is(hm, Type::kHashMap));
  CHECK(pr_str(hm) == "{:c 3, :b 1, :a 2}");
  // array-map can exceed 8; assoc onto it promotes
  Value am = array_map_from(kvs.data(), 9);
  CHECK(is(am, Type::kArrayMap));
  CHECK(map_count(am) == 9);
  CHECK(is(map_assoc(am, L(100), L(1)), Type::kHashMap));
  CHECK(equiv(am, map_from(kvs.data(), 9)));
  // meta survives assoc, dissoc and promotion
  Value mm = with_meta(m, M({K("x"), L(1)}));
  CHECK(equiv(meta(map_assoc(mm, K("k9"), L(9))), M({K("x"), L(1)})));
  CHECK(equiv(meta(map_dissoc(mm, K("k1"))), M({K("x"), L(1)})));
  CHECK(map_find(m, K("k2")) != kNil);
  CHECK(pr_str(map_find(m, K("k2"))) == "[:k2 2]");
  CHECK(map_find(m, K("zz")).is_nil());
  CHECK(pr_str(map_find(HM({V({L(1), L(2)}), K("v")}), Lst({L(1), L(2)}))) == "[[1 2] :v]");
}

TEST_CASE("sets: conj, disj, contains, equality, order") {
  ensure_heap();
  Value s = empty_set();
  CHECK(g_heap->root(kRootEmptySet) == s);
  for (int64_t i = 0; i < 5000; ++i) s = set_conj(s, L(i % 2500));
  CHECK(count(s) == 2500);
  for (int64_t i = 0; i < 2500; ++i) REQUIRE(set_contains(s, L(i)));
  CHECK(!set_contains(s, L(2500)));
  CHECK(!set_contains(s, D(1.0)));
  CHECK(set_conj(s, L(3)) == s);
  CHECK(set_disj(s, L(99999)) == s);
  Value t = s;
  for (int64_t i = 0; i < 2500; i += 2) t = set_disj(t, L(i));
  CHECK(count(t) == 1250);
  CHECK(!set_contains(t, L(0)));
  CHECK(set_contains(t, L(1)));
  // JVM: (prn (hash (vec (into #{} (range 5000))))) => -1653162169
  Value big = set_from(nullptr, 0);
  for (int64_t i = 0; i < 5000; ++i) big = set_conj(big, L(i));
  CHECK(order_hash(big) == -1653162169);
  // JVM: (prn (hash (vec (into #{} (map str (range 2000)))))) => -2133918118
  Value strs = empty_set();
  for (int i = 0; i < 2000; ++i) strs = set_conj(strs, make_string(std::to_string(i)));
  CHECK(order_hash(strs) == -2133918118);
  // JVM: (prn (hash (vec (reduce disj (into #{} (range 40)) (range 0 40 2))))) => 1803638385
  Value s40 = empty_set();
  for (int64_t i = 0; i < 40; ++i) s40 = set_conj(s40, L(i));
  Value odd = s40;
  for (int64_t i = 0; i < 40; i += 2) odd = set_disj(odd, L(i));
  CHECK(order_hash(odd) == 1803638385);
  // JVM: (reduce disj (into #{} (range 40)) (range 0 35)) => #{39 36 35 38 37}, order hash 445234710
  Value few = s40;
  for (int64_t i = 0; i < 35; ++i) few = set_disj(few, L(i));
  CHECK(pr_str(few) == "#{39 36 35 38 37}");
  CHECK(order_hash(few) == 445234710);
  // JVM: (prn (set (range 20)))
  Value s20 = set_from(nullptr, 0);
  for (int64_t i = 0; i < 20; ++i) s20 = set_conj(s20, L(i));
  CHECK(pr_str(s20) == "#{0 7 1 4 15 13 6 17 3 12 2 19 11 9 5 14 16 10 18 8}");
  // JVM: (prn (hash-set 5 3 1 "a" :b)) => #{1 "a" 3 :b 5}
  CHECK(pr_str(Set({L(5), L(3), L(1), S("a"), K("b")})) == "#{1 \"a\" 3 :b 5}");
  CHECK(equiv(Set({L(1), L(2), L(3)}), Set({L(3), L(2), L(1)})));
  CHECK(!equiv(Set({L(1), L(2)}), Set({L(1), L(3)})));
  CHECK(!equiv(Set({L(1)}), V({L(1)})));
  CHECK(count(Set({L(1), L(1), L(2)})) == 2);
  Value vk = V({L(1), L(2)});
  Value sv = Set({vk});
  CHECK(set_contains(sv, Lst({L(1), L(2)})));
  CHECK(set_get(sv, Lst({L(1), L(2)}), kNil) == vk);  // the element as stored
  CHECK(set_contains(Set({kNil}), kNil));
  CHECK(!set_contains(Set({kFalse}), kNil));
}

TEST_CASE("seq, first, next, rest over every seqable") {
  ensure_heap();
  CHECK(seq(kNil).is_nil());
  CHECK(seq(empty_list()).is_nil());
  CHECK(seq(empty_vector()).is_nil());
  CHECK(seq(empty_map()).is_nil());
  CHECK(seq(empty_set()).is_nil());
  CHECK(seq(S("")).is_nil());
  CHECK(seq(make_array(0)).is_nil());
  CHECK(first(kNil).is_nil());
  CHECK(next(kNil).is_nil());
  CHECK(rest(kNil) == empty_list());
  CHECK(rest(V({L(1)})) == empty_list());
  CHECK(next(V({L(1)})).is_nil());
  Value v = V({L(1), L(2), L(3)});
  CHECK(is(seq(v), Type::kVectorSeq));
  CHECK(long_value(first(v)) == 1);
  CHECK(long_value(first(next(v))) == 2);
  CHECK(equiv(rest(v), V({L(2), L(3)})));
  CHECK(equiv(seq(M({K("a"), L(1)})), V({V({K("a"), L(1)})})));
  CHECK(is(first(M({K("a"), L(1)})), Type::kMapEntry));
  CHECK(is(first(HM({K("a"), L(1)})), Type::kMapEntry));
  CHECK(items(S("h\xC3\xA9\xF0\x9F\x98\x80!")) == std::vector<Value>{C('h'), C(0xE9), C(0x1F600), C('!')});
  Value arr = make_array(2);
  set_slot(arr, 0, K("x"));
  set_slot(arr, 1, K("y"));
  CHECK(items(arr) == std::vector<Value>{K("x"), K("y")});
  CHECK(items(map_entry(K("k"), L(1))) == std::vector<Value>{K("k"), L(1)});
  CHECK(thrown([] { seq(L(1)); }) ==
        "java.lang.IllegalArgumentException: Don't know how to create ISeq from: java.lang.Long");
  CHECK(thrown([] { seq(K("a")); }) ==
        "java.lang.IllegalArgumentException: Don't know how to create ISeq from: clojure.lang.Keyword");
  // cons
  Value c = make_cons(L(0), v);
  CHECK(is(c, Type::kCons));
  CHECK(equiv(c, V({L(0), L(1), L(2), L(3)})));
  CHECK(is(make_cons(L(0), kNil), Type::kList));
  CHECK(rest(make_cons(L(0), kNil)) == empty_list());
  CHECK(count(c) == 4);
  // ranges
  CHECK(items(make_range(0, 5, 2)) == std::vector<Value>{L(0), L(2), L(4)});
  CHECK(items(make_range(5, 0, -2)) == std::vector<Value>{L(5), L(3), L(1)});
  CHECK(make_range(3, 3, 1) == empty_list());
  CHECK(make_range(3, 0, 1) == empty_list());
  CHECK(count(make_range(0, 10, 3)) == 4);
  CHECK(count(make_range(10, 0, -3)) == 4);
  CHECK(count(make_range(0, 1000000, 1)) == 1000000);
  CHECK(long_value(nth(make_range(0, 1000000, 7), 1000)) == 7000);
  CHECK(nth(make_range(0, 10, 1), 10, K("nf")) == K("nf"));
  Value inf = make_range(0, INT64_MAX, 1);
  CHECK(long_value(nth(inf, 123456)) == 123456);
  auto near_max = items(make_range(INT64_MAX - 2, INT64_MAX - 1, 5));  // next would overflow
  REQUIRE(near_max.size() == 1);
  CHECK(long_value(near_max[0]) == INT64_MAX - 2);
  auto to_max = items(make_range(INT64_MAX - 3, INT64_MAX, 1));  // INT64_MAX end means infinite:
  CHECK(to_max.size() == 4);  // it stops where start + step overflows
  // lists
  Value l = Lst({L(1), L(2)});
  CHECK(rest(rest(l)) == empty_list());
  CHECK(next(next(l)).is_nil());
  CHECK((is_seq(l) && is_seq(empty_list()) && is_seq(seq(v)) && !is_seq(v) && !is_seq(kNil)));
  CHECK((is_sequential(v) && is_sequential(map_entry(kNil, kNil)) && !is_sequential(empty_set())));
  CHECK((is_coll(empty_map()) && is_coll(empty_set()) && !is_coll(S("a")) && !is_coll(kNil)));
}

namespace {
int64_t g_realized = 0;
int64_t g_nat_id = -1;
// A 0-arg native returning (cons n (lazy-seq <itself>)): the naturals, lazily.
Value naturals_step(Value*, uint32_t) {
  int64_t n = g_realized++;
  return make_cons(L(n), make_lazy_seq(native_obj(g_nat_id, "naturals")));
}
int64_t g_empty_id = -1;
Value empty_step(Value*, uint32_t) {
  ++g_realized;
  return make_lazy_seq(kNil);  // a lazy seq that is already realized and empty
}
}  // namespace

TEST_CASE("lazy seqs realize once, on demand, through call_fn") {
  ensure_heap();
  if (g_nat_id < 0) {
    g_nat_id = register_test_native("naturals", naturals_step, 0, 0);
    g_empty_id = register_test_native("empty-lazy", empty_step, 0, 0);
  }
  g_realized = 0;
  Value ls = make_lazy_seq(native_obj(g_nat_id, "naturals"));
  CHECK(g_realized == 0);
  CHECK(long_value(first(ls)) == 0);
  CHECK(g_realized == 1);
  CHECK(long_value(first(ls)) == 0);
  CHECK(g_realized == 1);  // realized once
  Value r = rest(ls);      // rest stays lazy: the tail is not realized yet
  CHECK(is(r, Type::kLazySeq));
  CHECK(g_realized == 1);
  CHECK(long_value(nth(ls, 10)) == 10);
  CHECK(g_realized == 11);
  CHECK(equiv(V({L(0), L(1), L(2)}), V({first(ls), nth(ls, 1), nth(ls, 2)})));
  // (lazy-seq nil) and nested lazy seqs
  Value e = make_lazy_seq(native_obj(g_empty_id, "empty-lazy"));
  CHECK(seq(e).is_nil());
  CHECK(count(e) == 0);
  CHECK(equiv(e, empty_vector()));
  CHECK(equiv(empty_list(), e));
  CHECK(pr_str(e) == "()");
  Value realized = make_lazy_seq(kNil);  // fn nil: already realized, seq nil
  CHECK(seq(realized).is_nil());
  CHECK(rest(realized) == empty_list());
  // with-meta realizes and keeps the elements
  Value wm = with_meta(make_lazy_seq(native_obj(g_empty_id, "empty-lazy")), M({K("m"), L(1)}));
  CHECK(is(wm, Type::kLazySeq));
  CHECK(seq(wm).is_nil());
}

TEST_CASE("count, conj, nth, get, assoc, dissoc, empty dispatch") {
  ensure_heap();
  CHECK(count(kNil) == 0);
  CHECK(count(S("h\xC3\xA9\xF0\x9F\x98\x80")) == 3);  // code points (Folio difference from UTF-16)
  CHECK(count(M({K("a"), L(1)})) == 1);
  CHECK(count(map_entry(kNil, kNil)) == 2);
  CHECK(count(make_cons(L(1), make_range(0, 100, 1))) == 101);
  CHECK(thrown([] { count(L(1)); }) == "java.lang.UnsupportedOperationException: count not supported on this type: Long");
  CHECK(thrown([] { count(K("a")); }) == "java.lang.UnsupportedOperationException: count not supported on this type: Keyword");
  // conj
  CHECK(pr_str(conj(kNil, L(1))) == "(1)");
  CHECK(pr_str(conj(Lst({L(1)}), L(2))) == "(2 1)");
  CHECK(pr_str(conj(V({L(1)}), L(2))) == "[1 2]");
  CHECK(pr_str(conj(empty_list(), L(2))) == "(2)");
  CHECK(pr_str(conj(seq(V({L(1)})), L(0))) == "(0 1)");
  CHECK(pr_str(conj(M({K("a"), L(1)}), V({K("b"), L(2)}))) == "{:a 1, :b 2}");
  CHECK(pr_str(conj(M({K("a"), L(1)}), M({K("b"), L(2), K("c"), L(3)}))) == "{:a 1, :b 2, :c 3}");
  CHECK(pr_str(conj(empty_map(), kNil)) == "{}");
  CHECK(pr_str(conj(empty_map(), map_entry(K("e"), L(5)))) == "{:e 5}");
  CHECK(thrown([] { conj(empty_map(), V({L(1)})); }) == "java.lang.IllegalArgumentException: Vector arg to map conj must be a pair");
  CHECK(thrown([] { conj(empty_map(), L(1)); }) == "java.lang.IllegalArgumentException: Don't know how to create ISeq from: java.lang.Long");
  CHECK(thrown([] { conj(L(1), L(2)); }) ==
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.IPersistentCollection "
        "(java.lang.Long is in module java.base of loader 'bootstrap'; clojure.lang.IPersistentCollection is in "
        "unnamed module of loader 'app')");
  CHECK(count(conj(Set({L(1)}), L(1))) == 1);
  CHECK(pr_str(conj(map_entry(K("a"), L(1)), L(2))) == "[:a 1 2]");
  // nth
  CHECK(nth(S("h\xC3\xA9y"), 1) == C(0xE9));
  CHECK(thrown([] { nth(S("abc"), 5); }) == "java.lang.StringIndexOutOfBoundsException: String index out of range: 5");
  CHECK(thrown([] { nth(Lst({L(1)}), 5); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([] { nth(Lst({L(1)}), -1); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([] { nth(M({K("a"), L(1)}), 0); }) == "java.lang.UnsupportedOperationException: nth not supported on this type: PersistentArrayMap");
  CHECK(nth(kNil, 3).is_nil());
  CHECK(nth(V({L(1)}), 3, K("nf")) == K("nf"));
  CHECK(nth(map_entry(K("k"), K("v")), 1) == K("v"));
  CHECK(long_value(nth(Lst({L(1), L(2), L(3)}), 2)) == 3);
  CHECK(long_value(nth(make_cons(L(1), V({L(2), L(3)})), 2)) == 3);
  // get (JVM: (prn (get [1 2] 4294967296) (get "abc" 1.5)) => 1 \b)
  CHECK(long_value(get(V({L(1), L(2)}), L(1), kNil)) == 2);
  CHECK(long_value(get(V({L(1), L(2)}), L(4294967296LL), kNil)) == 1);  // int truncation, as the JVM
  CHECK(get(V({L(1), L(2)}), D(1.0), K("nf")) == K("nf"));
  CHECK(get(S("abc"), D(1.5), kNil) == C('b'));
  CHECK(get(S("abc"), L(3), K("nf")) == K("nf"));
  CHECK(get(kNil, K("a"), K("nf")) == K("nf"));
  CHECK(get(L(5), K("a"), K("nf")) == K("nf"));
  CHECK(get(Set({K("a")}), K("a"), kNil) == K("a"));
  CHECK(get(Set({K("a")}), K("b"), K("nf")) == K("nf"));
  CHECK(long_value(get(M({K("a"), L(1)}), K("a"), kNil)) == 1);
  // assoc / dissoc
  CHECK(pr_str(assoc(kNil, K("a"), L(1))) == "{:a 1}");
  CHECK(is(assoc(kNil, K("a"), L(1)), Type::kArrayMap));
  CHECK(pr_str(assoc(V({L(1)}), L(1), L(2))) == "[1 2]");
  CHECK(pr_str(assoc(map_entry(K("a"), L(1)), L(0), K("b"))) == "[:b 1]");
  CHECK(thrown([] { assoc(V({}), K("a"), L(3)); }) == "java.lang.IllegalArgumentException: Key must be integer");
  CHECK(thrown([] { assoc(V({L(1)}), L(5), L(3)); }) == "java.lang.IndexOutOfBoundsException: nil");
  CHECK(thrown([] { assoc(L(1), L(2), L(3)); }).starts_with(
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.Associative"));
  CHECK(dissoc(kNil, K("a")).is_nil());
  CHECK(pr_str(dissoc(M({K("a"), L(1), K("b"), L(2)}), K("a"))) == "{:b 2}");
  CHECK(thrown([] { dissoc(V({L(1)}), L(0)); }) ==
        "java.lang.ClassCastException: class clojure.lang.PersistentVector cannot be cast to class "
        "clojure.lang.IPersistentMap (clojure.lang.PersistentVector and clojure.lang.IPersistentMap are in "
        "unnamed module of loader 'app')");
  // empty keeps meta on collections, gives () for seqs and nil otherwise
  Value m = M({K("m"), L(1)});
  CHECK(meta(empty(with_meta(V({L(1)}), m))) == m);
  CHECK(meta(empty(with_meta(M({L(1), L(2)}), m))) == m);
  CHECK(meta(empty(with_meta(Set({L(1)}), m))) == m);
  CHECK(meta(empty(with_meta(Lst({L(1)}), m))) == m);
  CHECK(is(empty(HM({L(1), L(2)})), Type::kHashMap));
  CHECK(empty(seq(V({L(1)}))) == empty_list());
  CHECK(empty(make_range(0, 3, 1)) == empty_list());
  CHECK(empty(S("abc")).is_nil());
  CHECK(empty(map_entry(L(1), L(2))).is_nil());
  CHECK(empty(L(1)).is_nil());
  // vec
  CHECK(pr_str(vec(M({K("a"), L(1)}))) == "[[:a 1]]");
  CHECK(pr_str(vec(kNil)) == "[]");
  CHECK(vec_is_range(vec(make_range(0, 5000, 1)), 5000));
}

TEST_CASE("meta and with_meta") {
  ensure_heap();
  Value m = M({K("doc"), S("d")});
  CHECK(meta(L(1)).is_nil());
  CHECK(meta(V({})).is_nil());
  Value v = V({L(1)});
  Value vm = with_meta(v, m);
  CHECK(meta(vm) == m);
  CHECK(meta(v).is_nil());  // with_meta copies
  CHECK(equiv(v, vm));
  CHECK(with_meta(vm, m) == vm);
  CHECK(meta(with_meta(Sym("s"), m)) == m);
  CHECK(equiv(with_meta(Sym("s"), m), Sym("s")));
  for (Value x : {Lst({L(1)}), empty_list(), make_cons(L(1), Lst({L(2)})), M({L(1), L(2)}), HM({L(1), L(2)}),
                  Set({L(1)}), seq(V({L(1)})), make_range(0, 3, 1), seq(S("ab")), seq(M({L(1), L(2)}))}) {
    Value y = with_meta(x, m);
    CHECK(meta(y) == m);
    CHECK(equiv(x, y));
    CHECK(type_of_obj(x) == type_of_obj(y));
  }
  CHECK(thrown([] { with_meta(L(1), kNil); }) ==
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.IObj "
        "(java.lang.Long is in module java.base of loader 'bootstrap'; clojure.lang.IObj is in unnamed module "
        "of loader 'app')");
  CHECK(thrown([] { with_meta(map_entry(L(1), L(2)), kNil); }) ==
        "java.lang.ClassCastException: class clojure.lang.MapEntry cannot be cast to class clojure.lang.IObj "
        "(clojure.lang.MapEntry and clojure.lang.IObj are in unnamed module of loader 'app')");
  CHECK(thrown([] { with_meta(S("s"), kNil); }).starts_with("java.lang.ClassCastException"));
}

TEST_CASE("large collections survive a collection when rooted") {
  ensure_heap();
  Value v = range_vec(50000);
  Value m = empty_map();
  for (int64_t i = 0; i < 20000; ++i) m = map_assoc(m, L(i), make_string(std::to_string(i)));
  m = map_assoc(m, kNil, S("nil"));
  Value s = empty_set();
  for (int64_t i = 0; i < 5000; ++i) s = set_conj(s, V({L(i), S("x")}));
  Value garbage = empty_vector();
  for (int64_t i = 0; i < 20000; ++i) garbage = vector_conj(garbage, make_string("junk"));
  garbage = kNil;
  g_heap->set_roots([&](heap::Heap::Marker& mk) {
    mk.mark(v);
    mk.mark(m);
    mk.mark(s);
  });
  g_heap->collect();
  uint64_t live = g_heap->stats().live_words;
  g_heap->collect();
  CHECK(g_heap->stats().live_words == live);
  // reuse freed memory, then read everything back
  garbage = empty_vector();
  for (int64_t i = 0; i < 20000; ++i) garbage = vector_conj(garbage, make_string("junk2"));
  CHECK(vec_is_range(v, 50000));
  CHECK(map_count(m) == 20001);
  for (int64_t i = 0; i < 20000; ++i) REQUIRE(string_view(map_get(m, L(i), kNil)) == std::to_string(i));
  CHECK(string_view(map_get(m, kNil, kNil)) == "nil");
  CHECK(count(s) == 5000);
  for (int64_t i = 0; i < 5000; ++i) REQUIRE(set_contains(s, V({L(i), S("x")})));
  CHECK(count(empty_vector()) == 0);  // the singletons are heap roots
  CHECK(count(empty_map()) == 0);
  CHECK(count(empty_set()) == 0);
  g_heap->set_roots(nullptr);
}

TEST_CASE("first of a map or set is the first element of its seq") {
  ensure_heap();
  for (int64_t n : {0, 1, 5, 9, 17, 40, 700}) {
    Value m = empty_map(), s = empty_set();
    for (int64_t i = 0; i < n; ++i) {
      m = map_assoc(m, L(i * 37), L(i));
      s = set_conj(s, S(std::to_string(i).c_str()));
    }
    for (Value c : {m, s, map_assoc(m, kNil, L(1)), set_conj(s, kNil)}) {
      Value sq = seq(c);
      CHECK(equiv(first(c), sq.is_nil() ? kNil : first(sq)));
    }
  }
}
