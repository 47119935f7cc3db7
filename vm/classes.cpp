// classes.cpp - classes as values. There are no JVM classes, but a class
// name (Long, java.util.Map, user.Point) evaluates to a Class object
// (Type::kClass: its name, interned per heap in vm/object.cpp), which is what
// class and type return: = and hash by identity, printed as its name, str
// "class java.lang.Long" (or "interface ..."), shared by processes and nodes
// like any immutable object. instance? and isa? compare class names: the
// concrete class of a value (class_name, vm/printer.cpp), the interfaces
// users test for (kIfaces), the hierarchy of vm/class_supers.cpp.
#include "vm/classes.h"

#include <string>

#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/deftype.h"
#include "vm/jarray.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/runtime.h"

namespace folio {
namespace {

const char* const kJavaLang[] = {"String", "Long", "Integer", "Double", "Float", "Short", "Byte", "Boolean",
                                 "Character", "Number", "Object", "Comparable", "CharSequence", "Iterable",
                                 "Math", "System", "Thread", "Class", "StringBuilder"};

using Pred = bool (*)(Value);
struct Iface {
  const char* name;
  Pred pred;
};
bool p_number(Value v) { return is_number(v); }
bool p_string(Value v) { return is(v, Type::kString); }
bool p_fn(Value v) { return is(v, Type::kClosure) || is(v, Type::kNative); }
bool p_ifn(Value v) {
  return p_fn(v) || is(v, Type::kKeyword) || is(v, Type::kSymbol) || is_map(v) || is_set(v) ||
         is(v, Type::kVector) || is(v, Type::kVar);
}
bool p_map(Value v) { return is_map(v); }
bool p_vector(Value v) { return is(v, Type::kVector); }
bool p_set(Value v) { return is_set(v); }
bool p_list(Value v) { return is(v, Type::kVector) || is_seq(v); }
bool p_named(Value v) { return is(v, Type::kKeyword) || is(v, Type::kSymbol); }
bool p_deref(Value v) {
  return is(v, Type::kAtom) || is(v, Type::kVar) || is(v, Type::kDelay) || is(v, Type::kVolatile) ||
         is(v, Type::kRef) || is(v, Type::kPromise) || is(v, Type::kFuture) || is(v, Type::kAgent);
}
bool p_comparable(Value v) { return is_number(v) || is(v, Type::kString) || p_named(v) || is(v, Type::kVector) || v.is_bool() || v.is_char(); }
bool p_meta(Value v) { return is_coll(v) || is(v, Type::kSymbol) || is(v, Type::kClosure) || is(v, Type::kVar); }

const Iface kIfaces[] = {
    {"java.lang.Number", p_number},
    {"java.lang.CharSequence", p_string},
    {"java.lang.Comparable", p_comparable},
    {"clojure.lang.Fn", p_fn},
    {"clojure.lang.AFunction", p_fn},
    {"clojure.lang.AFn", p_fn},
    {"clojure.lang.IFn", p_ifn},
    {"clojure.lang.ILookup", [](Value v) { return p_map(v) || p_vector(v); }},
    {"clojure.lang.ISeq", is_seq},
    {"clojure.lang.Seqable", [](Value v) { return is_coll(v) || is(v, Type::kString); }},
    {"clojure.lang.Sequential", is_sequential},
    {"clojure.lang.IPersistentCollection", is_coll},
    {"java.util.Collection", is_coll},
    {"clojure.lang.Counted", is_coll},
    {"clojure.lang.IPersistentMap", p_map},
    {"clojure.lang.APersistentMap", p_map},
    {"clojure.lang.Associative", [](Value v) { return p_map(v) || p_vector(v); }},
    {"java.util.Map", p_map},
    {"clojure.lang.IPersistentVector", p_vector},
    {"clojure.lang.APersistentVector", p_vector},
    {"java.util.List", p_list},
    {"java.util.RandomAccess", p_vector},
    {"clojure.lang.IPersistentSet", p_set},
    {"java.util.Set", p_set},
    {"clojure.lang.IPersistentList", [](Value v) { return is(v, Type::kList) || is(v, Type::kEmptyList); }},
    {"clojure.lang.Named", p_named},
    {"clojure.lang.IDeref", p_deref},
    {"clojure.lang.IAtom", [](Value v) { return is(v, Type::kAtom); }},
    {"clojure.lang.IPending", [](Value v) {
       return is(v, Type::kDelay) || is(v, Type::kLazySeq) || is(v, Type::kPromise) || is(v, Type::kFuture);
     }},
    {"clojure.lang.IBlockingDeref", [](Value v) { return is(v, Type::kPromise) || is(v, Type::kFuture); }},
    {"java.util.concurrent.Future", [](Value v) { return is(v, Type::kFuture); }},
    {"clojure.lang.Agent", [](Value v) { return is(v, Type::kAgent); }},
    {"clojure.lang.IObj", p_meta},
    {"clojure.lang.IMeta", p_meta},
    {"java.lang.Iterable", is_coll},
    {"clojure.lang.Sorted", is_sorted},
    {"clojure.lang.IRecord", [](Value v) { return !record_type(v).is_nil(); }},
    {"clojure.lang.IType", [](Value v) { return is(v, Type::kDeftype); }},
    {"clojure.lang.MultiFn", [](Value v) { return std::string_view(class_name(v)) == "clojure.lang.MultiFn"; }},
    {"clojure.lang.Reversible", [](Value v) { return is(v, Type::kVector) || is_sorted(v); }},
    {"java.util.SortedMap", [](Value v) { return is(v, Type::kTreeMap); }},
    {"java.util.SortedSet", [](Value v) { return is(v, Type::kTreeSet); }},
};

bool known_concrete(std::string_view name) {
  // Every class_name() answer names a class users may write.
  static const char* const kConcrete[] = {
      "java.lang.Long", "java.lang.Double", "java.lang.String", "java.lang.Boolean", "java.lang.Character",
      "clojure.lang.Symbol", "clojure.lang.Keyword", "clojure.lang.PersistentList",
      "clojure.lang.PersistentList$EmptyList", "clojure.lang.Cons", "clojure.lang.LazySeq",
      "clojure.lang.PersistentVector", "clojure.lang.MapEntry", "clojure.lang.PersistentArrayMap",
      "clojure.lang.PersistentHashMap", "clojure.lang.PersistentHashSet", "clojure.lang.LongRange",
      "clojure.lang.PersistentTreeMap", "clojure.lang.PersistentTreeSet",
      "clojure.lang.Var", "clojure.lang.Namespace", "clojure.lang.Atom", "clojure.lang.Ref",
      "clojure.lang.Volatile", "clojure.lang.Delay", "java.util.regex.Pattern", "java.lang.Integer",
      "java.lang.Object", "java.lang.Class", "clojure.lang.BigInt", "java.math.BigInteger",
      "clojure.lang.Ratio", "java.math.BigDecimal"};
  for (const char* c : kConcrete)
    if (name == c) return true;
  if (known_class(name)) return true;
  for (const Iface& i : kIfaces)
    if (name == i.name) return true;
  return false;
}

// Names JVM 1.11 reports as interfaces (Class.isInterface) among the classes
// Folio names: str says "interface ...".
const char* const kInterfaces[] = {
    "clojure.lang.Associative", "clojure.lang.Counted", "clojure.lang.Fn", "clojure.lang.IAtom",
    "clojure.lang.IBlockingDeref", "clojure.lang.IDeref", "clojure.lang.IFn", "clojure.lang.IMeta",
    "clojure.lang.IObj", "clojure.lang.IPending", "clojure.lang.IPersistentCollection",
    "clojure.lang.IPersistentList", "clojure.lang.IPersistentMap", "clojure.lang.IPersistentSet",
    "clojure.lang.IPersistentVector", "clojure.lang.IRecord", "clojure.lang.ISeq", "clojure.lang.IType",
    "clojure.lang.Named", "clojure.lang.Reversible", "clojure.lang.Seqable", "clojure.lang.Sequential",
    "clojure.lang.Sorted", "clojure.lang.ILookup", "clojure.lang.IReduce", "clojure.lang.IReduceInit",
    "java.lang.CharSequence", "java.lang.Comparable", "java.lang.Iterable", "java.util.Collection",
    "java.util.List", "java.util.Map", "java.util.RandomAccess", "java.util.Set", "java.util.SortedMap",
    "java.util.SortedSet", "java.util.concurrent.Future"};

}  // namespace

bool is_interface_name(std::string_view name) {
  for (const char* i : kInterfaces)
    if (name == i) return true;
  return false;
}

std::string_view class_value_name(Value c) { return string_view(symbol_name(class_sym(c))); }

std::string class_simple_name(std::string_view name) {
  size_t dims = name.find_first_not_of('[');  // an array: long[], String[][] ...
  if (dims > 0 && dims != std::string_view::npos) {
    static const char* const kPrims[] = {"Zboolean", "Bbyte", "Sshort", "Iint", "Jlong", "Cchar", "Ffloat", "Ddouble"};
    std::string base(name.substr(dims));
    for (const char* p : kPrims)
      if (base.size() == 1 && base[0] == p[0]) base = p + 1;
    if (base.starts_with("L")) base = class_simple_name(std::string_view(base).substr(1, base.size() - 2));
    for (size_t i = 0; i < dims; ++i) base += "[]";
    return base;
  }
  size_t dot = name.rfind('.');
  std::string_view s = dot == std::string_view::npos ? name : name.substr(dot + 1);
  size_t dollar = s.rfind('$');  // a nested class (PersistentList$EmptyList), not a fn's or reify's
  if (dollar != std::string_view::npos && dollar + 1 < s.size() && s[dollar + 1] >= 'A' && s[dollar + 1] <= 'Z')
    s = s.substr(dollar + 1);
  return std::string(s);
}

void append_class_str(std::string& out, Value c) {
  std::string_view name = class_value_name(c);
  if (primitive_kind(name)) return void(out += name);  // Long/TYPE: "long"
  out += is_interface_name(name) ? "interface " : "class ";
  out += name;
}

Value class_named(std::string_view name) {
  std::string full = resolve_class_symbol(name);
  if (!full.empty()) return make_class(full);
  Value tv = type_var_for_class(name);  // a record's or deftype's
  return tv.is_nil() ? kNil : var_root(tv);
}

Value class_of(Value v) {
  Value rt = is(v, Type::kDeftype) ? deftype_type(v) : record_type(v);  // user.P, as on the JVM
  if (!rt.is_nil()) return make_class(string_view(symbol_name(rt)));
  const char* cn = class_name(v);
  return cn ? make_class(cn) : kNil;
}

std::string resolve_class_symbol(std::string_view name) {
  for (const char* s : kJavaLang)
    if (name == s) return "java.lang." + std::string(name);
  if (name == "BigInteger" || name == "BigDecimal") return "java.math." + std::string(name);  // imported by default
  if (name.find('.') == std::string_view::npos) {
    std::string e = resolve_class_name(name);  // exception classes
    return e;
  }
  if (known_concrete(name) || !resolve_class_name(name).empty()) return std::string(name);
  return "";
}

bool instance_of(std::string_view cls, Value x) {
  if (cls == "java.lang.Object") return !x.is_nil();
  if (is_throwable(x)) return class_isa(throwable_class(x), cls);
  Value rt = record_type(x);  // records (stdlib/core_proto.clj) are instances of their type
  if (!rt.is_nil() && cls == symbol_str(rt)) return true;
  const char* actual = class_name(x);
  if (!actual) return false;
  if (cls == actual) return true;
  if (is(x, Type::kDeftype) && deftype_implements(x, std::string(cls).c_str())) return true;
  for (const Iface& i : kIfaces)
    if (cls == i.name) return i.pred(x);
  return false;
}

namespace {

[[noreturn]] void not_a_class(Value c) { natives::throw_cast(c, "java.lang.Class"); }

Value n_instance(Value* a, uint32_t) {
  if (!is(a[0], Type::kClass)) not_a_class(a[0]);
  return Value::boolean(instance_of(class_value_name(a[0]), a[1]));
}

// (folio-class-isa? child parent): true when both are classes and child is
// assignable to parent (every class is an Object); isa? (stdlib/core_ns.clj) asks it.
Value n_class_isa(Value* a, uint32_t) {
  if (!is(a[0], Type::kClass) || !is(a[1], Type::kClass)) return Value::boolean(false);
  std::string_view child = class_value_name(a[0]), parent = class_value_name(a[1]);
  if (parent == "java.lang.Object") return Value::boolean(true);
  return Value::boolean(class_assignable(child, parent));
}

Value n_class(Value* a, uint32_t) { return class_of(a[0]); }

// A :type in the metadata is the type, whatever it is; a record's is its class.
Value n_type(Value* a, uint32_t) {
  Value m = meta(a[0]);
  if (is_map(m) && record_type(a[0]).is_nil()) {
    Value t = map_get(m, keyword("type"), kNil);
    if (!t.is_nil()) return t;
  }
  return class_of(a[0]);
}

// (folio-class name): the Class named by a symbol or string.
Value n_make_class(Value* a, uint32_t) {
  if (is(a[0], Type::kSymbol)) return make_class(symbol_str(a[0]));
  if (is(a[0], Type::kString)) return make_class(string_view(a[0]));
  if (is(a[0], Type::kClass)) return a[0];
  natives::throw_cast(a[0], "java.lang.String");
}

[[noreturn]] void no_method(const char* m, Value x) {
  const char* cn = class_name(x);
  if (!cn) throw_error("java.lang.NullPointerException", "");
  throw_error("java.lang.IllegalArgumentException",
              std::string("No matching method ") + m + " found taking 0 args for class " + cn);
}

// (.getName x): a class's name; a namespace's (a symbol), as the JVM's Namespace.
Value n_get_name(Value* a, uint32_t) {
  if (is(a[0], Type::kClass)) return make_string(class_value_name(a[0]));
  if (is(a[0], Type::kNamespace)) return ns_name(a[0]);
  no_method("getName", a[0]);
}

Value n_get_simple_name(Value* a, uint32_t) {
  if (!is(a[0], Type::kClass)) no_method("getSimpleName", a[0]);
  return make_string(class_simple_name(class_value_name(a[0])));
}

const NativeDef kClassNatives[] = {
    {"clojure.core", "instance?", n_instance, 2, 2, true},
    {"clojure.core", "folio-class-isa?", n_class_isa, 2, 2, true},
    {"clojure.core", "class", n_class, 1, 1, true},
    {"clojure.core", "type", n_type, 1, 1, false},
    {"clojure.core", "folio-class", n_make_class, 1, 1, true},
    {"clojure.core", "folio-get-name", n_get_name, 1, 1, true},
    {"clojure.core", "folio-get-simple-name", n_get_simple_name, 1, 1, true},
};
}  // namespace

void register_class_natives() { register_natives(kClassNatives, sizeof kClassNatives / sizeof kClassNatives[0]); }

}  // namespace folio
