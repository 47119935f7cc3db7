// transient.cpp - transient collections: transient, persistent!, conj!, assoc!,
// dissoc!, pop!, disj!.
//
// A transient is a box [coll, live] around a persistent collection: each
// mutating op replaces the boxed collection (one barriered slot write) and
// returns the box, and persistent! closes it. The semantics are Clojure's,
// including "Transient used after persistent! call"; in-place node editing
// (Clojure's edit-owner trick) is a later optimisation behind the same API.
#include "vm/vector_of.h"
#include "vm/transient.h"

#include "vm/collections.h"
#include "vm/native.h"
#include "vm/runtime.h"

namespace folio {
namespace {

enum TransientSlot : uint32_t { kColl, kLive };

Value open_coll(Value t) {
  if (!is(t, Type::kTransient)) {
    const char* cn = class_name(t);
    throw_error("java.lang.ClassCastException",
                std::string("class ") + (cn ? cn : "nil") + " cannot be cast to class clojure.lang.ITransientCollection");
  }
  if (!slot(t, kLive).truthy())
    throw_error("java.lang.IllegalAccessError", "Transient used after persistent! call");
  return slot(t, kColl);
}

Value make_transient(Value coll) {
  Value t = alloc_slots(Type::kTransient, 2);
  init_slot(t, kColl, coll);
  init_slot(t, kLive, kTrue);
  return t;
}

Value n_transient(Value* a, uint32_t) {
  Value c = a[0];
  if ((is(c, Type::kVector) && !vector_of_kind(c)) || is(c, Type::kArrayMap) || is(c, Type::kHashMap) ||
      is(c, Type::kHashSet))  // a vector-of is not editable, as the JVM's Vec
    return make_transient(meta(c).is_nil() ? c : with_meta(c, kNil, false));  // persistent! gives no metadata
  const char* cn = class_name(c);
  throw_error("java.lang.ClassCastException", class_cast_message(cn ? cn : "nil", "clojure.lang.IEditableCollection"));
}

Value n_persistent(Value* a, uint32_t) {
  Value c = open_coll(a[0]);
  set_slot(a[0], kLive, kFalse);
  return c;
}

Value n_conj(Value* a, uint32_t n) {
  if (n == 0) return make_transient(empty_vector());
  if (n == 1) return a[0];
  Value c = open_coll(a[0]);
  set_slot(a[0], kColl, conj(c, a[1]));
  return a[0];
}

Value n_assoc(Value* a, uint32_t n) {
  Value c = open_coll(a[0]);
  if ((n - 1) % 2) throw_error("java.lang.IllegalArgumentException", "assoc! expects even number of arguments after map/vector, found odd number");
  for (uint32_t i = 1; i + 1 < n; i += 2) {
    if (is(c, Type::kHashSet)) throw_error("java.lang.ClassCastException", "class clojure.lang.PersistentHashSet$TransientHashSet cannot be cast to class clojure.lang.ITransientAssociative");
    c = assoc(c, a[i], a[i + 1]);
  }
  set_slot(a[0], kColl, c);
  return a[0];
}

Value n_dissoc(Value* a, uint32_t n) {
  Value c = open_coll(a[0]);
  if (!is_map(c)) throw_error("java.lang.ClassCastException", std::string("class ") + class_name(c) + " cannot be cast to class clojure.lang.ITransientMap");
  for (uint32_t i = 1; i < n; ++i) c = map_dissoc(c, a[i]);
  set_slot(a[0], kColl, c);
  return a[0];
}

Value n_pop(Value* a, uint32_t) {
  Value c = open_coll(a[0]);
  if (!is(c, Type::kVector)) throw_error("java.lang.ClassCastException", std::string("class ") + class_name(c) + " cannot be cast to class clojure.lang.ITransientVector");
  if (vector_count(c) == 0) throw_error("java.lang.IllegalStateException", "Can't pop empty vector");
  set_slot(a[0], kColl, vector_pop(c));
  return a[0];
}

Value n_disj(Value* a, uint32_t n) {
  Value c = open_coll(a[0]);
  if (!is(c, Type::kHashSet)) throw_error("java.lang.ClassCastException", std::string("class ") + class_name(c) + " cannot be cast to class clojure.lang.ITransientSet");
  for (uint32_t i = 1; i < n; ++i) c = set_disj(c, a[i]);
  set_slot(a[0], kColl, c);
  return a[0];
}

const NativeDef kNatives[] = {
    {"clojure.core", "transient", n_transient, 1, 1, false},
    {"clojure.core", "persistent!", n_persistent, 1, 1, false},
    {"clojure.core", "conj!", n_conj, 0, 2, false},
    {"clojure.core", "assoc!", n_assoc, 3, -1, false},
    {"clojure.core", "dissoc!", n_dissoc, 2, -1, false},
    {"clojure.core", "pop!", n_pop, 1, 1, false},
    {"clojure.core", "disj!", n_disj, 1, -1, false},
};

}  // namespace

void register_transient_natives() { register_natives(kNatives, sizeof kNatives / sizeof kNatives[0]); }

Value transient_view(Value t) { return open_coll(t); }

}  // namespace folio
