// core_natives_unchecked.cpp - clojure.core's wrapping int arithmetic and
// casts: unchecked-{add,subtract,multiply,divide,remainder,inc,dec,negate}-int,
// unchecked-{long,int,short,byte,char,float,double}, and the checked short
// and byte. Folio has no Integer/Short/Byte classes: the results are longs
// holding the value Java's narrower type would hold. All gc-safe.
#include <cmath>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

// Java's (long) of a double: truncation, saturating, NaN -> 0.
int64_t java_d2l(double d) {
  if (d != d) return 0;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  if (d <= -9223372036854775808.0) return INT64_MIN;
  return int64_t(d);
}

int32_t java_d2i(double d) {
  if (d != d) return 0;
  if (d >= 2147483647.0) return INT32_MAX;
  if (d <= -2147483648.0) return INT32_MIN;
  return int32_t(d);
}

// Number.longValue(): the integer part's low 64 bits.
int64_t long_value_of(Value x, const char* method) {
  if (is_long(x)) return long_value(x);
  if (is_double(x)) return java_d2l(double_value(x));
  if (is_tower(x)) return truncated_int(x).low_long();
  if (x.is_nil())
    throw_npe(std::string("Cannot invoke \"java.lang.Number.") + method + "()\" because \"x\" is null");
  throw_cast(x, "java.lang.Number");
}

// Number.intValue(): a double saturates at the int range, the rest wrap.
int32_t int_value_of(Value x) {
  if (is_double(x)) return java_d2i(double_value(x));
  return int32_t(uint32_t(uint64_t(long_value_of(x, "intValue"))));
}

// The unchecked int ops take ints: RT.intCast of a long, which overflows as
// Math.toIntExact does.
int32_t int_arg(Value x) {
  if (x.is_char()) return int32_t(x.char_value());
  int64_t i = long_value_of(x, "intValue");
  if (!is_long(x)) return int_value_of(x);
  if (i < INT32_MIN || i > INT32_MAX) throw_error("java.lang.ArithmeticException", "integer overflow");
  return int32_t(i);
}

Value wrap32(int64_t v) { return Value::fixnum(int32_t(uint32_t(uint64_t(v)))); }

Value n_add_int(Value* a, uint32_t) { return wrap32(int64_t(int_arg(a[0])) + int_arg(a[1])); }
Value n_sub_int(Value* a, uint32_t) { return wrap32(int64_t(int_arg(a[0])) - int_arg(a[1])); }
Value n_mul_int(Value* a, uint32_t) { return wrap32(int64_t(int_arg(a[0])) * int_arg(a[1])); }
Value n_inc_int(Value* a, uint32_t) { return wrap32(int64_t(int_arg(a[0])) + 1); }
Value n_dec_int(Value* a, uint32_t) { return wrap32(int64_t(int_arg(a[0])) - 1); }
Value n_neg_int(Value* a, uint32_t) { return wrap32(-int64_t(int_arg(a[0]))); }

Value int_division(Value* a, bool quotient) {
  int64_t x = int_arg(a[0]), y = int_arg(a[1]);
  if (y == 0) throw_error("java.lang.ArithmeticException", "/ by zero");
  return wrap32(quotient ? x / y : x % y);
}
Value n_div_int(Value* a, uint32_t) { return int_division(a, true); }
Value n_rem_int(Value* a, uint32_t) { return int_division(a, false); }

Value n_u_long(Value* a, uint32_t) { return make_long(long_value_of(a[0], "longValue")); }
Value n_u_int(Value* a, uint32_t) {
  if (a[0].is_char()) return Value::fixnum(a[0].char_value());
  if (!a[0].is_nil() && !is_number(a[0])) throw_cast(a[0], "java.lang.Character");
  return Value::fixnum(int_value_of(a[0]));
}
Value n_u_short(Value* a, uint32_t) { return Value::fixnum(int16_t(uint16_t(uint32_t(int_value_of(a[0]))))); }
Value n_u_byte(Value* a, uint32_t) { return Value::fixnum(int8_t(uint8_t(uint32_t(int_value_of(a[0]))))); }
Value n_u_char(Value* a, uint32_t) {
  if (a[0].is_char()) return a[0];
  return Value::character(uint16_t(uint32_t(int_value_of(a[0]))));
}
Value n_u_double(Value* a, uint32_t) {
  if (a[0].is_nil()) throw_npe("Cannot invoke \"java.lang.Number.doubleValue()\" because \"x\" is null");
  if (!is_number(a[0])) throw_cast(a[0], "java.lang.Number");
  return make_double(to_double(a[0]));
}
Value n_u_float(Value* a, uint32_t n) { return n_u_double(a, n); }  // no float type: a double

// RT.shortCast / RT.byteCast: range-checked; doubles truncate.
Value narrow(Value x, const char* type, int64_t lo, int64_t hi) {
  if (x.is_char()) x = Value::fixnum(x.char_value());
  if (x.is_nil()) throw_npe("Cannot invoke \"java.lang.Number.doubleValue()\" because \"x\" is null");
  if (!is_number(x)) throw_cast(x, "java.lang.Number");
  bool integral = !is_double(x) && !is_bigdec(x);
  double d = integral ? 0 : to_double(x);
  int64_t i = integral ? long_value_of(x, "longValue") : java_d2l(d);
  if (integral ? (i < lo || i > hi) : (d < double(lo) || d > double(hi)))
    throw_arg(std::string("Value out of range for ") + type + ": " + to_str(integral ? make_long(i) : make_double(d)));
  return Value::fixnum(i);
}
Value n_short(Value* a, uint32_t) { return narrow(a[0], "short", INT16_MIN, INT16_MAX); }
Value n_byte(Value* a, uint32_t) { return narrow(a[0], "byte", INT8_MIN, INT8_MAX); }

const NativeDef kUnchecked[] = {
    {"clojure.core", "unchecked-add-int", n_add_int, 2, 2, true},
    {"clojure.core", "unchecked-subtract-int", n_sub_int, 2, 2, true},
    {"clojure.core", "unchecked-multiply-int", n_mul_int, 2, 2, true},
    {"clojure.core", "unchecked-divide-int", n_div_int, 2, 2, true},
    {"clojure.core", "unchecked-remainder-int", n_rem_int, 2, 2, true},
    {"clojure.core", "unchecked-inc-int", n_inc_int, 1, 1, true},
    {"clojure.core", "unchecked-dec-int", n_dec_int, 1, 1, true},
    {"clojure.core", "unchecked-negate-int", n_neg_int, 1, 1, true},
    {"clojure.core", "unchecked-long", n_u_long, 1, 1, true},
    {"clojure.core", "unchecked-int", n_u_int, 1, 1, true},
    {"clojure.core", "unchecked-short", n_u_short, 1, 1, true},
    {"clojure.core", "unchecked-byte", n_u_byte, 1, 1, true},
    {"clojure.core", "unchecked-char", n_u_char, 1, 1, true},
    {"clojure.core", "unchecked-float", n_u_float, 1, 1, true},
    {"clojure.core", "unchecked-double", n_u_double, 1, 1, true},
    {"clojure.core", "short", n_short, 1, 1, true},
    {"clojure.core", "byte", n_byte, 1, 1, true},
};

}  // namespace

void register_unchecked_natives() { register_natives(kUnchecked, sizeof kUnchecked / sizeof kUnchecked[0]); }

}  // namespace folio::natives
