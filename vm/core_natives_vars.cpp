// core_natives_vars.cpp - vars, namespaces, evaluation.
//   clojure.core: var-get var-set alter-var-root bound? thread-bound? find-var
//     resolve ns-resolve push-thread-bindings pop-thread-bindings in-ns
//     create-ns find-ns the-ns ns-name all-ns refer alias ns-publics
//     ns-interns ns-aliases ns-unmap ns-unalias remove-ns intern eval macroexpand macroexpand-1
//     load-string load-file read-string folio-stack-trace get-thread-bindings
// Name resolution follows the compiler's (namespace.h resolve_var_symbol):
// the namespace's mappings, then clojure.core's public vars; qualified names
// through the namespace's aliases, then by namespace name.
#include "vm/classes.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/reader.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio::natives {
namespace {

Value need_var(Value v) {
  if (!is(v, Type::kVar)) throw_cast(v, "clojure.lang.Var");
  return v;
}

Value need_symbol(Value v) {
  if (!is(v, Type::kSymbol)) throw_cast(v, "clojure.lang.Symbol");
  return v;
}

std::string var_sym_name(Value var) { return std::string(string_view(symbol_name(slot(var, kVarSym)))); }
Value unqualified(Value sym) { return make_symbol("", string_view(symbol_name(sym))); }

// clojure.core/the-ns
Value the_ns(Value x) {
  if (is(x, Type::kNamespace)) return x;
  Value ns = find_ns(need_symbol(x));
  if (ns.is_nil()) throw_error("java.lang.Exception", "No namespace: " + symbol_str(x) + " found");
  return ns;
}

// ---------------------------------------------------------------- vars

Value n_var_get(Value* a, uint32_t) { return var_deref(need_var(a[0])); }

// Var.set: only a thread binding can be set.
Value n_var_set(Value* a, uint32_t) {
  Value var = need_var(a[0]);
  Value* b;
  if ((var_flags(var) & kVarDynamic) && VM::current().find_binding(var, &b)) {
    if (VM::current().is_conveyed(b))
      throw_error("java.lang.IllegalStateException", "Can't set!: " + var_sym_name(var) + " from non-binding thread");
    *b = a[1];
    return a[1];
  }
  throw_error("java.lang.IllegalStateException",
              "Can't change/establish root binding of: " + var_sym_name(var) + " with set");
}

// (alter-var-root var f & args): root = (apply f root args). An unbound root is passed as nil.
Value n_alter_var_root(Value* a, uint32_t n) {
  std::vector<Value> args(a, a + n);
  Value var = need_var(args[0]), f = args[1];
  for (;;) {  // Var.alterRoot is atomic: retry when another process changed the root meanwhile
    Value root = var_root(var);
    args[1] = root == kUnbound ? kNil : root;
    Value now = call_fn(f, &args[1], n - 1);
    if (var_flags(var) & kVarNodeLocal) {
      var_set_root(var, now);
      return now;
    }
    if (g_heap->compare_and_set(obj(var), kVarRoot, root, now)) return now;
  }
}

Value n_bound_p(Value* a, uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) {
    Value var = need_var(a[i]);
    Value* b;
    bool bound = var_root(var) != kUnbound ||
                 ((var_flags(var) & kVarDynamic) && VM::current().find_binding(var, &b));
    if (!bound) return kFalse;
  }
  return kTrue;
}

Value n_thread_bound_p(Value* a, uint32_t n) {
  for (uint32_t i = 0; i < n; ++i) {
    Value var = need_var(a[i]);
    Value* b;
    if (!((var_flags(var) & kVarDynamic) && VM::current().find_binding(var, &b))) return kFalse;
  }
  return kTrue;
}

// Namespace.findInternedVar
Value interned_var(Value ns, Value sym) {
  Value v = ns_find_mapping(ns, sym);
  return is(v, Type::kVar) && slot(v, kVarNs) == ns ? v : kNil;
}

Value n_find_var(Value* a, uint32_t) {
  Value sym = need_symbol(a[0]);
  if (symbol_ns(sym).is_nil()) throw_arg("Symbol must be namespace-qualified");
  Value ns = find_ns(make_symbol("", string_view(symbol_ns(sym))));
  if (ns.is_nil()) throw_arg("No such namespace: " + std::string(string_view(symbol_ns(sym))));
  return interned_var(ns, unqualified(sym));
}

// Compiler.maybeResolveIn for vars: nil when the symbol names nothing.

// (ns-resolve ns sym) (ns-resolve ns env sym): nil for a local in env.
// A var, else the class the symbol names (as the JVM's resolve gives for Long).
Value resolve_in(Value ns, Value sym) {
  Value v = resolve_var_in(ns, sym);
  return v.is_nil() && symbol_ns(sym).is_nil() ? class_named(string_view(symbol_name(sym))) : v;
}

