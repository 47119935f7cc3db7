// namespace.cpp - the namespace registry and var operations.
#include "vm/namespace.h"

#include <unordered_map>

#include "vm/collections.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio {

Value find_ns(Value sym) {
  Value reg = g_heap->root(kRootNamespaces);
  if (reg.is_nil()) return kNil;
  return map_get(reg, sym, kNil);
}

Value find_or_create_ns(Value sym) {
  Value ns = find_ns(sym);
  if (!ns.is_nil()) return ns;
  if (!symbol_ns(sym).is_nil()) sym = make_symbol(symbol_str(sym));
  HeapLock lock;  // another process may be creating it too: look again under the lock
  ns = find_ns(sym);
  if (!ns.is_nil()) return ns;
  ns = alloc_slots(Type::kNamespace, 4);
  init_slot(ns, kNsName, sym);
  init_slot(ns, kNsMappings, empty_map());
  init_slot(ns, kNsAliases, empty_map());
  Value reg = g_heap->root(kRootNamespaces);
  if (reg.is_nil()) reg = empty_map();
  g_heap->set_root(kRootNamespaces, map_assoc(reg, sym, ns));
  return ns;
}

Value find_or_create_ns(std::string_view name) { return find_or_create_ns(make_symbol("", name)); }

Value all_namespaces() {
  Value reg = g_heap->root(kRootNamespaces);
  Value out = empty_list();
  for (Value s = seq(reg); !s.is_nil(); s = next(s)) out = cons_list(nth(first(s), 1), out);
  return out;
}

Value ns_find_mapping(Value ns, Value sym) { return map_get(slot(ns, kNsMappings), sym, kNil); }

// A namespace's tables change under the heap lock: each change reads a map
// and writes back a new one, and two processes must not lose each other's.
Value intern_var(Value ns, Value sym) {
  Value m = ns_find_mapping(ns, sym);
  if (is(m, Type::kVar) && slot(m, kVarNs) == ns) return m;
  HeapLock lock;
  Value var = kNil;
  for (;;) {  // a compare-and-set: another cluster node may change the table too
    Value table = slot(ns, kNsMappings);
    m = map_get(table, sym, kNil);
    if (is(m, Type::kVar) && slot(m, kVarNs) == ns) return m;
    if (var.is_nil()) {
      var = alloc_slots(Type::kVar, 5);
      init_slot(var, kVarNs, ns);
      init_slot(var, kVarSym, sym);
      init_slot(var, kVarRoot, kUnbound);
      init_slot(var, kVarMeta, empty_map());
      init_slot(var, kVarFlags, Value::fixnum(0));
      // as the JVM's Var constructor: its metadata names it (def replaces it all)
      set_slot(var, kVarMeta, map_assoc(map_assoc(empty_map(), keyword("name"), sym), keyword("ns"), ns));
    }
    if (g_heap->compare_and_set(obj(ns), kNsMappings, table, map_assoc(table, sym, var))) return var;
  }
}

namespace {
// Replaces a namespace table with f(table), retrying while another node wins.
template <typename F>
void update_ns_table(Value ns, uint32_t which, F f) {
  HeapLock lock;
  for (;;) {
    Value table = slot(ns, which);
    if (g_heap->compare_and_set(obj(ns), which, table, f(table))) return;
  }
}
}  // namespace

void ns_refer(Value ns, Value sym, Value var) {
  update_ns_table(ns, kNsMappings, [&](Value t) { return map_assoc(t, sym, var); });
}

void ns_unmap(Value ns, Value sym) {
  update_ns_table(ns, kNsMappings, [&](Value t) { return map_dissoc(t, sym); });
}

void ns_add_alias(Value ns, Value alias, Value target) {
  update_ns_table(ns, kNsAliases, [&](Value t) { return map_assoc(t, alias, target); });
}

Value ns_find_alias(Value ns, Value alias) { return map_get(slot(ns, kNsAliases), alias, kNil); }

void ns_remove_alias(Value ns, Value alias) {
  update_ns_table(ns, kNsAliases, [&](Value t) { return map_dissoc(t, alias); });
}

Value remove_ns(Value sym) {
  HeapLock lock;
  Value ns = find_ns(sym);
  if (!ns.is_nil()) g_heap->set_root(kRootNamespaces, map_dissoc(g_heap->root(kRootNamespaces), sym));
  return ns;
}

Value resolve_var_symbol(Value sym) { return resolve_var_in(current_ns(), sym); }

