// core_natives_seq.cpp - clojure.core natives over seqs and collections:
// cons first next rest seq count conj nth get assoc dissoc empty list list*
// vector vec hash-map array-map hash-set set with-meta meta contains? keys vals
// key val find peek pop subvec disj make-lazy-seq range seq? seqable?
// chunked-seq? reverse sort rseq (vectors and sorted colls).
// Semantics and messages follow clojure.lang.RT / clojure.core 1.11 on JDK 17.
#include <climits>
#include <cmath>

#include "vm/vector_of.h"
#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/deftype.h"
#include "vm/transient.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

Value fix(int64_t i) { return make_long(i); }

[[noreturn]] void throw_nil_message(const char* cls) { throw Thrown{make_throwable(cls, kNil, kNil, kNil)}; }

bool is_integer(Value v) { return is_long(v); }  // Util.isInteger (no BigInt yet)

// ---------------------------------------------------------------- basic seq fns

Value n_cons(Value* a, uint32_t) { return make_cons(a[0], a[1]); }
Value n_first(Value* a, uint32_t) { return first(a[0]); }
Value n_next(Value* a, uint32_t) { return next(a[0]); }
Value n_rest(Value* a, uint32_t) { return rest(a[0]); }
Value n_seq(Value* a, uint32_t) { return seq(a[0]); }
Value n_count(Value* a, uint32_t) { return fix(count(a[0])); }

Value n_conj(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  if (n == 0) return empty_vector();
  Value acc = a[0];
  for (uint32_t i = 1; i < n; ++i) acc = conj(acc, a[i]);
  return acc;
}

Value n_nth(Value* a, uint32_t n) {
  int64_t i = index_arg(a[1]);
  return n == 2 ? nth(a[0], i) : nth(a[0], i, a[2]);
}

Value n_get(Value* a, uint32_t n) { return get(a[0], a[1], n == 3 ? a[2] : kNil); }

Value n_assoc(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  if (n % 2 == 0) throw_arg("assoc expects even number of arguments after map/vector, found odd number");
  Value acc = a[0];
  for (uint32_t i = 1; i + 1 < n; i += 2) acc = assoc(acc, a[i], a[i + 1]);
  return acc;
}

Value n_dissoc(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  Value acc = a[0];
  for (uint32_t i = 1; i < n && !acc.is_nil(); ++i) acc = record_dissoc(acc, dissoc(acc, a[i]), a[i]);
  return acc;
}

Value n_empty(Value* a, uint32_t) { return empty(a[0]); }
Value n_list(Value* a, uint32_t n) { return list_from(a, n); }

// (list* args) (list* a args) (list* a b args) ...: the last arg spread, lazily.
Value n_list_star(Value* a, uint32_t n) {
  if (n == 1) return seq(a[0]);
  Value acc = a[n - 1];
  for (uint32_t i = n - 1; i-- > 0;) acc = make_cons(a[i], acc);
  return acc;
}

Value n_vector(Value* a, uint32_t n) { return vector_from(a, n); }
Value n_vec(Value* a, uint32_t) { return vec(a[0]); }

void check_pairs(Value* a, uint32_t n) {
  if (n % 2) throw_arg("No value supplied for key: " + to_str(a[n - 1]));
}

Value n_hash_map(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  check_pairs(a, n);
  return hash_map_from(a, n / 2);
}

Value n_array_map(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  check_pairs(a, n);
  return array_map_from(a, n / 2);
}

Value n_hash_set(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return set_from(a, n);
}

Value n_set(Value* a, uint32_t) {
  Value c = a[0];
  if (is_set(c)) return meta(c).is_nil() ? c : with_meta(c, kNil);
  std::vector<Value> xs;
  seq_items(c, xs);
  return set_from(xs.data(), xs.size());
}

Value n_with_meta(Value* a, uint32_t) {
  if (!a[1].is_nil() && !is_map(a[1])) throw_cast(a[1], "clojure.lang.IPersistentMap");
  return with_meta(a[0], a[1]);
}

Value n_meta(Value* a, uint32_t) { return user_meta(a[0]); }
// All of x's metadata, with what meta hides of a record's: reduce's cheap test
// for a record, deftype or reify that may implement the reduce protocols.
Value n_own_meta(Value* a, uint32_t) { return meta(a[0]); }

