// verify.h - bytecode verification for fns that come from outside this build's compiler.
#pragma once
#include <string>

#include "vm/object.h"

namespace folio {

// Checks a Closure or FnDef (and every fn nested in its constants): register,
// constant, capture and jump bounds. False with a reason in *error when unsafe.
bool verify_fn(Value fn_or_def, std::string* error = nullptr);

}  // namespace folio
