// hashmap.cpp - PersistentHashMap: a hash array mapped trie (HAMT).
//
// Layouts (object.h):
//   kHashMap       [count fix, root node|nil, has-nil bool, nil-val, meta]
//   kHamtBitmap    [bitmap fix, k0, v0, ...]   k == kNoKey: v is a child node
//   kHamtArray     [count fix, child0 .. child31]   (count = non-nil children)
//   kHamtCollision [hash fix, k0, v0, ...]
// The node algorithms mirror Clojure's PersistentHashMap.java step for step
// (bitmap node becomes an array node at 17 entries, an array node is packed
// back into a bitmap node below 9 children, collision nodes append, the nil
// key lives outside the trie and iterates first), because the shape of the
// trie decides iteration order and Folio must print maps as JVM Clojure does.
// Bitmap and collision nodes are sized exactly (no spare capacity). Child
// nodes are built before their parent is allocated (hashing a key can run
// Clojure code), so init_slot always directly follows the allocation.
#include "vm/coll_internal.h"

#include <bit>

namespace folio {
using namespace coll;

namespace {

enum : uint32_t { kCnt = 0, kRootN = 1, kHasNil = 2, kNilVal = 3, kMeta = 4 };

inline uint32_t mask(uint32_t hash, int shift) { return (hash >> (shift & 31)) & 31; }
inline uint32_t bitpos(uint32_t hash, int shift) { return 1u << mask(hash, shift); }
inline uint32_t bitmap_of(Value n) { return uint32_t(slot(n, 0).fixnum_value()); }
inline uint32_t bm_index(uint32_t bitmap, uint32_t bit) { return uint32_t(std::popcount(bitmap & (bit - 1))); }
inline uint32_t hash_of(Value k) { return uint32_t(hasheq(k)); }

Value make_bitmap(uint32_t bitmap, uint32_t n) {
  Value b = alloc_slots(Type::kHamtBitmap, 1 + 2 * n);
  init_slot(b, 0, fx(bitmap));
  return b;
}

Value make_collision(uint32_t hash, Value k1, Value v1, Value k2, Value v2) {
  Value c = alloc_slots(Type::kHamtCollision, 5);
  init_slot(c, 0, fx(hash));
  init_slot(c, 1, k1);
  init_slot(c, 2, v1);
  init_slot(c, 3, k2);
  init_slot(c, 4, v2);
  return c;
}

// A copy of `node` without the key/value pair at pair index `idx`
// (pairs start at slot 1 in both bitmap and collision nodes).
Value remove_pair(Value node, uint32_t idx, Value header) {
  uint32_t n = nslots(node);
  Value r = alloc_slots(type_of_obj(node), n - 2);
  init_slot(r, 0, header);
  uint32_t skip = 1 + 2 * idx;
  for (uint32_t i = 1, j = 1; i < n; ++i) {
    if (i == skip || i == skip + 1) continue;
    init_slot(r, j++, slot(node, i));
  }
  return r;
}

Value node_assoc(Value node, int shift, uint32_t hash, Value key, Value val, bool& added);

// Two entries that share the path so far: a collision node when the hashes
// are equal, otherwise a bitmap node (nested as deep as the hashes agree).
Value create_node(int shift, Value k1, Value v1, uint32_t h2, Value k2, Value v2) {
  uint32_t h1 = hash_of(k1);
  if (h1 == h2) return make_collision(h1, k1, v1, k2, v2);
  bool added = false;
  Value n = node_assoc(make_bitmap(0, 0), shift, h1, k1, v1, added);
  return node_assoc(n, shift, h2, k2, v2, added);
}

Value bitmap_assoc(Value node, int shift, uint32_t hash, Value key, Value val, bool& added) {
  uint32_t bitmap = bitmap_of(node);
  uint32_t bit = bitpos(hash, shift);
  uint32_t idx = bm_index(bitmap, bit);
  if (bitmap & bit) {
    Value k = slot(node, 1 + 2 * idx), v = slot(node, 2 + 2 * idx);
    if (k == kNoKey) {
      Value n = node_assoc(v, shift + 5, hash, key, val, added);
      if (n == v) return node;
      Value r = clone_obj(node);
      init_slot(r, 2 + 2 * idx, n);
      return r;
    }
    if (equiv(key, k)) {
      if (val == v) return node;
      Value r = clone_obj(node);
      init_slot(r, 2 + 2 * idx, val);
      return r;
    }
    added = true;
    Value child = create_node(shift + 5, k, v, hash, key, val);
    Value r = clone_obj(node);
    init_slot(r, 1 + 2 * idx, kNoKey);
    init_slot(r, 2 + 2 * idx, child);
    return r;
  }
  uint32_t n = uint32_t(std::popcount(bitmap));
  if (n >= 16) {
    // Full enough: spread into an array node of 32 children, each entry
    // re-inserted one level down (Clojure does exactly this).
    Value kids[32];
    for (Value& kid : kids) kid = kNil;
    uint32_t jdx = mask(hash, shift);
    kids[jdx] = node_assoc(make_bitmap(0, 0), shift + 5, hash, key, val, added);
    uint32_t j = 1;
    for (uint32_t i = 0; i < 32; ++i) {
      if (!((bitmap >> i) & 1)) continue;
      Value k = slot(node, j), v = slot(node, j + 1);
      if (k == kNoKey) {
        kids[i] = v;
      } else {
        bool ignored = false;
        kids[i] = node_assoc(make_bitmap(0, 0), shift + 5, hash_of(k), k, v, ignored);
      }
      j += 2;
    }
    Value an = alloc_slots(Type::kHamtArray, 33);
    init_slot(an, 0, fx(n + 1));
    for (uint32_t i = 0; i < 32; ++i) init_slot(an, 1 + i, kids[i]);
    return an;
  }
  Value r = make_bitmap(bitmap | bit, n + 1);
  for (uint32_t i = 0; i < 2 * idx; ++i) init_slot(r, 1 + i, slot(node, 1 + i));
  init_slot(r, 1 + 2 * idx, key);
  init_slot(r, 2 + 2 * idx, val);
  for (uint32_t i = 2 * idx; i < 2 * n; ++i) init_slot(r, 3 + i, slot(node, 1 + i));
  added = true;
  return r;
}

Value array_assoc(Value node, int shift, uint32_t hash, Value key, Value val, bool& added) {
  uint32_t idx = mask(hash, shift);
  Value child = slot(node, 1 + idx);
  if (child.is_nil()) {
    Value fresh = node_assoc(make_bitmap(0, 0), shift + 5, hash, key, val, added);
    Value r = clone_obj(node);
    init_slot(r, 0, fx(fix(node, 0) + 1));
    init_slot(r, 1 + idx, fresh);
    return r;
  }
  Value n = node_assoc(child, shift + 5, hash, key, val, added);
  if (n == child) return node;
  Value r = clone_obj(node);
  init_slot(r, 1 + idx, n);
  return r;
}

int64_t collision_find(Value node, Value key) {
  uint32_t n = nslots(node);
  for (uint32_t i = 1; i < n; i += 2)
    if (equiv(key, slot(node, i))) return i;
  return -1;
}

Value collision_assoc(Value node, int shift, uint32_t hash, Value key, Value val, bool& added) {
  uint32_t h = uint32_t(fix(node, 0));
  if (hash == h) {
    int64_t i = collision_find(node, key);
    if (i >= 0) {
      if (slot(node, uint32_t(i + 1)) == val) return node;
      Value r = clone_obj(node);
      init_slot(r, uint32_t(i + 1), val);
      return r;
    }
    uint32_t n = nslots(node);
    Value r = alloc_slots(Type::kHamtCollision, n + 2);
    for (uint32_t j = 0; j < n; ++j) init_slot(r, j, slot(node, j));
    init_slot(r, n, key);
    init_slot(r, n + 1, val);
    added = true;
    return r;
  }
  // Different hash: nest this collision node in a bitmap node and retry.
  Value b = make_bitmap(bitpos(h, shift), 1);
  init_slot(b, 1, kNoKey);
  init_slot(b, 2, node);
  return bitmap_assoc(b, shift, hash, key, val, added);
}

Value node_assoc(Value node, int shift, uint32_t hash, Value key, Value val, bool& added) {
  switch (type_of_obj(node)) {
    case Type::kHamtBitmap: return bitmap_assoc(node, shift, hash, key, val, added);
    case Type::kHamtArray: return array_assoc(node, shift, hash, key, val, added);
    default: return collision_assoc(node, shift, hash, key, val, added);
  }
}

Value node_without(Value node, int shift, uint32_t hash, Value key);

Value bitmap_without(Value node, int shift, uint32_t hash, Value key) {
  uint32_t bitmap = bitmap_of(node);
  uint32_t bit = bitpos(hash, shift);
  if (!(bitmap & bit)) return node;
  uint32_t idx = bm_index(bitmap, bit);
  Value k = slot(node, 1 + 2 * idx), v = slot(node, 2 + 2 * idx);
  if (k == kNoKey) {
    Value n = node_without(v, shift + 5, hash, key);
    if (n == v) return node;
    if (!n.is_nil()) {
      Value r = clone_obj(node);
      init_slot(r, 2 + 2 * idx, n);
      return r;
    }
    if (bitmap == bit) return kNil;
    return remove_pair(node, idx, fx(bitmap ^ bit));
  }
  if (equiv(key, k)) {
    if (bitmap == bit) return kNil;
    return remove_pair(node, idx, fx(bitmap ^ bit));
  }
  return node;
}

// An array node down to few children goes back to a bitmap node.
Value pack(Value node, uint32_t idx) {
  uint32_t bitmap = 0, n = 0;
  for (uint32_t i = 0; i < 32; ++i)
    if (i != idx && !slot(node, 1 + i).is_nil()) { bitmap |= 1u << i; ++n; }
  Value r = make_bitmap(bitmap, n);
  uint32_t j = 1;
  for (uint32_t i = 0; i < 32; ++i) {
    if (i == idx || slot(node, 1 + i).is_nil()) continue;
    init_slot(r, j, kNoKey);
    init_slot(r, j + 1, slot(node, 1 + i));
    j += 2;
  }
  return r;
}

Value array_without(Value node, int shift, uint32_t hash, Value key) {
  uint32_t idx = mask(hash, shift);
  Value child = slot(node, 1 + idx);
  if (child.is_nil()) return node;
  Value n = node_without(child, shift + 5, hash, key);
  if (n == child) return node;
  int64_t count = fix(node, 0);
  Value r;
  if (n.is_nil()) {
    if (count <= 8) return pack(node, idx);
    r = clone_obj(node);
    init_slot(r, 0, fx(count - 1));
  } else {
    r = clone_obj(node);
  }
  init_slot(r, 1 + idx, n);
  return r;
}

Value collision_without(Value node, Value key) {
  int64_t i = collision_find(node, key);
  if (i < 0) return node;
  if (nslots(node) == 3) return kNil;
  return remove_pair(node, uint32_t((i - 1) / 2), slot(node, 0));
}

Value node_without(Value node, int shift, uint32_t hash, Value key) {
  switch (type_of_obj(node)) {
    case Type::kHamtBitmap: return bitmap_without(node, shift, hash, key);
    case Type::kHamtArray: return array_without(node, shift, hash, key);
    default: return collision_without(node, key);
  }
}

// The value for key (nf if absent); *stored gets the key as stored in the map.
Value node_find(Value node, uint32_t hash, Value key, Value nf, Value* stored) {
  for (int shift = 0;; shift += 5) {
    switch (type_of_obj(node)) {
      case Type::kHamtBitmap: {
        uint32_t bitmap = bitmap_of(node), bit = bitpos(hash, shift);
        if (!(bitmap & bit)) return nf;
        uint32_t idx = bm_index(bitmap, bit);
        Value k = slot(node, 1 + 2 * idx), v = slot(node, 2 + 2 * idx);
        if (k == kNoKey) { node = v; continue; }
        if (!equiv(key, k)) return nf;
        *stored = k;
        return v;
      }
      case Type::kHamtArray: {
        node = slot(node, 1 + mask(hash, shift));
        if (node.is_nil()) return nf;
        continue;
      }
      default: {
        int64_t i = collision_find(node, key);
        if (i < 0) return nf;
        *stored = slot(node, uint32_t(i));
        return slot(node, uint32_t(i + 1));
      }
    }
  }
}

void node_for_each(Value node, const std::function<void(Value, Value)>& f) {
  switch (type_of_obj(node)) {
    case Type::kHamtArray:
      for (uint32_t i = 1; i <= 32; ++i)
        if (!slot(node, i).is_nil()) node_for_each(slot(node, i), f);
      return;
    case Type::kHamtBitmap:
      for (uint32_t i = 1, n = nslots(node); i < n; i += 2) {
        if (slot(node, i) == kNoKey) node_for_each(slot(node, i + 1), f);
        else f(slot(node, i), slot(node, i + 1));
      }
      return;
    default:
      for (uint32_t i = 1, n = nslots(node); i < n; i += 2) f(slot(node, i), slot(node, i + 1));
      return;
  }
}

Value make_hmap(int64_t cnt, Value root, bool has_nil, Value nil_val, Value meta) {
  Value m = alloc_slots(Type::kHashMap, 5);
  init_slot(m, kCnt, fx(cnt));
  init_slot(m, kRootN, root);
  init_slot(m, kHasNil, Value::boolean(has_nil));
  init_slot(m, kNilVal, nil_val);
  init_slot(m, kMeta, meta);
  return m;
}

}  // namespace

Value coll::hmap_empty(Value meta) { return make_hmap(0, kNil, false, kNil, meta); }

int64_t coll::hmap_count(Value m) { return fix(m, kCnt); }

Value coll::hmap_assoc(Value m, Value k, Value v) {
  int64_t cnt = fix(m, kCnt);
  bool has_nil = slot(m, kHasNil).truthy();
  if (k.is_nil()) {
    if (has_nil && slot(m, kNilVal) == v) return m;
    return make_hmap(has_nil ? cnt : cnt + 1, slot(m, kRootN), true, v, slot(m, kMeta));
  }
  bool added = false;
  Value root = slot(m, kRootN);
  Value nr = node_assoc(root.is_nil() ? make_bitmap(0, 0) : root, 0, hash_of(k), k, v, added);
  if (nr == root) return m;
  return make_hmap(added ? cnt + 1 : cnt, nr, has_nil, slot(m, kNilVal), slot(m, kMeta));
}

Value coll::hmap_dissoc(Value m, Value k) {
  int64_t cnt = fix(m, kCnt);
  if (k.is_nil()) {
    if (!slot(m, kHasNil).truthy()) return m;
    return make_hmap(cnt - 1, slot(m, kRootN), false, kNil, slot(m, kMeta));
  }
  Value root = slot(m, kRootN);
  if (root.is_nil()) return m;
  Value nr = node_without(root, 0, hash_of(k), k);
  if (nr == root) return m;
  return make_hmap(cnt - 1, nr, slot(m, kHasNil).truthy(), slot(m, kNilVal), slot(m, kMeta));
}

Value coll::hmap_get(Value m, Value k, Value nf, Value* stored_key) {
  Value ignored;
  if (!stored_key) stored_key = &ignored;
  *stored_key = k;
  if (k.is_nil()) return slot(m, kHasNil).truthy() ? slot(m, kNilVal) : nf;
  Value root = slot(m, kRootN);
  if (root.is_nil()) return nf;
  return node_find(root, hash_of(k), k, nf, stored_key);
}

void coll::hmap_for_each(Value m, const std::function<void(Value, Value)>& f) {
  if (slot(m, kHasNil).truthy()) f(kNil, slot(m, kNilVal));
  Value root = slot(m, kRootN);
  if (!root.is_nil()) node_for_each(root, f);
}

// first without building the whole seq: the nil entry, else the leftmost leaf.
Value coll::hmap_first_entry(Value m) {
  if (slot(m, kHasNil).truthy()) return map_entry(kNil, slot(m, kNilVal));
  Value node = slot(m, kRootN);
  while (!node.is_nil()) {
    switch (type_of_obj(node)) {
      case Type::kHamtBitmap:
        if (nslots(node) < 3) return kNil;
        if (slot(node, 1) != kNoKey) return map_entry(slot(node, 1), slot(node, 2));
        node = slot(node, 2);
        break;
      case Type::kHamtArray: {
        Value child = kNil;
        for (uint32_t i = 1; i <= 32 && child.is_nil(); ++i) child = slot(node, i);
        node = child;
        break;
      }
      default:
        return map_entry(slot(node, 1), slot(node, 2));
    }
  }
  return kNil;
}

// Seqs over hash maps and sets walk this snapshot Array (one allocation per
// seq call) rather than a lazy node seq; iteration order is the same.
Value coll::hmap_to_array(Value m, bool entries) {
  Value a = make_array(uint32_t(fix(m, kCnt)));
  uint32_t i = 0;
  hmap_for_each(m, [&](Value k, Value v) { set_slot(a, i++, entries ? map_entry(k, v) : k); });
  return a;
}

Value hash_map_from(const Value* kvs, uint64_t npairs) {
  Value m = hmap_empty(kNil);
  for (uint64_t i = 0; i < npairs; ++i) m = hmap_assoc(m, kvs[2 * i], kvs[2 * i + 1]);
  return m;
}

}  // namespace folio
