// transient.h - transient collections (see transient.cpp).
#pragma once
#include "vm/object.h"

namespace folio {

void register_transient_natives();
// The collection inside a live transient, for reads (count, nth, get, invoke);
// IllegalAccessError after persistent!.
Value transient_view(Value t);

}  // namespace folio