Value n_ns_resolve(Value* a, uint32_t n) {
  Value ns = the_ns(a[0]), sym = need_symbol(a[n - 1]);
  if (n == 3 && !a[1].is_nil() && map_contains(a[1], sym)) return kNil;
  return resolve_in(ns, sym);
}

Value n_resolve(Value* a, uint32_t n) {
  Value sym = need_symbol(a[n - 1]);
  if (n == 2 && !a[0].is_nil() && map_contains(a[0], sym)) return kNil;
  return resolve_in(current_ns(), sym);
}

Value n_push_bindings(Value* a, uint32_t) {
  VM::current().push_bindings(a[0]);
  return kNil;
}

Value n_pop_bindings(Value*, uint32_t) {
  VM::current().pop_bindings();
  return kNil;
}

// ---------------------------------------------------------------- namespaces

Value n_in_ns(Value* a, uint32_t) {
  Value ns = find_or_create_ns(need_symbol(a[0]));
  set_current_ns(ns);
  return ns;
}

Value n_create_ns(Value* a, uint32_t) { return find_or_create_ns(need_symbol(a[0])); }
Value n_find_ns(Value* a, uint32_t) { return find_ns(need_symbol(a[0])); }
Value n_the_ns(Value* a, uint32_t) { return the_ns(a[0]); }
Value n_ns_name(Value* a, uint32_t) { return ns_name(the_ns(a[0])); }
Value n_all_ns(Value*, uint32_t) { return all_namespaces(); }

// Vars interned in ns (public only, or all), as a map sym -> var.
// JVM Clojure filters the namespace's mappings, a hash map, so its result
// lists the vars in hash order (which is the order clojure.test runs them in):
// gather them into a hash map first, then copy them out in its order.
Value interns(Value ns, bool publics) {
  std::vector<Value> kvs;
  map_for_each(slot(ns, kNsMappings), [&](Value sym, Value v) {
    if (is(v, Type::kVar) && slot(v, kVarNs) == ns && !(publics && (var_flags(v) & kVarPrivate))) {
      kvs.push_back(sym);
      kvs.push_back(v);
    }
  });
  NoGC guard;
  Value out = empty_map();
  map_for_each(hash_map_from(kvs.data(), kvs.size() / 2), [&](Value sym, Value v) { out = map_assoc(out, sym, v); });
  return out;
}

// The vars ns refers from other namespaces: its mappings to them, then the
// public vars of clojure.core it does not map (Folio resolves those without
// mapping them into each namespace: resolve_var_in), as sym -> var.
Value refers(Value ns) {
  NoGC guard;
  Value out = empty_map();
  Value mappings = slot(ns, kNsMappings);
  map_for_each(mappings, [&](Value sym, Value v) {
    if (is(v, Type::kVar) && slot(v, kVarNs) != ns) out = map_assoc(out, sym, v);
  });
  Value core = find_ns(make_symbol("", "clojure.core"));
  if (ns != core && !core.is_nil()) {
    map_for_each(interns(core, true), [&](Value sym, Value v) {
      if (ns_find_mapping(ns, sym).is_nil()) out = map_assoc(out, sym, v);
    });
  }
  return out;
}

Value n_ns_refers(Value* a, uint32_t) { return refers(the_ns(a[0])); }
// ns-map: interned and referred vars (Folio has no imported classes to add).
Value n_ns_map(Value* a, uint32_t) {
  Value ns = the_ns(a[0]);
  Value out = refers(ns);
  NoGC guard;
  map_for_each(interns(ns, false), [&](Value sym, Value v) { out = map_assoc(out, sym, v); });
  return out;
}

Value n_ns_publics(Value* a, uint32_t) { return interns(the_ns(a[0]), true); }
Value n_ns_interns(Value* a, uint32_t) { return interns(the_ns(a[0]), false); }
Value n_ns_aliases(Value* a, uint32_t) { return slot(the_ns(a[0]), kNsAliases); }

// (folio-local-var): a dynamic var in no namespace, for with-local-vars.
Value n_local_var(Value*, uint32_t) {
  Value var = alloc_slots(Type::kVar, 5);
  init_slot(var, kVarNs, kNil);
  init_slot(var, kVarSym, kNil);
  init_slot(var, kVarRoot, kUnbound);
  init_slot(var, kVarMeta, empty_map());
  init_slot(var, kVarFlags, Value::fixnum(kVarDynamic));
  return var;
}

Value n_ns_unalias(Value* a, uint32_t) {
  ns_remove_alias(the_ns(a[0]), need_symbol(a[1]));
  return kNil;
}

Value n_remove_ns(Value* a, uint32_t) {
  Value sym = need_symbol(a[0]);
  if (sym == ns_name(core_ns())) throw_arg("Cannot remove clojure namespace");
  return remove_ns(sym);
}

