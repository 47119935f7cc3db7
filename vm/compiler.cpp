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

#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/interop.h"
#include "vm/namespace.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio {
namespace {

std::string g_file = "NO_SOURCE_PATH";

struct Local {
  Value name;  // unqualified symbol name (String)
  int reg;
};

struct Capture {
  Value name;
  int kind;  // 0: parent's register, 1: parent's capture, 2: parent's closure itself
  int index;
};

struct LoopTarget {
  int head = -1;
  int first_reg = 0;
  int count = 0;
};

struct FnState {
  FnState* parent = nullptr;
  std::vector<Instr> code;
  std::vector<int32_t> lines;
  std::vector<Value> consts;
  std::vector<Local> locals;
  std::vector<Capture> captures;
  Value self_name = kNil;  // String
  int free_reg = 0, max_reg = 0;
  LoopTarget loop;
};

struct Ctx {
  bool ret = false;       // value is the fn's return value (TAILCALL allowed)
  bool recur_ok = false;  // recur allowed here
};

enum class LookupKind { kNone, kReg, kCapture, kSelf };
struct Lookup {
  LookupKind kind = LookupKind::kNone;
  int index = 0;
};

// Keywords the compiler looks for (interned, so the keyword table keeps them alive).
struct Names {
  char* base = nullptr;
  Value line, column, file, name, ns, dynamic, macro, private_, doc, default_;
};
Names& names() {
  static Names n;
  if (n.base != g_base) {
    n.base = g_base;
    n.line = keyword("line");
    n.column = keyword("column");
    n.file = keyword("file");
    n.name = keyword("name");
    n.ns = keyword("ns");
    n.dynamic = keyword("dynamic");
    n.macro = keyword("macro");
    n.private_ = keyword("private");
    n.doc = keyword("doc");
    n.default_ = keyword("default");
  }
  return n;
}

bool str_eq(Value a, Value b) { return string_view(a) == string_view(b); }
bool is_sym(Value v) { return is(v, Type::kSymbol); }
bool sym_is(Value s, std::string_view name) {
  return is_sym(s) && symbol_ns(s).is_nil() && string_view(symbol_name(s)) == name;
}

struct Compiler {
  FnState* fs = nullptr;
  int line = 0, column = 0;
  Value def_name = kNil;  // String: an anonymous fn* directly under def takes the var's name

  [[noreturn]] void error(const std::string& msg) {
    Value data = empty_map();
    data = map_assoc(data, keyword("clojure.error", "phase"), keyword("compile-syntax-check"));
    data = map_assoc(data, keyword("clojure.error", "source"), make_string(g_file));
    data = map_assoc(data, keyword("clojure.error", "line"), Value::fixnum(line));
    data = map_assoc(data, keyword("clojure.error", "column"), Value::fixnum(column));
    throw Thrown{make_throwable("clojure.lang.Compiler$CompilerException", make_string(msg), data, kNil)};
  }

  // ---- emitting
  int emit(Instr i) {
    fs->code.push_back(i);
    fs->lines.push_back(line);
    return int(fs->code.size()) - 1;
  }
  int here() const { return int(fs->code.size()); }
  void patch_jump(int at, int target) {
    int off = target - (at + 1);
    if (off < -32768 || off > 32767) error("fn body too large to compile");
    Instr i = fs->code[at];
    fs->code[at] = make_asbx(op_of(i), arg_a(i), off);
  }
  int constant(Value v) {
    for (size_t i = 0; i < fs->consts.size(); ++i)
      if (fs->consts[i] == v) return int(i);
    if (fs->consts.size() >= 65535) error("too many constants in one fn");
    fs->consts.push_back(v);
    return int(fs->consts.size()) - 1;
  }
  int alloc_reg() {
    if (fs->free_reg >= 250) error("too many locals and temporaries in one fn (limit 250)");
    int r = fs->free_reg++;
    if (fs->free_reg > fs->max_reg) fs->max_reg = fs->free_reg;
    return r;
  }
  void load_const(int dest, Value v) {
    if (v.is_nil()) emit(make_abc(OP_LOADNIL, dest, 0, 0));
    else if (v.is_bool()) emit(make_abc(OP_LOADBOOL, dest, v.truthy(), 0));
    else if (v.is_fixnum() && v.fixnum_value() >= -32768 && v.fixnum_value() <= 32767)
      emit(make_asbx(OP_LOADI, dest, int(v.fixnum_value())));
    else emit(make_abx(OP_LOADK, dest, constant(v)));
  }

