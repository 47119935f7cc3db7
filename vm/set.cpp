// set.cpp - PersistentHashSet: a hash map from each element to itself.
//
// Layout (object.h): kHashSet [map, meta]. As in Clojure the backing map is
// always a PersistentHashMap (never an array map), so sets iterate in hash
// order, the same order as JVM Clojure. Mapping x -> x lets get return the
// element as stored (Clojure's PersistentHashSet.get does the same).
#include "vm/coll_internal.h"

namespace folio {
using namespace coll;

namespace {

Value make_set(Value map, Value meta) {
  Value s = alloc_slots(Type::kHashSet, 2);
  init_slot(s, 0, map);
  init_slot(s, 1, meta);
  return s;
}

}  // namespace

Value empty_set() {
  Value e = g_heap->root(kRootEmptySet);
  if (e.is_nil()) {
    e = make_set(hmap_empty(kNil), kNil);
    g_heap->set_root(kRootEmptySet, e);
  }
  return e;
}

Value coll::set_with_meta_empty(Value meta) {
  Value e = empty_set();
  return meta.is_nil() ? e : make_set(slot(e, 0), meta);
}

Value set_from(const Value* xs, uint64_t n) {
  if (n == 0) return empty_set();
  Value m = hmap_empty(kNil);
  for (uint64_t i = 0; i < n; ++i) m = hmap_assoc(m, xs[i], xs[i]);
  return make_set(m, kNil);
}

// Sorted sets (kTreeSet) have the same layout over a tree map: only the map
// functions differ.
Value set_conj(Value s, Value x) {
  Value m = slot(s, 0);
  if (is(s, Type::kTreeSet)) {
    if (tmap_get(m, x, kNotFound) != kNotFound) return s;
    return tset_make(tmap_assoc(m, x, x), slot(s, 1));
  }
  if (hmap_get(m, x, kNotFound) != kNotFound) return s;
  return make_set(hmap_assoc(m, x, x), slot(s, 1));
}

Value set_disj(Value s, Value x) {
  Value m = slot(s, 0);
  if (is(s, Type::kTreeSet)) {
    Value r = tmap_dissoc(m, x);
    return r == m ? s : tset_make(r, slot(s, 1));
  }
  if (hmap_get(m, x, kNotFound) == kNotFound) return s;
  return make_set(hmap_dissoc(m, x), slot(s, 1));
}

bool set_contains(Value s, Value x) { return set_get(s, x, kNotFound) != kNotFound; }

Value set_get(Value s, Value x, Value not_found) {
  Value m = slot(s, 0);
  return is(s, Type::kTreeSet) ? tmap_get(m, x, not_found) : hmap_get(m, x, not_found);
}

int64_t set_count(Value s) {
  Value m = slot(s, 0);
  return is(s, Type::kTreeSet) ? tmap_count(m) : hmap_count(m);
}

bool is_set(Value v) { return is(v, Type::kHashSet) || is(v, Type::kTreeSet); }

void set_for_each(Value s, const std::function<void(Value)>& f) {
  auto each = [&](Value k, Value) { f(k); };
  if (is(s, Type::kTreeSet)) return tmap_for_each(slot(s, 0), each);
  hmap_for_each(slot(s, 0), each);
}

}  // namespace folio