// ---------------------------------------------------------------- maps and entries

Value n_contains(Value* a, uint32_t) {
  Value c = is(a[0], Type::kTransient) ? transient_view(a[0]) : a[0], k = a[1];
  if (c.is_nil()) return kFalse;
  if (is_map(c)) return Value::boolean(map_contains(c, k));
  if (is_set(c)) return Value::boolean(set_contains(c, k));
  if (is(c, Type::kVector) || is(c, Type::kMapEntry)) {
    if (!is_integer(k)) return kFalse;
    int64_t i = int32_t(long_value(k));
    return Value::boolean(i >= 0 && i < count(c));
  }
  if (is(c, Type::kString) || is(c, Type::kArray) || is(c, Type::kJavaArray)) {
    if (is_number(k)) {  // Number.intValue()
      int64_t i = is_long(k) ? int64_t(int32_t(long_value(k))) : int64_t(double_value(k));
      return Value::boolean(i >= 0 && i < count(c));
    }
  }
  const char* cn = class_name(c);
  throw_arg(std::string("contains? not supported on type: ") + (cn ? cn : "null"));
}

Value entry_key(Value e) {
  if (!is(e, Type::kMapEntry)) throw_cast(e, "java.util.Map$Entry");
  return slot(e, 0);
}

Value entry_val(Value e) {
  if (!is(e, Type::kMapEntry)) throw_cast(e, "java.util.Map$Entry");
  return slot(e, 1);
}

Value keys_or_vals(Value m, bool keys) {
  std::vector<Value> out;
  if (is_map(m)) {
    map_for_each(m, [&](Value k, Value v) { out.push_back(keys ? k : v); });
  } else {
    for (Value s = seq(m); !s.is_nil(); s = next(s)) out.push_back(keys ? entry_key(first(s)) : entry_val(first(s)));
  }
  return array_seq_of(out);
}

Value n_keys(Value* a, uint32_t) { return keys_or_vals(a[0], true); }
Value n_vals(Value* a, uint32_t) { return keys_or_vals(a[0], false); }
Value n_key(Value* a, uint32_t) { return entry_key(a[0]); }
Value n_val(Value* a, uint32_t) { return entry_val(a[0]); }

Value n_find(Value* a, uint32_t) {
  Value c = a[0], k = a[1];
  if (c.is_nil()) return kNil;
  if (is_map(c)) return map_find(c, k);
  if (is(c, Type::kVector) || is(c, Type::kMapEntry)) {
    if (!is_integer(k)) return kNil;
    int64_t i = int32_t(long_value(k));
    if (i < 0 || i >= count(c)) return kNil;
    return map_entry(k, nth(c, i));
  }
  throw_cast(c, "java.util.Map");
}

// ---------------------------------------------------------------- stacks and vectors

Value n_peek(Value* a, uint32_t) {
  Value c = a[0];
  if (c.is_nil()) return kNil;
  if (is(c, Type::kVector)) return vector_peek(c);
  if (is(c, Type::kMapEntry)) return slot(c, 1);
  if (is(c, Type::kList)) return slot(c, 0);
  if (is(c, Type::kEmptyList)) return kNil;
  throw_cast(c, "clojure.lang.IPersistentStack");
}

Value n_pop(Value* a, uint32_t) {
  Value c = a[0];
  if (c.is_nil()) return kNil;
  if (is(c, Type::kVector)) {
    char k = vector_of_kind(c);
    return k ? vector_of_mark(vector_pop(c), k) : vector_pop(c);
  }
  if (is(c, Type::kMapEntry)) return vector_from(&obj(c)->slots()[0], 1);
  if (is(c, Type::kList)) return slot(c, 1);
  if (is(c, Type::kEmptyList)) throw_error("java.lang.IllegalStateException", "Can't pop empty list");
  throw_cast(c, "clojure.lang.IPersistentStack");
}

