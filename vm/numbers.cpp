// numbers.cpp - the slow paths behind the interpreter's inline arithmetic.
#include "vm/numbers.h"

#include <cmath>
#include <string>

#include "vm/collections.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio {

// As Numbers.ops(x) fails on the JVM: x.getClass() on nil, or the cast to Number.
void throw_not_a_number(Value v) {
  const char* cn = class_name(v);
  if (!cn) throw_error("java.lang.NullPointerException", "Cannot invoke \"Object.getClass()\" because \"x\" is null");
  throw_error("java.lang.ClassCastException", class_cast_message(cn, "java.lang.Number"));
}

namespace {

inline bool either_tower(Value a, Value b) { return is_tower(a) || is_tower(b); }

// Java's long arithmetic wraps (and MIN_VALUE / -1 is no trap there).
int64_t wrap_neg(int64_t x) { return int64_t(0 - uint64_t(x)); }
int64_t wrap_div(int64_t x, int64_t y) { return y == -1 ? wrap_neg(x) : x / y; }

// LongOps.divide, step for step, wrapping as Java does: (/ 1 Long/MIN_VALUE)
// is -1/-9223372036854775808 there, and so here.
Value long_divide(int64_t n, int64_t val) {
  int64_t g = n, v = val;
  while (v != 0) {
    int64_t r = v == -1 ? 0 : g % v;
    g = v;
    v = r;
  }
  if (g == 0) return Value::fixnum(0);
  n = wrap_div(n, g);
  int64_t d = wrap_div(val, g);
  if (d == 1) return make_long(n);
  if (d < 0) n = wrap_neg(n), d = wrap_neg(d);
  return make_ratio_as_is(big::Int::of(n), big::Int::of(d));
}

// Numbers.quotient(double, double): through a long when in range (so -0.0 becomes 0.0).
double double_quotient(double x, double y) {
  double q = x / y;
  if (q < 9223372036854775808.0 && q >= -9223372036854775808.0) return double(int64_t(q));
  if (q == 9223372036854775808.0) return q;  // (long) saturates at Long.MAX_VALUE, which is 2^63 as a double
  if (!std::isfinite(q)) throw_error("java.lang.NumberFormatException", "Infinite or NaN");
  return std::trunc(q);
}

[[noreturn]] void overflow() { throw_error("java.lang.ArithmeticException", "long overflow"); }

inline bool both_long(Value a, Value b) { return is_long(a) && is_long(b); }

void check(Value a, Value b) {
  if (!is_number(a)) throw_not_a_number(a);
  if (!is_number(b)) throw_not_a_number(b);
}

}  // namespace

bool is_number(Value v) { return is_long(v) || is_double(v) || is_tower(v); }

double to_double(Value v) {
  if (is_long(v)) return double(long_value(v));
  if (is_double(v)) return double_value(v);
  if (is_tower(v)) return tower_to_double(v);
  throw_not_a_number(v);
}

Value num_add(Value a, Value b) {
  if (both_long(a, b)) {
    int64_t r;
    if (__builtin_add_overflow(long_value(a), long_value(b), &r)) overflow();
    return make_long(r);
  }
  if (either_tower(a, b)) return tower_arith(NumOp::kAdd, a, b);
  check(a, b);
  return make_double(to_double(a) + to_double(b));
}

Value num_sub(Value a, Value b) {
  if (both_long(a, b)) {
    int64_t r;
    if (__builtin_sub_overflow(long_value(a), long_value(b), &r)) overflow();
    return make_long(r);
  }
  if (either_tower(a, b)) {  // Numbers.minus is add(x, negate(y)): negating MIN_VALUE overflows
    if (is_long(b) && long_value(b) == INT64_MIN) overflow();
    return tower_arith(NumOp::kSub, a, b);
  }
  check(a, b);
  return make_double(to_double(a) - to_double(b));
}

Value num_mul(Value a, Value b) {
  if (both_long(a, b)) {
    int64_t r;
    if (__builtin_mul_overflow(long_value(a), long_value(b), &r)) overflow();
    return make_long(r);
  }
  if (either_tower(a, b)) return tower_arith(NumOp::kMul, a, b);
  check(a, b);
  return make_double(to_double(a) * to_double(b));
}

