// treemap.cpp - PersistentTreeMap / PersistentTreeSet: persistent red-black trees.
//
// Layouts (object.h):
//   kTreeMap   [count fix, root TreeNode|nil, comparator fn|nil, meta]
//   kTreeNode  [key, val, left|nil, right|nil, color fix (0 black, 1 red)]
//   kTreeSet   [TreeMap mapping each element to itself, meta]
//   kTreeSeq   [stack List of nodes, flags fix, count fix|nil, meta, stop node|nil]
// Nodes are never changed once built: assoc and dissoc copy the path from the
// root (the rebalancing is Okasaki's insertion and Kahrs' deletion, the
// scheme clojure.lang.PersistentTreeMap uses). A nil child counts as neither
// red nor black in the balancing tests, as in Clojure's Node classes.
// Every comparison of a descent happens before the first allocation of the
// update, so a user comparator (Clojure code) never runs while a half-built
// path is held only in C++ locals.
// A tree seq is a stack of the nodes still to visit, the next one on top; a
// seq cut short by subseq stops before `stop`, a node of the same tree.
#include <cmath>

#include "vm/coll_internal.h"
#include "vm/native.h"

namespace folio {
using namespace coll;

namespace {

enum : uint32_t { kCnt = 0, kRoot = 1, kCmp = 2, kMapMeta = 3 };        // TreeMap
enum : uint32_t { kKey = 0, kVal = 1, kLeft = 2, kRight = 3, kColor = 4 };  // TreeNode
enum : uint32_t { kStack = 0, kFlags = 1, kSeqCnt = 2, kSeqMeta = 3, kStop = 4 };  // TreeSeq
constexpr int64_t kAscending = 1, kKeysOnly = 2;  // TreeSeq flags
constexpr int64_t kBlack = 0, kRed = 1;

// ---------------------------------------------------------------- comparator

// The map's ordering: compare for a nil comparator (or clojure.core/compare
// itself, which is not worth a call), else the fn as a java.util.Comparator.
struct Cmp {
  Value fn;
  explicit Cmp(Value m) : fn(slot(m, kCmp)) {
    if (is(fn, Type::kNative)) {
      const NativeDef& d = native_def(fn);
      if (std::string_view(d.ns) == "clojure.core" && std::string_view(d.name) == "compare") fn = kNil;
    }
  }
  int operator()(Value a, Value b) const { return fn.is_nil() ? compare(a, b) : fn_compare(fn, a, b); }
};

// ---------------------------------------------------------------- nodes

inline Value key(Value n) { return slot(n, kKey); }
inline Value val(Value n) { return slot(n, kVal); }
inline Value left(Value n) { return slot(n, kLeft); }
inline Value right(Value n) { return slot(n, kRight); }
inline bool is_red(Value n) { return !n.is_nil() && fix(n, kColor) == kRed; }
inline bool is_black(Value n) { return !n.is_nil() && fix(n, kColor) == kBlack; }

Value node(Value k, Value v, Value l, Value r, int64_t color) {
  Value n = alloc_slots(Type::kTreeNode, 5);
  init_slot(n, kKey, k);
  init_slot(n, kVal, v);
  init_slot(n, kLeft, l);
  init_slot(n, kRight, r);
  init_slot(n, kColor, fx(color));
  return n;
}
Value red(Value k, Value v, Value l, Value r) { return node(k, v, l, r, kRed); }
Value black(Value k, Value v, Value l, Value r) { return node(k, v, l, r, kBlack); }

Value blacken(Value n) { return is_red(n) ? black(key(n), val(n), left(n), right(n)) : n; }

Value redden(Value n) {
  if (!is_black(n)) throw_error("java.lang.UnsupportedOperationException", "Invariant violation");
  return red(key(n), val(n), left(n), right(n));
}

// ---------------------------------------------------------------- insertion

// A red child `ins` under black parent p (as left / right child): fixes a
// red-red pair below it by rotating, which passes a red node up.
Value balance_left(Value ins, Value p) {
  if (is_red(ins)) {
    if (is_red(left(ins)))
      return red(key(ins), val(ins), blacken(left(ins)), black(key(p), val(p), right(ins), right(p)));
    if (is_red(right(ins))) {
      Value ir = right(ins);
      return red(key(ir), val(ir), black(key(ins), val(ins), left(ins), left(ir)),
                 black(key(p), val(p), right(ir), right(p)));
    }
  }
  return black(key(p), val(p), ins, right(p));
}

Value balance_right(Value ins, Value p) {
  if (is_red(ins)) {
    if (is_red(right(ins)))
      return red(key(ins), val(ins), black(key(p), val(p), left(p), left(ins)), blacken(right(ins)));
    if (is_red(left(ins))) {
      Value il = left(ins);
      return red(key(il), val(il), black(key(p), val(p), left(p), left(il)),
                 black(key(ins), val(ins), right(il), right(ins)));
    }
  }
  return black(key(p), val(p), left(p), ins);
}

enum class Added { kSame, kReplaced, kNew };

// t with k -> v; `how` says whether nothing changed, a value was replaced
// (same shape, the stored key kept) or a node was added (rebalanced).
Value add(const Cmp& cmp, Value t, Value k, Value v, Added& how) {
  if (t.is_nil()) {
    how = Added::kNew;
    return red(k, v, kNil, kNil);
  }
  int c = cmp(k, key(t));
  if (c == 0) {
    how = val(t) == v ? Added::kSame : Added::kReplaced;
    return how == Added::kSame ? t : node(key(t), v, left(t), right(t), fix(t, kColor));
  }
  Value sub = add(cmp, c < 0 ? left(t) : right(t), k, v, how);
  if (how == Added::kSame) return t;
  if (how == Added::kReplaced || is_red(t))
    return c < 0 ? node(key(t), val(t), sub, right(t), fix(t, kColor))
                 : node(key(t), val(t), left(t), sub, fix(t, kColor));
  return c < 0 ? balance_left(sub, t) : balance_right(sub, t);
}

// ---------------------------------------------------------------- deletion

Value left_balance(Value k, Value v, Value ins, Value r) {
  if (is_red(ins) && is_red(left(ins)))
    return red(key(ins), val(ins), blacken(left(ins)), black(k, v, right(ins), r));
  if (is_red(ins) && is_red(right(ins))) {
    Value ir = right(ins);
    return red(key(ir), val(ir), black(key(ins), val(ins), left(ins), left(ir)), black(k, v, right(ir), r));
  }
  return black(k, v, ins, r);
}

Value right_balance(Value k, Value v, Value l, Value ins) {
  if (is_red(ins) && is_red(right(ins)))
    return red(key(ins), val(ins), black(k, v, l, left(ins)), blacken(right(ins)));
  if (is_red(ins) && is_red(left(ins))) {
    Value il = left(ins);
    return red(key(il), val(il), black(k, v, l, left(il)), black(key(ins), val(ins), right(il), right(ins)));
  }
  return black(k, v, l, ins);
}

// k/v over a left subtree `del` that lost one black level.
Value balance_left_del(Value k, Value v, Value del, Value r) {
  if (is_red(del)) return red(k, v, blacken(del), r);
  if (is_black(r)) return right_balance(k, v, del, redden(r));
  if (is_red(r) && is_black(left(r))) {
    Value rl = left(r);
    return red(key(rl), val(rl), black(k, v, del, left(rl)),
               right_balance(key(r), val(r), right(rl), redden(right(r))));
  }
  throw_error("java.lang.UnsupportedOperationException", "Invariant violation");
}

Value balance_right_del(Value k, Value v, Value l, Value del) {
  if (is_red(del)) return red(k, v, l, blacken(del));
  if (is_black(l)) return left_balance(k, v, redden(l), del);
  if (is_red(l) && is_black(right(l))) {
    Value lr = right(l);
    return red(key(lr), val(lr), left_balance(key(l), val(l), redden(left(l)), left(lr)),
               black(k, v, right(lr), del));
  }
  throw_error("java.lang.UnsupportedOperationException", "Invariant violation");
}

// The two children of a removed node joined into one tree.
Value append(Value l, Value r) {
  if (l.is_nil()) return r;
  if (r.is_nil()) return l;
  if (is_red(l) && is_red(r)) {
    Value app = append(right(l), left(r));
    if (is_red(app))
      return red(key(app), val(app), red(key(l), val(l), left(l), left(app)),
                 red(key(r), val(r), right(app), right(r)));
    return red(key(l), val(l), left(l), red(key(r), val(r), app, right(r)));
  }
  if (is_red(l)) return red(key(l), val(l), left(l), append(right(l), r));
  if (is_red(r)) return red(key(r), val(r), append(l, left(r)), right(r));
  Value app = append(right(l), left(r));  // black / black
  if (is_red(app))
    return red(key(app), val(app), black(key(l), val(l), left(l), left(app)),
               black(key(r), val(r), right(app), right(r)));
  return balance_left_del(key(l), val(l), left(l), black(key(r), val(r), app, right(r)));
}

// t without k; `found` is set when k was there (t is returned unchanged otherwise).
Value remove(const Cmp& cmp, Value t, Value k, bool& found) {
  if (t.is_nil()) return kNil;
  int c = cmp(k, key(t));
  if (c == 0) {
    found = true;
    return append(left(t), right(t));
  }
  Value del = remove(cmp, c < 0 ? left(t) : right(t), k, found);
  if (!found) return t;
  if (c < 0)
    return is_black(left(t)) ? balance_left_del(key(t), val(t), del, right(t)) : red(key(t), val(t), del, right(t));
  return is_black(right(t)) ? balance_right_del(key(t), val(t), left(t), del) : red(key(t), val(t), left(t), del);
}

Value find_node(Value m, Value k) {
  Cmp cmp(m);
  for (Value t = slot(m, kRoot); !t.is_nil();) {
    int c = cmp(k, key(t));
    if (c == 0) return t;
    t = c < 0 ? left(t) : right(t);
  }
  return kNil;
}

void for_each_node(Value t, const std::function<void(Value, Value)>& f) {
  while (!t.is_nil()) {  // recursion on the left only: the depth stays O(log n)
    for_each_node(left(t), f);
    f(key(t), val(t));
    t = right(t);
  }
}

Value make_tmap(int64_t cnt, Value root, Value cmp, Value meta) {
  Value m = alloc_slots(Type::kTreeMap, 4);
  init_slot(m, kCnt, fx(cnt));
  init_slot(m, kRoot, root);
  init_slot(m, kCmp, cmp);
  init_slot(m, kMapMeta, meta);
  return m;
}

// ---------------------------------------------------------------- seqs

// stack with t and the nodes down its left (ascending) or right spine pushed.
Value push_spine(Value t, Value stack, bool asc) {
  for (; !t.is_nil(); t = asc ? left(t) : right(t)) stack = cons_list(t, stack);
  return stack;
}

Value make_tree_seq(Value stack, int64_t flags, Value cnt, Value stop) {
  if (is(stack, Type::kEmptyList) || slot(stack, 0) == stop) return kNil;
  Value s = alloc_slots(Type::kTreeSeq, 5);
  init_slot(s, kStack, stack);
  init_slot(s, kFlags, fx(flags));
  init_slot(s, kSeqCnt, cnt);
  init_slot(s, kStop, stop);
  return s;
}

inline int64_t seq_flags(bool asc, bool keys) { return (asc ? kAscending : 0) | (keys ? kKeysOnly : 0); }

}  // namespace

// ---------------------------------------------------------------- comparators

int fn_compare(Value f, Value x, Value y) {
  Value r = call_fn(f, x, y);
  if (r.is_bool()) {
    if (r.truthy()) return -1;
    return call_fn(f, y, x).truthy() ? 1 : 0;
  }
  if (is_long(r)) return int32_t(long_value(r));  // Number.intValue()
  if (is_double(r)) {
    double d = double_value(r);
    return std::isnan(d) ? 0 : d >= 2147483647.0 ? INT32_MAX : d <= -2147483648.0 ? INT32_MIN : int(d);
  }
  if (r.is_nil())
    throw Thrown{make_throwable("java.lang.NullPointerException",
                                make_string("Cannot invoke \"java.lang.Number.intValue()\" because \"n\" is null"),
                                kNil, kNil)};
  throw_cast(r, "java.lang.Number");
}

// ---------------------------------------------------------------- maps

Value coll::tmap_empty(Value comparator, Value meta) { return make_tmap(0, kNil, comparator, meta); }

Value coll::tmap_assoc(Value m, Value k, Value v) {
  Added how = Added::kSame;
  Value root = add(Cmp(m), slot(m, kRoot), k, v, how);
  if (how == Added::kSame) return m;
  int64_t cnt = tmap_count(m) + (how == Added::kNew ? 1 : 0);
  return make_tmap(cnt, blacken(root), slot(m, kCmp), slot(m, kMapMeta));
}

Value coll::tmap_dissoc(Value m, Value k) {
  bool found = false;
  Value root = remove(Cmp(m), slot(m, kRoot), k, found);
  if (!found) return m;
  return make_tmap(tmap_count(m) - 1, blacken(root), slot(m, kCmp), slot(m, kMapMeta));
}

Value coll::tmap_get(Value m, Value k, Value not_found, Value* stored_key) {
  Value n = find_node(m, k);
  if (n.is_nil()) return not_found;
  if (stored_key) *stored_key = key(n);
  return val(n);
}

void coll::tmap_for_each(Value m, const std::function<void(Value, Value)>& f) { for_each_node(slot(m, kRoot), f); }

int coll::tmap_compare(Value m, Value a, Value b) { return Cmp(m)(a, b); }

Value coll::tmap_comparator(Value m) { return slot(m, kCmp); }

Value coll::tmap_boundary(Value m, bool ascending, const std::function<bool(Value)>& fails) {
  Value found = kNil;
  for (Value t = slot(m, kRoot); !t.is_nil();) {
    bool f = fails(key(t));
    if (f) found = t;
    t = f == ascending ? left(t) : right(t);  // toward earlier nodes in walk order when failing
  }
  return found;
}

// ---------------------------------------------------------------- sets

Value coll::tset_make(Value map, Value meta) {
  Value s = alloc_slots(Type::kTreeSet, 2);
  init_slot(s, 0, map);
  init_slot(s, 1, meta);
  return s;
}

Value sorted_map_empty(Value comparator) { return tmap_empty(comparator, kNil); }
Value sorted_set_empty(Value comparator) { return tset_make(tmap_empty(comparator, kNil), kNil); }

bool is_sorted(Value v) { return is(v, Type::kTreeMap) || is(v, Type::kTreeSet); }

// ---------------------------------------------------------------- tree seqs

Value coll::tree_seq(Value m, bool ascending, bool keys) {
  Value stack = push_spine(slot(m, kRoot), empty_list(), ascending);
  return make_tree_seq(stack, seq_flags(ascending, keys), slot(m, kCnt), kNil);
}

// Sorted.seqFrom: from the first key not before k in walk order (count unknown).
Value coll::tree_seq_from(Value m, Value k, bool ascending, bool keys) {
  Cmp cmp(m);
  Value stack = empty_list();
  for (Value t = slot(m, kRoot); !t.is_nil();) {
    int c = cmp(k, key(t));
    if (c == 0) {
      stack = cons_list(t, stack);
      break;
    }
    bool t_after_k = ascending ? c < 0 : c > 0;
    if (t_after_k) stack = cons_list(t, stack);
    t = (c < 0) ? left(t) : right(t);
  }
  return make_tree_seq(stack, seq_flags(ascending, keys), kNil, kNil);
}

Value coll::tree_seq_node(Value s) { return slot(slot(s, kStack), 0); }

Value coll::tree_seq_until(Value s, Value stop) {
  return make_tree_seq(slot(s, kStack), fix(s, kFlags), kNil, stop);
}

Value coll::tree_seq_first(Value s) {
  Value n = tree_seq_node(s);
  return (fix(s, kFlags) & kKeysOnly) ? key(n) : map_entry(key(n), val(n));
}

Value coll::tree_seq_next(Value s) {
  bool asc = fix(s, kFlags) & kAscending;
  Value stack = slot(s, kStack), top = slot(stack, 0);
  Value rest = push_spine(asc ? right(top) : left(top), slot(stack, 1), asc);
  Value cnt = slot(s, kSeqCnt);
  return make_tree_seq(rest, fix(s, kFlags), cnt.is_nil() ? kNil : fx(cnt.fixnum_value() - 1), slot(s, kStop));
}

int64_t coll::tree_seq_count(Value s) {
  if (!slot(s, kSeqCnt).is_nil()) return fix(s, kSeqCnt);
  int64_t n = 0;
  for (; !s.is_nil(); s = tree_seq_next(s)) ++n;
  return n;
}

Value sorted_seq(Value coll, bool ascending) {
  bool set = is(coll, Type::kTreeSet);
  return tree_seq(set ? slot(coll, 0) : coll, ascending, set);
}

Value sorted_seq_from(Value coll, Value key, bool ascending) {
  bool set = is(coll, Type::kTreeSet);
  return tree_seq_from(set ? slot(coll, 0) : coll, key, ascending, set);
}

}  // namespace folio
