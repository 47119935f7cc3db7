// numbers.h - Clojure arithmetic on longs and doubles.
// Longs are checked: overflow throws ArithmeticException "long overflow",
// as JVM Clojure 1.11 does. A double anywhere makes the result a double.
// An operand from the numeric tower (BigInt, Ratio, BigDecimal) hands the
// operation to vm/numtower.h.
#pragma once
#include "vm/object.h"

namespace folio {

bool is_number(Value v);
[[noreturn]] void throw_not_a_number(Value v);  // NullPointerException / ClassCastException
double to_double(Value v);  // ClassCastException for non-numbers

Value num_add(Value a, Value b);
Value num_sub(Value a, Value b);
Value num_mul(Value a, Value b);
Value num_div(Value a, Value b);
Value num_quot(Value a, Value b);
Value num_rem(Value a, Value b);
Value num_mod(Value a, Value b);
Value num_neg(Value a);
Value num_inc(Value a);
Value num_dec(Value a);
bool num_lt(Value a, Value b);
bool num_le(Value a, Value b);
bool num_eq(Value a, Value b);  // clojure.core/== (1 == 1.0)
int num_compare(Value a, Value b);
// Unchecked (wrapping) long arithmetic: unchecked-add and friends.
Value num_unchecked_add(Value a, Value b);
Value num_unchecked_mul(Value a, Value b);

}  // namespace folio
