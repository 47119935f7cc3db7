// stm.h - refs and transactions (see stm.cpp for the commit protocol).
#pragma once
#include <cstdint>

#include "vm/object.h"

namespace folio {

void register_stm_natives();
Value ref_deref(Value ref);  // the transaction's view inside dosync, else the committed value
bool in_transaction();
uint64_t stm_retries();      // transactions restarted because a ref they read changed
// Commits a new value as another thread or process would (tests, sharing).
void stm_commit_from_outside(Value ref, Value v);

}  // namespace folio