Value n_subvec(Value* a, uint32_t n) {
  Value v = a[0];
  if (!is(v, Type::kVector) && !is(v, Type::kMapEntry)) throw_cast(v, "clojure.lang.IPersistentVector");
  int64_t cnt = count(v);
  int64_t start = index_arg(a[1]), end = n == 3 ? index_arg(a[2]) : cnt;
  if (end < start || start < 0 || end > cnt) throw_nil_message("java.lang.IndexOutOfBoundsException");
  std::vector<Value> xs;
  xs.reserve(size_t(end - start));
  for (int64_t i = start; i < end; ++i) xs.push_back(nth(v, i));
  return vector_from(xs.data(), xs.size());
}

Value n_rseq(Value* a, uint32_t) {
  Value v = a[0];
  if (is_sorted(v)) return sorted_seq(v, false);
  if (!is(v, Type::kVector) && !is(v, Type::kMapEntry)) throw_cast(v, "clojure.lang.Reversible");
  std::vector<Value> xs;
  for (int64_t i = count(v); i-- > 0;) xs.push_back(nth(v, i));
  return array_seq_of(xs);
}

Value n_disj(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  Value acc = a[0];
  if (acc.is_nil()) return kNil;
  if (!is_set(acc)) throw_cast(acc, "clojure.lang.IPersistentSet");
  for (uint32_t i = 1; i < n; ++i) acc = set_disj(acc, a[i]);
  return acc;
}

Value n_make_lazy_seq(Value* a, uint32_t) { return make_lazy_seq(a[0]); }

// ---------------------------------------------------------------- range

bool num_is_pos(Value x) { return num_lt(Value::fixnum(0), x); }
bool num_is_neg(Value x) { return num_lt(x, Value::fixnum(0)); }

// clojure.lang.Range for non-long bounds, built eagerly (finite by construction).
Value generic_range(Value start, Value end, Value step) {
  if ((num_is_pos(step) && num_lt(end, start)) || (num_is_neg(step) && num_lt(start, end)) ||
      num_eq(start, end))
    return empty_list();
  if (num_eq(step, Value::fixnum(0))) {
    if (is_long(start)) return make_range(long_value(start), INT64_MAX, 0);  // (repeat start)
    throw_error("java.lang.UnsupportedOperationException",
                "(range) with a zero step and a non-long start is not supported yet");
  }
  bool up = num_is_pos(step);
  std::vector<Value> xs;
  for (Value x = start;; x = num_add(x, step)) {
    if (up ? !num_lt(x, end) : !num_lt(end, x)) break;
    if (xs.size() >= (size_t(1) << 26))
      throw_error("java.lang.UnsupportedOperationException",
                  "(range) over non-long numbers is built eagerly: too many elements");
    xs.push_back(x);
  }
  return list_from(xs.data(), uint32_t(xs.size()));
}

Value n_range(Value* a, uint32_t n) {
  if (n == 0) return make_range(0, INT64_MAX, 1);
  Value start = n == 1 ? Value::fixnum(0) : a[0];
  Value end = n == 1 ? a[0] : a[1];
  Value step = n == 3 ? a[2] : Value::fixnum(1);
  if (is_long(start) && is_long(end) && is_long(step))
    return make_range(long_value(start), long_value(end), long_value(step));
  for (Value x : {start, end, step})
    if (!is_number(x)) throw_cast(x, "java.lang.Number");
  return generic_range(start, end, step);
}

// ---------------------------------------------------------------- predicates on seqs

Value n_seq_p(Value* a, uint32_t) { return Value::boolean(is_seq(a[0])); }

Value n_seqable_p(Value* a, uint32_t) {
  Value x = a[0];
  return Value::boolean(x.is_nil() || is(x, Type::kString) || is(x, Type::kArray) || is(x, Type::kJavaArray) ||
                        is_coll(x) || is_seq(x) || deftype_implements(x, "clojure.lang.Seqable"));
}

Value n_chunked_seq_p(Value* a, uint32_t) { return Value::boolean(is_chunked_seq(a[0])); }

Value n_reverse(Value* a, uint32_t) {
  Value out = empty_list();
  for (Value s = seq(a[0]); !s.is_nil(); s = next(s)) out = cons_list(first(s), out);
  return out;
}

// ---------------------------------------------------------------- sort

