// numtower_round.cpp - BigDecimal rounding under clojure.core/*math-context*
// (what with-precision binds: [precision rounding-mode-symbol]): the results
// of BigDecimal operations keep at most `precision` significant digits,
// rounded as java.math.RoundingMode says; precision 0 means exact.
#include <string>

#include "vm/collections.h"
#include "vm/namespace.h"
#include "vm/numbers.h"
#include "vm/numtower.h"
#include "vm/runtime.h"

namespace folio {
namespace {

using big::Int;

// Whether dropping digits rounds the kept magnitude up: `half` compares the
// dropped part with one half of the last kept unit.
bool rounds_up(std::string_view mode, bool neg, bool odd, bool inexact, int half) {
  if (!inexact) return false;
  if (mode == "UP") return true;
  if (mode == "DOWN") return false;
  if (mode == "CEILING") return !neg;
  if (mode == "FLOOR") return neg;
  if (mode == "HALF_UP") return half >= 0;
  if (mode == "HALF_DOWN") return half > 0;
  if (mode == "HALF_EVEN") return half > 0 || (half == 0 && odd);
  throw_error("java.lang.ArithmeticException", "Rounding necessary");  // UNNECESSARY
}

size_t digit_count(const Int& i) { return i.is_zero() ? 1 : big::to_string(big::abs(i)).size(); }

// |u| = q * den + r (0 <= r < den) with the sign of u; rounds q and returns it signed.
Int round_quotient(const Int& q, const Int& r, const Int& den, bool neg, const MathContext& mc) {
  int half = r.is_zero() ? -1 : big::compare(big::add(r, r), den);
  Int m = q;
  if (rounds_up(mc.mode, neg, q.is_odd(), !r.is_zero(), half)) m = big::add(m, Int::of(1));
  return neg ? big::negate(m) : m;
}

}  // namespace

bool math_context(MathContext& mc) {
  Value var = ns_find_mapping(core_ns(), make_symbol("*math-context*"));
  if (var.is_nil()) return false;
  Value v = var_value(var);
  if (!is(v, Type::kVector) || vector_count(v) != 2) return false;
  Value p = vector_nth(v, 0), m = vector_nth(v, 1);
  if (!is_long(p)) throw_not_a_number(p);
  if (long_value(p) < 0) throw_error("java.lang.IllegalArgumentException", "Digits < 0");
  mc.precision = long_value(p);
  mc.mode = is(m, Type::kSymbol) ? std::string(string_view(symbol_name(m))) : "HALF_UP";
  return mc.precision > 0;
}

void round_to_context(Int& u, int64_t& scale, const MathContext& mc) {
  size_t digits = digit_count(u);
  if (digits <= size_t(mc.precision)) return;
  unsigned drop = unsigned(digits - size_t(mc.precision));
  Int den = big::pow10(drop), q, r;
  big::divmod(big::abs(u), den, q, r);
  u = round_quotient(q, r, den, u.neg, mc);
  scale -= drop;
  if (digit_count(u) > size_t(mc.precision)) {  // 999.. rounded up to 1000..
    big::divmod(u, Int::of(10), q, r);
    u = q;
    --scale;
  }
}

void divide_to_context(const Int& n, const Int& d, int64_t scale, const MathContext& mc, Int& u, int64_t& out_scale) {
  bool neg = n.neg != d.neg;
  Int an = big::abs(n), ad = big::abs(d), q, r, den;
  // the k that gives |n| * 10^k / |d| exactly `precision` integer digits
  int64_t k = mc.precision - (int64_t(digit_count(an)) - int64_t(digit_count(ad)));
  for (;;) {
    Int num = k >= 0 ? big::mul(an, big::pow10(unsigned(k))) : an;
    den = k >= 0 ? ad : big::mul(ad, big::pow10(unsigned(-k)));
    big::divmod(num, den, q, r);
    size_t dc = digit_count(q);
    if (q.is_zero() || dc < size_t(mc.precision)) ++k;
    else if (dc > size_t(mc.precision)) --k;
    else break;
  }
  u = round_quotient(q, r, den, neg, mc);
  out_scale = scale + k;
  round_to_context(u, out_scale, mc);  // a carry may have added a digit
}

}  // namespace folio
