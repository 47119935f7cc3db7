// numtower.cpp - BigInt, Ratio and BigDecimal objects: making them, reading
// them back as big::Int, their text (BigDecimal's toString and parsing), their
// hashes (Clojure 1.11's Numbers.hasheq, so hash maps order them as the JVM
// does) and their conversion to double. Arithmetic is in numtower_ops.cpp.
#include "vm/numtower.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "vm/collections.h"
#include "vm/murmur3.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio {
namespace {

uint64_t bigint_header(Value v) { return *reinterpret_cast<const uint64_t*>(obj(v)->bytes()); }

Value alloc_int(const big::Int& i, bool biginteger) {
  size_t n = i.mag.size();
  Value v = alloc_raw(Type::kBigInt, 8 + 4 * n);
  uint64_t h = (uint64_t(n) << 2) | (uint64_t(biginteger) << 1) | uint64_t(i.neg);
  std::memcpy(obj(v)->bytes(), &h, 8);
  if (n) std::memcpy(obj(v)->bytes() + 8, i.mag.data(), 4 * n);
  return v;
}

std::string digits_of(const big::Int& i) { return big::to_string(big::abs(i)); }

}  // namespace

bool is_biginteger(Value v) { return is_bigint(v) && (bigint_header(v) & 2); }
Value make_bigint(const big::Int& i) { return alloc_int(i, false); }
Value make_biginteger(const big::Int& i) { return alloc_int(i, true); }
Value reduce_bigint(const big::Int& i) { return i.fits_long() ? make_long(i.low_long()) : make_bigint(i); }

big::Int int_of(Value v) {
  if (is_long(v)) return big::Int::of(long_value(v));
  if (!is_bigint(v)) throw_not_a_number(v);
  uint64_t h = bigint_header(v);
  big::Int r;
  r.mag.resize(h >> 2);
  if (!r.mag.empty()) std::memcpy(r.mag.data(), obj(v)->bytes() + 8, 4 * r.mag.size());
  r.neg = h & 1;
  return r;
}

Value make_ratio(big::Int n, big::Int d) {
  if (d.is_zero()) throw_error("java.lang.ArithmeticException", "Divide by zero");
  big::Int g = big::gcd(n, d), rem;
  if (g.is_zero()) return make_bigint(big::Int());
  big::divmod(n, g, n, rem);
  big::divmod(d, g, d, rem);
  if (d.neg) {
    n = big::negate(std::move(n));
    d = big::negate(std::move(d));
  }
  if (d == big::Int::of(1)) return make_bigint(n);
  return make_ratio_as_is(n, d);
}

Value make_ratio_as_is(const big::Int& n, const big::Int& d) {
  Value nv = make_biginteger(n), dv = make_biginteger(d);
  Value r = alloc_slots(Type::kRatio, 2);
  init_slot(r, 0, nv);
  init_slot(r, 1, dv);
  return r;
}

Value make_bigdec(const big::Int& unscaled, int64_t scale) {
  if (scale > INT32_MAX || scale < INT32_MIN) throw_error("java.lang.ArithmeticException", "Overflow");
  Value u = make_biginteger(unscaled);
  Value d = alloc_slots(Type::kBigDecimal, 2);
  init_slot(d, 0, u);
  init_slot(d, 1, Value::fixnum(scale));
  return d;
}

big::Int pow10_of_scale(int64_t n) {
  if (n < 0 || n > kMaxScaleDigits)
    throw_error("java.lang.ArithmeticException",
                "BigDecimal scale difference of " + std::to_string(n) + " digits: Folio's limit is " +
                    std::to_string(kMaxScaleDigits));
  return big::pow10(unsigned(n));
}

// ---------------------------------------------------------------- BigDecimal text

// new BigDecimal(String): [+-] digits [. digits] [eE [+-] digits], or [+-] . digits ...
bool parse_bigdec(std::string_view s, Value& out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string digits;
  int64_t frac = 0;
  bool dot = false;
  for (; i < s.size() && (std::isdigit(uint8_t(s[i])) || (s[i] == '.' && !dot)); ++i) {
    if (s[i] == '.') dot = true;
    else digits += s[i], frac += dot;
  }
  if (digits.empty()) return false;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::string_view e = s.substr(i + 1);
    if (!e.empty() && e[0] == '+') e.remove_prefix(1);
    auto r = std::from_chars(e.data(), e.data() + e.size(), exp);
    if (r.ec != std::errc() || r.ptr != e.data() + e.size() || e.empty()) return false;
    if (exp > INT32_MAX || exp < -INT32_MAX) return false;  // BigDecimal's int exponent
    i = s.size();
  }
  if (i != s.size()) return false;
  big::Int u;
  big::parse(digits, 10, u);
  out = make_bigdec(neg ? big::negate(u) : u, frac - exp);
  return true;
}

// BigDecimal.toString: plain when the scale is >= 0 and the adjusted exponent
// >= -6, else scientific with one digit before the point.
std::string bigdec_string(Value d) {
  big::Int u = dec_unscaled(d);
  int64_t scale = dec_scale(d);
  std::string coeff = digits_of(u), out = u.neg ? "-" : "";
  int64_t len = int64_t(coeff.size()), adjusted = -scale + (len - 1);
  if (scale == 0) return out + coeff;
  if (scale > 0 && adjusted >= -6) {
    if (len > scale) return out + coeff.substr(0, size_t(len - scale)) + "." + coeff.substr(size_t(len - scale));
    return out + "0." + std::string(size_t(scale - len), '0') + coeff;
  }
  out += coeff[0];
  if (len > 1) out += "." + coeff.substr(1);
  if (adjusted != 0) out += std::string("E") + (adjusted > 0 ? "+" : "") + std::to_string(adjusted);
  return out;
}

