// core_natives_pred.cpp - clojure.core type predicates and equality:
// nil? some? true? false? string? symbol? keyword? number? integer? int?
// double? float? fn? ifn? map? vector? list? set? coll? sequential? char?
// boolean? var? map-entry? delay? identical? = not= hash compare
// hash-ordered-coll hash-unordered-coll mix-collection-hash hash-combine.
// The type predicates never run Clojure code (gc-safe); = hash compare may
// realize lazy seqs, so they are not.
#include <climits>
#include <string>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/deftype.h"
#include "vm/murmur3.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio::natives {

Value native_compare(Value* a, uint32_t) { return Value::fixnum(compare(a[0], a[1])); }

namespace {

#define PRED(cname, expr) \
  Value cname(Value* a, uint32_t) { \
    Value x = a[0];                 \
    return Value::boolean(expr);    \
  }

PRED(n_nil_p, x.is_nil())
PRED(n_some_p, !x.is_nil())
PRED(n_true_p, x == kTrue)
PRED(n_false_p, x == kFalse)
PRED(n_string_p, is(x, Type::kString))
PRED(n_symbol_p, is(x, Type::kSymbol))
PRED(n_keyword_p, is(x, Type::kKeyword))
PRED(n_number_p, is_number(x))
PRED(n_integer_p, is_long(x) || is(x, Type::kBigInt))
PRED(n_int_p, is_long(x))
PRED(n_double_p, is_double(x))
PRED(n_float_p, is_double(x))
PRED(n_fn_p, is(x, Type::kClosure) || is(x, Type::kNative))
PRED(n_ifn_p, is(x, Type::kClosure) || is(x, Type::kNative) || is(x, Type::kKeyword) ||
                  is(x, Type::kSymbol) || is_map(x) || is_set(x) || is(x, Type::kVector) ||
                  is(x, Type::kMapEntry) || is(x, Type::kVar) || is(x, Type::kPromise) ||
                  deftype_implements(x, "clojure.lang.IFn"))
PRED(n_map_p, is_map(x))
PRED(n_vector_p, is(x, Type::kVector) || is(x, Type::kMapEntry))  // MapEntry is a vector
PRED(n_list_p, is(x, Type::kList) || is(x, Type::kEmptyList))
PRED(n_set_p, is_set(x))
PRED(n_coll_p, is_coll(x))
PRED(n_sequential_p, is_sequential(x))
PRED(n_char_p, x.is_char())
PRED(n_boolean_p, x.is_bool())
PRED(n_var_p, is(x, Type::kVar))
PRED(n_map_entry_p, is(x, Type::kMapEntry))
PRED(n_delay_p, is(x, Type::kDelay))
PRED(n_record_p, !record_type(x).is_nil())  // record? (records: vm/record.cpp)
#undef PRED

Value n_identical(Value* a, uint32_t) { return Value::boolean(a[0] == a[1]); }

bool all_equiv(Value* a, uint32_t n) {
  for (uint32_t i = 0; i + 1 < n; ++i)
    if (!equiv(a[i], a[i + 1])) return false;
  return true;
}

Value n_equals(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return Value::boolean(all_equiv(a, n));
}
Value n_not_equals(Value* a, uint32_t n) {
  ArgsCopy keep(a, n);
  return Value::boolean(!all_equiv(a, n));
}
Value n_hash(Value* a, uint32_t) { return Value::fixnum(hasheq(a[0])); }

// clojure.lang.Murmur3's collection hashes and Util.hashCombine, for
// hash-ordered-coll hash-unordered-coll mix-collection-hash hash-combine.
int32_t int_arg(Value v) {  // a long passed where Java takes an int (Math.toIntExact)
  if (!is_long(v)) throw_cast(v, "java.lang.Number");
  int64_t x = long_value(v);
  if (x < INT32_MIN || x > INT32_MAX) throw_error("java.lang.ArithmeticException", "integer overflow");
  return int32_t(x);
}

void need_iterable(Value v) {  // what Murmur3's (Iterable xs) takes
  if (v.is_nil()) throw_npe();
  if (!is_coll(v)) throw_cast(v, "java.lang.Iterable");
}

Value n_hash_ordered(Value* a, uint32_t) {
  need_iterable(a[0]);
  int32_t h = 1, n = 0;
  for (Value s = seq(a[0]); !s.is_nil(); s = next(s), ++n) h = murmur3::hash_ordered_step(h, hasheq(first(s)));
  return Value::fixnum(murmur3::mix_coll_hash(h, n));
}

Value n_hash_unordered(Value* a, uint32_t) {
  need_iterable(a[0]);
  uint32_t h = 0;
  int32_t n = 0;
  for (Value s = seq(a[0]); !s.is_nil(); s = next(s), ++n) h += uint32_t(hasheq(first(s)));
  return Value::fixnum(murmur3::mix_coll_hash(int32_t(h), n));
}

Value n_mix_coll_hash(Value* a, uint32_t) {
  return Value::fixnum(murmur3::mix_coll_hash(int_arg(a[0]), int_arg(a[1])));
}

Value n_hash_combine(Value* a, uint32_t) {
  return Value::fixnum(murmur3::hash_combine(int_arg(a[0]), java_hash(a[1])));
}

const NativeDef kPred[] = {
    {"clojure.core", "nil?", n_nil_p, 1, 1, true},
    {"clojure.core", "some?", n_some_p, 1, 1, true},
    {"clojure.core", "true?", n_true_p, 1, 1, true},
    {"clojure.core", "false?", n_false_p, 1, 1, true},
    {"clojure.core", "string?", n_string_p, 1, 1, true},
    {"clojure.core", "symbol?", n_symbol_p, 1, 1, true},
    {"clojure.core", "keyword?", n_keyword_p, 1, 1, true},
    {"clojure.core", "number?", n_number_p, 1, 1, true},
    {"clojure.core", "integer?", n_integer_p, 1, 1, true},
    {"clojure.core", "record?", n_record_p, 1, 1, true},
    {"clojure.core", "int?", n_int_p, 1, 1, true},
    {"clojure.core", "double?", n_double_p, 1, 1, true},
    {"clojure.core", "float?", n_float_p, 1, 1, true},
    {"clojure.core", "fn?", n_fn_p, 1, 1, true},
    {"clojure.core", "ifn?", n_ifn_p, 1, 1, true},
    {"clojure.core", "map?", n_map_p, 1, 1, true},
    {"clojure.core", "vector?", n_vector_p, 1, 1, true},
    {"clojure.core", "list?", n_list_p, 1, 1, true},
    {"clojure.core", "set?", n_set_p, 1, 1, true},
    {"clojure.core", "coll?", n_coll_p, 1, 1, true},
    {"clojure.core", "sequential?", n_sequential_p, 1, 1, true},
    {"clojure.core", "char?", n_char_p, 1, 1, true},
    {"clojure.core", "boolean?", n_boolean_p, 1, 1, true},
    {"clojure.core", "var?", n_var_p, 1, 1, true},
    {"clojure.core", "map-entry?", n_map_entry_p, 1, 1, true},
    {"clojure.core", "delay?", n_delay_p, 1, 1, true},
    {"clojure.core", "identical?", n_identical, 2, 2, true},
    {"clojure.core", "=", n_equals, 1, -1, false},
    {"clojure.core", "not=", n_not_equals, 1, -1, false},
    {"clojure.core", "hash", n_hash, 1, 1, false},
    {"clojure.core", "hash-ordered-coll", n_hash_ordered, 1, 1, false},
    {"clojure.core", "hash-unordered-coll", n_hash_unordered, 1, 1, false},
    {"clojure.core", "mix-collection-hash", n_mix_coll_hash, 2, 2, true},
    {"clojure.core", "hash-combine", n_hash_combine, 2, 2, false},
    {"clojure.core", "compare", native_compare, 2, 2, false},
};

}  // namespace

void register_pred_natives() { register_natives(kPred, sizeof kPred / sizeof kPred[0]); }

}  // namespace folio::natives
