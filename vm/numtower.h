// numtower.h - BigInt, Ratio and BigDecimal as heap objects, and Clojure's
// contagion for every operation that involves one of them.
//
// The interpreter's fixnum fast paths and vm/numbers.cpp's long/double code
// never come here: only an operand of one of these types does. Layouts
// (vm/object.h), all offset-addressed heap data:
//   kBigInt     RAW [limbs << 2 | biginteger << 1 | negative][uint32 limbs, low first]
//               one type for clojure.lang.BigInt and java.math.BigInteger (the flag)
//   kRatio      [numerator BigInteger, denominator BigInteger]  gcd 1, denominator > 1 (but
//               (/ n Long/MIN_VALUE), which keeps the JVM's negative denominator)
//   kBigDecimal [unscaled BigInteger, scale fix]                value = unscaled * 10^-scale
#pragma once
#include <string>

#include "vm/bignum.h"
#include "vm/object.h"

namespace folio {

inline bool is_tower(Value v) {
  return v.is_ref() && obj(v)->h.type >= uint8_t(Type::kBigInt) && obj(v)->h.type <= uint8_t(Type::kBigDecimal);
}
inline bool is_bigint(Value v) { return is(v, Type::kBigInt); }
inline bool is_ratio(Value v) { return is(v, Type::kRatio); }
inline bool is_bigdec(Value v) { return is(v, Type::kBigDecimal); }
bool is_biginteger(Value v);  // a kBigInt that is a java.math.BigInteger

Value make_bigint(const big::Int& i);      // clojure.lang.BigInt
Value make_biginteger(const big::Int& i);  // java.math.BigInteger
Value reduce_bigint(const big::Int& i);    // a long when it fits, else a BigInt
big::Int int_of(Value v);                  // a long, BigInt or BigInteger
// Numbers.divide(BigInteger, BigInteger): a BigInt when d divides n, else a Ratio.
Value make_ratio(big::Int n, big::Int d);
Value make_ratio_as_is(const big::Int& n, const big::Int& d);  // no normalizing (LongOps.divide)
Value make_bigdec(const big::Int& unscaled, int64_t scale);
// 10^n where n comes from a BigDecimal scale: an ArithmeticException past
// kMaxScaleDigits, rather than a number that exhausts memory.
inline constexpr int64_t kMaxScaleDigits = 100000;
big::Int pow10_of_scale(int64_t n);
inline Value ratio_num(Value r) { return slot(r, 0); }
inline Value ratio_den(Value r) { return slot(r, 1); }
inline big::Int dec_unscaled(Value d) { return int_of(slot(d, 0)); }
inline int64_t dec_scale(Value d) { return slot(d, 1).fixnum_value(); }

// BigDecimal text: new BigDecimal(String) (false: no match) and toString.
bool parse_bigdec(std::string_view s, Value& out);
std::string bigdec_string(Value d);
Value bigdec_of(Value x);    // clojure.core/bigdec of any number
Value rationalize(Value x);  // Numbers.rationalize
big::Int truncated_int(Value x);  // the integer part of any number (a double via Double.toString)

double tower_to_double(Value v);
void tower_print(std::string& out, Value v, bool suffix);  // 1N 1/2 1.5M (pr, print); 1 1/2 1.5 (str)
int32_t tower_hasheq(Value v);    // Numbers.hasheq / BigInt.hasheq
int32_t tower_java_hash(Value v); // hashCode

// *math-context* (vm/numtower_round.cpp): false when unbound or precision 0.
struct MathContext {
  int64_t precision = 0;
  std::string mode = "HALF_UP";  // a java.math.RoundingMode name
};
bool math_context(MathContext& mc);
void round_to_context(big::Int& unscaled, int64_t& scale, const MathContext& mc);
// n/d * 10^-scale to the context's precision (n, d != 0).
void divide_to_context(const big::Int& n, const big::Int& d, int64_t scale, const MathContext& mc,
                       big::Int& unscaled, int64_t& out_scale);

enum class NumOp { kAdd, kSub, kMul, kDiv, kQuot, kRem };
// Any two numbers, at least one of them from the tower.
Value tower_arith(NumOp op, Value a, Value b);
int tower_compare(Value a, Value b);  // -1, 0, 1, or 2 when unordered (NaN)
bool tower_equiv(Value a, Value b);   // clojure.core/=: same category, same value
int tower_sign(Value v);    // -1 0 1, 2 for NaN
Value tower_negate(Value v);

}  // namespace folio
