// bignum.h - arbitrary-precision integers: the arithmetic under BigInt,
// Ratio and BigDecimal (vm/numtower.h puts them in the heap).
//
// Plain C++ values (sign + magnitude in 32-bit limbs, least significant
// first), knowing nothing of the heap or of Clojure, so they can be tested on
// their own. Division truncates towards zero, as java.math.BigInteger does.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace folio::big {

struct Int {
  bool neg = false;            // never true for zero
  std::vector<uint32_t> mag;   // little-endian limbs, no high zero limb; zero is empty

  Int() = default;
  static Int of(int64_t v);
  static Int of_u64(uint64_t v);

  bool is_zero() const { return mag.empty(); }
  int sign() const { return is_zero() ? 0 : neg ? -1 : 1; }
  int bit_length() const;     // BigInteger.bitLength (two's complement, no sign bit)
  bool fits_long() const { return bit_length() < 64; }
  int64_t low_long() const;   // BigInteger.longValue: the low 64 bits, two's complement
  bool is_odd() const { return !mag.empty() && (mag[0] & 1); }
};

int compare(const Int& a, const Int& b);
inline bool operator==(const Int& a, const Int& b) { return a.neg == b.neg && a.mag == b.mag; }
Int negate(Int a);
Int abs(Int a);
Int add(const Int& a, const Int& b);
Int sub(const Int& a, const Int& b);
Int mul(const Int& a, const Int& b);
// Truncating division: a = q*b + r, |r| < |b|, r has a's sign. b must not be zero.
void divmod(const Int& a, const Int& b, Int& q, Int& r);
Int gcd(Int a, Int b);  // non-negative
Int pow(const Int& base, unsigned n);
Int pow10(unsigned n);
// 10^k divides a: how many times (at most `limit`).
unsigned trailing_decimal_zeros(const Int& a, unsigned limit);

std::string to_string(const Int& a, int radix = 10);
// Digits only (no sign), each < radix (2..36). False when empty or a digit is bad.
bool parse(std::string_view digits, int radix, Int& out);
double to_double(const Int& a);  // correctly rounded
int32_t java_hash(const Int& a);  // java.math.BigInteger.hashCode

}  // namespace folio::big