// Stable merge sort (java.util.Arrays.sort on Objects is a stable TimSort).
template <class Less>
void merge_sort(std::vector<Value>& xs, std::vector<Value>& tmp, size_t lo, size_t hi, Less& le) {
  if (hi - lo < 2) return;
  if (hi - lo <= 12) {  // insertion sort: stable
    for (size_t i = lo + 1; i < hi; ++i) {
      Value x = xs[i];
      size_t j = i;
      while (j > lo && le(x, xs[j - 1]) < 0) {
        xs[j] = xs[j - 1];
        --j;
      }
      xs[j] = x;
    }
    return;
  }
  size_t mid = lo + (hi - lo) / 2;
  merge_sort(xs, tmp, lo, mid, le);
  merge_sort(xs, tmp, mid, hi, le);
  if (le(xs[mid - 1], xs[mid]) <= 0) return;
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) tmp[k++] = le(xs[j], xs[i]) < 0 ? xs[j++] : xs[i++];
  while (i < mid) tmp[k++] = xs[i++];
  while (j < hi) tmp[k++] = xs[j++];
  for (size_t t = lo; t < hi; ++t) xs[t] = tmp[t];
}

Value n_sort(Value* a, uint32_t n) {
  Value coll = n == 2 ? a[1] : a[0];
  Value cmp = n == 2 ? a[0] : kNil;
  std::vector<Value> xs;
  seq_items(coll, xs);
  if (xs.empty()) return empty_list();
  bool builtin = cmp.is_nil();
  if (!builtin && is(cmp, Type::kNative) && native_def(cmp).fn == native_compare) builtin = true;
  if (!builtin && !is(cmp, Type::kClosure) && !is(cmp, Type::kNative)) throw_cast(cmp, "java.util.Comparator");
  std::vector<Value> tmp(xs.size());
  if (builtin) {
    auto le = [](Value x, Value y) { return compare(x, y); };
    merge_sort(xs, tmp, 0, xs.size(), le);
  } else {
    auto le = [cmp](Value x, Value y) { return fn_compare(cmp, x, y); };
    merge_sort(xs, tmp, 0, xs.size(), le);
  }
  Value s = array_seq_of(xs);
  Value m = meta(coll);
  return m.is_nil() ? s : with_meta(s, m);
}

// gc_safe: seq first next rest cons only return what collections.h gives them.
const NativeDef kSeq[] = {
    {"clojure.core", "cons", n_cons, 2, 2, true},
    {"clojure.core", "first", n_first, 1, 1, true},
    {"clojure.core", "next", n_next, 1, 1, true},
    {"clojure.core", "rest", n_rest, 1, 1, true},
    {"clojure.core", "seq", n_seq, 1, 1, true},
    {"clojure.core", "count", n_count, 1, 1, false},
    {"clojure.core", "conj", n_conj, 0, -1, false},
    {"clojure.core", "nth", n_nth, 2, 3, false},
    {"clojure.core", "get", n_get, 2, 3, false},
    {"clojure.core", "assoc", n_assoc, 3, -1, false},
    {"clojure.core", "dissoc", n_dissoc, 1, -1, false},
    {"clojure.core", "empty", n_empty, 1, 1, false},
    {"clojure.core", "list", n_list, 0, -1, true},
    {"clojure.core", "list*", n_list_star, 1, -1, false},
    {"clojure.core", "vector", n_vector, 0, -1, true},
    {"clojure.core", "vec", n_vec, 1, 1, false},
    {"clojure.core", "hash-map", n_hash_map, 0, -1, false},
    {"clojure.core", "array-map", n_array_map, 0, -1, false},
    {"clojure.core", "hash-set", n_hash_set, 0, -1, false},
    {"clojure.core", "set", n_set, 1, 1, false},
    {"clojure.core", "with-meta", n_with_meta, 2, 2, false},
    {"clojure.core", "meta", n_meta, 1, 1, true},
    {"clojure.core", "folio-own-meta", n_own_meta, 1, 1, true},
    {"clojure.core", "contains?", n_contains, 2, 2, false},
    {"clojure.core", "keys", n_keys, 1, 1, false},
    {"clojure.core", "vals", n_vals, 1, 1, false},
    {"clojure.core", "key", n_key, 1, 1, true},
    {"clojure.core", "val", n_val, 1, 1, true},
    {"clojure.core", "find", n_find, 2, 2, false},
    {"clojure.core", "peek", n_peek, 1, 1, true},
    {"clojure.core", "pop", n_pop, 1, 1, true},
    {"clojure.core", "subvec", n_subvec, 2, 3, true},
    {"clojure.core", "disj", n_disj, 1, -1, false},
    {"clojure.core", "make-lazy-seq", n_make_lazy_seq, 1, 1, true},
    {"clojure.core", "range", n_range, 0, 3, true},
    {"clojure.core", "seq?", n_seq_p, 1, 1, true},
    {"clojure.core", "seqable?", n_seqable_p, 1, 1, true},
    {"clojure.core", "chunked-seq?", n_chunked_seq_p, 1, 1, true},
    {"clojure.core", "reverse", n_reverse, 1, 1, false},
    {"clojure.core", "sort", n_sort, 1, 2, false},
    {"clojure.core", "rseq", n_rseq, 1, 1, true},
};

