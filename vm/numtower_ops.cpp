// numtower_ops.cpp - arithmetic and comparison with Clojure's contagion
// (clojure.lang.Numbers' Ops.combine): the wider of the two operands' kinds
// does the work, long < BigInt < Ratio < BigDecimal < double. BigInt results
// stay BigInt (2N); a ratio whose denominator divides out becomes a BigInt.
#include <cmath>

#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio {
namespace {

using big::Int;

enum Kind { kLongK, kBigK, kRatioK, kDecK, kDoubleK };

Kind kind_of(Value v) {
  if (is_long(v)) return kLongK;
  if (is_double(v)) return kDoubleK;
  if (is_bigint(v)) return kBigK;
  if (is_ratio(v)) return kRatioK;
  if (is_bigdec(v)) return kDecK;
  throw_not_a_number(v);
}

[[noreturn]] void divide_by_zero() { throw_error("java.lang.ArithmeticException", "Divide by zero"); }

// A number as num/den (den > 0).
void as_ratio(Value v, Int& n, Int& d) {
  if (is_ratio(v)) {
    n = int_of(ratio_num(v));
    d = int_of(ratio_den(v));
  } else {
    n = int_of(v);
    d = Int::of(1);
  }
}

struct Dec {
  Int u;
  int64_t scale;
};

Dec as_dec(Value v) {
  Value d = bigdec_of(v);
  return {dec_unscaled(d), dec_scale(d)};
}

// Both at the larger scale.
void align(Dec& a, Dec& b) {
  if (a.scale < b.scale) a = {big::mul(a.u, pow10_of_scale(b.scale - a.scale)), b.scale};
  else if (b.scale < a.scale) b = {big::mul(b.u, pow10_of_scale(a.scale - b.scale)), a.scale};
}

// A BigDecimal result, rounded when *math-context* asks for a precision.
Value finish(Int u, int64_t scale) {
  MathContext mc;
  if (math_context(mc)) round_to_context(u, scale, mc);
  return make_bigdec(u, scale);
}

// BigDecimal.divide(BigDecimal): the exact quotient at the smallest scale >=
// the preferred scale (a.scale - b.scale); no exact decimal: an error.
Value dec_divide(Dec a, Dec b) {
  if (b.u.is_zero()) throw_error("java.lang.ArithmeticException", a.u.is_zero() ? "Division undefined" : "Division by zero");
  int64_t preferred = a.scale - b.scale;
  Int g = big::gcd(a.u, b.u), n, d, r;
  if (a.u.is_zero()) return make_bigdec(Int(), preferred);
  big::divmod(a.u, g, n, r);
  big::divmod(b.u, g, d, r);
  if (d.neg) n = big::negate(n), d = big::negate(d);
  Int rest = d, q;
  unsigned twos = 0, fives = 0;
  for (; big::divmod(rest, Int::of(2), q, r), r.is_zero(); rest = q) ++twos;
  for (; big::divmod(rest, Int::of(5), q, r), r.is_zero(); rest = q) ++fives;
  if (!(rest == Int::of(1))) {  // with a precision: rounded, else no exact result
    MathContext mc;
    if (!math_context(mc))
      throw_error("java.lang.ArithmeticException", "Non-terminating decimal expansion; no exact representable decimal result.");
    int64_t scale;
    divide_to_context(n, d, preferred, mc, q, scale);
    return make_bigdec(q, scale);
  }
  unsigned k = std::max(twos, fives);
  big::divmod(big::mul(n, big::pow10(k)), d, q, r);
  return finish(q, preferred + k);
}

// BigDecimal.divideToIntegralValue: the truncated quotient at the preferred scale
// (or with trailing zeros stripped down to it when that is negative).
Value dec_quot(Dec a, Dec b) {
  if (b.u.is_zero()) throw_error("java.lang.ArithmeticException", "Division by zero");
  int64_t preferred = a.scale - b.scale;
  Dec x = a, y = b;
  align(x, y);
  Int q, r;
  big::divmod(x.u, y.u, q, r);
  if (preferred >= 0) return finish(big::mul(q, pow10_of_scale(preferred)), preferred);
  if (q.is_zero()) return finish(q, preferred);
  unsigned z = big::trailing_decimal_zeros(q, unsigned(-preferred));
  if (z) big::divmod(q, big::pow10(z), q, r);
  return finish(q, -int64_t(z));
}

Value dec_arith(NumOp op, Value av, Value bv) {
  Dec a = as_dec(av), b = as_dec(bv);
  switch (op) {
    case NumOp::kMul: return finish(big::mul(a.u, b.u), a.scale + b.scale);
    case NumOp::kDiv: return dec_divide(a, b);
    case NumOp::kQuot: return dec_quot(a, b);
    case NumOp::kRem: {  // this - divideToIntegralValue(d) * d
      Value q = dec_quot(a, b);
      return tower_arith(NumOp::kSub, av, tower_arith(NumOp::kMul, q, bv));
    }
    default:
      align(a, b);
      return finish(op == NumOp::kAdd ? big::add(a.u, b.u) : big::sub(a.u, b.u), a.scale);
  }
}

Value ratio_arith(NumOp op, Value av, Value bv) {
  Int an, ad, bn, bd;
  as_ratio(av, an, ad);
  as_ratio(bv, bn, bd);
  switch (op) {
    case NumOp::kAdd: return make_ratio(big::add(big::mul(an, bd), big::mul(bn, ad)), big::mul(ad, bd));
    case NumOp::kSub: return make_ratio(big::sub(big::mul(an, bd), big::mul(bn, ad)), big::mul(ad, bd));
    case NumOp::kMul: return make_ratio(big::mul(an, bn), big::mul(ad, bd));
    case NumOp::kDiv: return make_ratio(big::mul(an, bd), big::mul(ad, bn));
    default: {
      Int q, r;
      big::divmod(big::mul(an, bd), big::mul(ad, bn), q, r);
      if (op == NumOp::kQuot) return make_bigint(q);
      return tower_arith(NumOp::kSub, av, tower_arith(NumOp::kMul, make_bigint(q), bv));
    }
  }
}

Value int_arith(NumOp op, Value av, Value bv) {
  Int a = int_of(av), b = int_of(bv), q, r;
  switch (op) {
    case NumOp::kAdd: return make_bigint(big::add(a, b));
    case NumOp::kSub: return make_bigint(big::sub(a, b));
    case NumOp::kMul: return make_bigint(big::mul(a, b));
    case NumOp::kDiv: return make_ratio(a, b);
    default:
      if (b.is_zero()) divide_by_zero();
      big::divmod(a, b, q, r);
      return make_bigint(op == NumOp::kQuot ? q : r);
  }
}

Value double_arith(NumOp op, Value a, Value b) {
  Value x = make_double(tower_to_double(a)), y = make_double(tower_to_double(b));
  switch (op) {
    case NumOp::kAdd: return num_add(x, y);
    case NumOp::kSub: return num_sub(x, y);
    case NumOp::kMul: return num_mul(x, y);
    case NumOp::kDiv: return num_div(x, y);
    case NumOp::kQuot: return num_quot(x, y);
    default: return num_rem(x, y);
  }
}

int sign3(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

}  // namespace

int tower_sign(Value v) {
  if (is_ratio(v)) return int_of(ratio_num(v)).sign();
  if (is_bigdec(v)) return dec_unscaled(v).sign();
  if (is_double(v)) {
    double d = double_value(v);
    return d < 0 ? -1 : d > 0 ? 1 : d == 0 ? 0 : 2;
  }
  return int_of(v).sign();
}

Value tower_negate(Value v) {  // keeps a BigDecimal's scale, as BigDecimal.negate does
  if (is_bigdec(v)) return finish(big::negate(dec_unscaled(v)), dec_scale(v));
  if (is_ratio(v)) return make_ratio(big::negate(int_of(ratio_num(v))), int_of(ratio_den(v)));
  return make_bigint(big::negate(int_of(v)));
}

Value tower_arith(NumOp op, Value a, Value b) {
  Kind k = std::max(kind_of(a), kind_of(b));
  // A double divides as Java's primitive doubles do (1.0/0 is ##Inf), as in vm/numbers.cpp.
  if (k != kDoubleK && (op == NumOp::kDiv || op == NumOp::kQuot || op == NumOp::kRem) && tower_sign(b) == 0)
    divide_by_zero();
  switch (k) {
    case kDoubleK: return double_arith(op, a, b);
    case kDecK: return dec_arith(op, a, b);
    case kRatioK: return ratio_arith(op, a, b);
    default: return int_arith(op, a, b);
  }
}

int tower_compare(Value a, Value b) {
  Kind k = std::max(kind_of(a), kind_of(b));
  switch (k) {
    case kDoubleK: {
      double x = tower_to_double(a), y = tower_to_double(b);
      return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
    }
    case kDecK: {
      Dec x = as_dec(a), y = as_dec(b);
      align(x, y);
      return big::compare(x.u, y.u);
    }
    case kRatioK: {
      Int an, ad, bn, bd;
      as_ratio(a, an, ad);
      as_ratio(b, bn, bd);
      return sign3(big::compare(big::mul(an, bd), big::mul(bn, ad)));
    }
    default: return sign3(big::compare(int_of(a), int_of(b)));
  }
}

bool tower_equiv(Value a, Value b) {
  auto category = [](Kind k) { return k == kBigK ? kLongK : k; };
  if (category(kind_of(a)) != category(kind_of(b))) return false;
  return tower_compare(a, b) == 0;
}

}  // namespace folio
