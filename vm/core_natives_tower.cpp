// core_natives_tower.cpp - clojure.core natives of the numeric tower:
//   +' -' *' inc' dec' (a long overflow promotes to BigInt instead of throwing),
//   bigint biginteger bigdec rationalize numerator denominator ratio? decimal?
//   rational? float; and folio.core/java-hash, what (.hashCode x) calls
//   (Java's hashCode, which differs from hash for BigInt, BigDecimal, strings).
// The arithmetic itself is vm/numbers.h and vm/numtower.h. None of these runs
// Clojure code: all are gc-safe.
#include <cmath>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio::natives {
namespace {

// Numbers.addP and friends: long op long, else the ordinary op.
template <NumOp Op>
Value promoting(Value a, Value b) {
  if (is_long(a) && is_long(b)) {
    int64_t x = long_value(a), y = long_value(b), r;
    bool overflow = Op == NumOp::kAdd   ? __builtin_add_overflow(x, y, &r)
                    : Op == NumOp::kSub ? __builtin_sub_overflow(x, y, &r)
                                        : __builtin_mul_overflow(x, y, &r);
    if (!overflow) return make_long(r);
    return tower_arith(Op, make_bigint(big::Int::of(x)), b);
  }
  if (is_tower(a) || is_tower(b)) return tower_arith(Op, a, b);
  return Op == NumOp::kAdd ? num_add(a, b) : Op == NumOp::kSub ? num_sub(a, b) : num_mul(a, b);
}

Value fold(Value* a, uint32_t n, Value (*op)(Value, Value)) {
  Value acc = op(a[0], a[1]);
  for (uint32_t i = 2; i < n; ++i) acc = op(acc, a[i]);
  return acc;
}

Value only_number(Value x) {
  if (x.is_nil() || is_number(x)) return x;
  throw_cast(x, "java.lang.Number");
}

Value n_add_p(Value* a, uint32_t n) {
  return n == 0 ? Value::fixnum(0) : n == 1 ? only_number(a[0]) : fold(a, n, promoting<NumOp::kAdd>);
}
Value n_mul_p(Value* a, uint32_t n) {
  return n == 0 ? Value::fixnum(1) : n == 1 ? only_number(a[0]) : fold(a, n, promoting<NumOp::kMul>);
}
Value n_sub_p(Value* a, uint32_t n) {
  return n == 1 ? promoting<NumOp::kSub>(Value::fixnum(0), a[0]) : fold(a, n, promoting<NumOp::kSub>);
}
Value n_inc_p(Value* a, uint32_t) { return promoting<NumOp::kAdd>(a[0], Value::fixnum(1)); }
Value n_dec_p(Value* a, uint32_t) { return promoting<NumOp::kSub>(a[0], Value::fixnum(1)); }

// The integer part of any number (or the value of a numeral string), as
// bigint and biginteger take it.
big::Int integer_part(Value x) {
  if (is_long(x) || is_bigint(x)) return int_of(x);
  if (x.is_nil()) throw_npe("Cannot invoke \"String.length()\" because \"val\" is null");  // new BigInteger(nil)
  if (is(x, Type::kString)) {
    std::string_view s = string_view(x);
    bool neg = !s.empty() && s[0] == '-';
    big::Int i;
    std::string_view digits = s.substr(!s.empty() && (s[0] == '-' || s[0] == '+'));
    if (digits.empty()) throw_error("java.lang.NumberFormatException", "Zero length BigInteger");
    if (!big::parse(digits, 10, i)) {  // BigInteger names the digits from the first nonzero one
      std::string_view shown = s.substr(std::min(s.find_first_not_of("0+-"), s.size()));
      throw_error("java.lang.NumberFormatException", "For input string: \"" + std::string(shown) + "\"");
    }
    return neg ? big::negate(i) : i;
  }
  if (!is_number(x)) throw_cast(x, "java.lang.Number");
  return truncated_int(x);
}

Value n_bigint(Value* a, uint32_t) {
  return is_bigint(a[0]) && !is_biginteger(a[0]) ? a[0] : make_bigint(integer_part(a[0]));
}
Value n_biginteger(Value* a, uint32_t) {
  return is_biginteger(a[0]) ? a[0] : make_biginteger(integer_part(a[0]));
}

// new BigDecimal(String)'s complaint about s (nil: an exception without a message).
Value bigdec_syntax_error(std::string_view s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool dot = false, digits = false;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      if (dot) return make_string("Character array contains more than one decimal point.");
      dot = true;
    } else if (std::isdigit(uint8_t(s[i]))) {
      digits = true;
    } else {
      return make_string("Character " + std::string(1, s[i]) +
                         " is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.");
    }
  }
  if (!s.empty() && !digits) return make_string("No digits found.");
  if (i < s.size() && s.size() - i > 11) return make_string("Too many nonzero exponent digits.");
  return kNil;
}

