// arraymap.cpp - PersistentArrayMap and the map_* entry points of collections.h
// (which dispatch to hashmap.cpp and treemap.cpp for the other map types).
//
// Layout (object.h): kArrayMap [meta, k0, v0, k1, v1, ...], exactly sized.
// Small maps are a flat array searched linearly and keep insertion order, as
// Clojure's PersistentArrayMap: assoc of a new key appends; once a map holding
// 8 entries (16 slots, HASHTABLE_THRESHOLD) gets a 9th it becomes a hash map.
// dissoc never turns a hash map back into an array map (nor does Clojure).
#include "vm/coll_internal.h"

namespace folio {
using namespace coll;

namespace {

constexpr uint32_t kThresholdSlots = 16;  // Clojure's HASHTABLE_THRESHOLD, in k/v slots

inline uint32_t amap_slots(Value m) { return nslots(m) - 1; }

Value make_amap(Value meta, uint32_t kvslots) {
  Value m = alloc_slots(Type::kArrayMap, 1 + kvslots);
  init_slot(m, 0, meta);
  return m;
}

// The array map's entries moved into a hash map (same meta).
Value promote(Value m) {
  Value h = hmap_empty(slot(m, 0));
  for (uint32_t i = 1, n = nslots(m); i < n; i += 2) h = hmap_assoc(h, slot(m, i), slot(m, i + 1));
  return h;
}

Value amap_assoc(Value m, Value k, Value v) {
  int64_t i = amap_index_of(m, k);
  if (i >= 0) {
    if (slot(m, uint32_t(i + 1)) == v) return m;
    Value r = clone_obj(m);
    init_slot(r, uint32_t(i + 1), v);
    return r;
  }
  uint32_t n = amap_slots(m);
  if (n >= kThresholdSlots) return hmap_assoc(promote(m), k, v);
  Value r = make_amap(slot(m, 0), n + 2);
  for (uint32_t j = 1; j <= n; ++j) init_slot(r, j, slot(m, j));
  init_slot(r, n + 1, k);
  init_slot(r, n + 2, v);
  return r;
}

Value amap_dissoc(Value m, Value k) {
  int64_t i = amap_index_of(m, k);
  if (i < 0) return m;
  uint32_t n = amap_slots(m);
  if (n == 2) return amap_with_meta_empty(slot(m, 0));
  Value r = make_amap(slot(m, 0), n - 2);
  for (uint32_t j = 1, o = 1; j <= n; ++j) {
    if (j == uint32_t(i) || j == uint32_t(i + 1)) continue;
    init_slot(r, o++, slot(m, j));
  }
  return r;
}

}  // namespace

Value coll::amap_empty() {
  Value e = g_heap->root(kRootEmptyMap);
  if (e.is_nil()) {
    e = make_amap(kNil, 0);
    g_heap->set_root(kRootEmptyMap, e);
  }
  return e;
}

Value coll::amap_with_meta_empty(Value meta) {
  return meta.is_nil() ? amap_empty() : make_amap(meta, 0);
}

int64_t coll::amap_index_of(Value m, Value k) {
  uint32_t n = nslots(m);
  if (is(k, Type::kKeyword)) {  // interned: identity is equality
    for (uint32_t i = 1; i < n; i += 2)
      if (slot(m, i) == k) return i;
    return -1;
  }
  for (uint32_t i = 1; i < n; i += 2)
    if (equiv(k, slot(m, i))) return i;
  return -1;
}

Value empty_map() { return amap_empty(); }

bool is_map(Value v) { return is(v, Type::kArrayMap) || is(v, Type::kHashMap) || is(v, Type::kTreeMap); }

Value map_entry(Value k, Value v) {
  Value e = alloc_slots(Type::kMapEntry, 2);
  init_slot(e, 0, k);
  init_slot(e, 1, v);
  return e;
}

// As RT.map (map literals): an array map up to 8 pairs, a hash map beyond.
// Duplicate keys keep their first position and take the last value.
Value map_from(const Value* kvs, uint64_t npairs) {
  if (npairs > kThresholdSlots / 2) return hash_map_from(kvs, npairs);
  return array_map_from(kvs, npairs);
}

// clojure.core/array-map: an array map of any size (assoc onto one holding
// 8 or more entries promotes it).
Value array_map_from(const Value* kvs, uint64_t npairs) {
  if (npairs == 0) return amap_empty();
  Value m = make_amap(kNil, uint32_t(2 * npairs));
  uint32_t n = 0;  // k/v slots filled so far
  for (uint64_t p = 0; p < npairs; ++p) {
    Value k = kvs[2 * p], v = kvs[2 * p + 1];
    uint32_t j = 1;
    for (; j < 1 + n; j += 2)
      if (equiv(k, slot(m, j))) break;
    if (j < 1 + n) {
      set_slot(m, j + 1, v);
    } else {
      set_slot(m, 1 + n, k);
      set_slot(m, 2 + n, v);
      n += 2;
    }
  }
  if (n == 2 * npairs) return m;
  Value r = make_amap(kNil, n);  // duplicates: a shorter copy
  for (uint32_t j = 1; j <= n; ++j) init_slot(r, j, slot(m, j));
  return r;
}

Value map_assoc(Value m, Value k, Value v) {
  if (is(m, Type::kArrayMap)) return amap_assoc(m, k, v);
  if (is(m, Type::kTreeMap)) return tmap_assoc(m, k, v);
  return hmap_assoc(m, k, v);
}

Value map_dissoc(Value m, Value k) {
  if (is(m, Type::kArrayMap)) return amap_dissoc(m, k);
  if (is(m, Type::kTreeMap)) return tmap_dissoc(m, k);
  return hmap_dissoc(m, k);
}

Value map_get(Value m, Value k, Value not_found) {
  if (is(m, Type::kArrayMap)) {
    int64_t i = amap_index_of(m, k);
    return i < 0 ? not_found : slot(m, uint32_t(i + 1));
  }
  if (is(m, Type::kTreeMap)) return tmap_get(m, k, not_found);
  return hmap_get(m, k, not_found);
}

bool map_contains(Value m, Value k) { return map_get(m, k, kNotFound) != kNotFound; }

int64_t map_count(Value m) {
  if (is(m, Type::kArrayMap)) return amap_slots(m) / 2;
  if (is(m, Type::kTreeMap)) return tmap_count(m);
  return hmap_count(m);
}

Value map_find(Value m, Value k) {
  if (is(m, Type::kArrayMap)) {
    int64_t i = amap_index_of(m, k);
    return i < 0 ? kNil : map_entry(slot(m, uint32_t(i)), slot(m, uint32_t(i + 1)));
  }
  Value stored;
  Value v = is(m, Type::kTreeMap) ? tmap_get(m, k, kNotFound, &stored) : hmap_get(m, k, kNotFound, &stored);
  if (v == kNotFound) return kNil;
  return map_entry(stored, v);  // the key as stored, as Clojure's entryAt
}

void map_for_each(Value m, const std::function<void(Value, Value)>& f) {
  if (is(m, Type::kArrayMap)) {
    for (uint32_t i = 1, n = nslots(m); i < n; i += 2) f(slot(m, i), slot(m, i + 1));
    return;
  }
  if (is(m, Type::kTreeMap)) return tmap_for_each(m, f);
  hmap_for_each(m, f);
}

}  // namespace folio
