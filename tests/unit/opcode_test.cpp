// Instruction-level tests: one test per opcode of vm/opcodes.h.
//
// Each test assembles bytecode by hand (a Proto in a FnDef in a Closure, as
// another process or node would hand it over), has verify.cpp accept it, runs
// it and checks the result, then checks the opcode's error paths: what it
// throws on bad operands at run time, and what the verifier rejects in
// malformed operands. Where the compiler emits the opcode, a tiny form is
// compiled too and its disassembly must show the opcode.
//
// OPCODE_TEST(NAME) registers OP_NAME; "every opcode has an instruction-level
// test" fails for an opcode added to FOLIO_OPCODES without one, and each
// OPCODE_TEST fails unless bytecode holding its opcode was verified and run.
#include <doctest/doctest.h>

#include <bitset>
#include <fstream>
#include <iterator>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "tests/golden/golden.h"
#include "tests/unit/runtime_test_util.h"
#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/namespace.h"
#include "vm/runtime.h"
#include "vm/verify.h"
#include "vm/vm.h"

using namespace folio;

namespace {

std::bitset<OP_COUNT>& registered() {
  static std::bitset<OP_COUNT> b;
  return b;
}
std::bitset<OP_COUNT> g_ran;  // opcodes in bytecode the current test ran

struct Register {
  explicit Register(Op op) { registered().set(op); }
};

// ---- assembling

struct Fn {
  std::vector<Instr> code;
  std::vector<Value> consts;
  unsigned nparams = 0;
  unsigned nregs = 1;
  bool variadic = false;
  uint32_t ncaptured = 0;
  const char* name = "asm";
};

Value make_proto(const Fn& f) {
  return golden::assemble(f.code, f.consts, ProtoInfo{f.nparams, f.variadic, f.nregs}, f.name, "opcode_test.clj");
}

// A FnDef of one arity (fixed, or variadic when f.variadic).
Value make_def(const Fn& f) {
  Value p = make_proto(f);
  Value def = alloc_slots(Type::kFnDef, f.variadic ? kFnFixed0 : kFnFixed0 + 1);
  init_slot(def, kFnName, make_string(std::string("user/") + f.name));
  init_slot(def, kFnNCaptured, Value::fixnum(f.ncaptured));
  init_slot(def, f.variadic ? kFnVariadic : kFnFixed0, p);
  return def;
}

Value make_closure(Value def, std::initializer_list<Value> captured = {}) {
  Value c = alloc_slots(Type::kClosure, kClosureCaptured0 + uint32_t(captured.size()));
  init_slot(c, kClosureDef, def);
  uint32_t i = 0;
  for (Value v : captured) init_slot(c, kClosureCaptured0 + i++, v);
  return c;
}

Value closure_of(const Fn& f, std::initializer_list<Value> captured = {}) {
  return make_closure(make_def(f), captured);
}

void note_ran(Value def) {
  auto proto = [](Value p) {
    for (uint32_t pc = 0; pc < proto_ninstr(p); ++pc)
      if (op_of(proto_code(p)[pc]) < OP_COUNT) g_ran.set(op_of(proto_code(p)[pc]));
    Value k = slot(p, kProtoConsts);
    return k;
  };
  std::vector<Value> defs{def};
  while (!defs.empty()) {
    Value d = defs.back();
    defs.pop_back();
    std::vector<Value> ps;
    if (!slot(d, kFnVariadic).is_nil()) ps.push_back(slot(d, kFnVariadic));
    for (uint32_t i = 0; i < fndef_nfixed(d); ++i) ps.push_back(slot(d, kFnFixed0 + i));
    for (Value p : ps) {
      Value k = proto(p);
      for (uint32_t i = 0; i < nslots(k); ++i)
        if (is(slot(k, i), Type::kFnDef)) defs.push_back(slot(k, i));
    }
  }
}

// Verifies the closure (it must pass, as foreign code must before it runs),
// then calls it.
Value run(Value c, std::initializer_list<Value> args = {}) {
  std::string why;
  REQUIRE_MESSAGE(verify_fn(c, &why), why);
  note_ran(closure_def(c));
  std::vector<Value> a(args);
  return VM::current().call(c, a.data(), uint32_t(a.size()));
}

// "Class: message" of what calling c throws, or "no error".
std::string error_of(Value c, std::initializer_list<Value> args = {}) {
  try {
    run(c, args);
  } catch (Thrown& t) {
    return folio::test::thrown_string(t);
  }
  return "no error";
}
bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The verifier's reason for refusing f ("" when it accepts it).
std::string rejection(const Fn& f, std::initializer_list<Value> captured = {}) {
  std::string why;
  return verify_fn(closure_of(f, captured), &why) ? std::string() : why;
}
bool rejects(const Fn& f, const std::string& reason, std::initializer_list<Value> captured = {}) {
  std::string why = rejection(f, captured);
  INFO("verifier said: \"" << why << "\", expected \"" << reason << "\"");
  return !why.empty() && why.find(reason) != std::string::npos;
}

Value ev(const std::string& src) { return load_string(src, "opcode_test.clj"); }
std::string pr(Value v) { return pr_str(v); }
Value fx(int64_t i) { return Value::fixnum(i); }
Value str(const char* s) { return make_string(s); }

// The compiler emits `name` for the fn form `src`: its disassembly names it.
bool compiles_to(const std::string& src, const char* name) {
  Value f = ev(src);
  Value disasm = var_root(intern_var(find_or_create_ns("folio.core"), make_symbol("disasm")));
  Value text = call_fn(disasm, f);
  std::istringstream in{std::string(string_view(text))};
  for (std::string tok; in >> tok;)
    if (tok == name) return true;
  INFO("disassembly of " << src << ":\n" << string_view(text));
  return false;
}

constexpr Instr ret(unsigned a) { return make_abc(OP_RETURN, a, 0, 0); }
constexpr Instr jmp(int off) { return make_asbx(OP_JMP, 0, off); }

}  // namespace