Value n_ns_unmap(Value* a, uint32_t) {
  ns_unmap(the_ns(a[0]), need_symbol(a[1]));
  return kNil;
}

// Namespace.reference with its checkReplacement warnings (Clojure 1.11).
void refer_one(Value ns, Value sym, Value var) {
  Value old = ns_find_mapping(ns, sym);
  if (old == var) return;
  if (!old.is_nil()) {
    if (is(old, Type::kVar) && slot(old, kVarNs) == ns) {
      if (slot(var, kVarNs) != core_ns())
        write_err("REJECTED: attempt to replace interned var " + pr_str(old) + " with " + pr_str(var) + " in " +
                  symbol_str(ns_name(ns)) + ", you must ns-unmap first\n");
      return;
    }
    write_err("WARNING: " + symbol_str(sym) + " already refers to: " + pr_str(old) + " in namespace: " +
              symbol_str(ns_name(ns)) + ", being replaced by: " + pr_str(var) + "\n");
  }
  ns_refer(ns, sym, var);
}

Value option(Value* a, uint32_t n, const char* key) {
  for (uint32_t i = 1; i + 1 < n; i += 2)
    if (a[i] == keyword(key)) return a[i + 1];
  return kNil;
}

// (refer ns-sym & filters): :only [syms] :exclude [syms] :rename {sym sym} :refer [syms]|:all
Value n_refer(Value* a, uint32_t n) {
  Value from = find_ns(need_symbol(a[0]));
  if (from.is_nil()) throw_error("java.lang.Exception", "No namespace: " + symbol_str(a[0]));
  if (n % 2 == 0) throw_arg("No value supplied for key: " + to_str(a[n - 1]));
  Value to = current_ns();
  Value publics = interns(from, true);
  Value rename = option(a, n, "rename"), exclude = option(a, n, "exclude");
  Value only = option(a, n, "refer");
  if (only == keyword("all")) only = kNil;
  if (only.is_nil()) only = option(a, n, "only");
  std::vector<Value> syms;
  if (only.is_nil()) map_for_each(publics, [&](Value k, Value) { syms.push_back(k); });
  else seq_items(only, syms);
  std::vector<Value> excluded;
  seq_items(exclude, excluded);
  for (Value sym : syms) {
    bool skip = false;
    for (Value x : excluded) skip = skip || equiv(x, sym);
    if (skip) continue;
    Value v = map_get(publics, sym, kNil);
    if (v.is_nil()) {
      const char* cls = class_isa("java.lang.IllegalAccessError", "java.lang.Throwable")
                            ? "java.lang.IllegalAccessError"
                            : "java.lang.IllegalStateException";
      throw_error(cls, symbol_str(sym) + (interned_var(from, sym).is_nil() ? " does not exist" : " is not public"));
    }
    Value as = rename.is_nil() ? kNil : get(rename, sym, kNil);
    refer_one(to, as.is_nil() ? sym : as, v);
  }
  return kNil;
}

// (alias alias-sym ns-sym) in the current namespace.
Value n_alias(Value* a, uint32_t) {
  Value alias = need_symbol(a[0]), target = the_ns(a[1]), ns = current_ns();
  Value old = ns_find_alias(ns, alias);
  if (old.is_nil()) ns_add_alias(ns, alias, target);
  else if (old != target)
    throw_error("java.lang.IllegalStateException", "Alias " + symbol_str(alias) + " already exists in namespace " +
                                                       symbol_str(ns_name(ns)) + ", aliasing " +
                                                       symbol_str(ns_name(old)));
  return kNil;
}

// (intern ns name) (intern ns name val)
Value n_intern(Value* a, uint32_t n) {
  Value ns = the_ns(a[0]), sym = need_symbol(a[1]);
  if (!symbol_ns(sym).is_nil()) throw_arg("Can't intern namespace-qualified symbol");
  Value var = intern_var(ns, sym);
  if (n == 3) var_set_root(var, a[2]);
  Value m = meta(sym);
  if (is_map(m)) {  // Var.setMeta, and the flags the compiler keeps out of the meta map
    set_slot(var, kVarFlags, Value::fixnum(var_flags_with_meta(var, m)));
    m = map_assoc(m, keyword("name"), sym);
    set_slot(var, kVarMeta, map_assoc(m, keyword("ns"), ns));
  }
  return var;
}

// ---------------------------------------------------------------- evaluation
// eval, macroexpand and load-* are gc-safe: the compiler roots what it holds.

Value n_eval(Value* a, uint32_t) { return eval(a[0]); }
Value n_macroexpand(Value* a, uint32_t) { return macroexpand(a[0]); }
Value n_macroexpand_1(Value* a, uint32_t) { return macroexpand_1(a[0]); }

Value n_load_string(Value* a, uint32_t) {
  std::string src(str_arg(a[0]));
  return load_string(src, "NO_SOURCE_FILE");
}

