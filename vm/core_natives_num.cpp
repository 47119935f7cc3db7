// core_natives_num.cpp - clojure.core natives on numbers: + - * / quot rem mod
// inc dec < <= > >= == max min abs, the unchecked-* ops, the bit-* ops,
// zero? pos? neg? even? odd? NaN? infinite?, conversions (num long int double
// char), rand rand-int, parse-long parse-double parse-boolean.
// Arithmetic goes through vm/numbers.h, so overflow and division errors are
// the interpreter's. None of these runs Clojure code: all are gc-safe.
#include <cmath>
#include <cstdlib>
#include <random>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

// A Number, or the JVM's errors: NullPointerException for nil, ClassCastException otherwise.
void need_number(Value v) {
  if (is_number(v)) return;
  if (v.is_nil()) throw_npe("Cannot invoke \"Object.getClass()\" because \"x\" is null");
  throw_cast(v, "java.lang.Number");
}

// (+ x) and (* x): (cast Number x)
Value cast_number(Value x) {
  if (x.is_nil() || is_number(x)) return x;
  throw_error("java.lang.ClassCastException", std::string("Cannot cast ") + class_name(x) + " to java.lang.Number");
}

Value fold(Value* a, uint32_t n, Value (*op)(Value, Value)) {
  Value acc = op(a[0], a[1]);
  for (uint32_t i = 2; i < n; ++i) acc = op(acc, a[i]);
  return acc;
}

Value n_add(Value* a, uint32_t n) { return n == 0 ? Value::fixnum(0) : n == 1 ? cast_number(a[0]) : fold(a, n, num_add); }
Value n_mul(Value* a, uint32_t n) { return n == 0 ? Value::fixnum(1) : n == 1 ? cast_number(a[0]) : fold(a, n, num_mul); }
Value n_sub(Value* a, uint32_t n) { return n == 1 ? num_neg(a[0]) : fold(a, n, num_sub); }
Value n_div(Value* a, uint32_t n) { return n == 1 ? num_div(Value::fixnum(1), a[0]) : fold(a, n, num_div); }
Value n_quot(Value* a, uint32_t) { return num_quot(a[0], a[1]); }
Value n_rem(Value* a, uint32_t) { return num_rem(a[0], a[1]); }
// mod is a Clojure fn, so its rem always gets boxed args: Numbers.remainder(Object,
// Object) says "Divide by zero" (an inlined primitive rem says "/ by zero").
Value n_mod(Value* a, uint32_t) {
  if ((is_long(a[1]) && long_value(a[1]) == 0) || (is_double(a[1]) && double_value(a[1]) == 0)) {
    need_number(a[0]);
    throw_error("java.lang.ArithmeticException", "Divide by zero");
  }
  return num_mod(a[0], a[1]);
}
Value n_inc(Value* a, uint32_t) { return num_inc(a[0]); }
Value n_dec(Value* a, uint32_t) { return num_dec(a[0]); }

// Chained comparisons stop at the first false pair, as Clojure's do.
template <bool (*Cmp)(Value, Value)>
Value chain(Value* a, uint32_t n) {
  for (uint32_t i = 0; i + 1 < n; ++i)
    if (!Cmp(a[i], a[i + 1])) return kFalse;
  return kTrue;
}
bool lt(Value x, Value y) { return num_lt(x, y); }
bool le(Value x, Value y) { return num_le(x, y); }
bool gt(Value x, Value y) { return num_lt(y, x); }
bool ge(Value x, Value y) { return num_le(y, x); }
bool eq(Value x, Value y) { return num_eq(x, y); }

bool is_nan(Value v) { return is_double(v) && std::isnan(double_value(v)); }

Value max2(Value x, Value y) {
  need_number(x);
  need_number(y);
  if (is_nan(x)) return x;
  if (is_nan(y)) return y;
  return num_lt(y, x) ? x : y;
}

Value min2(Value x, Value y) {
  need_number(x);
  need_number(y);
  if (is_nan(x)) return x;
  if (is_nan(y)) return y;
  return num_lt(x, y) ? x : y;
}

