// interop.h - compile-time shims for the Java interop forms scripts use.
#pragma once
#include <string>
#include <string_view>

#include "vm/object.h"

namespace folio {

void register_interop_natives();
void register_class_natives();
// A class name users may write ("String", "clojure.lang.IPersistentMap") fully
// qualified, or "" when Folio knows no such class. Classes evaluate to symbols.
std::string resolve_class_symbol(std::string_view name);
bool instance_of(std::string_view cls, Value x);
// (isa? child parent) for two classes: parent is child, or one of its
// superclasses or interfaces (vm/class_supers.cpp).
bool class_assignable(std::string_view child, std::string_view parent);
// The Var standing in for Class/member called as a fn, or nil.
Value interop_static_method(std::string_view cls, std::string_view member);
// The Var standing in for (.member obj ...), or nil. `dotted_name` starts with '.'.
Value interop_method(std::string_view dotted_name);
// The value of a static field such as Long/MAX_VALUE; false when unknown.
bool interop_static_field(std::string_view cls, std::string_view member, Value* out);

}  // namespace folio
