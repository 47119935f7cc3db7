// stm.h - refs and transactions (see stm.cpp for the commit protocol).
#pragma once
#include <cstdint>

#include "vm/object.h"

namespace folio {

void register_stm_natives();
Value ref_deref(Value ref);  // the transaction's view inside dosync, else the committed value
bool in_transaction();
uint64_t stm_retries();      // transactions restarted because a ref they read changed
// Applies the intent record a commit left (all of it, again: it is idempotent)
// and clears it. Commit calls it; so does the heap lock's owner-died repair.
void stm_roll_forward();
// Commits a new value as another thread or process would (tests, sharing).
void stm_commit_from_outside(Value ref, Value v);

}  // namespace folio