Value n_max(Value* a, uint32_t n) { return n == 1 ? a[0] : fold(a, n, max2); }
Value n_min(Value* a, uint32_t n) { return n == 1 ? a[0] : fold(a, n, min2); }

Value n_abs(Value* a, uint32_t) {
  Value x = a[0];
  need_number(x);
  if (is_double(x)) return make_double(std::fabs(double_value(x)));
  if (is_tower(x)) return tower_sign(x) < 0 ? num_neg(x) : x;
  int64_t i = long_value(x);
  return i < 0 ? make_long(int64_t(0 - uint64_t(i))) : x;  // Math.abs: MIN_VALUE stays
}

// ---------------------------------------------------------------- unchecked

bool both_long(Value x, Value y) { return is_long(x) && is_long(y); }

Value n_u_add(Value* a, uint32_t) { return num_unchecked_add(a[0], a[1]); }
Value n_u_mul(Value* a, uint32_t) { return num_unchecked_mul(a[0], a[1]); }
Value n_u_inc(Value* a, uint32_t) { return num_unchecked_add(a[0], Value::fixnum(1)); }

Value u_sub(Value x, Value y) {
  if (both_long(x, y)) return make_long(int64_t(uint64_t(long_value(x)) - uint64_t(long_value(y))));
  return num_sub(x, y);
}
Value n_u_sub(Value* a, uint32_t) { return u_sub(a[0], a[1]); }
Value n_u_dec(Value* a, uint32_t) { return u_sub(a[0], Value::fixnum(1)); }
Value n_u_neg(Value* a, uint32_t) { return u_sub(Value::fixnum(0), a[0]); }

// ---------------------------------------------------------------- bits

int64_t bits(Value v) {
  if (is_long(v)) return long_value(v);
  if (v.is_nil()) throw_npe("Cannot invoke \"Object.getClass()\" because \"x\" is null");
  throw_arg(std::string("bit operation not supported for: class ") + class_name(v));
}

template <int64_t (*Op)(int64_t, int64_t)>
Value bit_fold(Value* a, uint32_t n) {
  int64_t acc = Op(bits(a[0]), bits(a[1]));
  for (uint32_t i = 2; i < n; ++i) acc = Op(acc, bits(a[i]));
  return make_long(acc);
}
int64_t op_and(int64_t x, int64_t y) { return x & y; }
int64_t op_or(int64_t x, int64_t y) { return x | y; }
int64_t op_xor(int64_t x, int64_t y) { return x ^ y; }
int64_t op_and_not(int64_t x, int64_t y) { return x & ~y; }

Value n_bit_not(Value* a, uint32_t) { return make_long(~bits(a[0])); }
Value n_shl(Value* a, uint32_t) { return make_long(int64_t(uint64_t(bits(a[0])) << (bits(a[1]) & 63))); }
Value n_shr(Value* a, uint32_t) { return make_long(bits(a[0]) >> (bits(a[1]) & 63)); }
Value n_ushr(Value* a, uint32_t) { return make_long(int64_t(uint64_t(bits(a[0])) >> (bits(a[1]) & 63))); }
uint64_t bit_of(Value n) { return uint64_t(1) << (bits(n) & 63); }
Value n_bit_test(Value* a, uint32_t) { return Value::boolean(uint64_t(bits(a[0])) & bit_of(a[1])); }
Value n_bit_set(Value* a, uint32_t) { return make_long(int64_t(uint64_t(bits(a[0])) | bit_of(a[1]))); }
Value n_bit_clear(Value* a, uint32_t) { return make_long(int64_t(uint64_t(bits(a[0])) & ~bit_of(a[1]))); }
Value n_bit_flip(Value* a, uint32_t) { return make_long(int64_t(uint64_t(bits(a[0])) ^ bit_of(a[1]))); }

// ---------------------------------------------------------------- predicates

int sign_of(Value x) {  // NaN: 2 (neither zero, positive nor negative)
  need_number(x);
  if (is_tower(x)) return tower_sign(x);
  if (is_long(x)) {
    int64_t i = long_value(x);
    return i < 0 ? -1 : i > 0 ? 1 : 0;
  }
  double d = double_value(x);
  return d < 0 ? -1 : d > 0 ? 1 : d == 0 ? 0 : 2;
}

