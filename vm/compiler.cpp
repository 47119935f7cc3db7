// compiler.cpp - one pass from forms to register bytecode.
//
// Each fn arity compiles into a Proto; locals live in registers allocated like
// a stack; values from enclosing fns are captured by value into the closure
// (Clojure locals never change), except letfn's mutually recursive fns, whose
// captures are patched with SETCAP after all of them exist. Calls to globals
// always go through the Var (no direct linking), so a redefinition takes effect
// at the next call. clojure.core arithmetic and comparisons with two operands
// compile to opcodes, as Clojure inlines them.
#include "vm/compiler.h"

#include <unordered_map>
#include <vector>

#include "vm/cluster.h"
#include "vm/classes.h"
#include "vm/collections.h"
#include "vm/compiler_internal.h"
#include "vm/fn.h"
#include "vm/deftype.h"
#include "vm/interop.h"
#include "vm/namespace.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio {
namespace compiling {

std::string g_file = "NO_SOURCE_PATH";

// ---- emitting
int Compiler::emit(Instr i) {
  fs->code.push_back(i);
  fs->lines.push_back(line);
  return int(fs->code.size()) - 1;
}

int Compiler::here() const { return int(fs->code.size()); }

void Compiler::patch_jump(int at, int target) {
  int off = target - (at + 1);
  if (off < -32768 || off > 32767) error("fn body too large to compile");
  Instr i = fs->code[at];
  fs->code[at] = make_asbx(op_of(i), arg_a(i), off);
}

int Compiler::constant(Value v) {
  for (size_t i = 0; i < fs->consts.size(); ++i)
    if (fs->consts[i] == v) return int(i);
  if (fs->consts.size() >= 65535) error("too many constants in one fn");
  fs->consts.push_back(v);
  return int(fs->consts.size()) - 1;
}

int Compiler::alloc_reg() {
  if (fs->free_reg >= 250) error("too many locals and temporaries in one fn (limit 250)");
  int r = fs->free_reg++;
  if (fs->free_reg > fs->max_reg) fs->max_reg = fs->free_reg;
  return r;
}

void Compiler::load_const(int dest, Value v) {
  if (v.is_nil()) emit(make_abc(OP_LOADNIL, dest, 0, 0));
  else if (v.is_bool()) emit(make_abc(OP_LOADBOOL, dest, v.truthy(), 0));
  else if (v.is_fixnum() && v.fixnum_value() >= -32768 && v.fixnum_value() <= 32767)
    emit(make_asbx(OP_LOADI, dest, int(v.fixnum_value())));
  else emit(make_abx(OP_LOADK, dest, constant(v)));
}

// ---- positions
void Compiler::note_position(Value form) {
  Value m = meta(form);
  if (m.is_nil() || !is_map(m)) return;
  Value l = map_get(m, names().line, kNil), c = map_get(m, names().column, kNil);
  if (l.is_fixnum()) line = int(l.fixnum_value());
  if (c.is_fixnum()) column = int(c.fixnum_value());
}

// ---- name resolution
Lookup Compiler::lookup(FnState* f, Value name) {
  for (size_t i = f->locals.size(); i-- > 0;) {
    const Local& l = f->locals[i];
    if (!str_eq(l.name, name)) continue;
    return l.alias.is_nil() ? Lookup{LookupKind::kReg, l.reg} : Lookup{LookupKind::kAlias, 0, l.alias};
  }
  for (size_t i = 0; i < f->captures.size(); ++i)
    if (str_eq(f->captures[i].name, name)) return {LookupKind::kCapture, int(i)};
  if (is(f->self_name, Type::kString) && str_eq(f->self_name, name)) return {LookupKind::kSelf, 0};
  if (!f->parent) return {};
  Lookup up = lookup(f->parent, name);
  if (up.kind == LookupKind::kNone) return {};
  if (up.kind == LookupKind::kAlias) return up;  // compiled here: captures its `this` itself
  int kind = up.kind == LookupKind::kReg ? 0 : up.kind == LookupKind::kCapture ? 1 : 2;
  f->captures.push_back(Capture{name, kind, up.index});
  return {LookupKind::kCapture, int(f->captures.size()) - 1};
}

Lookup Compiler::lookup_local(Value sym) {
  if (!fs || !is_sym(sym) || !symbol_ns(sym).is_nil()) return {};
  return lookup(fs, symbol_name(sym));
}

Value Compiler::resolve_var(Value sym) { return resolve_var_symbol(sym); }

bool Compiler::is_macro_call(Value form, Value* macro_var) {
  if (!is(form, Type::kList) && !(is_seq(form) && !seq(form).is_nil())) return false;
  Value head = first(form);
  if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return false;
  Value v = resolve_var(head);
  if (v.is_nil() || !(var_flags(v) & kVarMacro)) return false;
  *macro_var = v;
  return true;
}

Value Compiler::local_env() {
  Value env = empty_map();
  for (FnState* f = fs; f; f = f->parent)
    for (auto& l : f->locals) {
      Value s = make_symbol("", string_view(l.name));
      env = map_assoc(env, s, s);
    }
  return env;
}

Value Compiler::expand_once(Value form) {
  Value mv;
  if (!is_macro_call(form, &mv)) return form;
  std::vector<Value> args{form, fs ? local_env() : empty_map()};
  for (Value s = next(form); !s.is_nil(); s = next(s)) args.push_back(first(s));
  Value f = slot(mv, kVarRoot);
  Value out = call_fn(f, args.data(), uint32_t(args.size()));
  // Keep the call's position on the expansion, as Clojure does for lists.
  if ((is(out, Type::kList) || is(out, Type::kCons) || is(out, Type::kLazySeq) ||
       is(out, Type::kChunkedCons)) && meta(out).is_nil()) {
    Value m = meta(form);
    if (!m.is_nil() && is(out, Type::kList)) out = with_meta(out, m);
  }
  return out;
}

// ---- expressions
bool Compiler::is_constant_form(Value form) {
  if (is_sym(form)) return false;
  if (is(form, Type::kList) || is_seq(form)) return false;
  if (is(form, Type::kVector) || is(form, Type::kHashSet) || is_map(form)) {
    for (Value s = seq(form); !s.is_nil(); s = next(s)) {
      Value x = first(s);
      if (is(x, Type::kMapEntry)) {
        if (!is_constant_form(nth(x, 0)) || !is_constant_form(nth(x, 1))) return false;
      } else if (!is_constant_form(x)) {
        return false;
      }
    }
    Value m = strip_position(meta(form));
    return m.is_nil() || is_constant_form(m);
  }
  return true;
}

Value Compiler::strip_position(Value m) {
  if (m.is_nil()) return m;
  m = map_dissoc(map_dissoc(m, names().line), names().column);
  return map_count(m) == 0 ? kNil : m;
}

// Literal collections keep user metadata but not the reader's position.
Value Compiler::literal_value(Value form) {
  if (is(form, Type::kVector) || is(form, Type::kHashSet) || is_map(form)) {
    Value m = meta(form);
    if (!m.is_nil()) return with_meta(form, strip_position(m));
  }
  return form;
}

// Puts form's value in a register: a local's own register when it is one.
int Compiler::operand(Value form) {
  Lookup l = lookup_local(form);
  if (l.kind == LookupKind::kReg) return l.index;
  int r = alloc_reg();
  expr(form, r, Ctx{});
  return r;
}

void Compiler::expr(Value form, int dest, Ctx ctx) {
  check_stack();
  if (is_sym(form)) return symbol_expr(form, dest);
  if (is(form, Type::kList)) return list_expr(form, dest, ctx);
  if (is_seq(form)) {  // a seq from a macro (cons, lazy seq, ...): compile it as a list
    Value s = seq(form);
    if (s.is_nil()) return load_const(dest, empty_list());
    std::vector<Value> xs;
    for (; !s.is_nil(); s = next(s)) xs.push_back(first(s));
    return list_expr(list_from(xs.data(), uint32_t(xs.size())), dest, ctx);
  }
  if (is(form, Type::kVector) || is(form, Type::kHashSet) || is_map(form)) {
    if (is_constant_form(form)) return load_const(dest, literal_value(form));
    return collection_expr(form, dest);
  }
  if (is(form, Type::kEmptyList)) return load_const(dest, form);
  load_const(dest, form);
}

void Compiler::symbol_expr(Value sym, int dest) {
  Lookup l = lookup_local(sym);
  switch (l.kind) {
    case LookupKind::kReg:
      if (l.index != dest) emit(make_abc(OP_MOVE, dest, l.index, 0));
      return;
    case LookupKind::kCapture: emit(make_abc(OP_GETUPVAL, dest, l.index, 0)); return;
    case LookupKind::kSelf: emit(make_abc(OP_SELF, dest, 0, 0)); return;
    case LookupKind::kAlias: return expr(l.alias, dest, Ctx{});
    case LookupKind::kNone: break;
  }
  Value v = resolve_var(sym);
  Value field;
  if (v.is_nil() && !symbol_ns(sym).is_nil() &&
      interop_static_field(string_view(symbol_ns(sym)), string_view(symbol_name(sym)), &field))
    return load_const(dest, field);
  if (v.is_nil() && symbol_ns(sym).is_nil()) {
    std::string cls = resolve_class_symbol(string_view(symbol_name(sym)));
    if (!cls.empty()) return load_const(dest, make_class(cls));
    v = type_var_for_class(string_view(symbol_name(sym)));  // user.Point: the type's var
  }
  if (v.is_nil()) {
    if (!symbol_ns(sym).is_nil() && resolve_var(make_symbol("", string_view(symbol_name(sym)))).is_nil() &&
        find_ns(make_symbol("", string_view(symbol_ns(sym)))).is_nil() &&
        ns_find_alias(current_ns(), make_symbol("", string_view(symbol_ns(sym)))).is_nil())
      error("No such namespace: " + std::string(string_view(symbol_ns(sym))));
    if (!symbol_ns(sym).is_nil()) error("No such var: " + symbol_str(sym));
    error("Unable to resolve symbol: " + symbol_str(sym) + " in this context");
  }
  if (var_flags(v) & kVarMacro) error("Can't take value of a macro: " + pr_str(v));
  emit(make_abx(OP_GETVAR, dest, constant(v)));
}

void Compiler::collection_expr(Value form, int dest) {
  // Map literals follow Clojure's rule: an array map up to 8 entries, else a hash map.
  const char* ctor = is(form, Type::kVector)    ? "vector"
                     : is(form, Type::kHashSet) ? "hash-set"
                     : map_count(form) <= 8     ? "array-map"
                                                : "hash-map";
  std::vector<Value> items;
  for (Value s = seq(form); !s.is_nil(); s = next(s)) {
    Value x = first(s);
    if (is(x, Type::kMapEntry)) {
      items.push_back(nth(x, 0));
      items.push_back(nth(x, 1));
    } else {
      items.push_back(x);
    }
  }
  int save = fs->free_reg;
  int base = alloc_reg();
  emit(make_abx(OP_GETVAR, base, constant(core_var(ctor))));
  for (Value x : items) expr(x, alloc_reg(), Ctx{});
  emit(make_abc(OP_CALL, base, unsigned(items.size()), 0));
  Value m = strip_position(meta(form));
  if (!m.is_nil()) {
    int wm = alloc_reg();
    int a = alloc_reg(), b = alloc_reg();
    emit(make_abx(OP_GETVAR, wm, constant(core_var("with-meta"))));
    emit(make_abc(OP_MOVE, a, base, 0));
    expr(m, b, Ctx{});
    emit(make_abc(OP_CALL, wm, 2, 0));
    base = wm;
  }
  if (base != dest) emit(make_abc(OP_MOVE, dest, base, 0));
  fs->free_reg = save;
}

void Compiler::body_expr(Value forms, int dest, Ctx ctx) {
  if (forms.is_nil()) return load_const(dest, kNil);
  for (Value s = forms; !s.is_nil();) {
    Value f = first(s);
    Value n = next(s);
    if (n.is_nil()) return expr(f, dest, ctx);
    int save = fs->free_reg;
    int scratch = alloc_reg();
    expr(f, scratch, Ctx{});
    fs->free_reg = save;
    s = n;
  }
}

void Compiler::list_expr(Value form, int dest, Ctx ctx) {
  int save_line = line, save_col = column;
  note_position(form);
  Value expanded = expand_once(form);
  if (expanded != form) {
    expr(expanded, dest, ctx);
    line = save_line, column = save_col;
    return;
  }
  Value head = first(form);
  if (is_sym(head) && symbol_ns(head).is_nil() && lookup_local(head).kind == LookupKind::kNone) {
    if (special_form(head, form, dest, ctx)) {
      line = save_line, column = save_col;
      return;
    }
  }
  Value shim = interop_form(form);
  call_expr(shim.is_nil() ? form : shim, dest, ctx);
  line = save_line, column = save_col;
}

// ---- interop: rewrites (.m o a), (C. a), (new C a), (. o m a), (C/m a) into
// calls of the shim vars in vm/interop.cpp; nil when form is an ordinary call.
Value Compiler::interop_form(Value form) {
  Value head = first(form);
  if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return kNil;
  std::string_view name = string_view(symbol_name(head));
  Value args = next(form);
  auto call_var = [&](Value var, Value rest) {
    Value sym = make_symbol(string_view(symbol_name(ns_name(slot(var, kVarNs)))),
                            string_view(symbol_name(slot(var, kVarSym))));
    Value m = meta(form);
    Value out = cons_list(sym, is(rest, Type::kList) || is(rest, Type::kEmptyList) ? rest : seq_to_list(rest));
    return m.is_nil() ? out : with_meta(out, m);
  };
  if (!symbol_ns(head).is_nil()) {
    if (!resolve_var(head).is_nil()) return kNil;
    Value v = interop_static_method(string_view(symbol_ns(head)), name);
    if (v.is_nil()) {
      std::string_view q = string_view(symbol_ns(head));
      if (find_ns(make_symbol("", q)).is_nil() && ns_find_alias(current_ns(), make_symbol("", q)).is_nil()) {
        // Class names end in a capitalised segment (java.util.UUID); namespaces do not.
        size_t dot = q.rfind('.');
        char c = q[dot == std::string_view::npos ? 0 : dot + 1];
        if (c >= 'A' && c <= 'Z') error("Folio has no shim for the static interop call " + symbol_str(head));
        error("No such namespace: " + std::string(q));
      }
      return kNil;
    }
    return call_var(v, args);
  }
  if (name == "." ) {  // (. obj method args...) or (. obj (method args...))
    Value target = first(args), m = first(next(args)), margs = next(next(args));
    if (is(m, Type::kList) || is(m, Type::kCons)) {
      margs = next(m);
      m = first(m);
    }
    if (!is_sym(m)) error("Malformed member expression");
    Value method_sym = make_symbol("", "." + std::string(string_view(symbol_name(m))));
    Value v = interop_method(string_view(symbol_name(method_sym)));
    if (v.is_nil()) error("Folio has no shim for the interop method " + std::string(string_view(symbol_name(m))));
    return call_var(v, cons_list(target, seq_to_list(margs)));
  }
  if (name.size() > 2 && name[0] == '.' && name[1] == '-' && resolve_var(head).is_nil()) {
    // (.-field obj): folio-field (stdlib/core_ns.clj) reads a deftype's field, a record's
    // key (records are maps) and a var's ns and sym.
    if (args.is_nil()) error("Malformed member expression, expecting (." + std::string(name.substr(1)) + " target)");
    Value get = resolve_var(make_symbol("clojure.core/folio-field"));
    if (get.is_nil()) get = resolve_var(make_symbol("clojure.core/get"));
    return call_var(get, cons_list(first(args), cons_list(keyword(name.substr(2)), seq_to_list(kNil))));
  }
  if (name.size() > 1 && name[0] == '.' && name[1] != '.') {
    if (resolve_var(head).is_nil()) {
      Value v = interop_method(name);
      if (v.is_nil() && !args.is_nil() && next(args).is_nil())  // (.field x): a record's or deftype's field
        return call_var(resolve_var(make_symbol("clojure.core/folio-field")),
                        cons_list(first(args), cons_list(keyword(name.substr(1)), empty_list())));
      if (v.is_nil()) error("Folio has no shim for the interop method " + std::string(name.substr(1)));
      if (args.is_nil()) error("Malformed member expression, expecting (." + std::string(name.substr(1)) + " target ...)");
      return call_var(v, args);
    }
    return kNil;
  }
  bool ctor = name.size() > 1 && name.back() == '.' && resolve_var(head).is_nil();
  bool is_new = name == "new";
  if (!ctor && !is_new) return kNil;
  std::string cls = is_new ? (is_sym(first(args)) ? symbol_str(first(args)) : std::string())
                           : std::string(name.substr(0, name.size() - 1));
  Value ctor_args = is_new ? next(args) : args;
  if ((cls == "Object" || cls == "java.lang.Object") && ctor_args.is_nil())  // a lock, usually
    return call_var(resolve_var(make_symbol("clojure.core/folio-new-object")), kNil);
  if (cls == "String" || cls == "java.lang.String") {  // (String. s), (String. char-array): stdlib/core_array.clj
    Value mk = resolve_var(make_symbol("clojure.core/folio-new-string"));
    if (!mk.is_nil()) return call_var(mk, seq_to_list(ctor_args));
  }
  std::string full = resolve_class_name(cls);
  if (full.empty()) {  // a deftype or record: (user.Point. 1 2), (new Point 1 2) call ->Point
    Value tv = type_var_for_class(cls), named = resolve_var(make_symbol(cls));
    if (tv.is_nil() && !named.is_nil() && is(var_root(named), Type::kClass))
      tv = type_var_for_class(class_value_name(var_root(named)));
    Value ctor = tv.is_nil() ? kNil
                             : ns_find_mapping(slot(tv, kVarNs), make_symbol("", "->" + std::string(string_view(
                                                                                        symbol_name(slot(tv, kVarSym))))));
    if (!ctor.is_nil()) return call_var(ctor, ctor_args);
  }
  if (full.empty()) error("Folio has no shim for the constructor " + cls + ".");
  Value thrower = resolve_var(make_symbol("clojure.core/folio-throwable"));
  return call_var(thrower, cons_list(make_string(full), seq_to_list(ctor_args)));
}

Value Compiler::seq_to_list(Value s) {
  std::vector<Value> xs;
  for (s = seq(s); !s.is_nil(); s = next(s)) xs.push_back(first(s));
  return list_from(xs.data(), uint32_t(xs.size()));
}

// ---- calls
Op Compiler::inline_op(Value head, uint32_t nargs) {
  if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return OP_COUNT;
  Value v = resolve_var(head);
  if (v.is_nil() || slot(v, kVarNs) != core_ns()) return OP_COUNT;
  std::string_view n = string_view(symbol_name(slot(v, kVarSym)));
  if (nargs == 2) {
    if (n == "+") return OP_ADD;
    if (n == "-") return OP_SUB;
    if (n == "*") return OP_MUL;
    if (n == "<") return OP_LT;
    if (n == "<=") return OP_LE;
    if (n == ">") return OP_GT;
    if (n == ">=") return OP_GE;
    if (n == "==") return OP_NUMEQ;
    if (n == "=") return OP_EQUIV;
    if (n == "identical?") return OP_IDENTICAL;
  } else if (nargs == 1) {
    if (n == "inc") return OP_INC;
    if (n == "dec") return OP_DEC;
    if (n == "not") return OP_NOT;
  }
  return OP_COUNT;
}

// clojure.core fns whose direct two-argument call JVM Clojure inlines with a
// different error message; the variant keeps Folio's messages the same.
Value Compiler::direct_variant(Value head) {
  if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return head;
  Value v = resolve_var(head);
  if (v.is_nil() || slot(v, kVarNs) != core_ns()) return head;
  std::string_view n = string_view(symbol_name(slot(v, kVarSym)));
  if (n == "quot") return make_symbol("clojure.core", "folio-quot-direct");
  if (n == "rem") return make_symbol("clojure.core", "folio-rem-direct");
  return head;
}

void Compiler::call_expr(Value form, int dest, Ctx ctx) {
  Value head = first(form);
  std::vector<Value> args;
  for (Value s = next(form); !s.is_nil(); s = next(s)) args.push_back(first(s));
  if (args.size() > 200) error("too many arguments in one call (limit 200)");
  Op op = inline_op(head, uint32_t(args.size()));
  int save = fs->free_reg;
  if (op != OP_COUNT) {
    int b = operand(args[0]);
    int c = args.size() > 1 ? operand(args[1]) : 0;
    emit(make_abc(op, dest, b, c));
    fs->free_reg = save;
    return;
  }
  // A call whose destination is the newest register (a fresh temporary or a
  // local being initialised) is made in place: no register and no MOVE.
  int base = dest == fs->free_reg - 1 ? dest : alloc_reg();
  if (args.size() == 2) head = direct_variant(head);
  expr(head, base, Ctx{});
  for (Value a : args) expr(a, alloc_reg(), Ctx{});
  if (ctx.ret) {
    emit(make_abc(OP_TAILCALL, base, unsigned(args.size()), 0));
    emit(make_abc(OP_RETURN, base, 0, 0));
  } else {
    emit(make_abc(OP_CALL, base, unsigned(args.size()), 0));
    if (base != dest) emit(make_abc(OP_MOVE, dest, base, 0));
  }
  fs->free_reg = save;
}

}  // namespace compiling