#define OPCODE_TEST(NAME)                                                                        \
  static void opcode_body_##NAME();                                                             \
  static const Register register_##NAME{OP_##NAME};                                             \
  TEST_CASE("opcode " #NAME) {                                                                  \
    folio::test::FreshRuntime fresh;                                                             \
    g_ran.reset();                                                                               \
    opcode_body_##NAME();                                                                        \
    CHECK_MESSAGE(g_ran.test(OP_##NAME), "the test of " #NAME " ran no bytecode holding it");   \
  }                                                                                              \
  static void opcode_body_##NAME()

TEST_CASE("every opcode has an instruction-level test") {
  CHECK(OP_COUNT == sizeof(kOpNames) / sizeof(kOpNames[0]));
  for (unsigned op = 0; op < OP_COUNT; ++op)
    CHECK_MESSAGE(registered().test(op), "no OPCODE_TEST(", kOpNames[op], ") in tests/unit/opcode_test.cpp");
}

TEST_CASE("the verifier: opcodes past the table, register counts, malformed protos") {
  folio::test::FreshRuntime fresh;
  CHECK(rejects({{Instr(OP_COUNT), ret(0)}, {}, 0, 1}, "unknown opcode"));
  CHECK(rejects({{Instr(0xff), ret(0)}, {}, 0, 1}, "unknown opcode"));
  CHECK(rejects({{ret(0)}, {}, 0, 257}, "bad register count"));
  CHECK(rejects({{ret(0)}, {}, 2, 1}, "bad register count"));
  CHECK(rejects({{ret(0)}, {}, 1, 1, true}, "bad register count"));  // the rest seq needs one more
  CHECK(rejects({{}, {}, 0, 1}, "code size is not whole instructions"));
  CHECK(rejects({{make_abc(OP_LOADNIL, 0, 0, 0)}, {}, 0, 1}, "code falls off the end"));
  Value c = closure_of({{ret(0)}, {}, 0, 1});
  Value proto = slot(closure_def(c), kFnFixed0);
  Value code = slot(proto, kProtoCode);
  std::string why;
  init_slot(proto, kProtoCode, make_bytes("abc", 3));  // not whole instructions
  CHECK_FALSE(verify_fn(c, &why));
  init_slot(proto, kProtoCode, str("not bytes"));
  CHECK_FALSE(verify_fn(c, &why));
  CHECK(why == "malformed Proto");
  init_slot(proto, kProtoCode, code);
  CHECK(verify_fn(c));
  init_slot(closure_def(c), kFnFixed0, str("not a proto"));
  CHECK_FALSE(verify_fn(c, &why));
  CHECK(why == "not a Proto");
  CHECK_FALSE(verify_fn(str("not a fn"), &why));
  CHECK(why == "not a FnDef");
}

TEST_CASE("the verifier accepts every fn the compiler made for the built-in image") {
  VM vm;
  std::vector<char> img = folio::test::boot_builtin_image();
  uint64_t fns = 0;
  for (uint64_t p = 0; p < g_heap->header().used_pages; ++p) {
    const heap::PageEntry& e = g_heap->page(p);
    auto check = [&](uint64_t at) {
      Value v = Value::ref(at);
      if (!is(v, Type::kFnDef)) return;
      ++fns;
      std::string why;
      CHECK_MESSAGE(verify_fn(v, &why), why);
    };
    if (e.kind == heap::PageKind::kLargeHead) check(p * heap::kPageSize);
    if (e.kind != heap::PageKind::kSmall) continue;
    uint64_t cw = uint64_t(heap::class_words(e.size_class)) * 8;
    for (uint64_t at = p * heap::kPageSize; at + cw <= (p + 1) * heap::kPageSize; at += cw) check(at);
  }
  CHECK(fns > 500);  // 863 when this was written
}

// ---------------------------------------------------------------- loads and moves

OPCODE_TEST(MOVE) {
  Value c = closure_of({{make_abc(OP_MOVE, 1, 0, 0), ret(1)}, {}, 1, 2});
  CHECK(pr(run(c, {fx(7)})) == "7");
  CHECK(pr(run(c, {str("s")})) == "\"s\"");
  CHECK(rejects({{make_abc(OP_MOVE, 1, 2, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_MOVE, 2, 0, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(compiles_to("(fn* [a] (let* [b a] (loop* [x b] x)))", "MOVE"));
}

OPCODE_TEST(LOADK) {
  Value c = closure_of({{make_abx(OP_LOADK, 0, 1), ret(0)}, {fx(1), str("constant")}, 0, 1});
  CHECK(pr(run(c)) == "\"constant\"");
  CHECK(rejects({{make_abx(OP_LOADK, 0, 2), ret(0)}, {fx(1), fx(2)}, 0, 1}, "constant out of range"));
  CHECK(rejects({{make_abx(OP_LOADK, 0, 0), ret(0)}, {}, 0, 1}, "constant out of range"));
  CHECK(rejects({{make_abx(OP_LOADK, 1, 0), ret(0)}, {fx(1)}, 0, 1}, "constant out of range"));
  CHECK(compiles_to("(fn* [] \"s\")", "LOADK"));
}

OPCODE_TEST(LOADI) {
  for (int v : {0, 1, -1, 300, -300, 32767, -32768}) {
    Value c = closure_of({{make_asbx(OP_LOADI, 0, v), ret(0)}, {}, 0, 1});
    CHECK(run(c) == fx(v));
  }
  CHECK(rejects({{make_asbx(OP_LOADI, 1, 5), ret(0)}, {}, 0, 1}, "register out of range"));
  CHECK(compiles_to("(fn* [] 12)", "LOADI"));
}

OPCODE_TEST(LOADNIL) {
  Value c = closure_of({{make_abc(OP_LOADNIL, 0, 0, 0), ret(0)}, {}, 1, 1});
  CHECK(run(c, {fx(5)}).is_nil());
  CHECK(rejects({{make_abc(OP_LOADNIL, 3, 0, 0), ret(0)}, {}, 0, 1}, "register out of range"));
  CHECK(compiles_to("(fn* [] nil)", "LOADNIL"));
}

OPCODE_TEST(LOADBOOL) {
  Value t = closure_of({{make_abc(OP_LOADBOOL, 0, 1, 0), ret(0)}, {}, 0, 1});
  Value f = closure_of({{make_abc(OP_LOADBOOL, 0, 0, 0), ret(0)}, {}, 0, 1});
  Value any = closure_of({{make_abc(OP_LOADBOOL, 0, 200, 0), ret(0)}, {}, 0, 1});  // B != 0 is true
  CHECK(run(t) == kTrue);
  CHECK(run(f) == kFalse);
  CHECK(run(any) == kTrue);
  CHECK(rejects({{make_abc(OP_LOADBOOL, 1, 1, 0), ret(0)}, {}, 0, 1}, "register out of range"));
  CHECK(compiles_to("(fn* [] false)", "LOADBOOL"));
}

OPCODE_TEST(GETUPVAL) {
  Fn f{{make_abc(OP_GETUPVAL, 0, 1, 0), ret(0)}, {}, 0, 1};
  f.ncaptured = 2;
  CHECK(pr(run(closure_of(f, {fx(1), str("second")}))) == "\"second\"");
  Fn bad = f;
  bad.code[0] = make_abc(OP_GETUPVAL, 0, 2, 0);
  CHECK(rejects(bad, "capture out of range", {fx(1), fx(2)}));
  bad.code[0] = make_abc(OP_GETUPVAL, 1, 0, 0);
  CHECK(rejects(bad, "capture out of range", {fx(1), fx(2)}));
  // a closure must hold exactly the FnDef's number of captured values
  std::string why;
  CHECK_FALSE(verify_fn(closure_of(f, {fx(1)}), &why));
  CHECK(why == "closure has the wrong number of captured values");
  CHECK(compiles_to("(fn* [a] (fn* [] a))", "CLOSURE"));
  CHECK(compiles_to("((fn* [a] (fn* [] a)) 1)", "GETUPVAL"));
}

OPCODE_TEST(SELF) {
  Value c = closure_of({{make_abc(OP_SELF, 0, 0, 0), ret(0)}, {}, 0, 1});
  CHECK(run(c) == c);
  CHECK(rejects({{make_abc(OP_SELF, 1, 0, 0), ret(0)}, {}, 0, 1}, "register out of range"));
  CHECK(compiles_to("(fn* me [] me)", "SELF"));
}

// ---------------------------------------------------------------- vars

OPCODE_TEST(GETVAR) {
  Value user = g_heap->root(kRootUserNs);
  Value var = intern_var(user, make_symbol("op-getvar"));
  Value c = closure_of({{make_abx(OP_GETVAR, 0, 0), ret(0)}, {var}, 0, 1});
  CHECK(error_of(c) == "java.lang.IllegalStateException: Var user/op-getvar is unbound.");
  var_set_root(var, fx(5));
  CHECK(run(c) == fx(5));
  // a dynamic var: the thread binding, else the root
  set_slot(var, kVarFlags, Value::fixnum(var_flags(var) | kVarDynamic));
  VM::current().push_bindings(map_assoc(ev("{}"), var, fx(6)));
  CHECK(run(c) == fx(6));
  VM::current().pop_bindings();
  CHECK(run(c) == fx(5));
  CHECK(rejects({{make_abx(OP_GETVAR, 0, 0), ret(0)}, {str("not a var")}, 0, 1}, "expected a Var constant"));
  CHECK(rejects({{make_abx(OP_GETVAR, 0, 1), ret(0)}, {var}, 0, 1}, "expected a Var constant"));
  CHECK(rejects({{make_abx(OP_GETVAR, 1, 0), ret(0)}, {var}, 0, 1}, "expected a Var constant"));
  ev("(def op-gv 1)");
  CHECK(compiles_to("(fn* [] op-gv)", "GETVAR"));
}

OPCODE_TEST(DEF) {
  Value var = intern_var(g_heap->root(kRootUserNs), make_symbol("op-def"));
  Value c = closure_of({{make_abx(OP_DEF, 0, 0), ret(0)}, {var}, 1, 1});
  CHECK(run(c, {fx(42)}) == var);  // R[A] becomes the Var
  CHECK(var_root(var) == fx(42));
  CHECK(pr(ev("op-def")) == "42");
  CHECK(rejects({{make_abx(OP_DEF, 0, 0), ret(0)}, {fx(1)}, 1, 1}, "expected a Var constant"));
  CHECK(rejects({{make_abx(OP_DEF, 0, 1), ret(0)}, {var}, 1, 1}, "expected a Var constant"));
  CHECK(compiles_to("(fn* [] (def op-def2 1))", "DEF"));
}

OPCODE_TEST(SETMETA) {
  Value var = intern_var(g_heap->root(kRootUserNs), make_symbol("op-setmeta"));
  Value meta = ev("{:doc \"d\"}");
  Value c = closure_of({{make_abx(OP_SETMETA, 0, 0), ret(0)}, {var}, 1, 1});
  CHECK(run(c, {meta}) == meta);  // R[A] is left alone
  CHECK(slot(var, kVarMeta) == meta);
  CHECK(rejects({{make_abx(OP_SETMETA, 0, 0), ret(0)}, {meta}, 1, 1}, "expected a Var constant"));
  CHECK(rejects({{make_abx(OP_SETMETA, 1, 0), ret(0)}, {var}, 1, 1}, "expected a Var constant"));
  CHECK(compiles_to("(fn* [] (def ^{:doc \"x\"} op-sm 1))", "SETMETA"));
}

// ---------------------------------------------------------------- closures

namespace {
// An inner fn of 3 captured values returning the one named by its argument.
Value capture_reader() {
  Fn inner{{make_abc(OP_GETUPVAL, 1, 0, 0), make_abc(OP_GETUPVAL, 2, 1, 0), make_abc(OP_GETUPVAL, 3, 2, 0),
            make_abc(OP_MOVE, 0, 1, 0), ret(0)},
           {}, 0, 4};
  inner.ncaptured = 3;
  inner.name = "inner";
  return make_def(inner);
}
}  // namespace

OPCODE_TEST(CLOSURE) {
  Value inner = capture_reader();
  // outer [x], one capture of its own: inner closes over x, outer's U[0] and outer itself
  Fn outer{{make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0), make_abc(OP_CAPTURE, 1, 0, 0),
            make_abc(OP_CAPTURE, 2, 0, 0), ret(1)},
           {inner}, 1, 2};
  outer.ncaptured = 1;
  Value oc = closure_of(outer, {str("outer's")});
  Value ic = run(oc, {fx(7)});
  REQUIRE(is(ic, Type::kClosure));
  CHECK(closure_def(ic) == inner);
  CHECK(closure_captured(ic, 0) == fx(7));
  CHECK(pr(closure_captured(ic, 1)) == "\"outer's\"");
  CHECK(closure_captured(ic, 2) == oc);
  CHECK(run(ic) == fx(7));
  // the verifier: the constant must be a well-formed FnDef, and its CAPTURE words present and in range
  Fn bad = outer;
  bad.consts = {str("not a fndef")};
  CHECK(rejects(bad, "not a FnDef", {kNil}));
  bad = outer;
  bad.code[0] = make_abx(OP_CLOSURE, 1, 1);
  CHECK(rejects(bad, "constant out of range", {kNil}));
  bad = outer;
  bad.code[0] = make_abx(OP_CLOSURE, 2, 0);
  CHECK(rejects(bad, "constant out of range", {kNil}));
  bad = outer;
  bad.code = {make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0), ret(1), ret(1)};  // 1 of 3 captures
  CHECK(rejects(bad, "bad capture", {kNil}));
  bad.code = {make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0), make_abc(OP_CAPTURE, 0, 0, 0)};
  CHECK(rejects(bad, "captures run past the end", {kNil}));
  Fn bad_inner{{make_abc(OP_MOVE, 9, 0, 0), ret(0)}, {}, 0, 1};
  bad_inner.name = "bad-inner";
  bad = outer;
  bad.code = {make_abx(OP_CLOSURE, 1, 0), ret(1)};
  bad.consts = {make_def(bad_inner)};
  CHECK(rejects(bad, "bad-inner at 0: register out of range", {kNil}));  // nested fns are verified too
  CHECK(compiles_to("(fn* [a] (fn* [] a))", "CLOSURE"));
}

OPCODE_TEST(CAPTURE) {
  Value inner = capture_reader();
  Fn outer{{make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0), make_abc(OP_CAPTURE, 1, 0, 0),
            make_abc(OP_CAPTURE, 2, 0, 0), ret(1)},
           {inner}, 1, 2};
  outer.ncaptured = 1;
  Value ic = run(closure_of(outer, {fx(9)}), {fx(8)});
  CHECK(closure_captured(ic, 0) == fx(8));
  CHECK(closure_captured(ic, 1) == fx(9));
  auto with_capture = [&](Instr cap) {
    Fn f = outer;
    f.code[2] = cap;
    return f;
  };
  CHECK(rejects(with_capture(make_abc(OP_CAPTURE, 3, 0, 0)), "bad capture", {kNil}));     // no kind 3
  CHECK(rejects(with_capture(make_abc(OP_CAPTURE, 0, 2, 0)), "bad capture", {kNil}));     // R[2] of 2 registers
  CHECK(rejects(with_capture(make_abc(OP_CAPTURE, 1, 1, 0)), "bad capture", {kNil}));     // U[1] of 1 capture
  CHECK(rejects(with_capture(make_abc(OP_MOVE, 0, 0, 0)), "bad capture", {kNil}));        // not a CAPTURE word
  // outside a CLOSURE's capture words a CAPTURE is refused
  CHECK(rejects({{make_abc(OP_CAPTURE, 0, 0, 0), ret(0)}, {}, 0, 1}, "capture outside a closure"));
  CHECK(compiles_to("(fn* [a] (fn* [] a))", "CAPTURE"));
}

OPCODE_TEST(SETCAP) {
  Fn inner{{make_abc(OP_GETUPVAL, 0, 0, 0), ret(0)}, {}, 0, 1};
  inner.ncaptured = 1;
  // R1 = closure capturing R0 (nil for now); U[0] of R1 = R2; return R1
  Fn outer{{make_abc(OP_LOADNIL, 0, 0, 0), make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0),
            make_asbx(OP_LOADI, 2, 99), make_abc(OP_SETCAP, 1, 0, 2), ret(1)},
           {make_def(inner)}, 0, 3};
  Value ic = run(closure_of(outer));
  CHECK(closure_captured(ic, 0) == fx(99));
  CHECK(run(ic) == fx(99));
  Fn bad = outer;
  bad.code[4] = make_abc(OP_SETCAP, 3, 0, 2);
  CHECK(rejects(bad, "register out of range"));
  bad.code[4] = make_abc(OP_SETCAP, 1, 0, 3);
  CHECK(rejects(bad, "register out of range"));
  CHECK(compiles_to("(fn* [] (letfn* [a (fn* [] (b)) b (fn* [] 1)] (a)))", "SETCAP"));
  // What the verifier cannot see, the instruction checks: R[A] must be a
  // closure and B one of its captures (foreign bytecode must not write elsewhere).
  Fn not_closure{{make_asbx(OP_LOADI, 0, 7), make_asbx(OP_LOADI, 1, 1), make_abc(OP_SETCAP, 0, 0, 1), ret(0)}, {}, 0, 2};
  CHECK(starts(error_of(closure_of(not_closure)), "java.lang.IllegalStateException: bad bytecode: SETCAP"));
  Fn past_captures = outer;
  past_captures.code[4] = make_abc(OP_SETCAP, 1, 5, 2);
  CHECK(starts(error_of(closure_of(past_captures)), "java.lang.IllegalStateException: bad bytecode: SETCAP"));
}

// ---------------------------------------------------------------- calls

namespace {
Value adder() {  // [a b] -> a + b
  return closure_of({{make_abc(OP_ADD, 0, 0, 1), ret(0)}, {}, 2, 2, false, 0, "adder"});
}
Value native(const char* name) { return var_root(core_var(name)); }
}  // namespace

OPCODE_TEST(CALL) {
  // [f a b] -> (f a b)
  Value c = closure_of({{make_abc(OP_CALL, 0, 2, 0), ret(0)}, {}, 3, 3, false, 0, "caller"});
  CHECK(run(c, {adder(), fx(2), fx(3)}) == fx(5));
  CHECK(pr(run(c, {native("vector"), fx(2), fx(3)})) == "[2 3]");   // a native
  CHECK(pr(run(c, {ev("{:a 1}"), ev(":a"), fx(0)})) == "1");        // a map is a fn
  Value one = closure_of({{make_abc(OP_CALL, 0, 1, 0), ret(0)}, {}, 2, 2, false, 0, "caller1"});
  CHECK(error_of(one, {adder(), fx(1)}) == "clojure.lang.ArityException: Wrong number of args (1) passed to: user/adder");
  CHECK(starts(error_of(one, {native("inc"), fx(1)}), "no error"));
  CHECK(starts(error_of(c, {native("inc"), fx(1), fx(2)}), "clojure.lang.ArityException: Wrong number of args (2)"));
  CHECK(error_of(one, {fx(5), fx(1)}) ==
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class clojure.lang.IFn");
  CHECK(starts(error_of(one, {kNil, fx(1)}), "java.lang.NullPointerException"));
  // a variadic callee gets its rest args as a seq
  Value rest = closure_of({{make_abc(OP_MOVE, 0, 1, 0), ret(0)}, {}, 1, 2, true, 0, "rest"});
  CHECK(pr(run(c, {rest, fx(2), fx(3)})) == "(3)");
  CHECK(rejects({{make_abc(OP_CALL, 0, 3, 0), ret(0)}, {}, 3, 3}, "call arguments out of range"));
  CHECK(rejects({{make_abc(OP_CALL, 3, 0, 0), ret(0)}, {}, 3, 3}, "call arguments out of range"));
  ev("(def op-f (fn* [x] x))");
  CHECK(compiles_to("(fn* [] (let* [r (op-f 1)] r))", "CALL"));
}

OPCODE_TEST(TAILCALL) {
  // [f a b] -> (f a b) in tail position
  Value c = closure_of({{make_abc(OP_TAILCALL, 0, 2, 0), ret(0)}, {}, 3, 3, false, 0, "tail"});
  CHECK(run(c, {adder(), fx(2), fx(3)}) == fx(5));
  CHECK(pr(run(c, {native("vector"), fx(2), fx(3)})) == "[2 3]");  // a native: falls into RETURN
  CHECK(starts(error_of(c, {adder(), fx(1), fx(2)}), "no error"));
  Value one = closure_of({{make_abc(OP_TAILCALL, 0, 1, 0), ret(0)}, {}, 2, 2, false, 0, "tail1"});
  CHECK(error_of(one, {adder(), fx(1)}) == "clojure.lang.ArityException: Wrong number of args (1) passed to: user/adder");
  CHECK(starts(error_of(one, {str("s"), fx(1)}), "java.lang.ClassCastException"));
  // a countdown that tail-calls itself a million times does not grow the stack
  //   [n] (if (== n 0) :done (self (dec n)))
  //   0 LOADK 1 :done  1 IFNUMEQK 0 K0  2 JMP +1  3 RETURN 1  4 SELF 2  5 DEC 3 0  6 TAILCALL 2 1  7 RETURN 2
  Fn count{{make_abx(OP_LOADK, 1, 1), make_abc(OP_IFNUMEQK, 0, 0, 0), jmp(1), ret(1), make_abc(OP_SELF, 2, 0, 0),
            make_abc(OP_DEC, 3, 0, 0), make_abc(OP_TAILCALL, 2, 1, 0), ret(2)},
           {fx(0), ev(":done")}, 1, 4, false, 0, "count"};
  Value cc = closure_of(count);
  Value caller = closure_of({{make_abc(OP_MOVE, 1, 0, 0), make_abx(OP_LOADK, 0, 0), make_abc(OP_CALL, 0, 1, 0), ret(0)},
                             {cc}, 1, 2, false, 0, "call-count"});
  CHECK(pr(run(caller, {fx(1000000)})) == ":done");
  CHECK(pr(run(cc, {fx(3)})) == ":done");
  CHECK(rejects({{make_abc(OP_TAILCALL, 1, 2, 0), ret(0)}, {}, 3, 3}, "call arguments out of range"));
  // a tail call drops the frame but not its handlers: refused inside a try
  CHECK(rejects({{make_asbx(OP_TRY, 2, 2), make_abc(OP_TAILCALL, 0, 1, 0), ret(0), ret(2)}, {}, 2, 3},
                "tail call inside a try"));
  ev("(def op-g (fn* [x] x))");
  CHECK(compiles_to("(fn* [] (op-g 1))", "TAILCALL"));
}

OPCODE_TEST(RETURN) {
  Value c = closure_of({{ret(1)}, {}, 2, 2});
  CHECK(run(c, {fx(1), fx(2)}) == fx(2));
  CHECK(rejects({{ret(2)}, {}, 2, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_MOVE, 0, 1, 0)}, {}, 2, 2}, "code falls off the end"));
  CHECK(compiles_to("(fn* [] 1)", "RETURN"));
}

// ---------------------------------------------------------------- jumps

OPCODE_TEST(JMP) {
  // forward: skip a load
  Value fwd = closure_of({{make_asbx(OP_LOADI, 0, 1), jmp(1), make_asbx(OP_LOADI, 0, 2), ret(0)}, {}, 0, 1});
  CHECK(run(fwd) == fx(1));
  // backward (a safepoint): sum 1..n with a loop
  //   R1 = 0; loop: if n == 0 return R1; R1 += n; n -= 1; jump loop
  Value sum = closure_of({{make_asbx(OP_LOADI, 1, 0), make_abc(OP_IFNUMEQK, 0, 0, 0), jmp(1), ret(1),
                           make_abc(OP_ADD, 1, 1, 0), make_abc(OP_DEC, 0, 0, 0), jmp(-6)},
                          {fx(0)}, 1, 2});
  CHECK(run(sum, {fx(100)}) == fx(5050));
  CHECK(run(sum, {fx(100000)}) == fx(5000050000));
  // the last instruction may be a JMP
  Value last = closure_of({{jmp(1), ret(0), jmp(-2)}, {}, 1, 1});
  CHECK(run(last, {fx(4)}) == fx(4));
  CHECK(rejects({{jmp(1), ret(0)}, {}, 0, 1}, "jump out of range"));    // to pc 2 of 2
  CHECK(rejects({{jmp(-2), ret(0)}, {}, 0, 1}, "jump out of range"));   // to pc -1
  CHECK(rejects({{ret(0), jmp(-3)}, {}, 0, 1}, "jump out of range"));
  CHECK(rejects({{jmp(30000), ret(0)}, {}, 0, 1}, "jump out of range"));
  CHECK(compiles_to("(fn* [x] (if x 1 2))", "JMP"));
}

OPCODE_TEST(JMPF) {
  // [x] (if x :then :else)
  Value c = closure_of({{make_asbx(OP_JMPF, 0, 2), make_abx(OP_LOADK, 0, 0), ret(0), make_abx(OP_LOADK, 0, 1), ret(0)},
                        {ev(":then"), ev(":else")}, 1, 1});
  CHECK(pr(run(c, {kNil})) == ":else");
  CHECK(pr(run(c, {kFalse})) == ":else");
  CHECK(pr(run(c, {kTrue})) == ":then");
  CHECK(pr(run(c, {fx(0)})) == ":then");
  CHECK(pr(run(c, {str("")})) == ":then");
  CHECK(pr(run(c, {ev("()")})) == ":then");
  CHECK(rejects({{make_asbx(OP_JMPF, 1, 0), ret(0)}, {}, 1, 1}, "jump out of range"));  // bad register
  CHECK(rejects({{make_asbx(OP_JMPF, 0, 1), ret(0)}, {}, 1, 1}, "jump out of range"));
  CHECK(compiles_to("(fn* [x] (if x 1 2))", "JMPF"));
}

OPCODE_TEST(JMPT) {
  // [x] (if x :then :else), the other way round; the compiler does not emit JMPT
  Value c = closure_of({{make_asbx(OP_JMPT, 0, 2), make_abx(OP_LOADK, 0, 1), ret(0), make_abx(OP_LOADK, 0, 0), ret(0)},
                        {ev(":then"), ev(":else")}, 1, 1});
  CHECK(pr(run(c, {kNil})) == ":else");
  CHECK(pr(run(c, {kFalse})) == ":else");
  CHECK(pr(run(c, {kTrue})) == ":then");
  CHECK(pr(run(c, {fx(0)})) == ":then");
  CHECK(rejects({{make_asbx(OP_JMPT, 1, 0), ret(0)}, {}, 1, 1}, "jump out of range"));
  CHECK(rejects({{make_asbx(OP_JMPT, 0, -2), ret(0)}, {}, 1, 1}, "jump out of range"));
}

// ---------------------------------------------------------------- arithmetic

namespace {
Value binop(Op op) { return closure_of({{make_abc(op, 2, 0, 1), ret(2)}, {}, 2, 3, false, 0, kOpNames[op]}); }
Value unop(Op op) { return closure_of({{make_abc(op, 1, 0, 0), ret(1)}, {}, 1, 2, false, 0, kOpNames[op]}); }
std::string bin(Op op, const char* a, const char* b) { return pr(run(binop(op), {ev(a), ev(b)})); }
std::string bin_error(Op op, const char* a, const char* b) { return error_of(binop(op), {ev(a), ev(b)}); }
bool rejects_abc(Op op) {
  return rejects({{make_abc(op, 3, 0, 1), ret(2)}, {}, 2, 3}, "register out of range") &&
         rejects({{make_abc(op, 2, 3, 1), ret(2)}, {}, 2, 3}, "register out of range") &&
         rejects({{make_abc(op, 2, 0, 3), ret(2)}, {}, 2, 3}, "register out of range");
}
}  // namespace

OPCODE_TEST(ADD) {
  CHECK(bin(OP_ADD, "1", "2") == "3");
  CHECK(bin(OP_ADD, "-5", "2") == "-3");
  CHECK(bin(OP_ADD, "1152921504606846975", "1") == "1152921504606846976");  // leaves the fixnum range: boxed
  CHECK(bin(OP_ADD, "1.5", "2") == "3.5");
  CHECK(bin(OP_ADD, "1/2", "1/2") == "1N");  // a ratio of denominator 1 is a BigInt, as in Clojure
  CHECK(bin(OP_ADD, "1N", "2") == "3N");
  CHECK(bin_error(OP_ADD, "9223372036854775807", "1") == "java.lang.ArithmeticException: long overflow");
  CHECK(starts(bin_error(OP_ADD, "1", "nil"), "java.lang.NullPointerException"));
  CHECK(starts(bin_error(OP_ADD, "1", "\"a\""), "java.lang.ClassCastException"));
  CHECK(rejects_abc(OP_ADD));
  CHECK(compiles_to("(fn* [a b] (+ a b))", "ADD"));
}

OPCODE_TEST(SUB) {
  CHECK(bin(OP_SUB, "1", "2") == "-1");
  CHECK(bin(OP_SUB, "-1152921504606846976", "1") == "-1152921504606846977");
  CHECK(bin(OP_SUB, "2.5", "1") == "1.5");
  CHECK(bin_error(OP_SUB, "-9223372036854775808", "1") == "java.lang.ArithmeticException: long overflow");
  CHECK(starts(bin_error(OP_SUB, "nil", "1"), "java.lang.NullPointerException"));
  CHECK(starts(bin_error(OP_SUB, ":k", "1"), "java.lang.ClassCastException"));
  CHECK(rejects_abc(OP_SUB));
  CHECK(compiles_to("(fn* [a b] (- a b))", "SUB"));
}

OPCODE_TEST(MUL) {
  CHECK(bin(OP_MUL, "6", "7") == "42");
  CHECK(bin(OP_MUL, "-3", "0.5") == "-1.5");
  CHECK(bin(OP_MUL, "4611686018427387904", "1") == "4611686018427387904");
  CHECK(bin_error(OP_MUL, "9223372036854775807", "2") == "java.lang.ArithmeticException: long overflow");
  CHECK(starts(bin_error(OP_MUL, "[]", "2"), "java.lang.ClassCastException"));
  CHECK(rejects_abc(OP_MUL));
  CHECK(compiles_to("(fn* [a b] (* a b))", "MUL"));
}

namespace {
// a OP b for the comparison ops, fixnum and slow paths, and a type error
void check_compare(Op op, const char* form, bool lt, bool eq, bool gt) {
  auto b = [](bool x) { return x ? std::string("true") : std::string("false"); };
  CHECK(bin(op, "1", "2") == b(lt));
  CHECK(bin(op, "2", "2") == b(eq));
  CHECK(bin(op, "3", "2") == b(gt));
  CHECK(bin(op, "1.5", "2") == b(lt));          // double against long
  CHECK(bin(op, "2", "2.0") == b(eq));
  CHECK(bin(op, "9223372036854775807", "1") == b(gt));  // boxed long
  CHECK(bin(op, "1/3", "1/2") == b(lt));
  CHECK(starts(bin_error(op, "1", "\"a\""), "java.lang.ClassCastException"));
  CHECK(starts(bin_error(op, "nil", "1"), "java.lang.NullPointerException"));
  CHECK(rejects_abc(op));
  CHECK(compiles_to(std::string("(fn* [a b] (let* [r (") + form + " a b)] r))", kOpNames[op]));
}
}  // namespace

OPCODE_TEST(LT) { check_compare(OP_LT, "<", true, false, false); }
OPCODE_TEST(LE) { check_compare(OP_LE, "<=", true, true, false); }
OPCODE_TEST(GT) { check_compare(OP_GT, ">", false, false, true); }
OPCODE_TEST(GE) { check_compare(OP_GE, ">=", false, true, true); }
OPCODE_TEST(NUMEQ) { check_compare(OP_NUMEQ, "==", false, true, false); }

OPCODE_TEST(EQUIV) {
  CHECK(bin(OP_EQUIV, "1", "1") == "true");
  CHECK(bin(OP_EQUIV, "1", "1.0") == "false");  // = is within a category
  CHECK(bin(OP_EQUIV, "[1 2]", "'(1 2)") == "true");
  CHECK(bin(OP_EQUIV, "{:a [1]}", "{:a '(1)}") == "true");
  CHECK(bin(OP_EQUIV, "\"ab\"", "\"ab\"") == "true");  // two strings read apart
  CHECK(bin(OP_EQUIV, "##NaN", "##NaN") == "false");
  CHECK(bin(OP_EQUIV, "nil", "false") == "false");
  CHECK(bin(OP_EQUIV, ":a", "\"a\"") == "false");
  CHECK(rejects_abc(OP_EQUIV));
  CHECK(compiles_to("(fn* [a b] (let* [r (= a b)] r))", "EQUIV"));
}

OPCODE_TEST(IDENTICAL) {
  CHECK(bin(OP_IDENTICAL, ":a", ":a") == "true");
  CHECK(bin(OP_IDENTICAL, "1", "1") == "true");
  CHECK(bin(OP_IDENTICAL, "nil", "nil") == "true");
  CHECK(bin(OP_IDENTICAL, "[1]", "[1]") == "false");  // equal, not the same object
  CHECK(bin(OP_IDENTICAL, "1", "1.0") == "false");
  CHECK(rejects_abc(OP_IDENTICAL));
  CHECK(compiles_to("(fn* [a b] (identical? a b))", "IDENTICAL"));
}

OPCODE_TEST(INC) {
  auto inc = [](const char* x) { return pr(run(unop(OP_INC), {ev(x)})); };
  CHECK(inc("41") == "42");
  CHECK(inc("-1") == "0");
  CHECK(inc("1152921504606846975") == "1152921504606846976");  // boxed past the fixnum range
  CHECK(inc("1.5") == "2.5");
  CHECK(inc("1N") == "2N");
  CHECK(error_of(unop(OP_INC), {ev("9223372036854775807")}) == "java.lang.ArithmeticException: long overflow");
  CHECK(starts(error_of(unop(OP_INC), {kNil}), "java.lang.NullPointerException"));
  CHECK(starts(error_of(unop(OP_INC), {str("s")}), "java.lang.ClassCastException"));
  CHECK(rejects({{make_abc(OP_INC, 2, 0, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_INC, 1, 2, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(compiles_to("(fn* [a] (inc a))", "INC"));
}

OPCODE_TEST(DEC) {
  auto dec = [](const char* x) { return pr(run(unop(OP_DEC), {ev(x)})); };
  CHECK(dec("43") == "42");
  CHECK(dec("0") == "-1");
  CHECK(dec("-1152921504606846976") == "-1152921504606846977");
  CHECK(dec("0.5") == "-0.5");
  CHECK(error_of(unop(OP_DEC), {ev("-9223372036854775808")}) == "java.lang.ArithmeticException: long overflow");
  CHECK(starts(error_of(unop(OP_DEC), {kNil}), "java.lang.NullPointerException"));
  CHECK(starts(error_of(unop(OP_DEC), {ev(":k")}), "java.lang.ClassCastException"));
  CHECK(rejects({{make_abc(OP_DEC, 2, 0, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_DEC, 1, 2, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(compiles_to("(fn* [a] (dec a))", "DEC"));
}

OPCODE_TEST(NOT) {
  auto no = [](Value x) { return run(unop(OP_NOT), {x}); };
  CHECK(no(kNil) == kTrue);
  CHECK(no(kFalse) == kTrue);
  CHECK(no(kTrue) == kFalse);
  CHECK(no(fx(0)) == kFalse);
  CHECK(no(str("")) == kFalse);
  CHECK(rejects({{make_abc(OP_NOT, 2, 0, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_NOT, 1, 2, 0), ret(1)}, {}, 1, 2}, "register out of range"));
  core_var("not");  // clojure.core/not is Clojure source (stdlib/), absent from a fresh runtime
  CHECK(compiles_to("(fn* [a] (not a))", "NOT"));
}

// ---------------------------------------------------------------- compare and skip

namespace {
// [a b] (if (a OP b) :yes :no), with the second operand a register or constant K[0] = b.
Value if_fn(Op op, Value k = kNil) {
  bool konst = !k.is_nil();
  return closure_of({{make_abc(op, 0, konst ? 0 : 1, 0), jmp(2), make_abx(OP_LOADK, 0, 1), ret(0),
                      make_abx(OP_LOADK, 0, 2), ret(0)},
                     {konst ? k : kNil, ev(":yes"), ev(":no")}, konst ? 1u : 2u, 2, false, 0, kOpNames[op]});
}
std::string if_reg(Op op, const char* a, const char* b) { return pr(run(if_fn(op), {ev(a), ev(b)})); }
std::string if_k(Op op, const char* a, const char* k) { return pr(run(if_fn(op, ev(k)), {ev(a)})); }

void check_if(Op op, const char* form, bool lt, bool eq, bool gt) {
  auto yn = [](bool x) { return x ? std::string(":yes") : std::string(":no"); };
  CHECK(if_reg(op, "1", "2") == yn(lt));
  CHECK(if_reg(op, "2", "2") == yn(eq));
  CHECK(if_reg(op, "3", "2") == yn(gt));
  CHECK(if_reg(op, "1.5", "2") == yn(lt));  // slow path
  CHECK(if_reg(op, "2N", "2") == yn(eq));
  CHECK(if_reg(op, "9223372036854775807", "2") == yn(gt));
  CHECK(starts(error_of(if_fn(op), {str("a"), fx(1)}), "java.lang.ClassCastException"));
  CHECK(starts(error_of(if_fn(op), {fx(1), kNil}), "java.lang.NullPointerException"));
  // the verifier: registers in range, the JMP it skips present, and not the last instruction
  CHECK(rejects({{make_abc(op, 0, 2, 0), jmp(0), ret(0)}, {}, 2, 2}, "register out of range"));
  CHECK(rejects({{make_abc(op, 2, 1, 0), jmp(0), ret(0)}, {}, 2, 2}, "register out of range"));
  CHECK(rejects({{make_abc(op, 0, 1, 0), ret(0)}, {}, 2, 2}, "compare without its jump"));
  CHECK(rejects({{ret(0), make_abc(op, 0, 1, 0)}, {}, 2, 2}, "compare without its jump"));
  // skipping a JMP that ends the code would run past the end
  CHECK(rejects({{ret(0), make_abc(op, 0, 1, 0), jmp(-3)}, {}, 2, 2}, "skips past the end"));
  CHECK(compiles_to(std::string("(fn* [a b] (if (") + form + " a b) 1 2))", kOpNames[op]));
}

void check_ifk(Op op, const char* form, bool lt, bool eq, bool gt) {
  auto yn = [](bool x) { return x ? std::string(":yes") : std::string(":no"); };
  CHECK(if_k(op, "1", "2") == yn(lt));
  CHECK(if_k(op, "2", "2") == yn(eq));
  CHECK(if_k(op, "3", "2") == yn(gt));
  CHECK(if_k(op, "2", "2.5") == yn(lt));  // a double constant: slow path
  CHECK(if_k(op, "3", "2.5") == yn(gt));
  CHECK(if_k(op, "1", "100000000000") == yn(lt));
  CHECK(starts(error_of(if_fn(op, fx(1)), {str("a")}), "java.lang.ClassCastException"));
  CHECK(starts(error_of(if_fn(op, str("k")), {fx(1)}), "java.lang.ClassCastException"));  // a bad constant
  CHECK(rejects({{make_abc(op, 0, 1, 0), jmp(0), ret(0)}, {fx(1)}, 1, 1}, "operand out of range"));
  CHECK(rejects({{make_abc(op, 1, 0, 0), jmp(0), ret(0)}, {fx(1)}, 1, 1}, "operand out of range"));
  CHECK(rejects({{make_abc(op, 0, 0, 0), ret(0)}, {fx(1)}, 1, 1}, "compare without its jump"));
  CHECK(rejects({{ret(0), make_abc(op, 0, 0, 0), jmp(-3)}, {fx(1)}, 1, 1}, "skips past the end"));
  CHECK(compiles_to(std::string("(fn* [a] (if (") + form + " a 10) 1 2))", kOpNames[op]));
}
}  // namespace

OPCODE_TEST(IFLT) { check_if(OP_IFLT, "<", true, false, false); }
OPCODE_TEST(IFLE) { check_if(OP_IFLE, "<=", true, true, false); }
OPCODE_TEST(IFGT) { check_if(OP_IFGT, ">", false, false, true); }
OPCODE_TEST(IFGE) { check_if(OP_IFGE, ">=", false, true, true); }
OPCODE_TEST(IFNUMEQ) { check_if(OP_IFNUMEQ, "==", false, true, false); }
OPCODE_TEST(IFLTK) { check_ifk(OP_IFLTK, "<", true, false, false); }
OPCODE_TEST(IFLEK) { check_ifk(OP_IFLEK, "<=", true, true, false); }
OPCODE_TEST(IFGTK) { check_ifk(OP_IFGTK, ">", false, false, true); }
OPCODE_TEST(IFGEK) { check_ifk(OP_IFGEK, ">=", false, true, true); }
OPCODE_TEST(IFNUMEQK) { check_ifk(OP_IFNUMEQK, "==", false, true, false); }

OPCODE_TEST(IFEQUIV) {
  CHECK(if_reg(OP_IFEQUIV, "1", "1") == ":yes");
  CHECK(if_reg(OP_IFEQUIV, "1", "2") == ":no");
  CHECK(if_reg(OP_IFEQUIV, "1", "1.0") == ":no");
  CHECK(if_reg(OP_IFEQUIV, "[1 [2]]", "'(1 (2))") == ":yes");
  CHECK(if_reg(OP_IFEQUIV, "##NaN", "##NaN") == ":no");
  CHECK(if_reg(OP_IFEQUIV, "nil", "nil") == ":yes");
  CHECK(if_reg(OP_IFEQUIV, "\"a\"", ":a") == ":no");
  CHECK(rejects({{make_abc(OP_IFEQUIV, 0, 2, 0), jmp(0), ret(0)}, {}, 2, 2}, "register out of range"));
  CHECK(rejects({{make_abc(OP_IFEQUIV, 0, 1, 0), ret(0)}, {}, 2, 2}, "compare without its jump"));
  CHECK(rejects({{ret(0), make_abc(OP_IFEQUIV, 0, 1, 0), jmp(-3)}, {}, 2, 2}, "skips past the end"));
  CHECK(compiles_to("(fn* [a b] (if (= a b) 1 2))", "IFEQUIV"));
}

// ---------------------------------------------------------------- exceptions

namespace {
Value ex_info(const char* msg) { return make_throwable("clojure.lang.ExceptionInfo", str(msg), ev("{}"), kNil); }
}  // namespace

OPCODE_TEST(THROW) {
  Value c = closure_of({{make_abc(OP_THROW, 0, 0, 0)}, {}, 1, 1});
  CHECK(error_of(c, {ex_info("boom")}) == "clojure.lang.ExceptionInfo: boom");
  CHECK(error_of(c, {make_throwable("java.lang.ArithmeticException", str("a"), kNil, kNil)}) ==
        "java.lang.ArithmeticException: a");
  CHECK(error_of(c, {fx(1)}) ==
        "java.lang.ClassCastException: class java.lang.Long cannot be cast to class java.lang.Throwable");
  CHECK(error_of(c, {kNil}) ==
        "java.lang.ClassCastException: class nil cannot be cast to class java.lang.Throwable");
  CHECK(rejects({{make_abc(OP_THROW, 1, 0, 0)}, {}, 1, 1}, "register out of range"));
  CHECK(compiles_to("(fn* [e] (throw e))", "THROW"));
}

namespace {
// [f] (try (f) (catch Throwable e e)); returns (f) or what it threw
//   0 TRY 1 +4   1 MOVE 2 0   2 CALL 2 0   3 ENDTRY   4 RETURN 2   5 RETURN 1
Fn try_fn() {
  return {{make_asbx(OP_TRY, 1, 4), make_abc(OP_MOVE, 2, 0, 0), make_abc(OP_CALL, 2, 0, 0),
           make_abc(OP_ENDTRY, 0, 0, 0), ret(2), ret(1)},
          {}, 1, 3, false, 0, "try"};
}
Value thrower(Value exc) {
  return closure_of({{make_abx(OP_LOADK, 0, 0), make_abc(OP_THROW, 0, 0, 0)}, {exc}, 0, 1, false, 0, "thrower"});
}
}  // namespace

OPCODE_TEST(TRY) {
  Value c = closure_of(try_fn());
  Value e = ex_info("caught");
  CHECK(run(c, {thrower(e)}) == e);
  CHECK(run(c, {closure_of({{make_asbx(OP_LOADI, 0, 3), ret(0)}, {}, 0, 1})}) == fx(3));
  // a runtime error inside is caught as well (an arity error of the call)
  Value caught = run(c, {adder()});
  REQUIRE(is_throwable(caught));
  CHECK(throwable_class(caught) == "clojure.lang.ArityException");
  // handlers nest: the inner one catches
  //   0 TRY 1 +5  1 LOADK 2 c  2 MOVE 3 0  3 CALL 2 1  4 ENDTRY  5 RETURN 2  6 LOADK 2 :outer  7 RETURN 2
  Fn outer{{make_asbx(OP_TRY, 1, 5), make_abx(OP_LOADK, 2, 0), make_abc(OP_MOVE, 3, 0, 0), make_abc(OP_CALL, 2, 1, 0),
            make_abc(OP_ENDTRY, 0, 0, 0), ret(2), make_abx(OP_LOADK, 2, 1), ret(2)},
           {}, 1, 4, false, 0, "outer"};
  outer.consts = {c, ev(":outer")};
  CHECK(run(closure_of(outer), {thrower(e)}) == e);
  CHECK(rejects({{make_asbx(OP_TRY, 1, 0), ret(0)}, {}, 1, 1}, "jump out of range"));
  CHECK(rejects({{make_asbx(OP_TRY, 0, 1), ret(0)}, {}, 1, 1}, "jump out of range"));
  CHECK(rejects({{make_asbx(OP_TRY, 0, -2), ret(0)}, {}, 1, 1}, "jump out of range"));
  CHECK(compiles_to("(fn* [f] (try (f) (catch Exception e e)))", "TRY"));
}

OPCODE_TEST(ENDTRY) {
  // [f g] (do (try (f) (catch Throwable e :caught)) (g)): g's throw is past ENDTRY, so not caught here
  //   0 TRY 2 +4  1 MOVE 3 0  2 CALL 3 0  3 ENDTRY  4 JMP +1  5 LOADNIL 3  6 MOVE 3 1  7 CALL 3 0  8 RETURN 3
  Fn f{{make_asbx(OP_TRY, 2, 4), make_abc(OP_MOVE, 3, 0, 0), make_abc(OP_CALL, 3, 0, 0), make_abc(OP_ENDTRY, 0, 0, 0),
        jmp(1), make_abc(OP_LOADNIL, 3, 0, 0), make_abc(OP_MOVE, 3, 1, 0), make_abc(OP_CALL, 3, 0, 0), ret(3)},
       {}, 2, 4, false, 0, "endtry"};
  Value c = closure_of(f);
  Value ok = closure_of({{make_asbx(OP_LOADI, 0, 1), ret(0)}, {}, 0, 1});
  CHECK(run(c, {ok, ok}) == fx(1));
  CHECK(run(c, {thrower(ex_info("first")), ok}) == fx(1));  // caught, then g runs
  CHECK(error_of(c, {ok, thrower(ex_info("second"))}) == "clojure.lang.ExceptionInfo: second");
  // after a throw passed ENDTRY, the handler stack is as it was: the next call works
  CHECK(run(c, {ok, ok}) == fx(1));
  // the verifier follows the handler depth along every path: ENDTRY pops a
  // handler of its own frame (never none, never the caller's)
  CHECK(rejects({{make_abc(OP_ENDTRY, 0, 0, 0), ret(0)}, {}, 1, 1}, "ENDTRY without a TRY"));
  CHECK(rejects({{make_asbx(OP_TRY, 0, 2), make_abc(OP_ENDTRY, 0, 0, 0), make_abc(OP_ENDTRY, 0, 0, 0), ret(0)}, {}, 1, 1},
                "ENDTRY without a TRY"));
  // the handler's code runs with the handler popped: an ENDTRY there pops the caller's
  CHECK(rejects({{make_asbx(OP_TRY, 0, 2), make_abc(OP_ENDTRY, 0, 0, 0), ret(0), make_abc(OP_ENDTRY, 0, 0, 0), ret(0)},
                 {}, 1, 1},
                "ENDTRY without a TRY"));
  // one instruction reached inside and outside a try
  CHECK(rejects({{make_asbx(OP_JMPF, 0, 1), make_asbx(OP_TRY, 1, 1), ret(0), ret(0)}, {}, 1, 2},
                "reached with different try depths"));
  CHECK(rejection(f).empty());
  CHECK(compiles_to("(fn* [f] (try (f) (catch Exception e e)))", "ENDTRY"));
}

OPCODE_TEST(ISA) {
  // [e] R1 = e; R0 = (instance? K[i] R1) for each class name
  auto isa = [](Value exc, const char* cls) {
    Value c = closure_of({{make_abc(OP_MOVE, 1, 0, 0), make_abx(OP_ISA, 0, 0), ret(0)}, {str(cls)}, 1, 2});
    return run(c, {exc});
  };
  Value e = ex_info("x");
  CHECK(isa(e, "clojure.lang.ExceptionInfo") == kTrue);
  CHECK(isa(e, "java.lang.RuntimeException") == kTrue);
  CHECK(isa(e, "java.lang.Exception") == kTrue);
  CHECK(isa(e, "java.lang.Throwable") == kTrue);
  CHECK(isa(e, "java.lang.ArithmeticException") == kFalse);
  Value arith = make_throwable("java.lang.ArithmeticException", str("a"), kNil, kNil);
  CHECK(isa(arith, "java.lang.RuntimeException") == kTrue);
  CHECK(isa(arith, "clojure.lang.ExceptionInfo") == kFalse);
  CHECK(isa(fx(1), "java.lang.Throwable") == kFalse);  // not a throwable: false, no error
  CHECK(rejects({{make_abx(OP_ISA, 0, 0), ret(0)}, {fx(1)}, 1, 2}, "bad class test"));       // not a string
  CHECK(rejects({{make_abx(OP_ISA, 0, 1), ret(0)}, {str("C")}, 1, 2}, "bad class test"));    // no such constant
  CHECK(rejects({{make_abx(OP_ISA, 1, 0), ret(0)}, {str("C")}, 1, 2}, "bad class test"));    // R[A+1] out of range
  CHECK(compiles_to("(fn* [f] (try (f) (catch Exception e e)))", "ISA"));
}

OPCODE_TEST(CASE) {
  // [x] (case* x {1 -> pc 4, :a -> pc 6, "s" -> pc 6} default pc 2)
  //   0 CASE 0 K0   1 JMP +0   2 LOADK 0 K1 (:none)   3 RETURN 0   4 LOADK 0 K2 (:one)   5 RETURN 0
  //   6 LOADK 0 K3 (:named)   7 RETURN 0
  Value table = ev("{1 3, :a 5, \"s\" 5}");
  Fn f{{make_abx(OP_CASE, 0, 0), jmp(0), make_abx(OP_LOADK, 0, 1), ret(0), make_abx(OP_LOADK, 0, 2), ret(0),
        make_abx(OP_LOADK, 0, 3), ret(0)},
       {table, ev(":none"), ev(":one"), ev(":named")}, 1, 1, false, 0, "case"};
  Value c = closure_of(f);
  CHECK(pr(run(c, {fx(1)})) == ":one");
  CHECK(pr(run(c, {ev(":a")})) == ":named");
  CHECK(pr(run(c, {str("s")})) == ":named");
  CHECK(pr(run(c, {fx(2)})) == ":none");
  CHECK(pr(run(c, {kNil})) == ":none");
  CHECK(pr(run(c, {ev("1.0")})) == ":none");
  Fn bad = f;
  bad.consts[0] = ev("[3 5]");
  CHECK(rejects(bad, "bad case table"));
  bad.consts[0] = ev("{1 7}");  // to pc 8 of 8
  CHECK(rejects(bad, "case jump out of range"));
  bad.consts[0] = ev("{1 -2}");
  CHECK(rejects(bad, "case jump out of range"));
  bad.consts[0] = ev("{1 :x}");
  CHECK(rejects(bad, "case jump out of range"));
  bad = f;
  bad.code[1] = make_asbx(OP_LOADI, 0, 0);
  CHECK(rejects(bad, "case without default jump"));
  bad = f;
  bad.code[0] = make_abx(OP_CASE, 0, 9);
  CHECK(rejects(bad, "bad case table"));
  bad.code[0] = make_abx(OP_CASE, 1, 0);
  CHECK(rejects(bad, "bad case table"));
  CHECK(compiles_to("(fn* [x] (case* x :none {1 0 :a 1} [:one :kw]))", "CASE"));
}
