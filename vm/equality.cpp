// equality.cpp - clojure.core/= (equiv), hash (hasheq), compare, meta, with-meta.
//
// equiv follows clojure.lang.Util.equiv: numbers compare within their
// category (long vs double is never equal), sequential things element-wise
// whatever their concrete type, maps and sets by contents, the rest by
// identity or value (strings, symbols). hasheq reproduces JVM Clojure 1.11's
// hash bit for bit, which fixes the iteration order of hash maps and sets.
#include <bit>
#include <cmath>
#include <cstring>

#include "vm/classes.h"
#include "vm/coll_internal.h"
#include "vm/deftype.h"
#include "vm/inst_uuid.h"
#include "vm/murmur3.h"
#include "vm/numbers.h"
#include "vm/numtower.h"

namespace folio {
using namespace coll;

namespace {

// Cheap exact size of a sequential thing, -1 when it would need walking.
int64_t cheap_count(Value v) {
  switch (type_of_obj(v)) {
    case Type::kVector: return vector_count(v);
    case Type::kMapEntry: return 2;
    case Type::kList: return slot(v, 2).fixnum_value();
    case Type::kEmptyList: return 0;
    default: return -1;
  }
}

Value seq_elem(Value v, int64_t i) {
  return is(v, Type::kVector) ? vector_nth(v, i) : slot(v, uint32_t(i));  // vector or map entry
}

bool sequential_equiv(Value a, Value b) {
  int64_t ca = cheap_count(a), cb = cheap_count(b);
  if (ca >= 0 && cb >= 0 && ca != cb) return false;
  bool av = is(a, Type::kVector) || is(a, Type::kMapEntry);
  bool bv = is(b, Type::kVector) || is(b, Type::kMapEntry);
  if (av && bv) {
    for (int64_t i = 0; i < ca; ++i)
      if (!equiv(seq_elem(a, i), seq_elem(b, i))) return false;
    return true;
  }
  Value sa = seq(a), sb = seq(b);
  for (; !sa.is_nil() && !sb.is_nil(); sa = next(sa), sb = next(sb))
    if (!equiv(first(sa), first(sb))) return false;
  return sa.is_nil() && sb.is_nil();
}

bool symbol_equiv(Value a, Value b);

bool map_equiv(Value a, Value b) {
  if (map_count(a) != map_count(b)) return false;
  // A record equals only a record of the same type (records are not MapEquivalence).
  Value ra = record_type(a), rb = record_type(b);
  if (ra.is_nil() != rb.is_nil() || (!ra.is_nil() && !symbol_equiv(ra, rb))) return false;
  bool eq = true;
  map_for_each(a, [&](Value k, Value v) {
    if (!eq) return;
    Value bv = map_get(b, k, kNotFound);
    if (bv == kNotFound || !equiv(v, bv)) eq = false;
  });
  return eq;
}

bool set_equiv(Value a, Value b) {
  if (set_count(a) != set_count(b)) return false;
  bool eq = true;
  set_for_each(b, [&](Value k) {
    if (eq && !set_contains(a, k)) eq = false;
  });
  return eq;
}

bool number_equiv(Value a, Value b) {
  if (is_tower(a) || is_tower(b)) return tower_equiv(a, b);
  bool la = is_long(a), lb = is_long(b);
  if (la != lb) return false;  // different categories: (= 1 1.0) is false
  if (la) return long_value(a) == long_value(b);
  return double_value(a) == double_value(b);  // NaN is not = to itself
}

int32_t hash_double(double d) {
  if (d == 0.0) return 0;  // -0.0 hashes as 0.0, as in Clojure
  uint64_t bits;
  if (std::isnan(d)) {
    bits = 0x7ff8000000000000ull;  // Double.doubleToLongBits canonical NaN
  } else {
    std::memcpy(&bits, &d, 8);
  }
  return int32_t(uint32_t(bits ^ (bits >> 32)));
}

int32_t hash_ordered(Value coll) {
  int32_t h = 1, n = 0;
  if (is(coll, Type::kVector)) {
    int64_t c = vector_count(coll);
    for (int64_t i = 0; i < c; ++i) h = murmur3::hash_ordered_step(h, hasheq(vector_nth(coll, i)));
    return murmur3::mix_coll_hash(h, int32_t(c));
  }
  for (Value s = seq(coll); !s.is_nil(); s = next(s), ++n) h = murmur3::hash_ordered_step(h, hasheq(first(s)));
  return murmur3::mix_coll_hash(h, n);
}

int32_t hash_entry(Value k, Value v) {
  int32_t h = murmur3::hash_ordered_step(murmur3::hash_ordered_step(1, hasheq(k)), hasheq(v));
  return murmur3::mix_coll_hash(h, 2);
}

// Java's String.compareTo: first differing UTF-16 unit, else length difference.
int compare_strings(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  uint32_t pa = 0, pb = 0;  // pending low surrogates
  int64_t la = 0, lb = 0;   // UTF-16 units consumed
  auto unit = [](std::string_view s, size_t& at, uint32_t& pending) -> uint32_t {
    if (pending) { uint32_t u = pending; pending = 0; return u; }
    int len;
    uint32_t cp = utf8_decode(s, at, &len);
    at += size_t(len);
    if (cp < 0x10000) return cp;
    cp -= 0x10000;
    pending = 0xDC00 + (cp & 0x3FF);
    return 0xD800 + (cp >> 10);
  };
  while ((i < a.size() || pa) && (j < b.size() || pb)) {
    uint32_t ua = unit(a, i, pa), ub = unit(b, j, pb);
    ++la; ++lb;
    if (ua != ub) return int(ua) - int(ub);
  }
  while (i < a.size() || pa) { unit(a, i, pa); ++la; }
  while (j < b.size() || pb) { unit(b, j, pb); ++lb; }
  return int(la - lb);
}

bool symbol_equiv(Value a, Value b) {
  Value na = symbol_ns(a), nb = symbol_ns(b);
  if (na.is_nil() != nb.is_nil()) return false;
  if (!na.is_nil() && string_view(na) != string_view(nb)) return false;
  return string_view(symbol_name(a)) == string_view(symbol_name(b));
}

int compare_symbols(Value a, Value b) {
  if (symbol_equiv(a, b)) return 0;
  Value na = symbol_ns(a), nb = symbol_ns(b);
  if (na.is_nil() && !nb.is_nil()) return -1;
  if (!na.is_nil()) {
    if (nb.is_nil()) return 1;
    int c = compare_strings(string_view(na), string_view(nb));
    if (c) return c;
  }
  return compare_strings(string_view(symbol_name(a)), string_view(symbol_name(b)));
}

// The slot holding an object's metadata, -1 when the type has none.
int meta_slot(Value x) {
  if (!x.is_ref()) return -1;
  switch (type_of_obj(x)) {
    case Type::kSymbol: case Type::kList: case Type::kLazySeq: case Type::kRange:
    case Type::kVar: case Type::kNamespace: case Type::kAtom:
      return 3;
    case Type::kEmptyList: case Type::kArrayMap: return 0;
    case Type::kCons: case Type::kVectorSeq: case Type::kArraySeq: case Type::kStringSeq:
    case Type::kNative: case Type::kChunkedCons:
      return 2;
    case Type::kVector: case Type::kHashMap: case Type::kRef: return 4;
    case Type::kHashSet: case Type::kClosure: case Type::kTreeSet: return 1;
    case Type::kTreeMap: case Type::kTreeSeq: return 3;
    case Type::kAgent: return 8;  // kAgentMeta (vm/threads.h)
    case Type::kDeftype: return is_reify(x) ? 3 : -1;  // a reify is an IObj, a deftype not
    default: return -1;
  }
}

}  // namespace

bool equiv(Value a, Value b) {
  check_stack();
  if (is_number(a) && is_number(b)) return number_equiv(a, b);
  if (a == b) return true;
  if (!a.is_ref() || !b.is_ref()) return false;
  switch (type_of_obj(a)) {
    case Type::kString: return is(b, Type::kString) && string_view(a) == string_view(b);
    case Type::kSymbol: return is(b, Type::kSymbol) && symbol_equiv(a, b);
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: return is_map(b) && map_equiv(a, b);
    case Type::kHashSet: case Type::kTreeSet: return is_set(b) && set_equiv(a, b);
    case Type::kInst: return is(b, Type::kInst) && long_value(slot(a, 0)) == long_value(slot(b, 0));
    case Type::kUuid: return is(b, Type::kUuid) && string_view(slot(a, 0)) == string_view(slot(b, 0));
    case Type::kDeftype: return deftype_equiv(a, b);  // its equals, else identity (already false)
    default:
      if (is_sequential(a)) return is_sequential(b) && sequential_equiv(a, b);
      return false;
  }
}

int32_t hasheq(Value x) {
  check_stack();
  if (x.is_fixnum()) return murmur3::hash_long(x.fixnum_value());
  if (!x.is_ref()) {
    if (x.is_nil()) return 0;
    if (x == kTrue) return 1231;
    if (x == kFalse) return 1237;
    if (x.is_char()) return int32_t(x.char_value());
    return int32_t(uint32_t(x.w ^ (x.w >> 32)));  // markers: never Clojure values
  }
  switch (type_of_obj(x)) {
    case Type::kLong: return murmur3::hash_long(long_value(x));
    case Type::kDouble: return hash_double(double_value(x));
    case Type::kBigInt: case Type::kRatio: case Type::kBigDecimal: return tower_hasheq(x);
    case Type::kString: return string_hash(x);
    case Type::kSymbol: return int32_t(slot(x, 2).fixnum_value());
    case Type::kKeyword: return int32_t(slot(x, 1).fixnum_value());
    case Type::kClass: return hasheq(class_sym(x));  // one Class per name: by name is by identity
    case Type::kMapEntry: return hash_entry(slot(x, 0), slot(x, 1));
    case Type::kInst: return inst_hash(x);
    case Type::kUuid: return string_hash(slot(x, 0));
    case Type::kDeftype: return deftype_hash(x);
    case Type::kArrayMap: case Type::kHashMap: case Type::kTreeMap: {
      int32_t h = 0;
      map_for_each(x, [&](Value k, Value v) { h = int32_t(uint32_t(h) + uint32_t(hash_entry(k, v))); });
      h = murmur3::mix_coll_hash(h, int32_t(map_count(x)));
      Value rt = record_type(x);  // a record: (bit-xor (hash 'ns.Name) map-hash), as defrecord's hasheq
      return rt.is_nil() ? h : h ^ hasheq(rt);
    }
    case Type::kHashSet: case Type::kTreeSet: {
      int32_t h = 0;
      set_for_each(x, [&](Value k) { h = int32_t(uint32_t(h) + uint32_t(hasheq(k))); });
      return murmur3::mix_coll_hash(h, int32_t(set_count(x)));
    }
    default:
      if (is_sequential(x)) return hash_ordered(x);
      // Identity hash: the offset is stable across processes sharing the heap.
      return murmur3::hash_long(int64_t(x.offset()));
  }
}

int compare(Value a, Value b) {
  check_stack();
  if (a == b) return 0;
  if (a.is_nil()) return -1;
  if (b.is_nil()) return 1;
  if (is_number(a)) {
    if (!is_number(b)) throw_cast(b, "java.lang.Number");
    return num_compare(a, b);
  }
  if (a.is_bool()) {
    if (!b.is_bool()) throw_cast(b, "java.lang.Boolean");
    return a == kTrue ? 1 : -1;  // a != b here
  }
  if (a.is_char()) {
    if (!b.is_char()) throw_cast(b, "java.lang.Character");
    return int(a.char_value()) - int(b.char_value());
  }
  if (!a.is_ref()) throw_cast(a, "java.lang.Comparable");
  switch (type_of_obj(a)) {
    case Type::kString:
      if (!is(b, Type::kString)) throw_cast(b, "java.lang.String");
      return compare_strings(string_view(a), string_view(b));
    case Type::kKeyword:
      if (!is(b, Type::kKeyword)) throw_cast(b, "clojure.lang.Keyword");
      return compare_symbols(keyword_sym(a), keyword_sym(b));
    case Type::kSymbol:
      if (!is(b, Type::kSymbol)) throw_cast(b, "clojure.lang.Symbol");
      return compare_symbols(a, b);
    case Type::kVector: case Type::kMapEntry: {
      if (!is(b, Type::kVector) && !is(b, Type::kMapEntry)) throw_cast(b, "clojure.lang.IPersistentVector");
      int64_t ca = count(a), cb = count(b);
      if (ca != cb) return ca < cb ? -1 : 1;
      for (int64_t i = 0; i < ca; ++i) {
        int c = compare(seq_elem(a, i), seq_elem(b, i));
        if (c) return c;
      }
      return 0;
    }
    default: throw_cast(a, "java.lang.Comparable");
  }
}

Value meta(Value x) {
  int s = meta_slot(x);
  return s < 0 ? kNil : slot(x, uint32_t(s));
}

Value with_meta(Value x, Value m, bool keep_record) {
  int s = meta_slot(x);
  Type t = s < 0 ? Type::kFree : type_of_obj(x);
  // Vars, namespaces and reference cells carry meta but are not IObj.
  if (s < 0 || t == Type::kVar || t == Type::kNamespace || t == Type::kAtom || t == Type::kRef ||
      t == Type::kAgent)
    throw_cast(x, "clojure.lang.IObj");
  if (keep_record) m = record_meta_for(x, m);
  if (slot(x, uint32_t(s)) == m) return x;
  if (t == Type::kLazySeq) {  // as LazySeq.withMeta: realize, then wrap the seq
    Value sq = seq(x);
    Value r = make_lazy_seq(kNil);
    init_slot(r, 2, sq);
    init_slot(r, 3, m);
    return r;
  }
  Value r = clone_obj(x);
  init_slot(r, uint32_t(s), m);
  return r;
}

}  // namespace folio
