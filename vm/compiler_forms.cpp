// compiler_forms.cpp - the special forms and fns: one method each.
#include <string>
#include <vector>

#include "vm/compiler.h"
#include "vm/compiler_internal.h"
#include "vm/interop.h"
#include "vm/namespace.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio::compiling {

// ---- special forms
bool Compiler::special_form(Value head, Value form, int dest, Ctx ctx) {
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
  if (name == "folio-mutable-fields*") return mutable_fields_form(args, dest, ctx), true;
  return false;
}

void Compiler::if_form(Value args, int dest, Ctx ctx) {
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
int Compiler::test_jump(Value test) {
  Value macro_var;
  if (is(test, Type::kList) && count(test) == 3 && !is_macro_call(test, &macro_var)) {
    Op op = inline_op(first(test), 2);
    Op fused = op == OP_LT ? OP_IFLT : op == OP_LE ? OP_IFLE : op == OP_GT ? OP_IFGT
             : op == OP_GE ? OP_IFGE : op == OP_NUMEQ ? OP_IFNUMEQ : op == OP_EQUIV ? OP_IFEQUIV : OP_COUNT;
    if (fused != OP_COUNT) {
      int save_line = line, save_col = column;
      note_position(test);
      Value x = nth(test, 1), y = nth(test, 2);
      // A number literal on either side becomes a constant operand (IFxxK).
      auto number_literal = [](Value v) { return v.is_fixnum() || is(v, Type::kLong) || is(v, Type::kDouble); };
      static const Op kConstOp[] = {OP_IFLTK, OP_IFLEK, OP_IFGTK, OP_IFGEK, OP_IFNUMEQK};
      static const Op kMirror[] = {OP_IFGTK, OP_IFGEK, OP_IFLTK, OP_IFLEK, OP_IFNUMEQK};
      int which = fused == OP_IFLT ? 0 : fused == OP_IFLE ? 1 : fused == OP_IFGT ? 2 : fused == OP_IFGE ? 3
                : fused == OP_IFNUMEQ ? 4 : -1;
      if (which >= 0 && (number_literal(y) || number_literal(x))) {
        bool mirrored = !number_literal(y);
        int k = constant(mirrored ? x : y);
        if (k < 256) {
          int b = operand(mirrored ? y : x);
          emit(make_abc(mirrored ? kMirror[which] : kConstOp[which], b, k, 0));
          line = save_line, column = save_col;
          return emit(make_asbx(OP_JMP, 0, 0));
        }
      }
      int b = operand(x);
      int c = operand(y);
      emit(make_abc(fused, b, c, 0));
      line = save_line, column = save_col;
      return emit(make_asbx(OP_JMP, 0, 0));
    }
  }
  int t = operand(test);
  return emit(make_asbx(OP_JMPF, t, 0));
}

void Compiler::let_form(Value args, int dest, Ctx ctx, bool is_loop) {
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

void Compiler::recur_form(Value args, Ctx ctx) {
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

void Compiler::def_form(Value args, int dest) {
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
  set_slot(var, kVarFlags, Value::fixnum(var_flags_with_meta(var, m)));
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

void Compiler::var_form(Value args, int dest) {
  Value sym = first(args);
  Value v = is_sym(sym) ? resolve_var(sym) : kNil;
  if (v.is_nil()) error("Unable to resolve var: " + pr_str(sym) + " in this context");
  emit(make_abx(OP_LOADK, dest, constant(v)));
}

void Compiler::throw_form(Value args) {
  int save = fs->free_reg;
  int r = operand(first(args));
  emit(make_abc(OP_THROW, r, 0, 0));
  fs->free_reg = save;
}

void Compiler::set_form(Value args, int dest) {
  Value sym = first(args);
  if (count(args) != 2) error("Malformed assignment, expecting (set! target val)");
  Lookup l = lookup_local(sym);
  if (l.kind == LookupKind::kAlias) {  // a deftype's mutable field: (folio-deftype-set! this i val)
    Value setter = make_symbol("clojure.core", "folio-deftype-set!");
    Value call = cons_list(setter, cons_list(nth(l.alias, 1), cons_list(nth(l.alias, 2),
                                                                         cons_list(nth(args, 1), empty_list()))));
    return expr(call, dest, Ctx{});
  }
  if (l.kind != LookupKind::kNone && is_sym(sym))
    error("Cannot assign to non-mutable: " + std::string(string_view(symbol_name(sym))));
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

// (folio-mutable-fields* this [field index ...] body...), from deftype
// (stdlib/core_proto.clj): in body, each field names the slot of the object in
// local `this`, read at each use and written by set!, as a JVM field is.
void Compiler::mutable_fields_form(Value args, int dest, Ctx ctx) {
  Value self = first(args), fields = first(next(args));
  if (!is_sym(self) || !is(fields, Type::kVector) || vector_count(fields) % 2)
    error("Malformed folio-mutable-fields*");
  size_t nlocals = fs->locals.size();
  Value getter = make_symbol("clojure.core", "folio-deftype-get");
  for (int64_t i = 0; i < vector_count(fields); i += 2) {
    Value sym = vector_nth(fields, i), index = vector_nth(fields, i + 1);
    if (!is_sym(sym) || !index.is_fixnum()) error("Malformed folio-mutable-fields*");
    Value read = cons_list(getter, cons_list(self, cons_list(index, empty_list())));
    fs->locals.push_back(Local{symbol_name(sym), -1, read});
  }
  body_expr(next(next(args)), dest, ctx);
  fs->locals.resize(nlocals);
}

// (try body... (catch Class e body...)... (finally body...))
void Compiler::try_form(Value args, int dest) {
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
void Compiler::letfn_form(Value args, int dest, Ctx ctx) {
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
void Compiler::case_form(Value args, int dest, Ctx ctx) {
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
void Compiler::fn_form(Value form, int dest, std::vector<Capture>* caps_out) {
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

Value Compiler::compile_arity(FnState& f, Value arity, const std::string& fname) {
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

Value Compiler::make_proto(FnState& a, ProtoInfo info, const std::string& fname) {
  return folio::make_proto(a.code.data(), a.code.size(), a.lines.data(), a.consts.data(), a.consts.size(), info, fname,
                           g_file);
}

Value Compiler::compile_top(Value form) {
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

}  // namespace folio::compiling
