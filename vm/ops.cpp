// ops.cpp - the generic collection functions (count conj nth get assoc dissoc
// empty vec) dispatching on the type tag, plus small shared helpers.
// Behaviour and error messages follow clojure.lang.RT (countFrom, nthFrom,
// getFrom, conj, assoc) as of Clojure 1.11 on JDK 17.
#include <cmath>
#include <vector>

#include "vm/classes.h"
#include "vm/coll_internal.h"
#include "vm/deftype.h"
#include "vm/jarray.h"
#include "vm/vector_of.h"
#include "vm/transient.h"

namespace folio {
using namespace coll;

// ---------------------------------------------------------------- helpers

Value coll::clone_obj(Value v) {
  uint32_t n = nslots(v);
  Value r = alloc_slots(type_of_obj(v), n);
  for (uint32_t i = 0; i < n; ++i) init_slot(r, i, slot(v, i));
  obj(r)->h.flags |= obj(v)->h.flags & ~uint16_t((1 << heap::kOwnerFlagShift) - 1);  // a vector-of stays one
  return r;
}

Value coll::copy_array(Value src, uint32_t n) {
  Value r = make_array(n);
  uint32_t m = std::min(n, nslots(src));
  for (uint32_t i = 0; i < m; ++i) init_slot(r, i, slot(src, i));
  return r;
}

uint32_t coll::utf8_decode(std::string_view s, size_t i, int* len) {
  unsigned char c = uint8_t(s[i]);
  int n = utf8_len(c);
  if (i + size_t(n) > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (uint8_t(s[i + size_t(k)]) & 0x3F);
  *len = n;
  return cp;
}


std::string coll::simple_name(Value v) {
  const char* cn = class_name(v);
  return cn ? class_simple_name(cn) : "null";
}

std::string class_cast_message(const char* from, const char* to) {
  auto java = [](std::string_view c) { return c.starts_with("java.") || c.starts_with("["); };
  auto where = [](bool j) {
    return j ? "module java.base of loader 'bootstrap'" : "unnamed module of loader 'app'";
  };
  std::string m = std::string("class ") + from + " cannot be cast to class " + to + " (";
  bool jf = java(from), jt = java(to);
  if (jf == jt) {
    m += std::string(from) + " and " + to + " are in " + where(jf);
  } else {
    m += std::string(from) + " is in " + where(jf) + "; " + to + " is in " + where(jt);
  }
  return m + ")";
}

void coll::throw_no_message(const char* cls) {
  throw Thrown{make_throwable(cls, kNil, kNil, kNil)};
}

void coll::throw_cast(Value v, const char* to) {
  const char* from = class_name(v);
  if (!from) throw_no_message("java.lang.NullPointerException");
  throw_error("java.lang.ClassCastException", class_cast_message(from, to));
}

namespace {

[[noreturn]] void unsupported(const char* op, Value x) {
  throw_error("java.lang.UnsupportedOperationException",
              std::string(op) + " not supported on this type: " + simple_name(x));
}

int64_t string_count(std::string_view s, size_t from = 0) {
  int64_t n = 0;
  for (size_t i = from; i < s.size(); i += size_t(utf8_len(uint8_t(s[i])))) ++n;
  return n;
}

// Code point i of s, or kNotFound when out of range.
Value string_char_at(Value s, int64_t i) {
  if (i < 0) return kNotFound;
  std::string_view sv = string_view(s);
  size_t at = 0;
  for (int64_t k = 0; k < i && at < sv.size(); ++k) at += size_t(utf8_len(uint8_t(sv[at])));
  if (at >= sv.size()) return kNotFound;
  int len;
  return Value::character(utf8_decode(sv, at, &len));
}

// Java's Number.intValue() for the key of get on strings/arrays.
bool int_value(Value k, bool allow_double, int32_t* out) {
  if (is_long(k)) { *out = int32_t(long_value(k)); return true; }
  if (allow_double && is_double(k)) {
    double d = double_value(k);
    *out = std::isnan(d) ? 0 : d >= 2147483647.0 ? INT32_MAX : d <= -2147483648.0 ? INT32_MIN : int32_t(d);
    return true;
  }
  return false;
}

// nth over a seq by walking (lists, cons, lazy seqs...): nf when too short.
Value seq_nth(Value coll, int64_t n, Value nf) {
  if (n < 0) return nf;
  Value s = seq(coll);
  // infinite ranges ((range), or step 0 repeating start): no count to check
  if (is(s, Type::kRange) && (slot(s, 1).is_nil() || long_value(slot(s, 2)) == 0))
    return make_long(long_value(slot(s, 0)) + n * long_value(slot(s, 2)));
  if (!s.is_nil() && (is(s, Type::kRange) || is(s, Type::kVectorSeq) || is(s, Type::kArraySeq))) {
    if (n >= counted_seq_size(s)) return nf;
    if (is(s, Type::kRange)) return make_long(long_value(slot(s, 0)) + n * long_value(slot(s, 2)));
    if (is(s, Type::kVectorSeq)) return vector_nth(slot(s, 0), fix(s, 1) + n);
    return indexed_at(slot(s, 0), fix(s, 1) + n);
  }
  for (int64_t i = 0; !s.is_nil(); ++i, s = next(s))
    if (i == n) return first(s);
  return nf;
}

Value list_with_meta(Value l, Value meta) {
  if (!meta.is_nil()) init_slot(l, 3, meta);
  return l;
}

}  // namespace

// ---------------------------------------------------------------- count

int64_t count(Value x) {
  if (!x.is_ref()) {
    if (x.is_nil()) return 0;
    unsupported("count", x);
  }
  switch (type_of_obj(x)) {
    case Type::kTransient: return count(transient_view(x));
    case Type::kVector: return vector_count(x);
    case Type::kMapEntry: return 2;
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: return map_count(x);
    case Type::kHashSet: case Type::kTreeSet: return set_count(x);
    case Type::kTreeSeq: return tree_seq_count(x);
    case Type::kString: return string_count(string_view(x));
    case Type::kStringSeq: return string_count(string_view(slot(x, 0)), size_t(fix(x, 1)));
    case Type::kArray: return nslots(x);
    case Type::kBytes: return int64_t(bytes_size(x));
    case Type::kJavaArray: return jarray_length(x);
    case Type::kList: case Type::kEmptyList: case Type::kVectorSeq: case Type::kArraySeq:
    case Type::kRange:
      return counted_seq_size(x);
    case Type::kChunk: return fix(x, 2) - fix(x, 1);
    case Type::kCons: case Type::kLazySeq: case Type::kChunkedCons: {
      int64_t n = 0;
      for (Value s = seq(x); !s.is_nil(); s = next(s), ++n) {
        int64_t c = counted_seq_size(s);
        if (c >= 0) return n + c;
      }
      return n;
    }
    case Type::kDeftype: {  // one implementing Counted
      int64_t n;
      if (deftype_count(x, &n)) return n;
      unsupported("count", x);
    }
    default: unsupported("count", x);
  }
}

// ---------------------------------------------------------------- conj

Value conj(Value coll, Value x) {
  if (coll.is_nil()) return cons_list(x, empty_list());
  if (!coll.is_ref()) throw_cast(coll, "clojure.lang.IPersistentCollection");
  switch (type_of_obj(coll)) {
    case Type::kVector:
      if (char k = vector_of_kind(coll)) return vector_of_mark(vector_conj(coll, vector_of_cast(k, x)), k);  // Vec.cons
      return vector_conj(coll, x);
    case Type::kMapEntry: {
      Value xs[3] = {slot(coll, 0), slot(coll, 1), x};
      return vector_from(xs, 3);
    }
    case Type::kList: case Type::kEmptyList: {
      Value meta = slot(coll, is(coll, Type::kList) ? 3 : 0);
      return list_with_meta(cons_list(x, coll), meta);
    }
    case Type::kCons: case Type::kLazySeq: case Type::kVectorSeq: case Type::kArraySeq:
    case Type::kStringSeq: case Type::kRange: case Type::kTreeSeq: case Type::kChunkedCons: {
      Value c = alloc_slots(Type::kCons, 3);
      init_slot(c, 0, x);
      init_slot(c, 1, coll);
      return c;
    }
    case Type::kHashSet: case Type::kTreeSet: return set_conj(coll, x);
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: {
      // APersistentMap.cons: an entry, a pair vector, or a seq of entries.
      if (is(x, Type::kMapEntry)) return map_assoc(coll, slot(x, 0), slot(x, 1));
      if (is(x, Type::kVector)) {
        if (vector_count(x) != 2)
          throw_error("java.lang.IllegalArgumentException", "Vector arg to map conj must be a pair");
        return map_assoc(coll, vector_nth(x, 0), vector_nth(x, 1));
      }
      Value m = coll;
      for (Value s = seq(x); !s.is_nil(); s = next(s)) {
        Value e = first(s);
        if (is(e, Type::kMapEntry)) {
          m = map_assoc(m, slot(e, 0), slot(e, 1));
        } else if (is(e, Type::kVector) && vector_count(e) == 2) {
          m = map_assoc(m, vector_nth(e, 0), vector_nth(e, 1));
        } else {
          throw_cast(e, "java.util.Map$Entry");
        }
      }
      return m;
    }
    default: throw_cast(coll, "clojure.lang.IPersistentCollection");
  }
}

// ---------------------------------------------------------------- nth

Value nth(Value coll, int64_t i, Value nf) {
  if (!coll.is_ref()) {
    if (coll.is_nil()) return nf;
    unsupported("nth", coll);
  }
  switch (type_of_obj(coll)) {
    case Type::kTransient: return nth(transient_view(coll), i, nf);
    case Type::kVector: return i >= 0 && i < vector_count(coll) ? vector_nth(coll, i) : nf;
    case Type::kMapEntry: return i == 0 || i == 1 ? slot(coll, uint32_t(i)) : nf;
    case Type::kString: {
      Value c = string_char_at(coll, i);
      return c == kNotFound ? nf : c;
    }
    case Type::kArray: return i >= 0 && i < nslots(coll) ? slot(coll, uint32_t(i)) : nf;
    case Type::kJavaArray: return i >= 0 && i < jarray_length(coll) ? jarray_at(coll, i) : nf;
    case Type::kChunk: {  // ArrayChunk.nth
      int64_t off = fix(coll, 1);
      return i >= 0 && i < fix(coll, 2) - off ? slot(slot(coll, 0), uint32_t(off + i)) : nf;
    }
    case Type::kList: case Type::kEmptyList: case Type::kCons: case Type::kLazySeq:
    case Type::kVectorSeq: case Type::kArraySeq: case Type::kStringSeq: case Type::kRange:
    case Type::kTreeSeq: case Type::kChunkedCons:
      return seq_nth(coll, i, nf);
    default: unsupported("nth", coll);
  }
}

Value nth(Value coll, int64_t i) {
  if (coll.is_nil()) return kNil;
  Value v = nth(coll, i, kNotFound);
  if (v != kNotFound) return v;
  if (is(coll, Type::kString))
    throw_error("java.lang.StringIndexOutOfBoundsException", "String index out of range: " + std::to_string(i));
  if (is(coll, Type::kChunk)) {  // ArrayChunk.nth indexes its array directly
    int64_t j = fix(coll, 1) + i;
    uint32_t len = nslots(slot(coll, 0));
    if (j >= 0 && j < len) return slot(slot(coll, 0), uint32_t(j));
    throw_error("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + std::to_string(j) + " out of bounds for length " + std::to_string(len));
  }
  if (is(coll, Type::kJavaArray)) throw_no_message("java.lang.ArrayIndexOutOfBoundsException");  // Array.get's
  if (is(coll, Type::kArray))
    throw_error("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + std::to_string(i) + " out of bounds for length " + std::to_string(nslots(coll)));
  throw_no_message("java.lang.IndexOutOfBoundsException");
}

// ---------------------------------------------------------------- get

Value get(Value coll, Value k, Value nf) {
  if (!coll.is_ref()) return nf;
  switch (type_of_obj(coll)) {
    case Type::kTransient: return get(transient_view(coll), k, nf);
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: return map_get(coll, k, nf);
    case Type::kDeftype: return deftype_lookup(coll, k, nf);
    case Type::kHashSet: case Type::kTreeSet: return set_get(coll, k, nf);
    case Type::kVector: case Type::kMapEntry: {
      int32_t i;
      if (!int_value(k, false, &i)) return nf;
      return nth(coll, i, nf);
    }
    case Type::kString: case Type::kArray: case Type::kJavaArray: {
      int32_t i;
      if (!int_value(k, true, &i)) return nf;
      return nth(coll, i, nf);
    }
    default: return nf;
  }
}

// ---------------------------------------------------------------- assoc / dissoc

Value assoc(Value coll, Value k, Value v) {
  if (coll.is_nil()) {
    Value kv[2] = {k, v};
    return array_map_from(kv, 1);
  }
  if (is_map(coll)) return map_assoc(coll, k, v);
  if (is(coll, Type::kVector) || is(coll, Type::kMapEntry)) {
    int32_t i;
    if (!int_value(k, false, &i)) throw_error("java.lang.IllegalArgumentException", "Key must be integer");
    Value vec = coll;
    if (is(coll, Type::kMapEntry)) {
      Value xs[2] = {slot(coll, 0), slot(coll, 1)};
      vec = vector_from(xs, 2);
    }
    if (char k = is(vec, Type::kVector) ? vector_of_kind(vec) : 0)  // Vec.assocN casts
      return vector_of_mark(vector_assoc(vec, i, vector_of_cast(k, v)), k);
    return vector_assoc(vec, i, v);
  }
  throw_cast(coll, "clojure.lang.Associative");
}

Value dissoc(Value coll, Value k) {
  if (coll.is_nil()) return kNil;
  if (is_map(coll)) return map_dissoc(coll, k);
  throw_cast(coll, "clojure.lang.IPersistentMap");
}

// ---------------------------------------------------------------- empty / vec

Value empty(Value coll) {
  if (!coll.is_ref()) return kNil;
  switch (type_of_obj(coll)) {
    case Type::kVector: {
      Value e = vector_with_meta_empty(slot(coll, 4));
      return vector_of_kind(coll) ? vector_of_mark(e, vector_of_kind(coll)) : e;
    }
    case Type::kList: return list_with_meta_empty(slot(coll, 3));
    case Type::kEmptyList: return coll;
    case Type::kArrayMap: return amap_with_meta_empty(slot(coll, 0));
    case Type::kHashMap: return hmap_empty(slot(coll, 4));
    case Type::kHashSet: return set_with_meta_empty(slot(coll, 1));
    // sorted: the comparator and the meta stay (PersistentTreeMap.empty)
    case Type::kTreeMap: return tmap_empty(tmap_comparator(coll), slot(coll, 3));
    case Type::kTreeSet: return tset_make(tmap_empty(tmap_comparator(slot(coll, 0)), kNil), slot(coll, 1));
    case Type::kCons: case Type::kLazySeq: case Type::kVectorSeq: case Type::kArraySeq:
    case Type::kStringSeq: case Type::kRange: case Type::kTreeSeq: case Type::kChunkedCons:
      return empty_list();
    default: return kNil;  // MapEntry and non-collections
  }
}

Value coll::list_with_meta_empty(Value meta) {
  if (meta.is_nil()) return empty_list();
  Value e = alloc_slots(Type::kEmptyList, 1);
  init_slot(e, 0, meta);
  return e;
}

// clojure.core/vec: a vector of the seqable's elements (a vector loses its meta).
Value vec(Value coll) {
  if (is(coll, Type::kVector)) return slot(coll, 4).is_nil() ? coll : with_meta(coll, kNil);
  std::vector<Value> xs;
  if (is(coll, Type::kArray)) {
    xs.assign(array_data(coll), array_data(coll) + nslots(coll));
  } else {
    for (Value s = seq(coll); !s.is_nil(); s = next(s)) xs.push_back(first(s));
  }
  return vector_from(xs.data(), xs.size());
}

}  // namespace folio
