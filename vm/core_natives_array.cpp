// core_natives_array.cpp - clojure.core's Java array natives: aget aset
// alength aclone, the typed constructors (long-array ... object-array),
// to-array, into-array, and the helpers core_array.clj builds make-array,
// aset-int and friends and the ints/longs casts on. Layouts: vm/jarray.h.
#include <cmath>

#include "vm/classes.h"
#include "vm/coll_internal.h"
#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/jarray.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"
#include "vm/vector_of.h"

namespace folio::natives {
namespace {

Value array_arg(Value a, const char* op, int nargs) {
  if (!is_jarray(a))
    throw_arg(std::string("No matching method ") + op + " found taking " + std::to_string(nargs) + " args");
  return a;
}

// Number.longValue / intValue / shortValue / byteValue / doubleValue, as
// RT.long_array and friends convert a seq's items.
int64_t number_long(Value x) {
  if (is_long(x)) return long_value(x);
  if (is_double(x)) {
    double d = double_value(x);
    return d != d ? 0 : d >= 9.2233720368547758e18 ? INT64_MAX : d <= -9.2233720368547758e18 ? INT64_MIN : int64_t(d);
  }
  if (is_tower(x)) return truncated_int(x).low_long();
  throw_cast(x, "java.lang.Number");
}

// A size as RT.long_array and friends take it: Number.intValue, so a long past
// the int range wraps (and a wrapped negative is NegativeArraySizeException).
int64_t size_of(Value n) { return int32_t(uint32_t(uint64_t(number_long(n)))); }

Value coerce_item(char kind, Value x) {
  switch (kind) {
    case 'Z': if (!x.is_bool()) throw_cast(x, "java.lang.Boolean"); return x;
    case 'C': if (!x.is_char()) throw_cast(x, "java.lang.Character"); return x;
    case 'F': case 'D':
      if (is_double(x)) return x;
      if (!is_number(x)) throw_cast(x, "java.lang.Number");
      return make_double(to_double(x));
    case 'J': return make_long(number_long(x));
    default: {
      // intValue saturates a double at the int range; a long wraps.
      int64_t l = is_double(x) ? int64_t(int32_t(std::clamp(std::isnan(double_value(x)) ? 0.0 : double_value(x),
                                                             -2147483648.0, 2147483647.0)))
                               : number_long(x);
      if (kind == 'I') return Value::fixnum(int32_t(uint32_t(uint64_t(l))));
      if (kind == 'S') return Value::fixnum(int16_t(uint16_t(uint64_t(l))));
      return Value::fixnum(int8_t(uint8_t(uint64_t(l))));
    }
  }
}

// Stores an item already of the array's element type.
void put_item(Value a, int64_t i, Value x) {
  jarray_set_widening(a, i, x, jarray_kind(a));
}

// (long-array size-or-seq) / (long-array size init-or-seq), as RT.long_array.
Value typed_array(char kind, Value* a, uint32_t n) {
  if (n == 1 && !is_number(a[0])) {
    std::vector<Value> xs;
    seq_items(a[0], xs);
    Value arr = make_prim_array(kind, int64_t(xs.size()));
    for (size_t i = 0; i < xs.size(); ++i) put_item(arr, int64_t(i), coerce_item(kind, xs[i]));
    return arr;
  }
  Value arr = make_prim_array(kind, size_of(a[0]));
  if (n == 1) return arr;
  int64_t len = jarray_length(arr);
  if (is_number(a[1]) || a[1].is_char() || a[1].is_bool()) {
    Value x = coerce_item(kind, a[1]);
    for (int64_t i = 0; i < len; ++i) put_item(arr, i, x);
    return arr;
  }
  int64_t i = 0;
  for (Value s = seq(a[1]); !s.is_nil() && i < len; s = next(s), ++i) put_item(arr, i, coerce_item(kind, first(s)));
  return arr;
}

Value n_long_array(Value* a, uint32_t n) { return typed_array('J', a, n); }
Value n_int_array(Value* a, uint32_t n) { return typed_array('I', a, n); }
Value n_short_array(Value* a, uint32_t n) { return typed_array('S', a, n); }
Value n_byte_array(Value* a, uint32_t n) { return typed_array('B', a, n); }
Value n_char_array(Value* a, uint32_t n) { return typed_array('C', a, n); }
Value n_boolean_array(Value* a, uint32_t n) { return typed_array('Z', a, n); }
Value n_float_array(Value* a, uint32_t n) { return typed_array('F', a, n); }
Value n_double_array(Value* a, uint32_t n) { return typed_array('D', a, n); }

Value object_array_of(const std::vector<Value>& xs) {
  Value arr = make_object_array("[Ljava.lang.Object;", int64_t(xs.size()));
  for (size_t i = 0; i < xs.size(); ++i) init_slot(arr, uint32_t(i + 1), xs[i]);
  return arr;
}

// (object-array size-or-seq)
Value n_object_array(Value* a, uint32_t) {
  if (is_number(a[0])) return make_object_array("[Ljava.lang.Object;", size_of(a[0]));
  std::vector<Value> xs;
  seq_items(a[0], xs);
  return object_array_of(xs);
}

// (to-array coll): an Object[] of a collection's, string's or array's items.
Value n_to_array(Value* a, uint32_t) {
  std::vector<Value> xs;
  if (is_jarray(a[0])) {
    for (int64_t i = 0, len = jarray_length(a[0]); i < len; ++i) xs.push_back(jarray_at(a[0], i));
  } else {
    seq_items(a[0], xs);
  }
  return object_array_of(xs);
}

// The JVM's (int ...) etc. of RT.seqToTypedArray for a primitive component:
// int, short, byte, char and float go through a cast, the others must fit.
Value typed_item(char kind, Value x) {
  switch (kind) {
    case 'I': case 'S': case 'B': {
      if (x.is_char()) x = Value::fixnum(x.char_value());
      if (!is_number(x)) throw_cast(x, "java.lang.Character");
      int64_t l = number_long(x);
      int64_t lo = kind == 'I' ? INT32_MIN : kind == 'S' ? INT16_MIN : INT8_MIN;
      if (l < lo || l > -lo - 1) {
        if (kind == 'I') throw_error("java.lang.ArithmeticException", "integer overflow");
        throw_arg(std::string("Value out of range for ") + (kind == 'S' ? "short: " : "byte: ") + std::to_string(l));
      }
      return Value::fixnum(l);
    }
    case 'C':
      if (x.is_char()) return x;
      if (!is_long(x)) throw_cast(x, "java.lang.Number");
      return Value::character(uint32_t(long_value(x)));
    case 'F': if (!is_number(x)) throw_cast(x, "java.lang.Number"); return make_double(to_double(x));
    case 'J': if (!is_long(x)) coll::throw_no_message("java.lang.IllegalArgumentException"); return x;
    case 'D': if (!is_double(x)) coll::throw_no_message("java.lang.IllegalArgumentException"); return x;
    default: if (!x.is_bool()) coll::throw_no_message("java.lang.IllegalArgumentException"); return x;
  }
}

// (into-array aseq) / (into-array type aseq): the component is `type`, or the
// class of the first item (Object when it is nil or the seq is empty).
Value n_into_array(Value* a, uint32_t n) {
  std::vector<Value> xs;
  seq_items(n == 2 ? a[1] : a[0], xs);
  std::string comp;
  if (n == 2) {
    if (!is(a[0], Type::kClass)) throw_cast(a[0], "java.lang.Class");
    comp = class_value_name(a[0]);
  } else {
    const char* c = xs.empty() ? nullptr : class_name(xs[0]);
    comp = c ? c : "java.lang.Object";
  }
  if (char kind = primitive_kind(comp)) {
    Value arr = make_prim_array(kind, int64_t(xs.size()));
    for (size_t i = 0; i < xs.size(); ++i) put_item(arr, int64_t(i), typed_item(kind, xs[i]));
    return arr;
  }
  Value arr = make_object_array(array_class_for(comp), int64_t(xs.size()));
  for (size_t i = 0; i < xs.size(); ++i) {
    try {
      jarray_set(arr, int64_t(i), xs[i], "aset");
    } catch (const Thrown&) {
      throw_arg("array element type mismatch");
    }
  }
  return arr;
}

int64_t index_of(Value i) {
  if (is_long(i) || is_double(i) || is_tower(i)) return number_long(i);
  throw_cast(i, "java.lang.Character");
}

// (aget array idx & idxs)
Value n_aget(Value* a, uint32_t n) {
  Value x = array_arg(a[0], "aget", 2);
  for (uint32_t k = 1; k < n; ++k) x = jarray_get(array_arg(x, "aget", 2), index_of(a[k]));
  return x;
}

// (aset array idx val) / (aset array idx idx2 & idxv): the last arg is the value.
Value n_aset(Value* a, uint32_t n) {
  Value arr = array_arg(a[0], "aset", 3);
  for (uint32_t k = 1; k + 2 < n; ++k) arr = array_arg(jarray_get(arr, index_of(a[k])), "aset", 3);
  jarray_set(arr, index_of(a[n - 2]), a[n - 1], "aset");
  return a[n - 1];
}

Value n_alength(Value* a, uint32_t) { return Value::fixnum(jarray_length(array_arg(a[0], "alength", 1))); }
Value n_aclone(Value* a, uint32_t) { return jarray_clone(array_arg(a[0], "aclone", 1)); }

// (folio-make-array component n): one dimension of make-array; component is
// a class (Long/TYPE is the class `long`).
Value n_make_array(Value* a, uint32_t) {
  if (!is(a[0], Type::kClass)) throw_cast(a[0], "java.lang.Class");
  std::string comp(class_value_name(a[0]));
  int64_t len = number_long(a[1]);
  if (char kind = primitive_kind(comp)) return make_prim_array(kind, len);
  return make_object_array(array_class_for(comp), len);
}

// (folio-aset-as array idx val kind): Array.setInt and friends; val is already
// cast (aset-int passes (int val)), kind is its type's letter as a char.
Value n_aset_as(Value* a, uint32_t) {
  if (!is_jarray(a[0])) throw_arg("Argument is not an array");
  jarray_set_widening(a[0], index_of(a[1]), a[2], char(a[3].char_value()));
  return a[2];
}

// (folio-array-cast class-name x): ints, longs ... as the JVM's checkcast.
Value n_array_cast(Value* a, uint32_t) {
  std::string_view want = string_view(a[0]);
  if (a[1].is_nil() || (is_jarray(a[1]) && want == jarray_class_name(a[1]))) return a[1];
  throw_cast(a[1], std::string(want).c_str());
}

// (folio-vector-of type items): the vector-of of items already cast to type.
Value n_vector_of(Value* a, uint32_t) {
  char k = vector_of_kind_for(a[0]);
  if (!is(a[1], Type::kVector)) throw_cast(a[1], "clojure.lang.IPersistentVector");
  return vector_of_mark(a[1], k);
}

const NativeDef kArray[] = {
    {"clojure.core", "aget", n_aget, 2, -1, false},
    {"clojure.core", "aset", n_aset, 3, -1, false},
    {"clojure.core", "alength", n_alength, 1, 1, false},
    {"clojure.core", "aclone", n_aclone, 1, 1, false},
    {"clojure.core", "long-array", n_long_array, 1, 2, false},
    {"clojure.core", "int-array", n_int_array, 1, 2, false},
    {"clojure.core", "short-array", n_short_array, 1, 2, false},
    {"clojure.core", "byte-array", n_byte_array, 1, 2, false},
    {"clojure.core", "char-array", n_char_array, 1, 2, false},
    {"clojure.core", "boolean-array", n_boolean_array, 1, 2, false},
    {"clojure.core", "float-array", n_float_array, 1, 2, false},
    {"clojure.core", "double-array", n_double_array, 1, 2, false},
    {"clojure.core", "object-array", n_object_array, 1, 1, false},
    {"clojure.core", "to-array", n_to_array, 1, 1, false},
    {"clojure.core", "into-array", n_into_array, 1, 2, false},
    {"clojure.core", "folio-make-array", n_make_array, 2, 2, false},
    {"clojure.core", "folio-aset-as", n_aset_as, 4, 4, false},
    {"clojure.core", "folio-array-cast", n_array_cast, 2, 2, false},
    {"clojure.core", "folio-vector-of", n_vector_of, 2, 2, false},
};

}  // namespace

void register_array_natives() { register_natives(kArray, sizeof kArray / sizeof kArray[0]); }

}  // namespace folio::natives
