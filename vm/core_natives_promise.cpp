// core_natives_promise.cpp - promises: clojure.core/promise, deliver, and
// deref of a promise (which waits for it).
//
// Promise layout (vm/object.h): [value, delivered bool]. A fresh promise holds
// kNotFound in its value slot. promise_deliver claims the promise with one
// compare-and-set of that slot (so of two deliveries exactly one wins), then
// raises the flag; promise_read is the one read of it. These two functions are
// what the sharing work makes cross-process: a promise left undelivered here
// may be delivered by another process mapping the same heap, which is why
// deref polls instead of giving up.
//
// deref itself lives with the other cells (core_natives_cells.cpp) and calls
// promise_deref for a promise.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/promise.h"
#include "vm/runtime.h"
#include "vm/threads.h"
#include "vm/vm.h"

namespace folio {

// The value of a delivered promise; false while it is not delivered.
bool promise_read(Value p, Value& out) {
  Value v = g_heap->load(obj(p), 0);  // an acquire read: another process may deliver
  if (v == kNotFound) return false;
  out = v;
  return true;
}

// Delivers v once: false when the promise was delivered already.
bool promise_deliver(Value p, Value v) {
  if (!cell_compare_and_set(p, 0, kNotFound, v)) return false;
  set_slot(p, 1, kTrue);
  notify_change();  // wakes this process's threads waiting in deref
  return true;
}

namespace natives {
namespace {


Value n_promise(Value*, uint32_t) {
  Value p = alloc_slots(Type::kPromise, 2);
  init_slot(p, 0, kNotFound);
  init_slot(p, 1, kFalse);
  return p;
}

// (deliver p v): p when this delivered it, nil when it was delivered before.
Value n_deliver(Value* a, uint32_t) {
  if (!is(a[0], Type::kPromise)) throw_cast(a[0], "clojure.lang.IFn");
  return promise_deliver(a[0], a[1]) ? a[0] : kNil;
}

const NativeDef kPromise[] = {
    {"clojure.core", "promise", n_promise, 0, 0, true},
    {"clojure.core", "deliver", n_deliver, 2, 2, true},
};

}  // namespace

void register_promise_natives() {
  register_natives(kPromise, sizeof kPromise / sizeof kPromise[0]);
}

}  // namespace natives
// Waits for p, polling every 1 ms and backing off to 10 ms, at a safepoint
// between polls (a waiting process must not hold up a global collection of a
// shared heap); a timeout in milliseconds (< 0: none) gives `otherwise` when
// it expires first.
Value promise_deref(Value p, double timeout_ms, Value otherwise) {
  Root keep_p(p), keep_otherwise(otherwise);
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::duration_cast<clock::duration>(
                                     std::chrono::duration<double, std::milli>(timeout_ms < 0 ? 0 : timeout_ms));
  auto pause = std::chrono::milliseconds(1);
  for (Value v;;) {
    if (promise_read(p, v)) return v;
    if (timeout_ms >= 0 && clock::now() >= deadline) return otherwise;
    wait_for_change(clock::now() + (timeout_ms >= 0 ? std::min<clock::duration>(pause, deadline - clock::now()) : pause));
    pause = std::min(pause * 2, std::chrono::milliseconds(10));
    VM::current().safepoint();
  }
}

}  // namespace folio
