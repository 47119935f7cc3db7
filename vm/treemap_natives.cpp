// treemap_natives.cpp - clojure.core natives over sorted collections:
// sorted-map sorted-map-by sorted-set sorted-set-by subseq rsubseq sorted?
// (rseq of a sorted coll is in core_natives_seq.cpp; the collections
// themselves are in treemap.cpp).
// All but sorted? may call a user comparator, so they are not gc-safe.
#include <string_view>

#include "vm/coll_internal.h"
#include "vm/core_natives.h"
#include "vm/native.h"

namespace folio::natives {
namespace {

// ---------------------------------------------------------------- constructors

Value comparator_arg(Value f) {
  if (!is(f, Type::kClosure) && !is(f, Type::kNative)) throw_cast(f, "java.util.Comparator");
  return f;
}

// PersistentTreeMap.create: pairs are added in order, so an earlier pair's
// ClassCastException wins over a missing last value.
Value build_map(Value cmp, Value* a, uint32_t n) {
  Value m = sorted_map_empty(cmp);
  for (uint32_t i = 0; i < n; i += 2) {
    if (i + 1 == n) throw_arg("No value supplied for key: " + (a[i].is_nil() ? "null" : to_str(a[i])));
    m = map_assoc(m, a[i], a[i + 1]);
  }
  return m;
}

Value build_set(Value cmp, Value* a, uint32_t n) {
  Value s = sorted_set_empty(cmp);
  for (uint32_t i = 0; i < n; ++i) s = set_conj(s, a[i]);
  return s;
}

Value n_sorted_map(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return build_map(kNil, a, n);
}

Value n_sorted_map_by(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return build_map(comparator_arg(a[0]), a + 1, n - 1);
}

Value n_sorted_set(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return build_set(kNil, a, n);
}

Value n_sorted_set_by(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return build_set(comparator_arg(a[0]), a + 1, n - 1);
}

Value n_sorted_p(Value* a, uint32_t) { return Value::boolean(is_sorted(a[0])); }

// ---------------------------------------------------------------- subseq / rsubseq
// As clojure.core's: an element e is within a bound (test, key) when
// (test (compare (key e) key) 0), compare being the coll's comparator.
// From a start bound the walk begins at (.seqFrom sc key asc), dropping
// that first element if it is outside; an end bound is take-while. The cut
// is found up front (the test fns < <= > >= are monotone: a tree search;
// any other fn is tried element by element), so the seq needs no fn calls.

enum class Test { kLt, kLe, kGt, kGe, kOther };

struct Bound {
  Test kind;
  Value test, key;
  Bound(Value t, Value k) : kind(test_kind(t)), test(t), key(k) {}

  // clojure.core/< and friends, recognised by identity (never called).
  static Test test_kind(Value f) {
    if (!is(f, Type::kNative)) return Test::kOther;
    const NativeDef& d = native_def(f);
    if (std::string_view(d.ns) != "clojure.core") return Test::kOther;
    std::string_view n = d.name;
    return n == "<" ? Test::kLt : n == "<=" ? Test::kLe : n == ">" ? Test::kGt : n == ">=" ? Test::kGe : Test::kOther;
  }

