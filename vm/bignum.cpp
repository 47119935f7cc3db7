// bignum.cpp - sign-magnitude integers in 32-bit limbs: schoolbook add, sub
// and mul, Knuth's algorithm D for division. Sizes met in Clojure scripts are
// small (factorials, fib 1000), so nothing here is asymptotically clever.
#include "vm/bignum.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace folio::big {
namespace {

using Mag = std::vector<uint32_t>;

void trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

Int make(bool neg, Mag m) {
  trim(m);
  Int r;
  r.neg = neg && !m.empty();
  r.mag = std::move(m);
  return r;
}

int cmp_mag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

Mag add_mag(const Mag& a, const Mag& b) {
  const Mag& x = a.size() >= b.size() ? a : b;
  const Mag& y = a.size() >= b.size() ? b : a;
  Mag r(x.size() + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    carry += uint64_t(x[i]) + (i < y.size() ? y[i] : 0);
    r[i] = uint32_t(carry);
    carry >>= 32;
  }
  r[x.size()] = uint32_t(carry);
  trim(r);
  return r;
}

Mag sub_mag(const Mag& a, const Mag& b) {  // |a| >= |b|
  Mag r(a.size());
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int64_t d = int64_t(a[i]) - (i < b.size() ? b[i] : 0) - borrow;
    borrow = d < 0;
    r[i] = uint32_t(d + (borrow << 32));
  }
  trim(r);
  return r;
}

Mag mul_mag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  Mag r(a.size() + b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) {
      carry += uint64_t(a[i]) * b[j] + r[i + j];
      r[i + j] = uint32_t(carry);
      carry >>= 32;
    }
    r[i + b.size()] = uint32_t(carry);
  }
  trim(r);
  return r;
}

// In place: m = m * f + add.
void mul_small(Mag& m, uint32_t f, uint32_t add) {
  uint64_t carry = add;
  for (uint32_t& limb : m) {
    carry += uint64_t(limb) * f;
    limb = uint32_t(carry);
    carry >>= 32;
  }
  if (carry) m.push_back(uint32_t(carry));
}

// In place: m = m / d; returns the remainder.
uint32_t div_small(Mag& m, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = m.size(); i-- > 0;) {
    uint64_t cur = (rem << 32) | m[i];
    m[i] = uint32_t(cur / d);
    rem = cur % d;
  }
  trim(m);
  return uint32_t(rem);
}

// Knuth, TAOCP vol. 2, 4.3.1, algorithm D. |b| has at least two limbs.
void divmod_mag(const Mag& a, const Mag& b, Mag& q, Mag& r) {
  size_t n = b.size(), m = a.size() - n;
  int s = __builtin_clz(b.back());
  Mag v(n), u(a.size() + 1);
  for (size_t i = n; i-- > 0;) v[i] = (b[i] << s) | (s && i ? b[i - 1] >> (32 - s) : 0);
  u[a.size()] = s ? a.back() >> (32 - s) : 0;
  for (size_t i = a.size(); i-- > 0;) u[i] = (a[i] << s) | (s && i ? a[i - 1] >> (32 - s) : 0);
  q.assign(m + 1, 0);
  for (size_t j = m + 1; j-- > 0;) {
    uint64_t num = (uint64_t(u[j + n]) << 32) | u[j + n - 1];
    uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
    while (qhat >> 32 || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      --qhat;
      rhat += v[n - 1];
      if (rhat >> 32) break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; ++i) {
      carry += qhat * v[i];
      int64_t t = int64_t(u[i + j]) - int64_t(uint32_t(carry)) - borrow;
      carry >>= 32;
      borrow = t < 0;
      u[i + j] = uint32_t(t + (borrow << 32));
    }
    int64_t t = int64_t(u[j + n]) - int64_t(carry) - borrow;
    u[j + n] = uint32_t(t);
    if (t < 0) {  // qhat was one too large: add v back
      --qhat;
      uint64_t c = 0;
      for (size_t i = 0; i < n; ++i) {
        c += uint64_t(u[i + j]) + v[i];
        u[i + j] = uint32_t(c);
        c >>= 32;
      }
      u[j + n] += uint32_t(c);
    }
    q[j] = uint32_t(qhat);
  }
  r.assign(n, 0);
  for (size_t i = 0; i < n; ++i) r[i] = (u[i] >> s) | (s ? uint32_t(uint64_t(u[i + 1]) << (32 - s)) : 0);
  trim(q);
  trim(r);
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

}  // namespace

Int Int::of_u64(uint64_t v) { return make(false, {uint32_t(v), uint32_t(v >> 32)}); }

Int Int::of(int64_t v) {
  uint64_t m = v < 0 ? 0 - uint64_t(v) : uint64_t(v);
  Int r = of_u64(m);
  r.neg = v < 0;
  return r;
}

