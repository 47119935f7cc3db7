// runtime.h - what every part of the VM may call: errors, calling fns, GC rooting.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "vm/object.h"

namespace folio {

class VM;

// A Clojure exception in flight through C++ frames. `exc` is a Throwable object.
struct Thrown {
  Value exc;
};

// Builds a Throwable of class `cls` (a JVM class name users know, e.g.
// "java.lang.IllegalArgumentException") and throws it as Thrown.
[[noreturn]] void throw_error(std::string_view cls, std::string msg);
Value make_throwable(std::string_view cls, Value message, Value data, Value cause);
inline bool is_throwable(Value v) { return is(v, Type::kThrowable); }
std::string throwable_class(Value t);
// The running Clojure frames, innermost first, as "name (file:line)" strings.
Value trace_vector(const VM& vm);
// The trace recorded when exc was thrown, as such strings (nil if never thrown).
Value trace_strings(Value exc);  // "java.lang.ArithmeticException"

// Recursive C++ (reader, compiler, printer, equality, nested calls) checks the
// native stack so that very deep data or code is a StackOverflowError, as on
// the JVM, and never a crash.
extern thread_local const char* t_stack_limit;
[[noreturn]] void throw_stack_overflow();
inline void check_stack() {
  char probe;
  if (&probe < t_stack_limit) throw_stack_overflow();
}
void set_stack_limit_here();  // called where a thread's VM starts

// Calls anything callable (fn, native, keyword, map, set, vector, var) from C++.
// May run Clojure code; see "GC safety" below.
Value call_fn(Value f, const Value* args, uint32_t nargs);
inline Value call_fn(Value f) { return call_fn(f, nullptr, 0); }
inline Value call_fn(Value f, Value a) { return call_fn(f, &a, 1); }
inline Value call_fn(Value f, Value a, Value b) {
  Value xs[2] = {a, b};
  return call_fn(f, xs, 2);
}

// GC safety. The collector runs only at interpreter safepoints, and only when
// no native frame that may hold unrooted Values is on the C++ stack: each call
// of a native fn counts as such a frame unless the native was registered as
// gc-safe. Code inside a gc-safe native (and any C++ that calls Clojure while
// GC is allowed) keeps its Values alive with Root.
class Root {
 public:
  explicit Root(Value& v);
  ~Root();
  Root(const Root&) = delete;
  Root& operator=(const Root&) = delete;
};

// Holds off collection for a scope (C++ code holding many Values).
class NoGC {
 public:
  NoGC();
  ~NoGC();
  NoGC(const NoGC&) = delete;
  NoGC& operator=(const NoGC&) = delete;
};

}  // namespace folio