Value n_zero_p(Value* a, uint32_t) { return Value::boolean(sign_of(a[0]) == 0); }
Value n_pos_p(Value* a, uint32_t) { return Value::boolean(sign_of(a[0]) == 1); }
Value n_neg_p(Value* a, uint32_t) { return Value::boolean(sign_of(a[0]) == -1); }

int64_t integer_arg(Value x) {  // the low bits are enough for even? and odd?
  if (is_bigint(x)) return int_of(x).low_long();
  if (!is_long(x)) throw_arg("Argument must be an integer: " + to_str(x));
  return long_value(x);
}
Value n_even_p(Value* a, uint32_t) { return Value::boolean((integer_arg(a[0]) & 1) == 0); }
Value n_odd_p(Value* a, uint32_t) { return Value::boolean((integer_arg(a[0]) & 1) != 0); }

double to_double_arg(Value v) {
  need_number(v);
  return to_double(v);
}

Value n_nan_p(Value* a, uint32_t) { return Value::boolean(std::isnan(to_double_arg(a[0]))); }
Value n_infinite_p(Value* a, uint32_t) { return Value::boolean(std::isinf(to_double_arg(a[0]))); }

// ---------------------------------------------------------------- conversions

Value n_num(Value* a, uint32_t) {
  if (a[0].is_nil() || is_number(a[0])) return a[0];
  throw_cast(a[0], "java.lang.Number");
}

// RT.longCast / RT.intCast: doubles truncate, range-checked; other numbers
// become a long first (a BigInt out of range is an error), and an int cast of
// a long out of range is Math.toIntExact's "integer overflow"; chars give their code.
int64_t cast_integral(Value x, const char* type, int64_t lo, int64_t hi) {
  if (x.is_char()) return x.char_value();
  need_number(x);
  if (is_ratio(x)) x = num_quot(ratio_num(x), ratio_den(x));
  if (is_bigint(x)) {
    big::Int i = int_of(x);
    if (!i.fits_long()) throw_arg(std::string("Value out of range for long: ") + to_str(x));
    x = make_long(i.low_long());
  }
  if (is_bigdec(x)) x = make_long(cast_integral(make_double(to_double(x)), "long", INT64_MIN, INT64_MAX));
  if (is_long(x)) {
    int64_t i = long_value(x);
    if (i < lo || i > hi) throw_error("java.lang.ArithmeticException", "integer overflow");
    return i;
  }
  double d = double_value(x);
  if (d < double(lo) || d > double(hi)) throw_arg(std::string("Value out of range for ") + type + ": " + to_str(x));
  if (d != d) return 0;
  if (d >= 9223372036854775807.0) return INT64_MAX;
  return int64_t(d);
}

Value n_long(Value* a, uint32_t) { return make_long(cast_integral(a[0], "long", INT64_MIN, INT64_MAX)); }
// RT.intCast casts what is not a Number to Character, so its errors name that class.
Value n_int(Value* a, uint32_t) {
  if (a[0].is_nil()) throw_npe("Cannot invoke \"java.lang.Character.charValue()\" because \"x\" is null");
  if (!a[0].is_char() && !is_number(a[0])) throw_cast(a[0], "java.lang.Character");
  return make_long(cast_integral(a[0], "int", INT32_MIN, INT32_MAX));
}

Value n_double(Value* a, uint32_t) {
  need_number(a[0]);
  return is_double(a[0]) ? a[0] : make_double(to_double(a[0]));
}

Value n_char(Value* a, uint32_t) {
  Value x = a[0];
  if (x.is_char()) return x;
  need_number(x);
  int64_t n = is_long(x) ? long_value(x) : int64_t(double_value(x));
  if (is_double(x) && std::isnan(double_value(x))) n = 0;
  if (n < 0 || n > 0xFFFF) throw_arg("Value out of range for char: " + to_str(x));
  return Value::character(uint32_t(n));
}