  bool includes(Value m, Value k) const {
    int c = coll::tmap_compare(m, k, key);
    switch (kind) {
      case Test::kLt: return c < 0;
      case Test::kLe: return c <= 0;
      case Test::kGt: return c > 0;
      case Test::kGe: return c >= 0;
      case Test::kOther: break;
    }
    return call_fn(test, Value::fixnum(c), Value::fixnum(0)).truthy();
  }
};

Value key_at(Value s) { return slot(coll::tree_seq_node(s), 0); }

// The first node of s (a tree seq of m) that take-while `end` stops at, nil for none.
Value stop_node(Value m, Value s, bool asc, const Bound& end) {
  if (!end.includes(m, key_at(s))) return coll::tree_seq_node(s);
  bool lt = end.kind == Test::kLt || end.kind == Test::kLe;
  bool gt = end.kind == Test::kGt || end.kind == Test::kGe;
  if (end.kind != Test::kOther) {
    // Bounds that hold at s's start fail, if ever, from some node on when
    // they look back (< walking up, > walking down); else they hold to the end.
    if (asc ? !lt : !gt) return kNil;
    return coll::tmap_boundary(m, asc, [&](Value k) { return !end.includes(m, k); });
  }
  for (Value x = coll::tree_seq_next(s); !x.is_nil(); x = coll::tree_seq_next(x))
    if (!end.includes(m, key_at(x))) return coll::tree_seq_node(x);
  return kNil;
}

// A seq of sc in the given direction from `start` (or the first element)
// while `end` holds (or to the last). nil when sc has nothing from start;
// () when the take-while part is empty, as Clojure's lazy take-while prints.
Value sub_seq(Value sc, bool asc, const Bound* start, const Bound* end) {
  if (sc.is_nil())  // the JVM's helpful NullPointerException message
    throw_npe(std::string("Cannot invoke \"clojure.lang.Sorted.") +
              (start ? "seqFrom(Object, boolean)" : "seq(boolean)") + "\" because \"sc\" is null");
  if (!is_sorted(sc)) throw_cast(sc, "clojure.lang.Sorted");
  bool set = is(sc, Type::kTreeSet);
  Value m = set ? slot(sc, 0) : sc;
  Value s;
  if (start) {
    s = coll::tree_seq_from(m, start->key, asc, set);
    if (s.is_nil()) return kNil;
    if (!start->includes(m, key_at(s))) s = coll::tree_seq_next(s);
    if (!end) return s;
  } else {
    s = coll::tree_seq(m, asc, set);
  }
  if (s.is_nil()) return empty_list();
  Value r = coll::tree_seq_until(s, stop_node(m, s, asc, *end));
  return r.is_nil() ? empty_list() : r;
}

[[noreturn]] void throw_subseq_arity(const char* name, uint32_t n) {
  throw_error("clojure.lang.ArityException",
              "Wrong number of args (" + std::to_string(n) + ") passed to: clojure.core/" + name);
}

// (subseq sc test key) (subseq sc start-test start-key end-test end-key)
Value n_subseq(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  if (n == 4) throw_subseq_arity("subseq", n);
  if (n == 3) {
    Bound b(a[1], a[2]);
    bool from = b.kind == Test::kGt || b.kind == Test::kGe;  // (#{> >=} test)
    return from ? sub_seq(a[0], true, &b, nullptr) : sub_seq(a[0], true, nullptr, &b);
  }
  Bound start(a[1], a[2]), end(a[3], a[4]);
  return sub_seq(a[0], true, &start, &end);
}

// (rsubseq sc test key) (rsubseq sc start-test start-key end-test end-key): descending.
Value n_rsubseq(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  if (n == 4) throw_subseq_arity("rsubseq", n);
  if (n == 3) {
    Bound b(a[1], a[2]);
    bool from = b.kind == Test::kLt || b.kind == Test::kLe;  // (#{< <=} test)
    return from ? sub_seq(a[0], false, &b, nullptr) : sub_seq(a[0], false, nullptr, &b);
  }
  Bound start(a[1], a[2]), end(a[3], a[4]);
  return sub_seq(a[0], false, &end, &start);  // walks down from the end bound
}

const NativeDef kSorted[] = {
    {"clojure.core", "sorted-map", n_sorted_map, 0, -1, false},
    {"clojure.core", "sorted-map-by", n_sorted_map_by, 1, -1, false},
    {"clojure.core", "sorted-set", n_sorted_set, 0, -1, false},
    {"clojure.core", "sorted-set-by", n_sorted_set_by, 1, -1, false},
    {"clojure.core", "subseq", n_subseq, 3, 5, false},
    {"clojure.core", "rsubseq", n_rsubseq, 3, 5, false},
    {"clojure.core", "sorted?", n_sorted_p, 1, 1, true},
};

}  // namespace

void register_sorted_natives() { register_natives(kSorted, sizeof kSorted / sizeof kSorted[0]); }

}  // namespace folio::natives
