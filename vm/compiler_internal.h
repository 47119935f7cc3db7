// compiler_internal.h - the compiler's state and its parts, shared by compiler.cpp
// (expressions, calls, name resolution, macroexpansion) and compiler_forms.cpp
// (special forms and fns). Internal to those two files.
#pragma once
#include <string>
#include <vector>

#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/object.h"
#include "vm/runtime.h"

namespace folio::compiling {

extern std::string g_file;  // the file being compiled (compiler.cpp)

struct Local {
  Value name;  // unqualified symbol name (String)
  int reg;
  // A deftype's mutable field in its method bodies (folio-mutable-fields*):
  // (clojure.core/folio-deftype-get this i), compiled at each use instead of a register.
  Value alias = kNil;
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

enum class LookupKind { kNone, kReg, kCapture, kSelf, kAlias };
struct Lookup {
  LookupKind kind = LookupKind::kNone;
  int index = 0;
  Value alias = kNil;  // kAlias: the form standing for the name
};

// Keywords the compiler looks for (interned, so the keyword table keeps them alive).
struct Names {
  uint64_t generation = 0;
  Value line, column, file, name, ns, dynamic, macro, private_, doc, default_;
};
inline Names& names() {
  static Names n;
  if (n.generation != g_heap_generation) {
    n.generation = g_heap_generation;
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

inline bool str_eq(Value a, Value b) { return string_view(a) == string_view(b); }
inline bool is_sym(Value v) { return is(v, Type::kSymbol); }
inline bool sym_is(Value s, std::string_view name) {
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
  int emit(Instr i);
  int here() const;
  void patch_jump(int at, int target);
  int constant(Value v);
  int alloc_reg();
  void load_const(int dest, Value v);
  // ---- positions
  void note_position(Value form);
  // ---- name resolution
  Lookup lookup(FnState* f, Value name);
  Lookup lookup_local(Value sym);
  Value resolve_var(Value sym);
  bool is_macro_call(Value form, Value* macro_var);
  Value local_env();
  Value expand_once(Value form);
  // ---- expressions
  bool is_constant_form(Value form);
  Value strip_position(Value m);
  // Literal collections keep user metadata but not the reader's position.
  Value literal_value(Value form);
  // Puts form's value in a register: a local's own register when it is one.
  int operand(Value form);
  void expr(Value form, int dest, Ctx ctx);
  void symbol_expr(Value sym, int dest);
  void collection_expr(Value form, int dest);
  void body_expr(Value forms, int dest, Ctx ctx);
  void list_expr(Value form, int dest, Ctx ctx);
  // ---- interop: rewrites (.m o a), (C. a), (new C a), (. o m a), (C/m a) into
  // calls of the shim vars in vm/interop.cpp; nil when form is an ordinary call.
  Value interop_form(Value form);
  static Value seq_to_list(Value s);
  // ---- calls
  Op inline_op(Value head, uint32_t nargs);
  // clojure.core fns whose direct two-argument call JVM Clojure inlines with a
  // different error message; the variant keeps Folio's messages the same.
  Value direct_variant(Value head);
  void call_expr(Value form, int dest, Ctx ctx);
  // ---- special forms
  bool special_form(Value head, Value form, int dest, Ctx ctx);
  void if_form(Value args, int dest, Ctx ctx);
  // Emits a jump taken when `test` is false; returns it for patching. A clojure.core
  // comparison of two operands becomes one compare-and-skip before the jump.
  int test_jump(Value test);
  void let_form(Value args, int dest, Ctx ctx, bool is_loop);
  void recur_form(Value args, Ctx ctx);
  void def_form(Value args, int dest);
  void var_form(Value args, int dest);
  void throw_form(Value args);
  void set_form(Value args, int dest);
  // (folio-mutable-fields* this [field index ...] body...): deftype's mutable fields
  void mutable_fields_form(Value args, int dest, Ctx ctx);
  // (try body... (catch Class e body...)... (finally body...))
  void try_form(Value args, int dest);
  // (letfn* [f1 (fn* f1 ...) ...] body)
  void letfn_form(Value args, int dest, Ctx ctx);
  // (case* expr default {const offset-index} [then...])  -- the case macro's target
  void case_form(Value args, int dest, Ctx ctx);
  // ---- fns
  void fn_form(Value form, int dest, std::vector<Capture>* caps_out = nullptr);
  Value compile_arity(FnState& f, Value arity, const std::string& fname);
  Value make_proto(FnState& a, ProtoInfo info, const std::string& fname);
  Value compile_top(Value form);
};

}  // namespace folio::compiling
