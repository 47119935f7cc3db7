// deftype.cpp - deftype instances: [type Symbol, basis Vector of field Symbols,
// field values...] (vm/object.h). stdlib/core_proto.clj's deftype makes them
// through folio-deftype-new and reads fields in method bodies with
// folio-deftype-get; a mutable field (^:volatile-mutable or
// ^:unsynchronized-mutable on its symbol in the basis) is written by set!,
// which the compiler turns into folio-deftype-set! (a barriered store). An
// instance with a mutable field is node-local: a shared copy of a mutable
// object would not stay coherent across processes or cluster nodes.
//
// Not a map: = and hash are identity unless the type implements Object's
// equals / hashCode, which are then called (stdlib's interface-protocols).
#include "vm/deftype.h"

#include <algorithm>
#include <vector>

#include "vm/classes.h"
#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/fn.h"
#include "vm/murmur3.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio {
namespace {

constexpr uint32_t kHead = 2;  // slots before the fields: type, basis

bool mutable_field(Value sym) {
  Value m = meta(sym);
  return is_map(m) && (map_get(m, keyword("volatile-mutable"), kNil).truthy() ||
                       map_get(m, keyword("unsynchronized-mutable"), kNil).truthy());
}

// Calls method `name` of interface iface as x's type implements it, with
// args, into *out; false when the type does not implement it. The callers
// (=, hash, get, str, the printer) hold unrooted values in C++ locals, so no
// collection runs meanwhile.
bool call_iface_method(const char* iface, const char* name, Value x, Value* args, uint32_t n, Value* out) {
  NoGC guard;
  Value f = natives::interface_method(iface, name, x);
  if (f.is_nil()) return false;
  *out = call_fn(f, args, n);
  return true;
}

bool call_object_method(const char* name, Value x, Value* args, uint32_t n, Value* out) {
  return call_iface_method("java.lang.Object", name, x, args, n, out);
}

Value check_deftype(Value x) {
  if (!is(x, Type::kDeftype)) natives::throw_cast(x, "clojure.lang.IType");
  return x;
}

uint32_t field_index(Value x, Value i) {
  uint32_t n = nslots(check_deftype(x)) - kHead;
  if (!i.is_fixnum() || i.fixnum_value() < 0 || uint64_t(i.fixnum_value()) >= n)
    natives::throw_arg("no field " + pr_str(i) + " in " + symbol_str(slot(x, 0)));
  return uint32_t(i.fixnum_value()) + kHead;
}

// (folio-deftype-new type basis & vals): a new instance.
Value n_deftype_new(Value* a, uint32_t n) {
  Value type = a[0], basis = a[1];
  if (!is(type, Type::kSymbol) || !is(basis, Type::kVector)) natives::throw_arg("folio-deftype-new: bad type");
  int64_t nf = vector_count(basis);
  if (int64_t(n) - 2 != nf) natives::throw_arg("folio-deftype-new: " + std::to_string(nf) + " fields, " + std::to_string(n - 2) + " values");
  uint16_t flags = 0;
  for (int64_t i = 0; i < nf; ++i)
    if (mutable_field(vector_nth(basis, i))) flags = heap::kNodeLocal;
  Value v = g_heap->ref(g_heap->alloc(uint8_t(Type::kDeftype), uint32_t(kHead + nf), flags));
  init_slot(v, 0, type);
  init_slot(v, 1, basis);
  for (int64_t i = 0; i < nf; ++i) init_slot(v, uint32_t(kHead + i), a[2 + i]);
  return v;
}

Value n_deftype_get(Value* a, uint32_t) { return slot(a[0], field_index(a[0], a[1])); }

Value n_deftype_set(Value* a, uint32_t) {
  set_slot(a[0], field_index(a[0], a[1]), a[2]);
  return a[2];
}

// (.-name x) of a deftype: a field other code may read; mutable fields are
// private on the JVM, so they are not found.
Value n_deftype_field(Value* a, uint32_t) {
  Value x = check_deftype(a[0]);
  std::string_view want = string_view(symbol_name(keyword_sym(a[1])));
  Value basis = slot(x, 1);
  for (int64_t i = 0, nf = vector_count(basis); i < nf; ++i) {
    Value f = vector_nth(basis, i);
    if (string_view(symbol_name(f)) == want && !mutable_field(f)) return slot(x, uint32_t(kHead + i));
  }
  natives::throw_arg("No matching field found: " + std::string(want) + " for class " + symbol_str(slot(x, 0)));
}

Value n_deftype_p(Value* a, uint32_t) { return Value::boolean(is(a[0], Type::kDeftype)); }

Value n_reify_impls(Value* a, uint32_t) { return is_reify(a[0]) ? slot(a[0], kHead) : kNil; }

const NativeDef kDeftypeNatives[] = {
    {"clojure.core", "folio-deftype-new", n_deftype_new, 2, -1, true},
    {"clojure.core", "folio-deftype-get", n_deftype_get, 2, 2, true},
    {"clojure.core", "folio-deftype-set!", n_deftype_set, 3, 3, true},
    {"clojure.core", "folio-deftype-field", n_deftype_field, 2, 2, true},
    {"clojure.core", "folio-deftype?", n_deftype_p, 1, 1, true},
    {"clojure.core", "folio-reify-impls", n_reify_impls, 1, 1, true},
};

}  // namespace