Value resolve_var_in(Value ns, Value sym) {
  Value nsname = symbol_ns(sym);
  if (!nsname.is_nil()) {  // ns/name: a var interned in that namespace (not one it refers)
    Value nssym = make_symbol("", string_view(nsname));
    Value target = ns_find_alias(ns, nssym);
    if (target.is_nil()) target = find_ns(nssym);
    if (target.is_nil()) return kNil;
    Value v = ns_find_mapping(target, make_symbol("", string_view(symbol_name(sym))));
    return is(v, Type::kVar) && slot(v, kVarNs) == target ? v : kNil;
  }
  Value v = ns_find_mapping(ns, sym);
  if (is(v, Type::kVar)) return v;
  if (ns != core_ns()) {
    v = ns_find_mapping(core_ns(), sym);
    if (is(v, Type::kVar) && !(var_flags(v) & kVarPrivate)) return v;
  }
  return kNil;
}

// ---------------------------------------------------------------- node-local roots
// A node-local var (*out*, *in*, *ns*, ^:node-local) keeps its root in this
// process, keyed by the var's offset: the same var is shared, its root is not.
namespace {
std::unordered_map<uint64_t, Value>& local_roots() {
  static std::unordered_map<uint64_t, Value> roots;
  return roots;
}
}  // namespace

void clear_node_local_roots() { local_roots().clear(); }

void mark_node_local_roots(heap::Heap::Marker& m) {
  for (auto& [var, v] : local_roots()) m.mark(v);
}

Value var_root(Value var) {
  if (!(var_flags(var) & kVarNodeLocal)) return g_heap->load(obj(var), kVarRoot);
  auto it = local_roots().find(var.offset());
  return it == local_roots().end() ? kUnbound : it->second;
}

Value var_value(Value var) {
  Value* b;
  if ((var_flags(var) & kVarDynamic) && VM::current().find_binding(var, &b)) return *b;
  Value v = var_root(var);
  if (v == kUnbound) throw_error("java.lang.IllegalStateException", "Var " + pr_str(var).substr(2) + " is unbound.");
  return v;
}

Value var_deref(Value var) {
  Value* b;
  if ((var_flags(var) & kVarDynamic) && VM::current().find_binding(var, &b)) return *b;
  Value v = var_root(var);
  if (v != kUnbound) return v;
  static CachedCoreVar unbound{"folio-unbound"};  // stdlib/core_proto.clj
  Value f = var_root(unbound.get());
  if (f == kUnbound) return var_value(var);  // while the image is built
  return call_fn(f, var);
}

void var_set_root(Value var, Value v) {
  if (var_flags(var) & kVarNodeLocal) {
    local_roots()[var.offset()] = v;
    return;
  }
  set_slot(var, kVarRoot, v);
}

int64_t var_flags_with_meta(Value var, Value m) {
  int64_t flags = var_flags(var) & ~(kVarDynamic | kVarMacro | kVarPrivate);
  auto on = [&](const char* k) { return map_get(m, keyword(k), kNil).truthy(); };
  if (on("dynamic")) flags |= kVarDynamic;
  if (on("macro")) flags |= kVarMacro;
  if (on("private")) flags |= kVarPrivate;
  if (on("node-local")) flags |= kVarNodeLocal;  // once node-local, always: its root lives in each process
  return flags;
}

Value var_meta_get(Value var, Value key) {
  Value m = slot(var, kVarMeta);
  return m.is_nil() ? kNil : map_get(m, key, kNil);
}

Value core_ns() { return g_heap->root(kRootCoreNs); }

Value core_var(std::string_view name) { return intern_var(core_ns(), make_symbol("", name)); }

Value CachedCoreVar::get() {
  if (generation_ != g_heap_generation || var_.is_nil()) {
    if (!ns_) {
      var_ = core_var(name_);
    } else {
      Value ns = find_ns(make_symbol(ns_));
      var_ = ns.is_nil() ? kNil : ns_find_mapping(ns, make_symbol(name_));
    }
    generation_ = g_heap_generation;
  }
  return var_;
}

namespace {
Value ns_var() {
  static CachedCoreVar v{"*ns*"};
  return v.get();
}
}  // namespace

Value current_ns() {
  Value v = var_value(ns_var());
  return v;
}

void set_current_ns(Value ns) {
  Value var = ns_var();
  Value* b;
  if (VM::current().find_binding(var, &b)) {
    *b = ns;
  } else {
    var_set_root(var, ns);
  }
}

}  // namespace folio