Value num_div(Value a, Value b) {
  if (either_tower(a, b)) return tower_arith(NumOp::kDiv, a, b);
  check(a, b);
  if (both_long(a, b)) {
    int64_t x = long_value(a), y = long_value(b);
    if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
    if (y != -1 && x % y == 0) return make_long(x / y);  // exact: what LongOps.divide gives, without its gcd
    return long_divide(x, y);
  }
  return make_double(to_double(a) / to_double(b));
}

Value num_quot(Value a, Value b) {
  if (either_tower(a, b)) return tower_arith(NumOp::kQuot, a, b);
  check(a, b);
  if (both_long(a, b)) {
    int64_t x = long_value(a), y = long_value(b);
    if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
    return make_long(wrap_div(x, y));  // Java: MIN_VALUE / -1 wraps to MIN_VALUE
  }
  double y = to_double(b);
  if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
  return make_double(double_quotient(to_double(a), y));
}

Value num_rem(Value a, Value b) {
  if (either_tower(a, b)) return tower_arith(NumOp::kRem, a, b);
  check(a, b);
  if (both_long(a, b)) {
    int64_t x = long_value(a), y = long_value(b);
    if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
    if (y == -1) return Value::fixnum(0);
    return make_long(x % y);
  }
  double y = to_double(b);
  if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
  double x = to_double(a);
  return make_double(x - double_quotient(x, y) * y);
}

Value num_mod(Value a, Value b) {
  if (either_tower(a, b)) {  // clojure.core/mod over rem
    Value m = tower_arith(NumOp::kRem, a, b);
    if (tower_sign(m) == 0 || (tower_sign(a) > 0) == (tower_sign(b) > 0)) return m;
    return num_add(m, b);
  }
  check(a, b);
  if (both_long(a, b)) {
    int64_t x = long_value(a), y = long_value(b);
    if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
    if (y == -1) return Value::fixnum(0);
    int64_t m = x % y;
    if (m != 0 && ((m < 0) != (y < 0))) m += y;
    return make_long(m);
  }
  double x = to_double(a), y = to_double(b);
  if (y == 0) throw_error("java.lang.ArithmeticException", "Divide by zero");
  double m = x - y * std::trunc(x / y);
  if (m != 0 && ((m < 0) != (y < 0))) m += y;
  return make_double(m);
}

Value num_neg(Value a) { return is_tower(a) ? tower_negate(a) : num_sub(Value::fixnum(0), a); }
Value num_inc(Value a) { return num_add(a, Value::fixnum(1)); }
Value num_dec(Value a) { return num_sub(a, Value::fixnum(1)); }

bool num_lt(Value a, Value b) {
  if (both_long(a, b)) return long_value(a) < long_value(b);
  if (either_tower(a, b)) return tower_compare(a, b) == -1;
  check(a, b);
  return to_double(a) < to_double(b);
}

bool num_le(Value a, Value b) {
  if (both_long(a, b)) return long_value(a) <= long_value(b);
  if (either_tower(a, b)) return tower_compare(a, b) <= 0;
  check(a, b);
  return to_double(a) <= to_double(b);
}

bool num_eq(Value a, Value b) {
  if (both_long(a, b)) return long_value(a) == long_value(b);
  if (either_tower(a, b)) return tower_compare(a, b) == 0;
  check(a, b);
  return to_double(a) == to_double(b);
}

int num_compare(Value a, Value b) {
  if (both_long(a, b)) {
    int64_t x = long_value(a), y = long_value(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (either_tower(a, b)) {
    int c = tower_compare(a, b);
    return c == 2 ? 0 : c;
  }
  check(a, b);
  double x = to_double(a), y = to_double(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

Value num_unchecked_add(Value a, Value b) {
  if (both_long(a, b)) return make_long(int64_t(uint64_t(long_value(a)) + uint64_t(long_value(b))));
  return num_add(a, b);
}

Value num_unchecked_mul(Value a, Value b) {
  if (both_long(a, b)) return make_long(int64_t(uint64_t(long_value(a)) * uint64_t(long_value(b))));
  return num_mul(a, b);
}

}  // namespace folio
