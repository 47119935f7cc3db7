// promise.h - the one read and the one set of a promise (vm/core_natives_promise.cpp):
// the places the sharing work makes cross-process.
#pragma once
#include "vm/object.h"

namespace folio {

bool promise_read(Value p, Value& out);  // false while undelivered
bool promise_deliver(Value p, Value v);  // false when delivered before
// deref: waits for the value, at a safepoint between polls; with a timeout in
// milliseconds (< 0: none), `otherwise` when it expires first.
Value promise_deref(Value p, double timeout_ms, Value otherwise);

}  // namespace folio