bool is_reify(Value x) {
  if (!is(x, Type::kDeftype) || nslots(x) != kHead + 2) return false;
  Value basis = slot(x, 1);
  return vector_count(basis) == 2 && string_view(symbol_name(vector_nth(basis, 0))) == "__reify-impls";
}

Value deftype_type(Value x) { return is(x, Type::kDeftype) ? slot(x, 0) : kNil; }

bool deftype_equiv(Value a, Value b) {
  Value args[2] = {a, b}, r;
  if (!call_object_method("equals", a, args, 2, &r)) return a == b;
  return r.truthy();
}

int32_t deftype_hash(Value x) {
  Value r;
  if (!call_object_method("hashCode", x, &x, 1, &r)) return murmur3::hash_long(int64_t(x.offset()));
  if (!is_long(r)) natives::throw_cast(r, "java.lang.Integer");
  return int32_t(uint32_t(uint64_t(long_value(r))));
}

Value deftype_lookup(Value x, Value k, Value nf) {
  Value args[3] = {x, k, nf}, r;
  return call_iface_method("clojure.lang.ILookup", "valAt", x, args, nf.is_nil() ? 2 : 3, &r) ? r : nf;
}

Value deftype_seq(Value x) {
  Value r;
  if (!call_iface_method("clojure.lang.Seqable", "seq", x, &x, 1, &r))
    throw_error("java.lang.IllegalArgumentException", "Don't know how to create ISeq from: " + symbol_str(slot(x, 0)));
  return seq(r);
}

bool deftype_count(Value x, int64_t* n) {
  Value r;
  if (!call_iface_method("clojure.lang.Counted", "count", x, &x, 1, &r)) return false;
  if (!is_long(r)) natives::throw_cast(r, "java.lang.Number");
  *n = long_value(r);
  return true;
}

bool deftype_invoke(Value x, Value* args, uint32_t n, Value* out) {
  Value f;
  {
    NoGC guard;  // as for the other methods: only the call below may collect
    f = natives::interface_method("clojure.lang.IFn", "invoke", x);
  }
  if (f.is_nil()) return false;
  std::vector<Value> all{x};
  all.insert(all.end(), args, args + n);
  *out = call_fn(f, all.data(), uint32_t(all.size()));  // the body may run long: collections allowed
  return true;
}

void deftype_append_str(std::string& out, Value x) {
  Value r;
  if (call_object_method("toString", x, &x, 1, &r)) {
    if (!is(r, Type::kString)) natives::throw_cast(r, "java.lang.String");
    out += string_view(r);
    return;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "@%x", uint32_t(deftype_hash(x)));
  out += symbol_str(slot(x, 0));
  out += buf;
}

bool deftype_implements(Value x, const char* iface) {
  if (!is(x, Type::kDeftype)) return false;
  static CachedCoreVar finder{"-implements?"};
  Value f = var_root(finder.get());
  if (f == kUnbound || f.is_nil()) return false;
  NoGC guard;
  Value args[2] = {make_symbol(iface), x};
  return call_fn(f, args, 2).truthy();
}

Value type_var_for_class(std::string_view cls) {
  size_t dot = cls.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == cls.size()) return kNil;
  std::string_view prefix = cls.substr(0, dot), simple = cls.substr(dot + 1);
  for (Value s = all_namespaces(); !s.is_nil(); s = next(s)) {
    Value ns = first(s);
    std::string munged(string_view(symbol_name(ns_name(ns))));
    std::replace(munged.begin(), munged.end(), '-', '_');  // namespace-munge, as deftype names its class
    if (munged != prefix) continue;
    Value var = ns_find_mapping(ns, make_symbol("", simple));
    if (var.is_nil() || slot(var, kVarNs) != ns) return kNil;
    Value root = var_root(var);
    return is(root, Type::kClass) && class_value_name(root) == cls ? var : kNil;
  }
  return kNil;
}

namespace natives {
void register_deftype_natives() { register_natives(kDeftypeNatives, sizeof kDeftypeNatives / sizeof kDeftypeNatives[0]); }
}  // namespace natives

}  // namespace folio
