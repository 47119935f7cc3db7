// classes.h - classes as values (Type::kClass, vm/classes.cpp): what class
// and type return and what class names evaluate to; instance? and isa? on them.
#pragma once
#include <string>
#include <string_view>

#include "vm/object.h"

namespace folio {

void register_class_natives();
// A class name users may write ("String", "clojure.lang.IPersistentMap") fully
// qualified, or "" when Folio knows no such class. It evaluates to make_class of it.
std::string resolve_class_symbol(std::string_view name);
bool instance_of(std::string_view cls, Value x);
// (isa? child parent) for two classes: parent is child, or one of its
// superclasses or interfaces (vm/class_supers.cpp).
bool class_assignable(std::string_view child, std::string_view parent);
bool known_class(std::string_view name);  // in vm/class_supers.cpp's table
// The class a symbol's name denotes (Long, java.util.Map, user.Point), or nil.
Value class_named(std::string_view name);
// The Class of v ((class v)), nil for nil.
Value class_of(Value v);
std::string_view class_value_name(Value c);       // "java.lang.Long"
std::string class_simple_name(std::string_view name);  // "Long"
bool is_interface_name(std::string_view name);
// What str gives: "class java.lang.Long", "interface clojure.lang.IFn".
void append_class_str(std::string& out, Value c);

}  // namespace folio
