// namespace.h - namespaces and vars.
// A Namespace is a heap object whose mappings (symbol -> Var) and aliases
// (symbol -> Namespace) are persistent maps replaced on change: one slot write
// per change, the place the sharing issues turn into a compare-and-set.
#pragma once
#include "vm/fn.h"
#include "vm/object.h"

namespace folio {

Value find_ns(Value sym);  // nil when absent
Value find_or_create_ns(Value sym);
Value find_or_create_ns(std::string_view name);
inline Value ns_name(Value ns) { return slot(ns, kNsName); }
Value all_namespaces();  // a seq of namespaces

Value ns_find_mapping(Value ns, Value sym);  // Var (or nil)
Value intern_var(Value ns, Value sym);       // the ns's own var, created unbound if absent
void ns_refer(Value ns, Value sym, Value var);
void ns_unmap(Value ns, Value sym);
void ns_add_alias(Value ns, Value alias, Value target);
Value ns_find_alias(Value ns, Value alias);  // Namespace or nil
void ns_remove_alias(Value ns, Value alias);
Value remove_ns(Value sym);  // drops it from the registry; the namespace, or nil

// The Var a symbol names in the current namespace (its mappings, then the
// public vars of clojure.core; qualified symbols through aliases), or nil.
Value resolve_var_symbol(Value sym);
Value resolve_var_in(Value ns, Value sym);  // the same, from namespace ns

Value var_value(Value var);   // binding or root; throws when unbound
Value var_deref(Value var);   // deref, var-get: as var_value, but an unbound var gives a Var$Unbound
Value var_root(Value var);    // the root (kUnbound when none); node-local vars: this process's
void var_set_root(Value var, Value v);
// The var's flags after Var.setMeta with map m (:dynamic :macro :private :node-local).
int64_t var_flags_with_meta(Value var, Value m);
void mark_node_local_roots(heap::Heap::Marker& m);  // a GC root set
void clear_node_local_roots();                      // a new heap: none yet

Value var_meta_get(Value var, Value key);

// Well-known namespaces and vars of this process (found once after start-up).
Value core_ns();
Value current_ns();             // *ns*
void set_current_ns(Value ns);  // set! *ns* (its binding if bound, else its root)
Value core_var(std::string_view name);  // clojure.core/name, created if absent
// clojure.core/name found once per heap (a process may make several: tests
// do), created if absent; or, given a namespace, that namespace's var found
// once per heap (nil while it does not exist).
class CachedCoreVar {
 public:
  explicit CachedCoreVar(const char* name) : name_(name) {}
  CachedCoreVar(const char* ns, const char* name) : ns_(ns), name_(name) {}
  Value get();

 private:
  const char* ns_ = nullptr;
  const char* name_;
  Value var_ = kNil;
  uint64_t generation_ = 0;
};

}  // namespace folio