int Int::bit_length() const {
  if (mag.empty()) return 0;
  int bits = int(mag.size() - 1) * 32 + (32 - __builtin_clz(mag.back()));
  if (neg) {  // -2^k needs one bit less than its magnitude
    bool pow2 = (mag.back() & (mag.back() - 1)) == 0 &&
                std::all_of(mag.begin(), mag.end() - 1, [](uint32_t l) { return l == 0; });
    if (pow2) --bits;
  }
  return bits;
}

int64_t Int::low_long() const {
  uint64_t m = (mag.size() > 0 ? mag[0] : 0) | (mag.size() > 1 ? uint64_t(mag[1]) << 32 : 0);
  return int64_t(neg ? 0 - m : m);
}

int compare(const Int& a, const Int& b) {
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  int c = cmp_mag(a.mag, b.mag);
  return a.neg ? -c : c;
}

Int negate(Int a) {
  if (!a.is_zero()) a.neg = !a.neg;
  return a;
}

Int abs(Int a) {
  a.neg = false;
  return a;
}

Int add(const Int& a, const Int& b) {
  if (a.neg == b.neg) return make(a.neg, add_mag(a.mag, b.mag));
  int c = cmp_mag(a.mag, b.mag);
  if (c == 0) return Int();
  return c > 0 ? make(a.neg, sub_mag(a.mag, b.mag)) : make(b.neg, sub_mag(b.mag, a.mag));
}

Int sub(const Int& a, const Int& b) { return add(a, negate(b)); }

Int mul(const Int& a, const Int& b) { return make(a.neg != b.neg, mul_mag(a.mag, b.mag)); }

void divmod(const Int& a, const Int& b, Int& q, Int& r) {
  Mag qm, rm;
  if (cmp_mag(a.mag, b.mag) < 0) {
    rm = a.mag;
  } else if (b.mag.size() == 1) {
    qm = a.mag;
    uint32_t rem = div_small(qm, b.mag[0]);
    if (rem) rm.push_back(rem);
  } else {
    divmod_mag(a.mag, b.mag, qm, rm);
  }
  bool aneg = a.neg, qneg = a.neg != b.neg;
  q = make(qneg, std::move(qm));
  r = make(aneg, std::move(rm));
}

Int gcd(Int a, Int b) {
  a.neg = b.neg = false;
  while (!b.is_zero()) {
    Int q, r;
    divmod(a, b, q, r);
    a = std::move(b);
    b = std::move(r);
  }
  return a;
}

Int pow(const Int& base, unsigned n) {
  Int r = Int::of(1), x = base;
  for (; n; n >>= 1) {
    if (n & 1) r = mul(r, x);
    if (n > 1) x = mul(x, x);
  }
  return r;
}

Int pow10(unsigned n) { return pow(Int::of(10), n); }

unsigned trailing_decimal_zeros(const Int& a, unsigned limit) {
  if (a.is_zero()) return 0;
  Mag m = a.mag;
  unsigned k = 0;
  for (; k < limit; ++k) {
    Mag t = m;
    if (div_small(t, 10) != 0) break;
    m = std::move(t);
  }
  return k;
}

std::string to_string(const Int& a, int radix) {
  if (a.is_zero()) return "0";
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  // Peel off the largest power of the radix that fits a limb, then its digits.
  uint32_t chunk = uint32_t(radix), per = 1;
  while (uint64_t(chunk) * uint32_t(radix) <= 0xFFFFFFFFu) chunk *= uint32_t(radix), ++per;
  Mag m = a.mag;
  std::string rev;
  while (!m.empty()) {
    uint32_t rem = div_small(m, chunk);
    for (uint32_t i = 0; i < per && (rem || !m.empty()); ++i, rem /= uint32_t(radix))
      rev += kDigits[rem % uint32_t(radix)];
  }
  if (a.neg) rev += '-';
  return {rev.rbegin(), rev.rend()};
}

bool parse(std::string_view digits, int radix, Int& out) {
  if (digits.empty() || radix < 2 || radix > 36) return false;
  Mag m;
  for (char c : digits) {
    int d = digit_value(c);
    if (d >= radix) return false;
    mul_small(m, uint32_t(radix), uint32_t(d));
  }
  out = make(false, std::move(m));
  return true;
}

double to_double(const Int& a) {
  std::string s = to_string(a);
  double d = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), d);  // correctly rounded
  if (r.ec == std::errc::result_out_of_range) d = a.neg ? -HUGE_VAL : HUGE_VAL;
  return d;
}

int32_t java_hash(const Int& a) {
  uint32_t h = 0;
  for (size_t i = a.mag.size(); i-- > 0;) h = 31 * h + a.mag[i];
  return int32_t(a.neg ? 0 - h : h);
}

}  // namespace folio::big
