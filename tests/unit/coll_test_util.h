// coll_test_util.h - small helpers shared by collections_test.cpp and printer_test.cpp.
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio::test {

// One heap (and one VM, for call_fn) for these tests; created on first use.
// Other test files may replace the heap with init_heap(): each test case
// calls this again, and a fresh heap is only made when none exists.
inline void ensure_heap() {
  if (!g_heap) init_heap();
  static VM vm;
}

inline Value L(int64_t i) { return make_long(i); }
inline Value D(double d) { return make_double(d); }
inline Value S(const char* s) { return make_string(s); }
inline Value K(const char* s) { return keyword(s); }
inline Value Sym(const char* s) { return make_symbol(s); }
inline Value C(uint32_t c) { return Value::character(c); }

inline Value V(std::initializer_list<Value> xs) { return vector_from(xs.begin(), xs.size()); }
inline Value Lst(std::initializer_list<Value> xs) { return list_from(xs.begin(), uint32_t(xs.size())); }
inline Value M(std::initializer_list<Value> kvs) { return map_from(kvs.begin(), kvs.size() / 2); }
inline Value HM(std::initializer_list<Value> kvs) { return hash_map_from(kvs.begin(), kvs.size() / 2); }
inline Value Set(std::initializer_list<Value> xs) { return set_from(xs.begin(), xs.size()); }

// The elements of any seqable, in seq order.
inline std::vector<Value> items(Value coll) {
  std::vector<Value> out;
  for (Value s = seq(coll); !s.is_nil(); s = next(s)) out.push_back(first(s));
  return out;
}

// The class and message of the Clojure exception thrown by f.
template <class F>
std::string thrown(F f) {
  try {
    f();
  } catch (const Thrown& t) {
    Value msg = slot(t.exc, 1);
    return throwable_class(t.exc) + ": " + (is(msg, Type::kString) ? std::string(string_view(msg)) : "nil");
  }
  return "no exception";
}

// Registers a C++ function in this process's native table; returns its id.
// The built-in natives are registered first, so their ids stay those of the
// heap image (a later test may boot from it).
inline int64_t register_test_native(const char* name, NativeFnPtr fn, int min_args, int max_args) {
  register_all_natives();
  NativeDef d{"folio.test", name, fn, int16_t(min_args), int16_t(max_args), false};
  int64_t id = int64_t(native_table().size());
  register_natives(&d, 1);
  return id;
}

// A native fn object (in the current heap) for a registered id.
inline Value native_obj(int64_t id, const char* name) {
  Value n = alloc_slots(Type::kNative, 3);
  init_slot(n, 0, Value::fixnum(id));
  init_slot(n, 1, make_string(name));
  return n;
}

inline Value range_vec(int64_t n) {
  std::vector<Value> xs;
  for (int64_t i = 0; i < n; ++i) xs.push_back(L(i));
  return vector_from(xs.data(), xs.size());
}

inline bool vec_is_range(Value v, int64_t n) {
  if (vector_count(v) != n) return false;
  for (int64_t i = 0; i < n; ++i)
    if (long_value(vector_nth(v, i)) != i) return false;
  return true;
}

// The strings "Aa" and "BB" have the same Java hashCode, so every string made
// of k such blocks has the same Clojure hash: 2^k colliding keys.
inline std::vector<std::string> colliding_strings(int k) {
  std::vector<std::string> out;
  for (int m = 0; m < (1 << k); ++m) {
    std::string s;
    for (int b = 0; b < k; ++b) s += (m >> b) & 1 ? "BB" : "Aa";
    out.push_back(s);
  }
  return out;
}

// "k<i>" (built with += : GCC 12 warns falsely on "k" + std::to_string(i) at -O3).
inline std::string kname(int i) {
  std::string s = "k";
  s += std::to_string(i);
  return s;
}

// hash of the vector of a collection's elements in seq order: one number that
// pins down the iteration order, comparable with JVM Clojure's.
inline int32_t order_hash(Value coll) { return hasheq(vec(coll)); }

}  // namespace folio::test