using compiling::Compiler;
using compiling::g_file;
using compiling::is_sym;

std::string current_file() { return g_file; }
void set_current_file(const std::string& f) { g_file = f; }

Value compile_toplevel(Value form) {
  NoGC guard;  // the compiler holds Values in C++ locals throughout
  Compiler c;
  return c.compile_top(form);
}

Value macroexpand_1(Value form) {
  NoGC guard;
  Compiler c;
  return c.expand_once(form);
}

Value macroexpand(Value form) {
  for (;;) {
    Value e = macroexpand_1(form);
    if (e == form) return e;
    form = e;
  }
}

Value eval(Value form) {
  // A cluster node: each top-level form sees the other nodes' latest commits.
  if (g_heap->poll_replica) {
    g_heap->poll_replica();
    serve_cluster_requests();
  }
  Root r(form);
  Value m = meta(form);
  Root rm(m);
  form = macroexpand(form);
  // A macro's expansion has no position: keep the call's, so code it expands
  // to reports the call's line, as the JVM's compiler does.
  if ((is(form, Type::kList) || is(form, Type::kCons)) && is_map(m) && meta(form).is_nil()) form = with_meta(form, m);
  if (is(form, Type::kList) && is_sym(first(form)) && symbol_ns(first(form)).is_nil() &&
      string_view(symbol_name(first(form))) == "do") {
    Value result = kNil;
    Root rr(result);
    Value s = next(form);
    Root rs(s);
    for (; !s.is_nil(); s = next(s)) result = eval(first(s));
    return result;
  }
  Value fn = compile_toplevel(form);
  return call_fn(fn, nullptr, 0);
}

}  // namespace folio
