// native.h - the per-process registry of native (C++) fns.
//
// A native fn in the heap is [id, name, meta]: the id indexes this table, which
// every process of one build fills in the same order, so heap images and other
// processes agree on what an id means without any address in the heap.
#pragma once
#include <cstdint>
#include <vector>

#include "vm/object.h"

namespace folio {

using NativeFnPtr = Value (*)(Value* args, uint32_t nargs);

struct NativeDef {
  const char* ns;    // "clojure.core"
  const char* name;  // "first"
  NativeFnPtr fn;
  int16_t min_args;
  int16_t max_args;  // -1: variadic
  bool gc_safe;      // may let the collector run while it calls Clojure code
};

extern std::vector<NativeDef> g_native_table;  // filled at start-up, then only read
inline const std::vector<NativeDef>& native_table() { return g_native_table; }
// Called once per process, in a fixed order, by every module that defines natives.
void register_natives(const NativeDef* defs, size_t n);
inline const NativeDef& native_def(Value native) {
  return native_table()[size_t(slot(native, 0).fixnum_value())];
}

}  // namespace folio
