// seq.cpp - seq/first/next/rest over every seqable type, cons, lazy seqs, ranges.
//
// Seq types and their layouts (object.h):
//   kList        [first, rest List|EmptyList, count fix, meta]
//   kCons        [first, more seq|nil, meta]
//   kLazySeq     [fn|nil, value, seq, meta]   realized when fn is nil
//   kVectorSeq   [vector, index fix, meta]
//   kArraySeq    [array, index fix, meta]     also snapshots of map/set entries
//   kStringSeq   [string, byte index fix, meta]
//   kRange       [start, end|nil, step, meta] longs; nil end = infinite
//   kTreeSeq     sorted map/set seqs (treemap.cpp)
//   kChunkedCons [chunk, more seq|nil, meta]  the chunk's items, then more
// Chunks (kChunk [array, off fix, end fix], never empty inside a ChunkedCons)
// are not seqs; chunk_first/chunk_rest walk finite ranges, vector seqs and
// ChunkedCons 32 items at a time, as Clojure's IChunkedSeq.
// Every object of a *Seq/Range type is non-empty: constructors return nil or
// () instead, so first/next never have to re-check emptiness.
#include <algorithm>
#include <climits>

#include "vm/coll_internal.h"
#include "vm/deftype.h"
#include "vm/jarray.h"
#include "vm/threads.h"

