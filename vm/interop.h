// interop.h - compile-time shims for the Java interop forms scripts use.
#pragma once
#include <string>
#include <string_view>

#include "vm/classes.h"
#include "vm/object.h"

namespace folio {

void register_interop_natives();
// The Var standing in for Class/member called as a fn, or nil.
Value interop_static_method(std::string_view cls, std::string_view member);
// The Var standing in for (.member obj ...), or nil. `dotted_name` starts with '.'.
Value interop_method(std::string_view dotted_name);
// The value of a static field such as Long/MAX_VALUE; false when unknown.
bool interop_static_field(std::string_view cls, std::string_view member, Value* out);

}  // namespace folio