Value n_bigdec(Value* a, uint32_t) {
  Value x = a[0], out;
  if (is(x, Type::kString)) {
    if (!parse_bigdec(string_view(x), out))
      throw Thrown{make_throwable("java.lang.NumberFormatException", bigdec_syntax_error(string_view(x)), kNil, kNil)};
    return out;
  }
  if (!is_number(x)) throw_arg("No matching ctor found for class java.math.BigDecimal");  // new BigDecimal(x)
  return bigdec_of(x);
}

Value n_rationalize(Value* a, uint32_t) {
  if (!a[0].is_nil() && !is_number(a[0])) throw_cast(a[0], "java.lang.Number");
  return rationalize(a[0]);
}

Value need_ratio(Value x) {
  if (!is_ratio(x)) throw_cast(x, "clojure.lang.Ratio");
  return x;
}
Value n_numerator(Value* a, uint32_t) { return ratio_num(need_ratio(a[0])); }
Value n_denominator(Value* a, uint32_t) { return ratio_den(need_ratio(a[0])); }

Value n_ratio_p(Value* a, uint32_t) { return Value::boolean(is_ratio(a[0])); }
Value n_decimal_p(Value* a, uint32_t) { return Value::boolean(is_bigdec(a[0])); }
Value n_rational_p(Value* a, uint32_t) { return Value::boolean(is_long(a[0]) || is_tower(a[0])); }

// RT.floatCast: range-checked. Folio has no float type: the value stays a
// double (so (float 0.1) prints 0.1 as on the JVM, (float 1/3) more digits).
Value n_float(Value* a, uint32_t) {
  if (!is_number(a[0])) throw_cast(a[0], "java.lang.Number");
  double d = to_double(a[0]);
  if (std::isfinite(d) && std::fabs(d) > 3.4028234663852886e38)
    throw_arg("Value out of range for float: " + to_str(a[0]));
  return make_double(d);
}

Value n_java_hash(Value* a, uint32_t) { return Value::fixnum(java_hash(a[0])); }

const NativeDef kTower[] = {
    {"clojure.core", "+'", n_add_p, 0, -1, true},
    {"clojure.core", "-'", n_sub_p, 1, -1, true},
    {"clojure.core", "*'", n_mul_p, 0, -1, true},
    {"clojure.core", "inc'", n_inc_p, 1, 1, true},
    {"clojure.core", "dec'", n_dec_p, 1, 1, true},
    {"clojure.core", "bigint", n_bigint, 1, 1, true},
    {"clojure.core", "biginteger", n_biginteger, 1, 1, true},
    {"clojure.core", "bigdec", n_bigdec, 1, 1, true},
    {"clojure.core", "rationalize", n_rationalize, 1, 1, true},
    {"clojure.core", "numerator", n_numerator, 1, 1, true},
    {"clojure.core", "denominator", n_denominator, 1, 1, true},
    {"clojure.core", "ratio?", n_ratio_p, 1, 1, true},
    {"clojure.core", "decimal?", n_decimal_p, 1, 1, true},
    {"clojure.core", "rational?", n_rational_p, 1, 1, true},
    {"clojure.core", "float", n_float, 1, 1, true},
    {"folio.core", "java-hash", n_java_hash, 1, 1, false},  // a collection's hashCode may realize a lazy seq
};

}  // namespace

void register_tower_natives() { register_natives(kTower, sizeof kTower / sizeof kTower[0]); }

}  // namespace folio::natives
