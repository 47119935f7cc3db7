// core_natives_cells.cpp - reference cells.
//   clojure.core: atom deref swap! swap-vals! reset! reset-vals!
//     compare-and-set! add-watch remove-watch set-validator! get-validator
//     reset-meta! alter-meta! volatile! vreset! volatile? make-delay force
//     realized?
// Layouts (vm/object.h): Atom [value, validator, watches map, meta],
// Ref [value, version, validator, watches, meta], Volatile [value],
// Delay [fn|nil, value, error], Promise [value, delivered].
// Every change of a cell's value goes through cell_compare_and_set.
#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/stm.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/promise.h"
#include "vm/runtime.h"
#include "vm/threads.h"
#include "vm/vm.h"

namespace folio {

// One atomic word: in a shared heap other processes swap the same cell, and
// the heap publishes `desired` before it can be seen (heap.h).
bool cell_compare_and_set(Value cell, uint32_t s, Value expected, Value desired) {
  return g_heap->compare_and_set(obj(cell), s, expected, desired);
}

namespace natives {
namespace {

enum : uint32_t { kAtomValue = 0, kAtomValidator = 1, kAtomWatches = 2, kAtomMeta = 3 };
enum : uint32_t { kRefValue = 0, kRefValidator = 2, kRefWatches = 3, kRefMeta = 4 };

// The validator / watches slot of an IRef (atoms and refs), or -1.
int validator_slot(Value r) {
  return is(r, Type::kAtom) ? int(kAtomValidator) : is(r, Type::kRef) ? int(kRefValidator)
       : is(r, Type::kAgent) ? int(kAgentValidator) : -1;
}
int watches_slot(Value r) {
  return is(r, Type::kAtom) ? int(kAtomWatches) : is(r, Type::kRef) ? int(kRefWatches)
       : is(r, Type::kAgent) ? int(kAgentWatches) : -1;
}

Value need_atom(Value a) {
  if (!is(a, Type::kAtom)) throw_cast(a, "clojure.lang.IAtom");
  return a;
}

// ARef.validate
void validate(Value validator, Value v) {
  if (validator.is_nil()) return;
  if (!call_fn(validator, v).truthy()) throw_error("java.lang.IllegalStateException", "Invalid reference state");
}

// ARef.notifyWatches: (f key ref old new) for each watch, over a snapshot.
void notify_watches(Value ref, Value old, Value now) {
  int ws = watches_slot(ref);
  Value w = ws < 0 ? kNil : slot(ref, uint32_t(ws));
  if (w.is_nil() || map_count(w) == 0) return;
  std::vector<Value> entries;
  map_for_each(w, [&](Value k, Value f) {
    entries.push_back(k);
    entries.push_back(f);
  });
  for (size_t i = 0; i < entries.size(); i += 2) {
    if (entries[i + 1].is_nil()) continue;
    Value args[4] = {entries[i], ref, old, now};
    call_fn(entries[i + 1], args, 4);
  }
}

// (atom x & {:keys [meta validator]})
Value n_atom(Value* a, uint32_t n) {
  if (n % 2 == 0) throw_arg("No value supplied for key: " + to_str(a[n - 1]));
  Value at = alloc_slots(Type::kAtom, 4);
  init_slot(at, kAtomValue, a[0]);
  Value m = kNil, v = kNil;
  for (uint32_t i = 1; i + 1 < n; i += 2) {
    if (a[i] == keyword("meta")) m = a[i + 1];
    else if (a[i] == keyword("validator")) v = a[i + 1];
  }
  if (!m.is_nil()) {
    if (!is_map(m)) throw_cast(m, "clojure.lang.IPersistentMap");
    init_slot(at, kAtomMeta, m);
  }
  if (!v.is_nil()) {
    validate(v, a[0]);
    set_slot(at, kAtomValidator, v);
  }
  return at;
}

// ---------------------------------------------------------------- delays

Value force_delay(Value d) {
  Root keep(d);  // deref is gc-safe: the delay's fn may run a long time
  RealizeGuard one_thread(slot(d, 0).is_nil() ? kNil : d);
  if (!slot(d, 0).is_nil()) {
    try {
      Value v = call_fn(slot(d, 0));
      set_slot(d, 1, v);
    } catch (const Thrown& t) {
      set_slot(d, 2, t.exc);
    }
    set_slot(d, 0, kNil);
  }
  Value err = slot(d, 2);
  if (!err.is_nil()) throw Thrown{err};
  return slot(d, 1);
}

}  // namespace

Value interface_method(const char* iface, const char* method, Value x) {
  if (!is(x, Type::kArrayMap) && !is(x, Type::kHashMap) && !is(x, Type::kDeftype)) return kNil;  // host objects: maps
  static CachedCoreVar finder{"-interface-method"};
  Value f = var_root(finder.get());
  if (f == kUnbound || f.is_nil()) return kNil;
  Root keep(x);
  Value s = make_symbol(iface);
  Root keep_s(s);
  Value args[3] = {s, keyword(method), x};
  return call_fn(f, args, 3);
}

namespace {

Value n_deref(Value* a, uint32_t n) {
  Value x = a[0];
  if (n == 3) {
    if (Value m = interface_method("clojure.lang.IBlockingDeref", "deref", x); !m.is_nil()) {
      Value args[3] = {x, a[1], a[2]};
      return call_fn(m, args, 3);
    }
    if (!is(x, Type::kPromise) && !is(x, Type::kFuture)) throw_cast(x, "clojure.lang.IBlockingDeref");
    if (!is_number(a[1])) throw_cast(a[1], "java.lang.Number");
    if (is(x, Type::kFuture)) return future_deref(x, to_double(a[1]), a[2]);
    return promise_deref(x, to_double(a[1]), a[2]);
  }
  if (n == 2) throw_error("clojure.lang.ArityException", "Wrong number of args (2) passed to: clojure.core/deref");
  if (x.is_ref()) {
    switch (type_of_obj(x)) {
      case Type::kAtom: case Type::kVolatile: return g_heap->load(obj(x), 0);
      case Type::kRef: return ref_deref(x);
      case Type::kVar: return var_deref(x);
      case Type::kDelay: return force_delay(x);
      case Type::kPromise: return promise_deref(x, -1, kNil);
      case Type::kVector:  // (reduced v) is [v] with {:folio/reduced true} metadata (stdlib/core.clj)
        if (is_map(meta(x)) && map_get(meta(x), keyword("folio", "reduced"), kNil).truthy()) return vector_nth(x, 0);
        break;
      case Type::kFuture: return future_deref(x, -1, kNil);
      case Type::kAgent: return slot(x, kAgentState);
      default: break;
    }
  }
  if (Value m = interface_method("clojure.lang.IDeref", "deref", x); !m.is_nil()) return call_fn(m, x);
  throw_cast(x, "java.util.concurrent.Future");
}

Value n_force(Value* a, uint32_t) { return is(a[0], Type::kDelay) ? force_delay(a[0]) : a[0]; }

Value n_make_delay(Value* a, uint32_t) {
  Value d = alloc_slots(Type::kDelay, 3);
  init_slot(d, 0, a[0]);
  return d;
}

Value n_realized(Value* a, uint32_t) {
  Value x = a[0];
  if (is(x, Type::kDelay) || is(x, Type::kLazySeq)) return Value::boolean(slot(x, 0).is_nil());
  Value ignored;
  if (is(x, Type::kPromise)) return Value::boolean(promise_read(x, ignored));
  if (Value m = interface_method("clojure.lang.IPending", "isRealized", x); !m.is_nil())
    return Value::boolean(call_fn(m, x).truthy());
  if (is(x, Type::kFuture)) return Value::boolean(future_done(x));
  throw_cast(x, "clojure.lang.IPending");
}

// ---------------------------------------------------------------- atoms

// What (f x & args) adds to a fixnum x when f is clojure.core's inc, dec,
// + or - and args are one fixnum (or none, for inc and dec); false otherwise.
bool fixnum_step(Value f, const Value* args, uint32_t nargs, int64_t* delta) {
  static CachedCoreVar inc_var{"inc"}, dec_var{"dec"}, plus_var{"+"}, minus_var{"-"};
  if (nargs == 0) {
    if (f == var_root(inc_var.get())) return *delta = 1, true;
    if (f == var_root(dec_var.get())) return *delta = -1, true;
    return false;
  }
  if (nargs != 1 || !args[0].is_fixnum()) return false;
  if (f == var_root(plus_var.get())) return *delta = args[0].fixnum_value(), true;
  if (f == var_root(minus_var.get())) return *delta = -args[0].fixnum_value(), true;
  return false;
}

// swap! and swap-vals!: retry until the compare-and-set succeeds.
Value swap(Value* a, uint32_t n, bool vals) {
  // A cluster node adding to a shared atom's fixnum asks the server to add
  // in log order: one round trip, never refused by another node's add
  // (docs/PROTOCOL.md). Watches see the exact old value: the one the add
  // applied to. Validators must see the new value first: general path.
  if (g_heap->replicated() && is(a[0], Type::kAtom) && slot(a[0], kAtomValidator).is_nil()) {
    int64_t delta;
    Value now;
    if (fixnum_step(a[1], a + 2, n - 2, &delta) && g_heap->add_fixnum(obj(a[0]), kAtomValue, delta, &now)) {
      Value old = Value::fixnum(now.fixnum_value() - delta);
      Root keep(a[0]);
      notify_watches(a[0], old, now);
      if (!vals) return now;
      Value pair[2] = {old, now};
      return vector_from(pair, 2);
    }
  }
  std::vector<Value> args(a, a + n);  // a may be overwritten by the calls below
  Value at = need_atom(args[0]), f = args[1];
  for (;;) {
    Value old = slot(at, kAtomValue);
    args[1] = old;
    Value now = call_fn(f, &args[1], n - 1);
    validate(slot(at, kAtomValidator), now);
    if (cell_compare_and_set(at, kAtomValue, old, now)) {
      notify_watches(at, old, now);
      if (!vals) return now;
      Value pair[2] = {old, now};
      return vector_from(pair, 2);
    }
  }
}

Value n_swap(Value* a, uint32_t n) { return swap(a, n, false); }
Value n_swap_vals(Value* a, uint32_t n) { return swap(a, n, true); }

Value reset(Value at, Value now, bool vals) {
  need_atom(at);
  validate(slot(at, kAtomValidator), now);
  Value old;
  do old = slot(at, kAtomValue);
  while (!cell_compare_and_set(at, kAtomValue, old, now));
  notify_watches(at, old, now);
  if (!vals) return now;
  Value pair[2] = {old, now};
  return vector_from(pair, 2);
}

Value n_reset(Value* a, uint32_t) { return reset(a[0], a[1], false); }
Value n_reset_vals(Value* a, uint32_t) { return reset(a[0], a[1], true); }

Value n_compare_and_set(Value* a, uint32_t) {
  Value at = need_atom(a[0]), old = a[1], now = a[2];
  validate(slot(at, kAtomValidator), now);
  if (!cell_compare_and_set(at, kAtomValue, old, now)) return kFalse;
  notify_watches(at, old, now);
  return kTrue;
}

// ---------------------------------------------------------------- watches, validators, meta

[[noreturn]] void unsupported_ref(Value r, const char* what) {
  if (is(r, Type::kVar))
    throw_error("java.lang.UnsupportedOperationException", std::string(what) + " on a Var is not supported yet");
  throw_cast(r, "clojure.lang.IRef");
}

Value n_add_watch(Value* a, uint32_t) {
  Value r = a[0];
  int ws = watches_slot(r);
  if (ws < 0) unsupported_ref(r, "add-watch");
  Value w = slot(r, uint32_t(ws));
  Value kv[2] = {a[1], a[2]};
  // ARef's watches start as a PersistentHashMap: keep its iteration order.
  cell_compare_and_set(r, uint32_t(ws), w, w.is_nil() ? hash_map_from(kv, 1) : map_assoc(w, a[1], a[2]));
  return r;
}

Value n_remove_watch(Value* a, uint32_t) {
  Value r = a[0];
  int ws = watches_slot(r);
  if (ws < 0) unsupported_ref(r, "remove-watch");
  Value w = slot(r, uint32_t(ws));
  if (!w.is_nil()) cell_compare_and_set(r, uint32_t(ws), w, map_dissoc(w, a[1]));
  return r;
}

Value n_set_validator(Value* a, uint32_t) {
  Value r = a[0], f = a[1];
  int vs = validator_slot(r);
  if (vs < 0) unsupported_ref(r, "set-validator!");
  validate(f, slot(r, 0));
  set_slot(r, uint32_t(vs), f);
  return kNil;
}

Value n_get_validator(Value* a, uint32_t) {
  int vs = validator_slot(a[0]);
  if (vs < 0) unsupported_ref(a[0], "get-validator");
  return slot(a[0], uint32_t(vs));
}

int meta_slot_of_ref(Value r) {
  if (is(r, Type::kAtom)) return kAtomMeta;
  if (is(r, Type::kRef)) return kRefMeta;
  if (is(r, Type::kVar)) return kVarMeta;
  if (is(r, Type::kNamespace)) return kNsMeta;
  if (is(r, Type::kAgent)) return kAgentMeta;
  throw_cast(r, "clojure.lang.IReference");
}

Value n_reset_meta(Value* a, uint32_t) {
  int ms = meta_slot_of_ref(a[0]);
  if (!a[1].is_nil() && !is_map(a[1])) throw_cast(a[1], "clojure.lang.IPersistentMap");
  set_slot(a[0], uint32_t(ms), a[1]);
  return a[1];
}

// (alter-meta! ref f & args): meta = (apply f meta args)
Value n_alter_meta(Value* a, uint32_t n) {
  std::vector<Value> args(a, a + n);
  Value r = args[0], f = args[1];
  int ms = meta_slot_of_ref(r);
  args[1] = slot(r, uint32_t(ms));
  Value m = call_fn(f, &args[1], n - 1);
  if (!m.is_nil() && !is_map(m)) throw_cast(m, "clojure.lang.IPersistentMap");
  set_slot(r, uint32_t(ms), m);
  return m;
}

// ---------------------------------------------------------------- volatiles

Value n_volatile(Value* a, uint32_t) {
  Value v = alloc_slots(Type::kVolatile, 1);
  init_slot(v, 0, a[0]);
  return v;
}

Value n_vreset(Value* a, uint32_t) {
  if (!is(a[0], Type::kVolatile)) throw_cast(a[0], "clojure.lang.Volatile");
  set_slot(a[0], 0, a[1]);
  return a[1];
}

Value n_volatile_p(Value* a, uint32_t) { return Value::boolean(is(a[0], Type::kVolatile)); }

const NativeDef kCells[] = {
    {"clojure.core", "atom", n_atom, 1, -1, false},
    {"clojure.core", "deref", n_deref, 1, 3, true},
    {"clojure.core", "swap!", n_swap, 2, -1, false},
    {"clojure.core", "swap-vals!", n_swap_vals, 2, -1, false},
    {"clojure.core", "reset!", n_reset, 2, 2, false},
    {"clojure.core", "reset-vals!", n_reset_vals, 2, 2, false},
    {"clojure.core", "compare-and-set!", n_compare_and_set, 3, 3, false},
    {"clojure.core", "add-watch", n_add_watch, 3, 3, false},
    {"clojure.core", "remove-watch", n_remove_watch, 2, 2, false},
    {"clojure.core", "set-validator!", n_set_validator, 2, 2, false},
    {"clojure.core", "get-validator", n_get_validator, 1, 1, true},
    {"clojure.core", "reset-meta!", n_reset_meta, 2, 2, true},
    {"clojure.core", "alter-meta!", n_alter_meta, 2, -1, false},
    {"clojure.core", "volatile!", n_volatile, 1, 1, true},
    {"clojure.core", "vreset!", n_vreset, 2, 2, true},
    {"clojure.core", "volatile?", n_volatile_p, 1, 1, true},
    {"clojure.core", "make-delay", n_make_delay, 1, 1, true},
    {"clojure.core", "force", n_force, 1, 1, true},
    {"clojure.core", "realized?", n_realized, 1, 1, true},
};

}  // namespace

void ref_validate(Value validator, Value v) { validate(validator, v); }
void ref_notify_watches(Value ref, Value old, Value now) { notify_watches(ref, old, now); }

void register_cell_natives() { register_natives(kCells, sizeof kCells / sizeof kCells[0]); }

}  // namespace natives
}  // namespace folio