Value n_load_file(Value* a, uint32_t) {
  std::string path(str_arg(a[0]));
  return load_file(path);
}


// (read-string s) (read-string opts s): opts :eof value, :read-cond :allow.
Value n_read_string(Value* a, uint32_t n) {
  std::string src(str_arg(a[n - 1]));
  Value opts = n == 2 ? a[0] : kNil;
  bool cljc = false, has_eof = false;
  Value eof = kNil;
  const ReaderEnv* env = &data_reader_env();
  ReaderEnv preserving;
  if (is_map(opts)) {
    Value rc = map_get(opts, keyword("read-cond"), kNil);
    cljc = rc == keyword("allow") || rc == keyword("preserve");
    if (rc == keyword("preserve")) {
      preserving = *env;
      preserve_reader_conds(preserving);
      env = &preserving;
    }
    has_eof = map_contains(opts, keyword("eof"));
    eof = map_get(opts, keyword("eof"), kNil);
  }
  Reader r(src, "NO_SOURCE_FILE", env, cljc);
  Value form;
  if (r.next(form)) return form;
  if (has_eof && eof != keyword("eofthrow")) return eof;
  throw_error("java.lang.RuntimeException", "EOF while reading");
}

// (folio-stack-trace) => the calling Clojure frames, innermost first, as
// "name (file:line)" strings; (folio-stack-trace t) => the frames recorded when
// t was thrown (nil if never thrown). clojure.test and clojure.stacktrace use them.
Value n_stack_trace(Value* a, uint32_t n) {
  if (n == 0) return trace_vector(VM::current());
  return trace_strings(a[0]);
}

Value n_thread_bindings(Value*, uint32_t) { return VM::current().thread_bindings(); }

const NativeDef kVars[] = {
    {"clojure.core", "var-get", n_var_get, 1, 1, true},
    {"clojure.core", "var-set", n_var_set, 2, 2, true},
    {"clojure.core", "alter-var-root", n_alter_var_root, 2, -1, false},
    {"clojure.core", "bound?", n_bound_p, 0, -1, true},
    {"clojure.core", "thread-bound?", n_thread_bound_p, 0, -1, true},
    {"clojure.core", "find-var", n_find_var, 1, 1, true},
    {"clojure.core", "resolve", n_resolve, 1, 2, false},
    {"clojure.core", "ns-resolve", n_ns_resolve, 2, 3, false},
    {"clojure.core", "push-thread-bindings", n_push_bindings, 1, 1, false},
    {"clojure.core", "pop-thread-bindings", n_pop_bindings, 0, 0, true},
    {"clojure.core", "in-ns", n_in_ns, 1, 1, true},
    {"clojure.core", "create-ns", n_create_ns, 1, 1, true},
    {"clojure.core", "find-ns", n_find_ns, 1, 1, true},
    {"clojure.core", "the-ns", n_the_ns, 1, 1, true},
    {"clojure.core", "ns-name", n_ns_name, 1, 1, true},
    {"clojure.core", "all-ns", n_all_ns, 0, 0, true},
    {"clojure.core", "refer", n_refer, 1, -1, false},
    {"clojure.core", "alias", n_alias, 2, 2, true},
    {"clojure.core", "ns-publics", n_ns_publics, 1, 1, true},
    {"clojure.core", "ns-interns", n_ns_interns, 1, 1, true},
    {"clojure.core", "ns-aliases", n_ns_aliases, 1, 1, true},
    {"clojure.core", "ns-refers", n_ns_refers, 1, 1, true},
    {"clojure.core", "ns-map", n_ns_map, 1, 1, true},
    {"clojure.core", "ns-unmap", n_ns_unmap, 2, 2, true},
    {"clojure.core", "ns-unalias", n_ns_unalias, 2, 2, true},
    {"clojure.core", "remove-ns", n_remove_ns, 1, 1, true},
    {"clojure.core", "folio-local-var", n_local_var, 0, 0, true},
    {"clojure.core", "intern", n_intern, 2, 3, true},
    {"clojure.core", "eval", n_eval, 1, 1, true},
    {"clojure.core", "macroexpand", n_macroexpand, 1, 1, true},
    {"clojure.core", "macroexpand-1", n_macroexpand_1, 1, 1, true},
    {"clojure.core", "load-string", n_load_string, 1, 1, true},
    {"clojure.core", "load-file", n_load_file, 1, 1, true},
    {"clojure.core", "read-string", n_read_string, 1, 2, false},
    {"clojure.core", "folio-stack-trace", n_stack_trace, 0, 1, true},
    {"clojure.core", "get-thread-bindings", n_thread_bindings, 0, 0, true},
};

}  // namespace

void register_var_natives() { register_natives(kVars, sizeof kVars / sizeof kVars[0]); }

}  // namespace folio::natives
