// deftype.h - deftype instances (Type::kDeftype): objects of their own, not
// maps. What the rest of the VM asks of them: their type, and the Object
// methods (equals, hashCode, toString) the type may implement.
#pragma once
#include <string>
#include <string_view>

#include "vm/object.h"

namespace folio {

Value deftype_type(Value x);  // its type symbol (user.Point), else nil
// A reify's object: a deftype instance of fields [__reify-impls __reify-meta]
// (its methods, closures of this instance, and its metadata: slots 2 and 3).
bool is_reify(Value x);
// Object's equals when the type implements it, else identity.
bool deftype_equiv(Value a, Value b);
// Object's hashCode when the type implements it, else the identity hash.
int32_t deftype_hash(Value x);
// ILookup's valAt when the type implements it, else nf (get, keyword lookup).
Value deftype_lookup(Value x, Value k, Value nf);
// Seqable's seq (IllegalArgumentException when not implemented).
Value deftype_seq(Value x);
// Counted's count into *n when the type implements it.
bool deftype_count(Value x, int64_t* n);
// IFn's invoke of (x args...) into *out when the type implements it.
bool deftype_invoke(Value x, Value* args, uint32_t n, Value* out);
// Appends Object's toString: the type's own, or "user.Point@hex" as the JVM's.
void deftype_append_str(std::string& out, Value x);

// True when x is a deftype instance whose type implements interface iface
// ("clojure.lang.IDeref": those stdlib/core_proto.clj emulates), for instance? and ifn?.
bool deftype_implements(Value x, const char* iface);
// The var a deftype or defrecord defined for the class named cls
// (`my_app.core.Point`: the namespace munged, then the name), or nil.
Value type_var_for_class(std::string_view cls);

}  // namespace folio