namespace folio {
using namespace coll;

namespace {

Value make_index_seq(Type t, Value target, int64_t index) {
  Value s = alloc_slots(t, 3);
  init_slot(s, 0, target);
  init_slot(s, 1, fx(index));
  return s;
}

Value array_seq(Value a) { return nslots(a) == 0 ? kNil : make_index_seq(Type::kArraySeq, a, 0); }

Value range_obj(int64_t start, Value end, int64_t step) {
  Value s = make_long(start), st = make_long(step);
  Value r = alloc_slots(Type::kRange, 4);
  init_slot(r, 0, s);
  init_slot(r, 1, end);
  init_slot(r, 2, st);
  return r;
}

// Next element of a range, or nil once past the end (or on overflow: the
// range ends there, as Clojure's LongRange does).
Value range_next(Value r) {
  int64_t start = long_value(slot(r, 0)), step = long_value(slot(r, 2));
  int64_t nx;
  if (__builtin_add_overflow(start, step, &nx)) return kNil;
  Value endv = slot(r, 1);
  if (!endv.is_nil()) {
    int64_t end = long_value(endv);
    if ((step > 0 && nx >= end) || (step < 0 && nx <= end)) return kNil;
  }
  Value n = range_obj(nx, endv, step);
  return n;
}

// sval(): runs the body once and keeps its result, as LazySeq.sval.
// Once threads run, a lazy seq is realized by one of them at a time (its
// monitor), as clojure.lang.LazySeq's sval is synchronized.
[[gnu::noinline]] static Value lazy_sval_one_thread(Value ls) {
  RealizeGuard one_thread(ls);  // another thread may be running fn: wait for it
  Value fn = slot(ls, 0);
  if (!fn.is_nil()) {
    Value v = call_fn(fn);
    set_slot(ls, 1, v);
    set_slot(ls, 0, kNil);
  }
  Value sv = slot(ls, 1);
  return sv.is_nil() ? slot(ls, 2) : sv;
}

Value lazy_sval(Value ls) {
  Value fn = slot(ls, 0);
  if (!fn.is_nil()) {
    if (threads_started()) return lazy_sval_one_thread(ls);
    Value v = call_fn(fn);  // may throw: fn stays set, as in Clojure
    set_slot(ls, 1, v);
    set_slot(ls, 0, kNil);
  }
  Value sv = slot(ls, 1);
  return sv.is_nil() ? slot(ls, 2) : sv;
}

Value chunk_drop_first(Value c) { return make_chunk(slot(c, 0), fix(c, 1) + 1, fix(c, 2)); }

// The next item of a ChunkedCons: the rest of its chunk, else (seq more).
Value chunked_cons_next(Value x) {
  Value c = slot(x, 0);
  if (fix(c, 2) - fix(c, 1) > 1) return make_chunked_cons(chunk_drop_first(c), slot(x, 1));
  return seq(slot(x, 1));
}

bool is_chunked_range(Value r) { return !slot(r, 1).is_nil() && long_value(slot(r, 2)) != 0; }

}  // namespace

Value make_chunk(Value array, int64_t off, int64_t end) {
  Value c = alloc_slots(Type::kChunk, 3);
  init_slot(c, 0, array);
  init_slot(c, 1, fx(off));
  init_slot(c, 2, fx(end));
  return c;
}

Value make_chunked_cons(Value chunk, Value more) {
  Value c = alloc_slots(Type::kChunkedCons, 3);
  init_slot(c, 0, chunk);
  init_slot(c, 1, more);
  return c;
}

bool is_chunked_seq(Value s) {
  if (!s.is_ref()) return false;
  switch (type_of_obj(s)) {
    case Type::kChunkedCons: case Type::kVectorSeq: return true;
    case Type::kRange: return is_chunked_range(s);
    default: return false;
  }
}

Value chunk_first(Value s) {
  if (is(s, Type::kChunkedCons)) return slot(s, 0);
  if (is(s, Type::kVectorSeq)) {
    Value v = slot(s, 0);
    int64_t i = fix(s, 1), n = vector_count(v);
    Value leaf = vector_array_for(v, i);
    int64_t off = i & 31;
    int64_t end = std::min<int64_t>(nslots(leaf), off + (n - i));
    return make_chunk(leaf, off, end);
  }
  if (is(s, Type::kRange) && is_chunked_range(s)) {
    int64_t n = std::min<int64_t>(32, counted_seq_size(s));
    int64_t x = long_value(slot(s, 0)), step = long_value(slot(s, 2));
    Value a = make_array(uint32_t(n));
    for (int64_t i = 0; i < n; ++i, x += step) init_slot(a, uint32_t(i), make_long(x));
    return make_chunk(a, 0, n);
  }
  throw_error("java.lang.ClassCastException",
              class_cast_message(class_name(s), "clojure.lang.IChunkedSeq"));
}

Value chunk_rest(Value s) {
  if (is(s, Type::kChunkedCons)) {
    Value m = slot(s, 1);
    return m.is_nil() ? empty_list() : m;
  }
  if (is(s, Type::kVectorSeq)) {
    Value v = slot(s, 0);
    int64_t i = fix(s, 1), n = vector_count(v);
    int64_t ni = (i | 31) + 1;  // the start of the next leaf
    return ni < n ? make_index_seq(Type::kVectorSeq, v, ni) : empty_list();
  }
  if (is(s, Type::kRange) && is_chunked_range(s)) {
    int64_t left = counted_seq_size(s);
    if (left <= 32) return empty_list();
    int64_t step = long_value(slot(s, 2));
    return range_obj(long_value(slot(s, 0)) + 32 * step, slot(s, 1), step);
  }
  throw_error("java.lang.ClassCastException",
              class_cast_message(class_name(s), "clojure.lang.IChunkedSeq"));
}

// The seq is stored before the value is dropped: another process realizing
// the same shared lazy seq sees either the value (and derives an equal seq)
// or the seq, never neither.
Value coll::lazy_seq_realize(Value ls) {
  lazy_sval(ls);
  Value sv = slot(ls, 1);
  if (!sv.is_nil()) {
    while (is(sv, Type::kLazySeq)) sv = lazy_sval(sv);  // unwrap nested lazy seqs
    set_slot(ls, 2, seq(sv));
    set_slot(ls, 1, kNil);
  }
  return slot(ls, 2);
}

Value make_lazy_seq(Value fn) {
  Value ls = alloc_slots(Type::kLazySeq, 4);
  init_slot(ls, 0, fn);
  return ls;
}

// As RT.cons: onto nil a one-element list, onto a seq a Cons, else onto (seq coll).
Value make_cons(Value x, Value coll) {
  if (coll.is_nil()) return cons_list(x, empty_list());
  Value more = is_seq(coll) ? coll : seq(coll);
  Value c = alloc_slots(Type::kCons, 3);
  init_slot(c, 0, x);
  init_slot(c, 1, more);
  return c;
}

Value make_range(int64_t start, int64_t end, int64_t step) {
  if (end == INT64_MAX) return range_obj(start, kNil, step);
  if ((step > 0 && start >= end) || (step < 0 && start <= end) || (step == 0 && start == end))
    return empty_list();
  return range_obj(start, make_long(end), step);
}

bool is_seq(Value v) {
  if (!v.is_ref()) return false;
  switch (type_of_obj(v)) {
    case Type::kList: case Type::kEmptyList: case Type::kCons: case Type::kLazySeq:
    case Type::kVectorSeq: case Type::kArraySeq: case Type::kStringSeq: case Type::kRange:
    case Type::kTreeSeq: case Type::kChunkedCons:
      return true;
    default:
      return false;
  }
}

bool is_sequential(Value v) { return is_seq(v) || is(v, Type::kVector) || is(v, Type::kMapEntry); }

bool is_coll(Value v) {
  return is_sequential(v) || is_map(v) || is_set(v);
}

Value seq(Value c) {
  if (!c.is_ref()) {
    if (c.is_nil()) return kNil;
    throw_error("java.lang.IllegalArgumentException",
                std::string("Don't know how to create ISeq from: ") + class_name(c));
  }
  switch (type_of_obj(c)) {
    case Type::kEmptyList: return kNil;
    case Type::kList: case Type::kCons: case Type::kVectorSeq: case Type::kArraySeq:
    case Type::kStringSeq: case Type::kRange: case Type::kTreeSeq: case Type::kChunkedCons:
      return c;
    case Type::kLazySeq: return lazy_seq_realize(c);
    case Type::kVector:
      return vector_count(c) == 0 ? kNil : make_index_seq(Type::kVectorSeq, c, 0);
    case Type::kMapEntry: {
      Value a = make_array(2);
      init_slot(a, 0, slot(c, 0));
      init_slot(a, 1, slot(c, 1));
      return array_seq(a);
    }
    case Type::kArrayMap: {
      uint32_t n = (nslots(c) - 1) / 2;
      if (n == 0) return kNil;
      Value a = make_array(n);
      for (uint32_t i = 0; i < n; ++i) set_slot(a, i, map_entry(slot(c, 1 + 2 * i), slot(c, 2 + 2 * i)));
      return array_seq(a);
    }
    case Type::kHashMap: return hmap_count(c) == 0 ? kNil : array_seq(hmap_to_array(c, true));
    case Type::kHashSet: {
      Value m = slot(c, 0);
      return hmap_count(m) == 0 ? kNil : array_seq(hmap_to_array(m, false));
    }
    case Type::kTreeMap: return tree_seq(c, true, false);
    case Type::kTreeSet: return tree_seq(slot(c, 0), true, true);
    case Type::kString:
      return string_size(c) == 0 ? kNil : make_index_seq(Type::kStringSeq, c, 0);
    case Type::kArray: return array_seq(c);
    case Type::kDeftype: return deftype_seq(c);  // one implementing Seqable
    case Type::kJavaArray:  // live, as the JVM's ArraySeq: later stores show through
      return jarray_length(c) == 0 ? kNil : make_index_seq(Type::kArraySeq, c, 0);
    default:
      throw_error("java.lang.IllegalArgumentException",
                  std::string("Don't know how to create ISeq from: ") + class_name(c));
  }
}

Value first(Value x) {
  if (x.is_ref()) {
    switch (type_of_obj(x)) {
      case Type::kList: case Type::kCons: return slot(x, 0);
      case Type::kEmptyList: return kNil;
      case Type::kVectorSeq: return vector_nth(slot(x, 0), fix(x, 1));
      case Type::kArraySeq: return indexed_at(slot(x, 0), fix(x, 1));
      case Type::kStringSeq: {
        int len;
        return Value::character(utf8_decode(string_view(slot(x, 0)), size_t(fix(x, 1)), &len));
      }
      case Type::kRange: return slot(x, 0);
      case Type::kTreeSeq: return tree_seq_first(x);
      case Type::kChunkedCons: {
        Value c = slot(x, 0);
        return slot(slot(c, 0), uint32_t(fix(c, 1)));
      }
      case Type::kVector: return vector_count(x) ? vector_nth(x, 0) : kNil;
      // maps and sets: one entry, not the whole seq snapshot
      case Type::kArrayMap: return nslots(x) > 1 ? map_entry(slot(x, 1), slot(x, 2)) : kNil;
      case Type::kHashMap: return hmap_first_entry(x);
      case Type::kHashSet: {
        Value e = hmap_first_entry(slot(x, 0));
        return e.is_nil() ? kNil : slot(e, 0);
      }
      default: break;
    }
  }
  Value s = seq(x);
  return s.is_nil() ? kNil : first(s);
}

Value next(Value x) {
  if (x.is_ref()) {
    switch (type_of_obj(x)) {
      case Type::kList: {
        Value r = slot(x, 1);
        return is(r, Type::kList) ? r : kNil;
      }
      case Type::kEmptyList: return kNil;
      case Type::kCons: return seq(slot(x, 1));
      case Type::kVectorSeq: {
        int64_t i = fix(x, 1) + 1;
        Value v = slot(x, 0);
        return i < vector_count(v) ? make_index_seq(Type::kVectorSeq, v, i) : kNil;
      }
      case Type::kArraySeq: {
        int64_t i = fix(x, 1) + 1;
        Value a = slot(x, 0);
        return i < indexed_length(a) ? make_index_seq(Type::kArraySeq, a, i) : kNil;
      }
      case Type::kStringSeq: {
        Value s = slot(x, 0);
        size_t i = size_t(fix(x, 1));
        std::string_view sv = string_view(s);
        size_t ni = i + size_t(utf8_len(uint8_t(sv[i])));
        return ni < sv.size() ? make_index_seq(Type::kStringSeq, s, int64_t(ni)) : kNil;
      }
      case Type::kRange: return range_next(x);
      case Type::kTreeSeq: return tree_seq_next(x);
      case Type::kChunkedCons: return chunked_cons_next(x);
      default: break;
    }
  }
  Value s = seq(x);
  return s.is_nil() ? kNil : next(s);
}

// rest stays lazy where Clojure's does: a Cons hands back its `more` unseq'd.
Value rest(Value x) {
  if (x.is_ref()) {
    switch (type_of_obj(x)) {
      case Type::kList: return slot(x, 1);
      case Type::kEmptyList: return x;
      case Type::kCons: {
        Value m = slot(x, 1);
        return m.is_nil() ? empty_list() : m;
      }
      case Type::kChunkedCons: {  // ChunkedCons.more: unseq'd more after the chunk
        Value c = slot(x, 0);
        if (fix(c, 2) - fix(c, 1) > 1) return make_chunked_cons(chunk_drop_first(c), slot(x, 1));
        Value m = slot(x, 1);
        return m.is_nil() ? empty_list() : m;
      }
      case Type::kVectorSeq: case Type::kArraySeq: case Type::kStringSeq: case Type::kRange:
      case Type::kTreeSeq: {
        Value n = next(x);
        return n.is_nil() ? empty_list() : n;
      }
      default: break;
    }
  }
  Value s = seq(x);
  return s.is_nil() ? empty_list() : rest(s);
}

// Elements left in a seq that knows its size without walking (-1 otherwise).
int64_t coll::counted_seq_size(Value s) {
  switch (type_of_obj(s)) {
    case Type::kList: return fix(s, 2);
    case Type::kEmptyList: return 0;
    case Type::kVectorSeq: return vector_count(slot(s, 0)) - fix(s, 1);
    case Type::kArraySeq: return indexed_length(slot(s, 0)) - fix(s, 1);
    case Type::kTreeSeq: return slot(s, 2).is_nil() ? -1 : fix(s, 2);
    case Type::kRange: {
      Value endv = slot(s, 1);
      int64_t step = long_value(slot(s, 2));
      if (endv.is_nil() || step == 0)
        throw_error("java.lang.ArithmeticException", "integer overflow");  // infinite
      __int128 span = __int128(long_value(endv)) - long_value(slot(s, 0));
      __int128 st = step;
      return int64_t(step > 0 ? (span + st - 1) / st : (span + st + 1) / st);
    }
    default: return -1;
  }
}

}  // namespace folio
