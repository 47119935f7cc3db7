// runtime_test_util.h - a freshly booted runtime for tests that compile and run
// Clojure source (vm, natives, sorted collections, STM).
#pragma once
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

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

#ifdef FOLIO_BUILTIN_IMAGE
// Boots the calling thread's VM from the built-in heap image (the stdlib),
// as folio does at start-up. The image bytes must outlive the runtime.
inline std::vector<char> boot_builtin_image() {
  std::ifstream in(FOLIO_BUILTIN_IMAGE, std::ios::binary);
  if (!in.good()) throw std::runtime_error("no built-in image at " FOLIO_BUILTIN_IMAGE " (ninja -C build builds it)");
  std::vector<char> img((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boot_from_image(img.data(), img.size());
  return img;
}

// A VM booted from the built-in image (clojure.core and the stdlib), *ns* = user.
struct StdlibRuntime {
  VM vm;
  std::vector<char> img = boot_builtin_image();
  StdlibRuntime() { set_current_ns(g_heap->root(kRootUserNs)); }
};
#endif

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