// ---------------------------------------------------------------- chunks
// A ChunkBuffer is an Array [buffer Array, count fix]: only its creator
// appends to it, before `chunk` publishes the items as an ArrayChunk.

Value n_chunk_first(Value* a, uint32_t) { return chunk_first(a[0]); }
Value n_chunk_rest(Value* a, uint32_t) { return chunk_rest(a[0]); }
Value n_chunk_next(Value* a, uint32_t) { return seq(chunk_rest(a[0])); }

Value n_chunk_cons(Value* a, uint32_t) {
  if (!is(a[0], Type::kChunk)) throw_cast(a[0], "clojure.lang.IChunk");
  if (count(a[0]) == 0) return a[1];
  return make_chunked_cons(a[0], a[1]);
}

Value n_chunk_buffer(Value* a, uint32_t) {
  if (!is_long(a[0])) throw_cast(a[0], "java.lang.Number");
  int64_t cap = long_value(a[0]);
  if (cap < 0 || cap > (1 << 24))
    throw_error("java.lang.NegativeArraySizeException", std::to_string(cap));
  Value buf = make_array(uint32_t(cap));
  Value cb = make_array(2);
  init_slot(cb, 0, buf);
  init_slot(cb, 1, Value::fixnum(0));
  return cb;
}

void check_chunk_buffer(Value cb) {
  if (!is(cb, Type::kArray) || nslots(cb) != 2 || !slot(cb, 1).is_fixnum())
    throw_cast(cb, "clojure.lang.ChunkBuffer");
}

Value n_chunk_append(Value* a, uint32_t) {
  Value cb = a[0];
  check_chunk_buffer(cb);
  Value buf = slot(cb, 0);
  int64_t end = slot(cb, 1).fixnum_value();
  if (buf.is_nil() || end >= nslots(buf))
    throw_error("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + std::to_string(end) + " out of bounds for length " +
                    std::to_string(buf.is_nil() ? 0 : nslots(buf)));
  set_slot(buf, uint32_t(end), a[1]);
  set_slot(cb, 1, Value::fixnum(end + 1));
  return kNil;
}

Value n_chunk(Value* a, uint32_t) {
  Value cb = a[0];
  check_chunk_buffer(cb);
  Value buf = slot(cb, 0);
  if (buf.is_nil()) throw_error("java.lang.NullPointerException", "");
  Value c = make_chunk(buf, 0, slot(cb, 1).fixnum_value());
  set_slot(cb, 0, kNil);
  return c;
}

const NativeDef kChunks[] = {
    {"clojure.core", "chunk-first", n_chunk_first, 1, 1, true},
    {"clojure.core", "chunk-rest", n_chunk_rest, 1, 1, true},
    {"clojure.core", "chunk-next", n_chunk_next, 1, 1, true},
    {"clojure.core", "chunk-cons", n_chunk_cons, 2, 2, true},
    {"clojure.core", "chunk-buffer", n_chunk_buffer, 1, 1, true},
    {"clojure.core", "chunk-append", n_chunk_append, 2, 2, true},
    {"clojure.core", "chunk", n_chunk, 1, 1, true},
};

}  // namespace

void register_seq_natives() { register_natives(kSeq, sizeof kSeq / sizeof kSeq[0]); }
void register_chunk_natives() { register_natives(kChunks, sizeof kChunks / sizeof kChunks[0]); }

}  // namespace folio::natives
