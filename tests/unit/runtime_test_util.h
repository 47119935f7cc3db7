// runtime_test_util.h - a freshly booted runtime for tests that compile and run
// Clojure source (vm, natives, sorted collections, STM).
#pragma once
#include <string>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/namespace.h"
#include "vm/vm.h"

namespace folio::test {

// A new heap with clojure.core's natives (no stdlib), *ns* = user.
struct FreshRuntime {
  VM vm;
  FreshRuntime() {
    boot_fresh();
    set_current_ns(g_heap->root(kRootUserNs));
  }
};

// "Class: message" of a thrown exception (message "nil" when it has none).
inline std::string thrown_string(const Thrown& t) {
  Value msg = slot(t.exc, 1);
  return throwable_class(t.exc) + ": " + (is(msg, Type::kString) ? std::string(string_view(msg)) : "nil");
}

// "Class: message" of what running src throws, or "no error".
inline std::string error_of_source(const std::string& src, const char* file) {
  try {
    load_string(src, file);
  } catch (Thrown& t) {
    return thrown_string(t);
  }
  return "no error";
}

}  // namespace folio::test