  // ---- positions
  void note_position(Value form) {
    Value m = meta(form);
    if (m.is_nil() || !is_map(m)) return;
    Value l = map_get(m, names().line, kNil), c = map_get(m, names().column, kNil);
    if (l.is_fixnum()) line = int(l.fixnum_value());
    if (c.is_fixnum()) column = int(c.fixnum_value());
  }

  // ---- name resolution
  Lookup lookup(FnState* f, Value name) {
    for (size_t i = f->locals.size(); i-- > 0;)
      if (str_eq(f->locals[i].name, name)) return {LookupKind::kReg, f->locals[i].reg};
    for (size_t i = 0; i < f->captures.size(); ++i)
      if (str_eq(f->captures[i].name, name)) return {LookupKind::kCapture, int(i)};
    if (is(f->self_name, Type::kString) && str_eq(f->self_name, name)) return {LookupKind::kSelf, 0};
    if (!f->parent) return {};
    Lookup up = lookup(f->parent, name);
    if (up.kind == LookupKind::kNone) return {};
    int kind = up.kind == LookupKind::kReg ? 0 : up.kind == LookupKind::kCapture ? 1 : 2;
    f->captures.push_back(Capture{name, kind, up.index});
    return {LookupKind::kCapture, int(f->captures.size()) - 1};
  }
  Lookup lookup_local(Value sym) {
    if (!fs || !is_sym(sym) || !symbol_ns(sym).is_nil()) return {};
    return lookup(fs, symbol_name(sym));
  }

  Value resolve_var(Value sym) { return resolve_var_symbol(sym); }

  bool is_macro_call(Value form, Value* macro_var) {
    if (!is(form, Type::kList) && !(is_seq(form) && !seq(form).is_nil())) return false;
    Value head = first(form);
    if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return false;
    Value v = resolve_var(head);
    if (v.is_nil() || !(var_flags(v) & kVarMacro)) return false;
    *macro_var = v;
    return true;
  }

  Value local_env() {
    Value env = empty_map();
    for (FnState* f = fs; f; f = f->parent)
      for (auto& l : f->locals) {
        Value s = make_symbol("", string_view(l.name));
        env = map_assoc(env, s, s);
      }
    return env;
  }

  Value expand_once(Value form) {
    Value mv;
    if (!is_macro_call(form, &mv)) return form;
    std::vector<Value> args{form, fs ? local_env() : empty_map()};
    for (Value s = next(form); !s.is_nil(); s = next(s)) args.push_back(first(s));
    Value f = slot(mv, kVarRoot);
    Value out = call_fn(f, args.data(), uint32_t(args.size()));
    // Keep the call's position on the expansion, as Clojure does for lists.
    if ((is(out, Type::kList) || is(out, Type::kCons) || is(out, Type::kLazySeq)) && meta(out).is_nil()) {
      Value m = meta(form);
      if (!m.is_nil() && is(out, Type::kList)) out = with_meta(out, m);
    }
    return out;
  }