Value bigdec_of(Value x) {
  if (is_bigdec(x)) return x;
  if (is_long(x) || is_bigint(x)) return make_bigdec(int_of(x), 0);
  if (is_double(x)) {  // BigDecimal.valueOf(double): from Double.toString
    double v = double_value(x);
    if (!std::isfinite(v)) throw_error("java.lang.NumberFormatException", "Infinite or NaN");
    std::string s;
    double_to_string(s, v);
    Value out;
    parse_bigdec(s, out);
    return out;
  }
  if (is_ratio(x)) return tower_arith(NumOp::kDiv, make_bigdec(int_of(ratio_num(x)), 0), ratio_den(x));
  throw_not_a_number(x);
}

big::Int truncated_int(Value x) {
  if (is_long(x) || is_bigint(x)) return int_of(x);
  big::Int q, r;
  if (is_ratio(x)) {
    big::divmod(int_of(ratio_num(x)), int_of(ratio_den(x)), q, r);
    return q;
  }
  Value d = bigdec_of(x);  // a double goes through its Double.toString
  int64_t scale = dec_scale(d);
  if (scale <= 0) return big::mul(dec_unscaled(d), pow10_of_scale(-scale));
  big::divmod(dec_unscaled(d), pow10_of_scale(scale), q, r);
  return q;
}

Value rationalize(Value x) {
  if (is_double(x)) x = bigdec_of(x);
  if (!is_bigdec(x)) return x;
  big::Int u = dec_unscaled(x);
  int64_t scale = dec_scale(x);
  if (scale < 0) return make_bigint(big::mul(u, pow10_of_scale(-scale)));
  return make_ratio(u, pow10_of_scale(scale));
}

// ---------------------------------------------------------------- to double

namespace {

double parse_double(const std::string& s) {
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (r.ec == std::errc::result_out_of_range) d = s[0] == '-' ? -HUGE_VAL : (s.find("e-") != s.npos ? 0.0 : HUGE_VAL);
  return d;
}

// Ratio.doubleValue: the quotient to 16 significant digits (MathContext.DECIMAL64,
// half-even), then that decimal to the nearest double.
double ratio_to_double(Value r) {
  big::Int n = int_of(ratio_num(r)), d = int_of(ratio_den(r));
  bool neg = n.neg;
  n = big::abs(n);
  int64_t k = 16 - (int64_t(big::to_string(n).size()) - int64_t(big::to_string(d).size()));
  big::Int q, rem;
  const big::Int lo = big::pow10(15), hi = big::pow10(16);
  for (;;) {
    big::Int num = k >= 0 ? big::mul(n, big::pow10(unsigned(k))) : n;
    big::Int den = k >= 0 ? d : big::mul(d, big::pow10(unsigned(-k)));
    big::divmod(num, den, q, rem);
    if (big::compare(q, hi) >= 0) --k;
    else if (big::compare(q, lo) < 0) ++k;
    else {
      int c = big::compare(big::add(rem, rem), den);
      if (c > 0 || (c == 0 && q.is_odd())) q = big::add(q, big::Int::of(1));
      break;
    }
  }
  return parse_double((neg ? "-" : "") + big::to_string(q) + "e" + std::to_string(-k));
}

}  // namespace

double tower_to_double(Value v) {
  if (is_bigint(v)) return big::to_double(int_of(v));
  if (is_ratio(v)) return ratio_to_double(v);
  if (is_bigdec(v)) return parse_double(bigdec_string(v));
  return to_double(v);
}

// ---------------------------------------------------------------- printing, hashing

void tower_print(std::string& out, Value v, bool suffix) {
  if (is_bigint(v)) {
    out += big::to_string(int_of(v));
    if (suffix && !is_biginteger(v)) out += 'N';
  } else if (is_ratio(v)) {
    out += big::to_string(int_of(ratio_num(v)));
    out += '/';
    out += big::to_string(int_of(ratio_den(v)));
  } else {
    out += bigdec_string(v);
    if (suffix) out += 'M';
  }
}

int32_t tower_hasheq(Value v) {
  if (is_bigint(v)) {
    big::Int i = int_of(v);
    return i.fits_long() ? murmur3::hash_long(i.low_long()) : big::java_hash(i);
  }
  if (is_ratio(v)) return tower_java_hash(v);
  // BigDecimal: zero hashes as BigDecimal.ZERO; others with trailing zeros stripped.
  big::Int u = dec_unscaled(v);
  if (u.is_zero()) return 0;
  int64_t scale = dec_scale(v);
  unsigned z = big::trailing_decimal_zeros(u, ~0u);
  big::Int q, r;
  if (z) big::divmod(u, big::pow10(z), q, r);
  return int32_t(31 * uint32_t(big::java_hash(z ? q : u)) + uint32_t(scale - z));
}

int32_t tower_java_hash(Value v) {
  if (is_bigint(v)) {
    big::Int i = int_of(v);
    if (is_biginteger(v) || !i.fits_long()) return big::java_hash(i);
    uint64_t x = uint64_t(i.low_long());
    return int32_t(uint32_t(x ^ (x >> 32)));
  }
  if (is_ratio(v)) return big::java_hash(int_of(ratio_num(v))) ^ big::java_hash(int_of(ratio_den(v)));
  return int32_t(31 * uint32_t(big::java_hash(dec_unscaled(v))) + uint32_t(dec_scale(v)));
}

}  // namespace folio