// ---------------------------------------------------------------- random

std::mt19937_64& prng() {
  static std::mt19937_64 g{std::random_device{}()};
  return g;
}
double random01() { return double(prng()() >> 11) * 0x1.0p-53; }

Value n_rand(Value* a, uint32_t n) {
  Value r = make_double(random01());
  return n == 0 ? r : num_mul(a[0], r);
}

Value n_rand_int(Value* a, uint32_t) {
  Value r = num_mul(a[0], make_double(random01()));
  return make_long(cast_integral(r, "int", INT32_MIN, INT32_MAX));
}

// ---------------------------------------------------------------- parsing

[[noreturn]] void parsing_err(Value v) {
  throw_arg(std::string("Expected string, got ") + (v.is_nil() ? "nil" : class_name(v)));
}

// Long/valueOf: optional sign, decimal digits, in range.
Value n_parse_long(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) parsing_err(a[0]);
  std::string_view s = string_view(a[0]);
  size_t i = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) neg = s[i++] == '-';
  if (i == s.size()) return kNil;
  unsigned __int128 v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return kNil;
    v = v * 10 + unsigned(s[i] - '0');
    if (v > (unsigned __int128)(uint64_t(INT64_MAX) + 1)) return kNil;
  }
  if (!neg && v > uint64_t(INT64_MAX)) return kNil;
  return make_long(neg ? int64_t(0 - uint64_t(v)) : int64_t(uint64_t(v)));
}

// Double/valueOf: trims chars <= ' ', then [+-] NaN | Infinity | a decimal or
// hexadecimal floating literal with an optional f/F/d/D suffix.
bool valid_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::string_view r = s.substr(i);
  if (r == "NaN" || r == "Infinity") return true;
  if (!r.empty() && (r.back() == 'f' || r.back() == 'F' || r.back() == 'd' || r.back() == 'D'))
    r.remove_suffix(1);
  auto digits = [&](size_t& j, bool hex) {
    size_t st = j;
    while (j < r.size() && (hex ? std::isxdigit(uint8_t(r[j])) : std::isdigit(uint8_t(r[j])))) ++j;
    return j - st;
  };
  size_t j = 0;
  bool hex = r.size() > 1 && r[0] == '0' && (r[1] == 'x' || r[1] == 'X');
  if (hex) j = 2;
  size_t before = digits(j, hex), after = 0;
  if (j < r.size() && r[j] == '.') {
    ++j;
    after = digits(j, hex);
  }
  if (before + after == 0) return false;
  if (hex) {  // the binary exponent is required
    if (j >= r.size() || (r[j] != 'p' && r[j] != 'P')) return false;
    ++j;
  } else if (j < r.size() && (r[j] == 'e' || r[j] == 'E')) {
    ++j;
  } else {
    return j == r.size();
  }
  if (j < r.size() && (r[j] == '+' || r[j] == '-')) ++j;
  return digits(j, false) > 0 && j == r.size();
}

Value n_parse_double(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) parsing_err(a[0]);
  std::string_view s = string_view(a[0]);
  while (!s.empty() && uint8_t(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && uint8_t(s.back()) <= ' ') s.remove_suffix(1);
  if (!valid_float(s)) return kNil;
  std::string t(s);
  if (t.back() == 'f' || t.back() == 'F' || t.back() == 'd' || t.back() == 'D') t.pop_back();
  size_t k = (t[0] == '+' || t[0] == '-') ? 1 : 0;
  if (t.compare(k, std::string::npos, "NaN") == 0) return make_double(NAN);
  if (t.compare(k, std::string::npos, "Infinity") == 0) return make_double(t[0] == '-' ? -INFINITY : INFINITY);
  return make_double(std::strtod(t.c_str(), nullptr));
}

Value n_parse_boolean(Value* a, uint32_t) {
  if (!is(a[0], Type::kString)) parsing_err(a[0]);
  std::string_view s = string_view(a[0]);
  return s == "true" ? kTrue : s == "false" ? kFalse : kNil;
}

