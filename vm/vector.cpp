// vector.cpp - PersistentVector: a 32-way trie of Arrays plus a tail Array.
//
// Layout (object.h): [count fix, shift fix, root Array, tail Array, meta].
// As in Clojure's PersistentVector.java, the last 1..32 elements live in the
// tail so conj is amortised O(1); the trie holds only full 32-element leaves,
// indexed by the bits of the position, 5 per level from `shift` down to 0.
// Interior nodes are 32-slot Arrays whose unused children are nil.
// Children are always built before the node that holds them, so init_slot
// only ever follows its alloc directly (no write barrier needed).
#include "vm/coll_internal.h"

#include <vector>

namespace folio {
using namespace coll;

namespace {

enum : uint32_t { kCnt = 0, kShift = 1, kRoot = 2, kTail = 3, kMeta = 4 };

inline int64_t tail_off(int64_t cnt) { return cnt < 32 ? 0 : ((cnt - 1) >> 5) << 5; }

Value make_vec(int64_t cnt, int64_t shift, Value root, Value tail, Value meta) {
  Value v = alloc_slots(Type::kVector, 5);
  init_slot(v, kCnt, fx(cnt));
  init_slot(v, kShift, fx(shift));
  init_slot(v, kRoot, root);
  init_slot(v, kTail, tail);
  init_slot(v, kMeta, meta);
  return v;
}

// The Array holding element i (a leaf of the trie, or the tail).
Value array_for(Value v, int64_t i) {
  if (i >= tail_off(fix(v, kCnt))) return slot(v, kTail);
  Value node = slot(v, kRoot);
  for (int64_t level = fix(v, kShift); level > 0; level -= 5)
    node = slot(node, uint32_t((i >> level) & 31));
  return node;
}

// A chain of single-child nodes from `level` down to the leaf `node`.
Value new_path(int64_t level, Value node) {
  if (level == 0) return node;
  Value child = new_path(level - 5, node);
  Value ret = make_array(32);
  init_slot(ret, 0, child);
  return ret;
}

// Inserts the full old tail as the leaf for positions [cnt-32, cnt).
Value push_tail(int64_t cnt, int64_t level, Value parent, Value tailnode) {
  uint32_t sub = uint32_t(((cnt - 1) >> level) & 31);
  Value ins;
  if (level == 5) {
    ins = tailnode;
  } else {
    Value child = slot(parent, sub);
    ins = child.is_nil() ? new_path(level - 5, tailnode) : push_tail(cnt, level - 5, child, tailnode);
  }
  Value ret = clone_obj(parent);
  init_slot(ret, sub, ins);
  return ret;
}

Value do_assoc(int64_t level, Value node, int64_t i, Value x) {
  uint32_t sub = uint32_t((i >> level) & 31);
  Value child = level == 0 ? x : do_assoc(level - 5, slot(node, sub), i, x);
  Value ret = clone_obj(node);
  init_slot(ret, sub, child);
  return ret;
}

// Removes the rightmost leaf (positions [cnt-33, cnt-1) move to the tail);
// nil when the subtree becomes empty.
Value pop_tail(int64_t cnt, int64_t level, Value node) {
  uint32_t sub = uint32_t(((cnt - 2) >> level) & 31);
  if (level > 5) {
    Value child = pop_tail(cnt, level - 5, slot(node, sub));
    if (child.is_nil() && sub == 0) return kNil;
    Value ret = clone_obj(node);
    init_slot(ret, sub, child);
    return ret;
  }
  if (sub == 0) return kNil;
  Value ret = clone_obj(node);
  init_slot(ret, sub, kNil);
  return ret;
}

[[noreturn]] void out_of_bounds() { throw_no_message("java.lang.IndexOutOfBoundsException"); }

}  // namespace

Value empty_vector() {
  Value e = g_heap->root(kRootEmptyVector);
  if (e.is_nil()) {
    Value root = make_array(32);
    Value tail = make_array(0);
    e = make_vec(0, 5, root, tail, kNil);
    g_heap->set_root(kRootEmptyVector, e);
  }
  return e;
}

Value coll::vector_with_meta_empty(Value meta) {
  Value e = empty_vector();
  if (meta.is_nil()) return e;
  return make_vec(0, 5, slot(e, kRoot), slot(e, kTail), meta);
}

// Builds the trie bottom-up instead of n conjs: full leaves of 32, then
// parents of 32 children each until one root at `shift` remains.
Value vector_from(const Value* xs, uint64_t n) {
  if (n == 0) return empty_vector();
  if (n <= 32) {  // all in the tail; the root is the shared empty node, as in Clojure
    Value tail = make_array(uint32_t(n));
    for (uint32_t j = 0; j < n; ++j) init_slot(tail, j, xs[j]);
    return make_vec(int64_t(n), 5, slot(empty_vector(), kRoot), tail, kNil);
  }
  int64_t cnt = int64_t(n);
  int64_t toff = tail_off(cnt);
  int64_t nleaves = toff >> 5;
  int64_t shift = 5;
  while (nleaves > (int64_t(1) << shift)) shift += 5;
  std::vector<Value> level;
  level.reserve(size_t(nleaves));
  for (int64_t l = 0; l < nleaves; ++l) {
    Value leaf = make_array(32);
    for (uint32_t j = 0; j < 32; ++j) init_slot(leaf, j, xs[l * 32 + j]);
    level.push_back(leaf);
  }
  for (int64_t lv = 5; lv <= shift; lv += 5) {
    std::vector<Value> up;
    up.reserve(level.size() / 32 + 1);
    for (size_t i = 0; i < level.size() || (i == 0 && up.empty()); i += 32) {
      Value node = make_array(32);
      for (size_t j = 0; j < 32 && i + j < level.size(); ++j) init_slot(node, uint32_t(j), level[i + j]);
      up.push_back(node);
    }
    level.swap(up);
  }
  Value tail = make_array(uint32_t(cnt - toff));
  for (int64_t j = 0; j < cnt - toff; ++j) init_slot(tail, uint32_t(j), xs[toff + j]);
  return make_vec(cnt, shift, level[0], tail, kNil);
}

int64_t vector_count(Value v) { return fix(v, kCnt); }

Value vector_nth(Value v, int64_t i) {
  if (i < 0 || i >= fix(v, kCnt)) out_of_bounds();
  return slot(array_for(v, i), uint32_t(i & 31));
}

Value vector_array_for(Value v, int64_t i) {
  if (i < 0 || i >= fix(v, kCnt)) out_of_bounds();
  return array_for(v, i);
}

Value vector_conj(Value v, Value x) {
  int64_t cnt = fix(v, kCnt), shift = fix(v, kShift);
  Value root = slot(v, kRoot), tail = slot(v, kTail), meta = slot(v, kMeta);
  if (cnt - tail_off(cnt) < 32) {  // room in the tail
    uint32_t tn = nslots(tail);
    Value nt = copy_array(tail, tn + 1);
    init_slot(nt, tn, x);
    return make_vec(cnt + 1, shift, root, nt, meta);
  }
  // Tail full: push it into the trie, growing a level when the root overflows.
  Value newroot;
  if ((cnt >> 5) > (int64_t(1) << shift)) {
    Value path = new_path(shift, tail);
    newroot = make_array(32);
    init_slot(newroot, 0, root);
    init_slot(newroot, 1, path);
    shift += 5;
  } else {
    newroot = push_tail(cnt, shift, root, tail);
  }
  Value nt = make_array(1);
  init_slot(nt, 0, x);
  return make_vec(cnt + 1, shift, newroot, nt, meta);
}

Value vector_assoc(Value v, int64_t i, Value x) {
  int64_t cnt = fix(v, kCnt);
  if (i == cnt) return vector_conj(v, x);
  if (i < 0 || i > cnt) out_of_bounds();
  Value meta = slot(v, kMeta);
  if (i >= tail_off(cnt)) {
    Value nt = clone_obj(slot(v, kTail));
    init_slot(nt, uint32_t(i & 31), x);
    return make_vec(cnt, fix(v, kShift), slot(v, kRoot), nt, meta);
  }
  int64_t shift = fix(v, kShift);
  return make_vec(cnt, shift, do_assoc(shift, slot(v, kRoot), i, x), slot(v, kTail), meta);
}

Value vector_pop(Value v) {
  int64_t cnt = fix(v, kCnt);
  Value meta = slot(v, kMeta);
  if (cnt == 0) throw_error("java.lang.IllegalStateException", "Can't pop empty vector");
  if (cnt == 1) return vector_with_meta_empty(meta);
  int64_t shift = fix(v, kShift);
  Value root = slot(v, kRoot), tail = slot(v, kTail);
  if (cnt - tail_off(cnt) > 1) {
    Value nt = copy_array(tail, nslots(tail) - 1);
    return make_vec(cnt - 1, shift, root, nt, meta);
  }
  // The tail empties: the trie's last leaf becomes the tail.
  Value nt = array_for(v, cnt - 2);
  Value nr = pop_tail(cnt, shift, root);
  if (nr.is_nil()) nr = slot(empty_vector(), kRoot);
  if (shift > 5 && slot(nr, 1).is_nil()) {
    nr = slot(nr, 0);
    shift -= 5;
  }
  return make_vec(cnt - 1, shift, nr, nt, meta);
}

Value vector_peek(Value v) {
  int64_t cnt = fix(v, kCnt);
  return cnt == 0 ? kNil : vector_nth(v, cnt - 1);
}

}  // namespace folio
