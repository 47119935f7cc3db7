// Unit tests for the bignum core (vm/bignum.h). Expected values were computed
// with python3's integers when the tests were written (truncating division is
// -(b // a) for a negative dividend); the rest check identities such as
// (a*b)/b == a on many pseudo-random operands.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "vm/bignum.h"

using namespace folio::big;

namespace {

Int P(const char* s) {  // decimal, optional leading '-'
  std::string_view v(s);
  bool neg = !v.empty() && v[0] == '-';
  Int r;
  REQUIRE(parse(neg ? v.substr(1) : v, 10, r));
  return neg ? negate(r) : r;
}

std::string S(const Int& i) { return to_string(i); }

const char* kA = "123456789012345678901234567890";
const char* kB = "987654321098765432109876543210987";

}  // namespace

TEST_CASE("bignum: parse and print round trip, radixes") {
  CHECK(S(P(kA)) == kA);
  CHECK(S(P("-42")) == "-42");
  CHECK(S(P("0")) == "0");
  CHECK(S(P("000123")) == "123");
  CHECK(S(negate(P("0"))) == "0");
  CHECK(!negate(P("0")).neg);
  Int h;
  REQUIRE(parse("18ee90ff6c373e0ee4e3f0ad2", 16, h));
  CHECK(S(h) == kA);
  CHECK(to_string(P(kA), 16) == "18ee90ff6c373e0ee4e3f0ad2");
  CHECK(to_string(Int::of(5), 2) == "101");
  CHECK(to_string(Int::of(-1295), 36) == "-zz");
  Int bad;
  CHECK(!parse("12a", 10, bad));
  CHECK(!parse("", 10, bad));
  CHECK(!parse("2", 2, bad));
}

TEST_CASE("bignum: add, sub, mul against python") {
  Int a = P(kA), b = P(kB);
  CHECK(S(add(a, b)) == "987777777887777777788777777778877");
  CHECK(S(sub(a, b)) == "-987530864309753086430975308643097");
  CHECK(S(sub(b, b)) == "0");
  CHECK(S(mul(a, b)) == "121932631137021795226185032733744775182992648986186782045407430");
  CHECK(S(mul(negate(a), b)) == "-121932631137021795226185032733744775182992648986186782045407430");
  CHECK(S(add(Int::of(INT64_MAX), Int::of(1))) == "9223372036854775808");
  CHECK(S(sub(Int::of(INT64_MIN), Int::of(1))) == "-9223372036854775809");
  CHECK(S(Int::of(INT64_MIN)) == "-9223372036854775808");
}

TEST_CASE("bignum: powers of 2 and 10, factorial") {
  CHECK(S(pow(Int::of(2), 200)) == "1606938044258990275541962092341162602522202993782792835301376");
  CHECK(S(pow10(50)) == "1" + std::string(50, '0'));
  CHECK(S(pow(Int::of(2), 64)) == "18446744073709551616");
  Int f = Int::of(1);
  for (int i = 2; i <= 50; ++i) f = mul(f, Int::of(i));
  CHECK(S(f) == "30414093201713378043612608166064768844377641568960512000000000000");
  CHECK(trailing_decimal_zeros(f, 100) == 12);
  CHECK(trailing_decimal_zeros(f, 5) == 5);
}

TEST_CASE("bignum: divmod truncates like BigInteger") {
  Int a = P(kA), b = P(kB), q, r;
  divmod(b, a, q, r);
  CHECK(S(q) == "8000");
  CHECK(S(r) == "9000000000900000000090987");
  divmod(negate(b), a, q, r);
  CHECK(S(q) == "-8000");
  CHECK(S(r) == "-9000000000900000000090987");
  divmod(P("340282366920938463463374607431768211455"), P("18446744073709551617"), q, r);  // (2^128-1)/(2^64+1)
  CHECK(S(q) == "18446744073709551615");
  CHECK(S(r) == "0");
  // Knuth D's rare "add back" step.
  Int u, v;
  REQUIRE(parse("7fffffff800000000000000000000000", 16, u));
  REQUIRE(parse("800000000000000000000001", 16, v));
  divmod(u, v, q, r);
  CHECK(S(q) == "4294967294");
  CHECK(S(r) == "39614081257132168792477007874");
  divmod(Int::of(7), Int::of(-2), q, r);
  CHECK(S(q) == "-3");
  CHECK(S(r) == "1");
  divmod(a, b, q, r);  // smaller dividend
  CHECK(q.is_zero());
  CHECK(r == a);
}

TEST_CASE("bignum: (a*b)/b == a over pseudo-random operands") {
  uint64_t seed = 88172645463325252ull;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  auto rnd = [&](int limbs) {
    Int x;
    for (int i = 0; i < limbs; ++i) x = add(mul(x, Int::of_u64(1ull << 32)), Int::of_u64(next() >> (i % 3 ? 32 : 40)));
    return (next() & 1) ? negate(x) : x;
  };
  for (int i = 0; i < 500; ++i) {
    Int a = rnd(1 + int(next() % 9)), b = rnd(1 + int(next() % 6)), q, r;
    if (b.is_zero()) continue;
    divmod(mul(a, b), b, q, r);
    CHECK(q == a);
    CHECK(r.is_zero());
    Int c = add(mul(a, b), r = rnd(1));  // c = a*b + small
    divmod(c, b, q, r);
    CHECK(add(mul(q, b), r) == c);
    CHECK(compare(abs(r), abs(b)) < 0);
    CHECK((r.is_zero() || r.neg == c.neg));
    CHECK(compare(add(a, b), add(b, a)) == 0);
    CHECK(sub(add(a, b), b) == a);
  }
}

TEST_CASE("bignum: compare, gcd, long range, hash, double") {
  CHECK(compare(P(kA), P(kB)) < 0);
  CHECK(compare(negate(P(kA)), P("-1")) < 0);
  CHECK(compare(P("0"), P("-0")) == 0);
  CHECK(S(gcd(P("-12"), P("18"))) == "6");
  CHECK(S(gcd(P("0"), P("5"))) == "5");
  CHECK(Int::of(INT64_MIN).fits_long());
  CHECK(Int::of(INT64_MIN).bit_length() == 63);
  CHECK(!add(Int::of(INT64_MAX), Int::of(1)).fits_long());
  CHECK(Int::of(INT64_MIN).low_long() == INT64_MIN);
  CHECK(Int::of(-5).low_long() == -5);
  // java.math.BigInteger.hashCode
  CHECK(java_hash(P(kA)) == 1915528825);
  CHECK(java_hash(negate(P(kA))) == -1915528825);
  CHECK(java_hash(pow(Int::of(2), 64)) == 961);
  CHECK(java_hash(P(kB)) == -1549858379);
  CHECK(to_double(pow(Int::of(2), 64)) == 18446744073709551616.0);
  CHECK(to_double(P("-12345678901234567890")) == -12345678901234567890.0);
  CHECK(to_double(pow10(400)) == HUGE_VAL);
}