const NativeDef kNum[] = {
    {"clojure.core", "+", n_add, 0, -1, true},
    {"clojure.core", "-", n_sub, 1, -1, true},
    {"clojure.core", "*", n_mul, 0, -1, true},
    {"clojure.core", "/", n_div, 1, -1, true},
    {"clojure.core", "quot", n_quot, 2, 2, true},
    {"clojure.core", "rem", n_rem, 2, 2, true},
    {"clojure.core", "mod", n_mod, 2, 2, true},
    {"clojure.core", "inc", n_inc, 1, 1, true},
    {"clojure.core", "dec", n_dec, 1, 1, true},
    {"clojure.core", "<", chain<lt>, 1, -1, true},
    {"clojure.core", "<=", chain<le>, 1, -1, true},
    {"clojure.core", ">", chain<gt>, 1, -1, true},
    {"clojure.core", ">=", chain<ge>, 1, -1, true},
    {"clojure.core", "==", chain<eq>, 1, -1, true},
    {"clojure.core", "max", n_max, 1, -1, true},
    {"clojure.core", "min", n_min, 1, -1, true},
    {"clojure.core", "abs", n_abs, 1, 1, true},
    {"clojure.core", "unchecked-add", n_u_add, 2, 2, true},
    {"clojure.core", "unchecked-multiply", n_u_mul, 2, 2, true},
    {"clojure.core", "unchecked-inc", n_u_inc, 1, 1, true},
    {"clojure.core", "unchecked-dec", n_u_dec, 1, 1, true},
    {"clojure.core", "unchecked-subtract", n_u_sub, 2, 2, true},
    {"clojure.core", "unchecked-negate", n_u_neg, 1, 1, true},
    {"clojure.core", "bit-and", bit_fold<op_and>, 2, -1, true},
    {"clojure.core", "bit-or", bit_fold<op_or>, 2, -1, true},
    {"clojure.core", "bit-xor", bit_fold<op_xor>, 2, -1, true},
    {"clojure.core", "bit-and-not", bit_fold<op_and_not>, 2, -1, true},
    {"clojure.core", "bit-not", n_bit_not, 1, 1, true},
    {"clojure.core", "bit-shift-left", n_shl, 2, 2, true},
    {"clojure.core", "bit-shift-right", n_shr, 2, 2, true},
    {"clojure.core", "unsigned-bit-shift-right", n_ushr, 2, 2, true},
    {"clojure.core", "bit-test", n_bit_test, 2, 2, true},
    {"clojure.core", "bit-set", n_bit_set, 2, 2, true},
    {"clojure.core", "bit-clear", n_bit_clear, 2, 2, true},
    {"clojure.core", "bit-flip", n_bit_flip, 2, 2, true},
    {"clojure.core", "zero?", n_zero_p, 1, 1, true},
    {"clojure.core", "pos?", n_pos_p, 1, 1, true},
    {"clojure.core", "neg?", n_neg_p, 1, 1, true},
    {"clojure.core", "even?", n_even_p, 1, 1, false},  // the message may print a lazy seq
    {"clojure.core", "odd?", n_odd_p, 1, 1, false},
    {"clojure.core", "NaN?", n_nan_p, 1, 1, true},
    {"clojure.core", "infinite?", n_infinite_p, 1, 1, true},
    {"clojure.core", "num", n_num, 1, 1, true},
    {"clojure.core", "long", n_long, 1, 1, true},
    {"clojure.core", "int", n_int, 1, 1, true},
    {"clojure.core", "double", n_double, 1, 1, true},
    {"clojure.core", "char", n_char, 1, 1, true},
    {"clojure.core", "rand", n_rand, 0, 1, true},
    {"clojure.core", "rand-int", n_rand_int, 1, 1, true},
    {"clojure.core", "parse-long", n_parse_long, 1, 1, true},
    {"clojure.core", "parse-double", n_parse_double, 1, 1, true},
    {"clojure.core", "parse-boolean", n_parse_boolean, 1, 1, true},
};

}  // namespace

void register_num_natives() { register_natives(kNum, sizeof kNum / sizeof kNum[0]); }

}  // namespace folio::natives