  // ---- expressions
  bool is_constant_form(Value form) {
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
  Value strip_position(Value m) {
    if (m.is_nil()) return m;
    m = map_dissoc(map_dissoc(m, names().line), names().column);
    return map_count(m) == 0 ? kNil : m;
  }
  // Literal collections keep user metadata but not the reader's position.
  Value literal_value(Value form) {
    if (is(form, Type::kVector) || is(form, Type::kHashSet) || is_map(form)) {
      Value m = meta(form);
      if (!m.is_nil()) return with_meta(form, strip_position(m));
    }
    return form;
  }

  // Puts form's value in a register: a local's own register when it is one.
  int operand(Value form) {
    Lookup l = lookup_local(form);
    if (l.kind == LookupKind::kReg) return l.index;
    int r = alloc_reg();
    expr(form, r, Ctx{});
    return r;
  }

  void expr(Value form, int dest, Ctx ctx) {
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

  void symbol_expr(Value sym, int dest) {
    Lookup l = lookup_local(sym);
    switch (l.kind) {
      case LookupKind::kReg:
        if (l.index != dest) emit(make_abc(OP_MOVE, dest, l.index, 0));
        return;
      case LookupKind::kCapture: emit(make_abc(OP_GETUPVAL, dest, l.index, 0)); return;
      case LookupKind::kSelf: emit(make_abc(OP_SELF, dest, 0, 0)); return;
      case LookupKind::kNone: break;
    }
    Value v = resolve_var(sym);
    Value field;
    if (v.is_nil() && !symbol_ns(sym).is_nil() &&
        interop_static_field(string_view(symbol_ns(sym)), string_view(symbol_name(sym)), &field))
      return load_const(dest, field);
    if (v.is_nil() && symbol_ns(sym).is_nil()) {
      std::string cls = resolve_class_symbol(string_view(symbol_name(sym)));
      if (!cls.empty()) return load_const(dest, make_symbol("", cls));
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

  void collection_expr(Value form, int dest) {
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

  void body_expr(Value forms, int dest, Ctx ctx) {  // forms: a seq of body forms
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

  void list_expr(Value form, int dest, Ctx ctx) {
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
  Value interop_form(Value form) {
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
    if (name == "." ) {  // (. obj method args...)
      Value target = first(args), m = first(next(args));
      if (!is_sym(m)) error("Malformed member expression");
      Value method_sym = make_symbol("", "." + std::string(string_view(symbol_name(m))));
      Value v = interop_method(string_view(symbol_name(method_sym)));
      if (v.is_nil()) error("Folio has no shim for the interop method " + std::string(string_view(symbol_name(m))));
      return call_var(v, cons_list(target, seq_to_list(next(next(args)))));
    }
    if (name.size() > 1 && name[0] == '.' && name[1] != '.') {
      if (resolve_var(head).is_nil()) {
        Value v = interop_method(name);
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
    std::string full = resolve_class_name(cls);
    if (full.empty()) error("Folio has no shim for the constructor " + cls + ".");
    Value thrower = resolve_var(make_symbol("clojure.core/folio-throwable"));
    return call_var(thrower, cons_list(make_string(full), seq_to_list(ctor_args)));
  }

  static Value seq_to_list(Value s) {
    std::vector<Value> xs;
    for (s = seq(s); !s.is_nil(); s = next(s)) xs.push_back(first(s));
    return list_from(xs.data(), uint32_t(xs.size()));
  }

  // ---- calls
  Op inline_op(Value head, uint32_t nargs) {
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
  Value direct_variant(Value head) {
    if (!is_sym(head) || lookup_local(head).kind != LookupKind::kNone) return head;
    Value v = resolve_var(head);
    if (v.is_nil() || slot(v, kVarNs) != core_ns()) return head;
    std::string_view n = string_view(symbol_name(slot(v, kVarSym)));
    if (n == "quot") return make_symbol("clojure.core", "folio-quot-direct");
    if (n == "rem") return make_symbol("clojure.core", "folio-rem-direct");
    return head;
  }

  void call_expr(Value form, int dest, Ctx ctx) {
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

  // ---- special forms
  bool special_form(Value head, Value form, int dest, Ctx ctx) {
    std::string_view name = string_view(symbol_name(head));
    Value args = next(form);
    if (name == "quote") return load_const(dest, first(args)), true;
    if (name == "if") return if_form(args, dest, ctx), true;
    if (name == "do") return body_expr(args, dest, ctx), true;
    if (name == "let*") return let_form(args, dest, ctx, false), true;
    if (name == "loop*") return let_form(args, dest, ctx, true), true;
    if (name == "recur") return recur_form(args, ctx), true;
    if (name == "fn*") return fn_form(form, dest), true;
    if (name == "def") return def_form(args, dest), true;
    if (name == "var") return var_form(args, dest), true;
    if (name == "throw") return throw_form(args), true;
    if (name == "try") return try_form(args, dest), true;
    if (name == "letfn*") return letfn_form(args, dest, ctx), true;
    if (name == "set!") return set_form(args, dest), true;
    if (name == "case*") return case_form(args, dest, ctx), true;
    return false;
  }

  void if_form(Value args, int dest, Ctx ctx) {
    int64_t n = count(args);
    if (n < 2) error("Too few arguments to if");
    if (n > 3) error("Too many arguments to if");
    int save = fs->free_reg;
    int jf = test_jump(first(args));
    fs->free_reg = save;
    expr(nth(args, 1), dest, ctx);
    int jend = emit(make_asbx(OP_JMP, 0, 0));
    patch_jump(jf, here());
    expr(n == 3 ? nth(args, 2) : kNil, dest, ctx);
    patch_jump(jend, here());
  }

  // Emits a jump taken when `test` is false; returns it for patching. A clojure.core
  // comparison of two operands becomes one compare-and-skip before the jump.
  int test_jump(Value test) {
    Value macro_var;
    if (is(test, Type::kList) && count(test) == 3 && !is_macro_call(test, &macro_var)) {
      Op op = inline_op(first(test), 2);
      Op fused = op == OP_LT ? OP_IFLT : op == OP_LE ? OP_IFLE : op == OP_GT ? OP_IFGT
               : op == OP_GE ? OP_IFGE : op == OP_NUMEQ ? OP_IFNUMEQ : op == OP_EQUIV ? OP_IFEQUIV : OP_COUNT;
      if (fused != OP_COUNT) {
        int save_line = line, save_col = column;
        note_position(test);
        int b = operand(nth(test, 1));
        int c = operand(nth(test, 2));
        emit(make_abc(fused, b, c, 0));
        line = save_line, column = save_col;
        return emit(make_asbx(OP_JMP, 0, 0));
      }
    }
    int t = operand(test);
    return emit(make_asbx(OP_JMPF, t, 0));
  }

  void let_form(Value args, int dest, Ctx ctx, bool is_loop) {
    Value bindings = first(args);
    const char* what = is_loop ? "loop*" : "let*";
    if (!is(bindings, Type::kVector)) error(std::string("Bad binding form, expected vector in ") + what);
    int64_t nb = vector_count(bindings);
    if (nb % 2) error(std::string(what) + " requires an even number of forms in binding vector");
    int save = fs->free_reg;
    size_t nlocals = fs->locals.size();
    int first_reg = fs->free_reg;
    for (int64_t i = 0; i < nb; i += 2) {
      Value sym = vector_nth(bindings, i);
      if (!is_sym(sym) || !symbol_ns(sym).is_nil()) error("Bad binding form, expected symbol, got: " + pr_str(sym));
      int r = alloc_reg();
      expr(vector_nth(bindings, i + 1), r, Ctx{});
      fs->locals.push_back(Local{symbol_name(sym), r});
    }
    LoopTarget saved_loop = fs->loop;
    Ctx body_ctx = ctx;
    if (is_loop) {
      fs->loop = LoopTarget{here(), first_reg, int(nb / 2)};
      body_ctx.recur_ok = true;
    }
    body_expr(next(args), dest, body_ctx);
    fs->loop = saved_loop;
    fs->locals.resize(nlocals);
    fs->free_reg = save;
  }

  void recur_form(Value args, Ctx ctx) {
    if (!ctx.recur_ok || fs->loop.head < 0) error("Can only recur from tail position");
    int64_t n = count(args);
    if (n != fs->loop.count)
      error("Mismatched argument count to recur, expected: " + std::to_string(fs->loop.count) +
            " args, got: " + std::to_string(n));
    int save = fs->free_reg;
    std::vector<int> temps;
    int k = 0;
    for (Value s = args; !s.is_nil(); s = next(s), ++k) {
      // The last value can go straight to its register: nothing reads the old values after it.
      // (The spare register keeps that live register from looking like a free top: see call_expr.)
      if (k == n - 1) alloc_reg();
      int t = k == n - 1 ? fs->loop.first_reg + k : alloc_reg();
      expr(first(s), t, Ctx{});
      temps.push_back(t);
    }
    for (int i = 0; i < n - 1; ++i) emit(make_abc(OP_MOVE, fs->loop.first_reg + i, temps[i], 0));
    int j = emit(make_asbx(OP_JMP, 0, 0));
    patch_jump(j, fs->loop.head);
    fs->free_reg = save;
  }

  void def_form(Value args, int dest) {
    Names& n = names();
    Value sym = first(args);
    if (!is_sym(sym)) error("First argument to def must be a Symbol");
    Value ns = current_ns();
    if (!symbol_ns(sym).is_nil()) {
      if (string_view(symbol_ns(sym)) != string_view(symbol_name(ns_name(ns))))
        error("Can't create defs outside of current ns");
      sym = make_symbol("", string_view(symbol_name(sym)));
    }
    int64_t nargs = count(args);
    if (nargs > 3) error("Too many arguments to def");
    Value init = kUnbound;
    Value doc = kNil;
    if (nargs == 3) {
      doc = nth(args, 1);
      init = nth(args, 2);
    } else if (nargs == 2) {
      init = nth(args, 1);
    }
    Value existing = ns_find_mapping(ns, sym);
    if (is(existing, Type::kVar) && slot(existing, kVarNs) != ns) ns_unmap(ns, sym);  // shadow a referred var
    Value var = intern_var(ns, sym);
    Value m = meta(sym);
    if (m.is_nil()) m = empty_map();
    int64_t flags = var_flags(var) & ~(kVarDynamic | kVarMacro | kVarPrivate);
    if (map_get(m, n.dynamic, kNil).truthy()) flags |= kVarDynamic;
    if (map_get(m, n.macro, kNil).truthy()) flags |= kVarMacro;
    if (map_get(m, n.private_, kNil).truthy()) flags |= kVarPrivate;
    set_slot(var, kVarFlags, Value::fixnum(flags));
    if (is(doc, Type::kString)) m = map_assoc(m, n.doc, doc);
    m = map_assoc(m, n.line, Value::fixnum(line));
    m = map_assoc(m, n.column, Value::fixnum(column));
    m = map_assoc(m, n.file, make_string(g_file));
    Value quoted_sym[2] = {make_symbol("", "quote"), sym};
    m = map_assoc(m, n.name, list_from(quoted_sym, 2));  // meta is evaluated: quote the name
    m = map_assoc(m, n.ns, ns);
    int save = fs->free_reg;
    int r = alloc_reg();
    // Metadata first, so a fn defined here can read its own var's meta.
    if (is_constant_form(m)) {
      emit(make_abx(OP_LOADK, r, constant(m)));
    } else {
      expr(m, r, Ctx{});
    }
    emit(make_abx(OP_SETMETA, r, constant(var)));
    if (init != kUnbound) {
      def_name = symbol_name(sym);
      expr(init, dest, Ctx{});
      def_name = kNil;
      emit(make_abx(OP_DEF, dest, constant(var)));
    } else {
      emit(make_abx(OP_LOADK, dest, constant(var)));
    }
    fs->free_reg = save;
  }

  void var_form(Value args, int dest) {
    Value sym = first(args);
    Value v = is_sym(sym) ? resolve_var(sym) : kNil;
    if (v.is_nil()) error("Unable to resolve var: " + pr_str(sym) + " in this context");
    emit(make_abx(OP_LOADK, dest, constant(v)));
  }

  void throw_form(Value args) {
    int save = fs->free_reg;
    int r = operand(first(args));
    emit(make_abc(OP_THROW, r, 0, 0));
    fs->free_reg = save;
  }

  void set_form(Value args, int dest) {
    Value sym = first(args);
    Value v = is_sym(sym) ? resolve_var(sym) : kNil;
    if (v.is_nil()) error("Invalid assignment target");
    int save = fs->free_reg;
    int base = alloc_reg();
    emit(make_abx(OP_GETVAR, base, constant(core_var("var-set"))));
    emit(make_abx(OP_LOADK, alloc_reg(), constant(v)));
    expr(nth(args, 1), alloc_reg(), Ctx{});
    emit(make_abc(OP_CALL, base, 2, 0));
    if (base != dest) emit(make_abc(OP_MOVE, dest, base, 0));
    fs->free_reg = save;
  }

  // (try body... (catch Class e body...)... (finally body...))
  void try_form(Value args, int dest) {
    Names& n = names();
    std::vector<Value> body, catches;
    Value finally_body = kNil;
    for (Value s = args; !s.is_nil(); s = next(s)) {
      Value f = first(s);
      // Macros may build these clauses as any seq (syntax-quote makes cons cells).
      bool clause = is(f, Type::kList) || is_seq(f);
      bool is_catch = clause && sym_is(first(f), "catch");
      bool is_finally = clause && sym_is(first(f), "finally");
      if (is_catch) {
        if (!finally_body.is_nil()) error("finally clause must be last in try expression");
        catches.push_back(f);
      } else if (is_finally) {
        if (!next(s).is_nil()) error("finally clause must be last in try expression");
        finally_body = next(f);
        if (finally_body.is_nil()) finally_body = list_from(nullptr, 0);
      } else {
        if (!catches.empty()) error("Only catch or finally clause can follow catch in try expression");
        body.push_back(f);
      }
    }
    bool has_finally = !finally_body.is_nil();
    int save = fs->free_reg;
    int exc = alloc_reg();
    int t_body = emit(make_asbx(OP_TRY, exc, 0));
    body_expr(seq(list_from(body.data(), uint32_t(body.size()))), dest, Ctx{});
    emit(make_abc(OP_ENDTRY, 0, 0, 0));
    std::vector<int> to_end;
    to_end.push_back(emit(make_asbx(OP_JMP, 0, 0)));
    // Handler: the exception is in `exc`.
    patch_jump(t_body, here());
    int t_catch = -1;
    int exc2 = exc;
    if (has_finally) {
      exc2 = alloc_reg();
      t_catch = emit(make_asbx(OP_TRY, exc2, 0));
    }
    for (Value c : catches) {
      Value cls = nth(c, 1, kNil), bind = nth(c, 2, kNil);
      if (!is_sym(bind)) error("Unable to resolve classname: " + pr_str(bind));
      std::string cname;
      if (cls == n.default_) {
        cname = "java.lang.Throwable";
      } else {
        if (!is_sym(cls)) error("Unable to resolve classname: " + pr_str(cls));
        cname = resolve_class_name(symbol_str(cls));
        if (cname.empty()) error("Unable to resolve classname: " + symbol_str(cls));
      }
      int test = alloc_reg();
      int arg = alloc_reg();
      emit(make_abc(OP_MOVE, arg, exc, 0));
      emit(make_abx(OP_ISA, test, constant(make_string(cname))));
      int jnext = emit(make_asbx(OP_JMPF, test, 0));
      fs->free_reg = test;
      size_t nlocals = fs->locals.size();
      int breg = alloc_reg();
      emit(make_abc(OP_MOVE, breg, exc, 0));
      fs->locals.push_back(Local{symbol_name(bind), breg});
      Value cbody = next(next(next(c)));
      body_expr(cbody, dest, Ctx{});
      fs->locals.resize(nlocals);
      fs->free_reg = test;
      if (has_finally) emit(make_abc(OP_ENDTRY, 0, 0, 0));
      to_end.push_back(emit(make_asbx(OP_JMP, 0, 0)));
      patch_jump(jnext, here());
    }
    // No catch matched: rethrow (through the finally handler when there is one).
    emit(make_abc(OP_THROW, exc, 0, 0));
    if (has_finally) {
      patch_jump(t_catch, here());
      // A throw inside a catch, or an unmatched one: run finally, rethrow.
      int scratch = alloc_reg();
      body_expr(finally_body, scratch, Ctx{});
      emit(make_abc(OP_THROW, exc2, 0, 0));
    }
    for (int j : to_end) patch_jump(j, here());
    if (has_finally) {
      int scratch = alloc_reg();
      body_expr(finally_body, scratch, Ctx{});
    }
    fs->free_reg = save;
  }

  // (letfn* [f1 (fn* f1 ...) ...] body)
  void letfn_form(Value args, int dest, Ctx ctx) {
    Value bindings = first(args);
    if (!is(bindings, Type::kVector) || vector_count(bindings) % 2) error("Bad binding form in letfn*");
    int save = fs->free_reg;
    size_t nlocals = fs->locals.size();
    int64_t nb = vector_count(bindings) / 2;
    std::vector<int> regs;
    for (int64_t i = 0; i < nb; ++i) {
      int r = alloc_reg();
      emit(make_abc(OP_LOADNIL, r, 0, 0));
      fs->locals.push_back(Local{symbol_name(vector_nth(bindings, 2 * i)), r});
      regs.push_back(r);
    }
    std::vector<std::vector<std::pair<int, int>>> fixups(nb);  // capture index -> register
    for (int64_t i = 0; i < nb; ++i) {
      std::vector<Capture> caps;
      fn_form(vector_nth(bindings, 2 * i + 1), regs[i], &caps);
      for (size_t c = 0; c < caps.size(); ++c)
        if (caps[c].kind == 0)
          for (int r : regs)
            if (caps[c].index == r) fixups[i].push_back({int(c), r});
    }
    for (int64_t i = 0; i < nb; ++i)
      for (auto [c, r] : fixups[i]) emit(make_abc(OP_SETCAP, regs[i], c, r));
    body_expr(next(args), dest, ctx);
    fs->locals.resize(nlocals);
    fs->free_reg = save;
  }

  // (case* expr default {const offset-index} [then...])  -- the case macro's target
  void case_form(Value args, int dest, Ctx ctx) {
    Value e = nth(args, 0), dflt = nth(args, 1), table = nth(args, 2), thens = nth(args, 3);
    int save = fs->free_reg;
    int r = operand(e);
    int kidx = constant(kNil);  // the jump map, filled in once offsets are known
    int at = emit(make_abx(OP_CASE, r, kidx));
    fs->free_reg = save;
    int jdefault = emit(make_asbx(OP_JMP, 0, 0));
    std::vector<int> starts, to_end;
    int64_t n = vector_count(thens);
    for (int64_t i = 0; i < n; ++i) {
      starts.push_back(here());
      expr(vector_nth(thens, i), dest, ctx);
      to_end.push_back(emit(make_asbx(OP_JMP, 0, 0)));
    }
    patch_jump(jdefault, here());
    expr(dflt, dest, ctx);
    for (int j : to_end) patch_jump(j, here());
    Value jumps = empty_map();
    for (Value s = seq(table); !s.is_nil(); s = next(s)) {
      Value entry = first(s);
      int64_t idx = long_value(nth(entry, 1));
      jumps = map_assoc(jumps, nth(entry, 0), Value::fixnum(starts[idx] - (at + 1)));
    }
    fs->consts[kidx] = jumps;
  }

  // ---- fns
  void fn_form(Value form, int dest, std::vector<Capture>* caps_out = nullptr) {
    Value rest = next(form);
    Value name = kNil;
    if (is_sym(first(rest))) {
      name = symbol_name(first(rest));
      rest = next(rest);
    }
    std::vector<Value> arities;
    if (is(first(rest), Type::kVector)) {
      arities.push_back(rest);
    } else {
      for (Value s = rest; !s.is_nil(); s = next(s)) {
        Value a = first(s);
        if (!(is(a, Type::kList) || is_seq(a)) || !is(first(a), Type::kVector))
          error("Parameter declaration missing");
        arities.push_back(seq(a));
      }
    }
    FnState child;
    child.parent = fs;
    child.self_name = name;
    Value shown = name.is_nil() ? def_name : name;
    def_name = kNil;
    std::string fname = std::string(string_view(symbol_name(ns_name(current_ns())))) + "/" +
                        (shown.is_nil() ? std::string("fn") : std::string(string_view(shown)));
    Value variadic = kNil;
    std::vector<Value> fixed;
    // Compile arities into the same capture list: one closure serves all arities.
    for (Value a : arities) {
      Value p = compile_arity(child, a, fname);
      if (proto_info(p).variadic) {
        if (!variadic.is_nil()) error("Can't have more than 1 variadic overload");
        variadic = p;
      } else {
        for (Value q : fixed)
          if (proto_info(q).nparams == proto_info(p).nparams) error("Can't have 2 overloads with same arity");
        fixed.push_back(p);
      }
    }
    if (!variadic.is_nil())
      for (Value q : fixed)
        if (proto_info(q).nparams > proto_info(variadic).nparams)
          error("Can't have fixed arity function with more params than variadic function");
    Value def = alloc_slots(Type::kFnDef, uint32_t(kFnFixed0 + fixed.size()));
    init_slot(def, kFnName, make_string(fname));
    init_slot(def, kFnNCaptured, Value::fixnum(int64_t(child.captures.size())));
    init_slot(def, kFnVariadic, variadic);
    for (size_t i = 0; i < fixed.size(); ++i) init_slot(def, uint32_t(kFnFixed0 + i), fixed[i]);
    emit(make_abx(OP_CLOSURE, dest, constant(def)));
    for (auto& c : child.captures) emit(make_abc(OP_CAPTURE, c.kind, c.index, 0));
    if (caps_out) *caps_out = child.captures;
  }

  Value compile_arity(FnState& f, Value arity, const std::string& fname) {
    Value params = first(arity);
    Value body = next(arity);
    FnState* outer = fs;
    // Each arity gets fresh code/locals but shares the fn's capture list.
    FnState a;
    a.parent = f.parent;
    a.self_name = f.self_name;
    a.captures = std::move(f.captures);
    fs = &a;
    bool variadic = false;
    int nparams = 0;
    int64_t np = vector_count(params);
    for (int64_t i = 0; i < np; ++i) {
      Value p = vector_nth(params, i);
      if (sym_is(p, "&")) {
        if (i + 2 != np) error("Invalid parameter list");
        variadic = true;
        continue;
      }
      if (!is_sym(p) || !symbol_ns(p).is_nil()) error("fn params must be Symbols");
      int r = alloc_reg();
      a.locals.push_back(Local{symbol_name(p), r});
      if (!variadic) ++nparams;
    }
    if (nparams > 20 && !variadic) error("Can't specify more than 20 params");
    a.loop = LoopTarget{0, 0, nparams + (variadic ? 1 : 0)};
    int result = alloc_reg();
    body_expr(body, result, Ctx{true, true});
    emit(make_abc(OP_RETURN, result, 0, 0));
    f.captures = std::move(a.captures);
    fs = outer;
    return make_proto(a, ProtoInfo{unsigned(nparams), variadic, unsigned(a.max_reg + 1)}, fname);
  }

  Value make_proto(FnState& a, ProtoInfo info, const std::string& fname) {
    Value code = make_bytes(a.code.data(), a.code.size() * sizeof(Instr));
    Value lines = make_bytes(a.lines.data(), a.lines.size() * sizeof(int32_t));
    Value consts = make_array(uint32_t(a.consts.size()));
    for (size_t i = 0; i < a.consts.size(); ++i) init_slot(consts, uint32_t(i), a.consts[i]);
    Value p = alloc_slots(Type::kProto, kProtoSlots);
    init_slot(p, kProtoCode, code);
    init_slot(p, kProtoConsts, consts);
    init_slot(p, kProtoInfo, Value::fixnum(info.encode()));
    init_slot(p, kProtoLines, lines);
    init_slot(p, kProtoName, make_string(fname));
    init_slot(p, kProtoFile, make_string(g_file));
    return p;
  }

  Value compile_top(Value form) {
    FnState top;
    fs = &top;
    note_position(form);
    int r = alloc_reg();
    expr(form, r, Ctx{true, false});
    emit(make_abc(OP_RETURN, r, 0, 0));
    Value proto = make_proto(top, ProtoInfo{0, false, unsigned(top.max_reg + 1)}, "eval");
    Value def = alloc_slots(Type::kFnDef, kFnFixed0 + 1);
    init_slot(def, kFnName, make_string(std::string(string_view(symbol_name(ns_name(current_ns())))) + "/eval"));
    init_slot(def, kFnNCaptured, Value::fixnum(0));
    init_slot(def, kFnFixed0, proto);
    Value c = alloc_slots(Type::kClosure, kClosureCaptured0);
    init_slot(c, kClosureDef, def);
    fs = nullptr;
    return c;
  }
};

}  // namespace

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
  Root r(form);
  form = macroexpand(form);
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
