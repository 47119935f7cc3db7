// Unit tests for the compiler and interpreter: each instruction, calls,
// closures, exceptions, GC during execution, and bytecode verification.
#include <doctest/doctest.h>

#include <cstring>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/fn.h"
#include "vm/namespace.h"
#include "vm/vm.h"
#include "tests/unit/runtime_test_util.h"
#include "vm/verify.h"

using namespace folio;

namespace {

// A fresh heap with the natives but no stdlib: only special forms and natives.
using Fresh = folio::test::FreshRuntime;

Value ev(const char* src) { return load_string(src, "vm_test.clj"); }
std::string evp(const char* src) { return pr_str(ev(src)); }

std::string error_of(const char* src) { return folio::test::error_of_source(src, "vm_test.clj"); }

bool uses_op(Value closure, Op op) {
  Value def = closure_def(closure);
  for (uint32_t i = 0; i < fndef_nfixed(def); ++i) {
    Value p = slot(def, kFnFixed0 + i);
    for (uint32_t pc = 0; pc < proto_ninstr(p); ++pc)
      if (op_of(proto_code(p)[pc]) == op) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("constants and moves: LOADK LOADI LOADNIL LOADBOOL MOVE") {
  Fresh f;
  CHECK(evp("12") == "12");
  CHECK(evp("100000") == "100000");
  CHECK(evp("nil") == "nil");
  CHECK(evp("false") == "false");
  CHECK(evp("\"s\"") == "\"s\"");
  CHECK(evp("(let* [a 1 b a] b)") == "1");
}

TEST_CASE("arithmetic and comparison opcodes, with fixnum fast paths and slow paths") {
  Fresh f;
  CHECK(evp("(+ 1 2)") == "3");
  CHECK(evp("(- 1 2)") == "-1");
  CHECK(evp("(* 6 7)") == "42");
  CHECK(evp("(+ 1.5 2)") == "3.5");
  CHECK(evp("(< 1 2)") == "true");
  CHECK(evp("(<= 2 2)") == "true");
  CHECK(evp("(> 1 2)") == "false");
  CHECK(evp("(>= 1 2)") == "false");
  CHECK(evp("(== 1 1.0)") == "true");
  CHECK(evp("(= 1 1.0)") == "false");
  CHECK(evp("(= [1 2] '(1 2))") == "true");
  CHECK(evp("(identical? :a :a)") == "true");
  CHECK(evp("(inc 41)") == "42");
  CHECK(evp("(dec 43)") == "42");
  // crossing the 61-bit fixnum range boxes; crossing 64 bits throws
  CHECK(evp("(+ 1152921504606846975 1)") == "1152921504606846976");
  CHECK(evp("(inc 1152921504606846975)") == "1152921504606846976");
  CHECK(evp("(- -1152921504606846976 1)") == "-1152921504606846977");
  CHECK(error_of("(+ 9223372036854775807 1)") == "java.lang.ArithmeticException: long overflow");
  CHECK(error_of("(* 9223372036854775807 2)") == "java.lang.ArithmeticException: long overflow");
  CHECK(error_of("(+ 1 nil)").rfind("java.lang.NullPointerException", 0) == 0);
}

TEST_CASE("if, jumps and truthiness") {
  Fresh f;
  CHECK(evp("(if nil 1 2)") == "2");
  CHECK(evp("(if false 1 2)") == "2");
  CHECK(evp("(if 0 1 2)") == "1");
  CHECK(evp("(if true 1)") == "1");
  CHECK(evp("(if false 1)") == "nil");
}

TEST_CASE("def, GETVAR, redefinition takes effect at the next call") {
  Fresh f;
  ev("(def g (fn* [] 1)) (def h (fn* [] (g)))");
  CHECK(evp("(h)") == "1");
  ev("(def g (fn* [] 2))");
  CHECK(evp("(h)") == "2");
  CHECK(evp("(def x)") == "#'user/x");
  CHECK(error_of("x").find("unbound") != std::string::npos);
  CHECK(error_of("nope") == "clojure.lang.Compiler$CompilerException: Unable to resolve symbol: nope in this context");
}

TEST_CASE("closures capture by value; named fns call themselves (SELF); letfn patches captures (SETCAP)") {
  Fresh f;
  CHECK(evp("((((fn* [a] (fn* [b] (fn* [c] [a b c]))) 1) 2) 3)") == "[1 2 3]");
  CHECK(evp("((fn* fact [n] (if (< n 2) 1 (* n (fact (dec n))))) 10)") == "3628800");
  CHECK(evp("((fn* outer [n] ((fn* [] (if (= n 0) :done (outer (dec n)))))) 5)") == ":done");
  CHECK(evp("(letfn* [ev (fn* [n] (if (= n 0) true (od (dec n)))) "
            "od (fn* [n] (if (= n 0) false (ev (dec n))))] [(ev 10) (od 7)])") == "[true true]");
  Value c = ev("(fn* [x] (fn* [] x))");
  CHECK(uses_op(c, OP_CLOSURE));
}

TEST_CASE("arities, variadic rest args, arity errors") {
  Fresh f;
  ev("(def va (fn* ([] 0) ([a] 1) ([a b & r] r)))");
  CHECK(evp("[(va) (va 1) (va 1 2) (va 1 2 3 4)]") == "[0 1 nil (3 4)]");
  ev("(def two (fn* [a b] a))");
  CHECK(error_of("(two 1 2 3)") == "clojure.lang.ArityException: Wrong number of args (3) passed to: user/two");
}

TEST_CASE("loop and recur; recur outside tail position is a compile error") {
  Fresh f;
  CHECK(evp("(loop* [i 0 acc 0] (if (< i 1000) (recur (inc i) (+ acc i)) acc))") == "499500");
  CHECK(evp("((fn* [n acc] (if (= n 0) acc (recur (dec n) (+ acc n)))) 100 0)") == "5050");
  CHECK(error_of("(loop* [i 0] (inc (recur i)))") ==
        "clojure.lang.Compiler$CompilerException: Can only recur from tail position");
  CHECK(error_of("(loop* [i 0] (recur))") ==
        "clojure.lang.Compiler$CompilerException: Mismatched argument count to recur, expected: 1 args, got: 0");
}

TEST_CASE("tail calls do not grow the stack") {
  Fresh f;
  ev("(def cnt (fn* [n] (if (= n 0) :ok (cnt (dec n)))))");
  CHECK(evp("(cnt 1000000)") == ":ok");
}

TEST_CASE("deep non-tail recursion is a StackOverflowError, not a crash") {
  Fresh f;
  ev("(def deep (fn* [n] (+ 1 (deep n))))");
  CHECK(error_of("(deep 1)") == "java.lang.StackOverflowError: ");
}

TEST_CASE("try/catch/finally, THROW, ISA, nested handlers") {
  Fresh f;
  CHECK(evp("(try (throw (ex-info \"boom\" {})) (catch clojure.lang.ExceptionInfo e :caught))") == ":caught");
  CHECK(evp("(try (+ 1 nil) (catch ArithmeticException e :arith) (catch RuntimeException e :rt))") == ":rt");
  CHECK(evp("(try (throw (ex-info \"x\" {})) (catch Exception e :exc))") == ":exc");
  CHECK(evp("(try (throw (ex-info \"x\" {})) (catch Throwable e :thr))") == ":thr");
  CHECK(evp("(try 1 (finally 2))") == "1");
  ev("(def log (atom []))");
  CHECK(evp("(try (try (throw (ex-info \"in\" {})) (finally (swap! log conj :inner))) "
            "(catch Exception e (swap! log conj :outer)))") == "[:inner :outer]");
  CHECK(error_of("(try (throw (ex-info \"x\" {})) (catch ArithmeticException e 1))") ==
        "clojure.lang.ExceptionInfo: x");
  // a throw inside a catch still runs finally
  ev("(def fin (atom 0))");
  CHECK(error_of("(try (throw (ex-info \"a\" {})) (catch Exception e (throw (ex-info \"b\" {}))) "
                 "(finally (swap! fin inc)))") == "clojure.lang.ExceptionInfo: b");
  CHECK(evp("@fin") == "1");
  CHECK(error_of("(try 1 (catch Bogus e 2))") ==
        "clojure.lang.Compiler$CompilerException: Unable to resolve classname: Bogus");
}

TEST_CASE("case* jumps through a constant table") {
  Fresh f;
  ev("(def c (fn* [x] (case* x :none {1 0 :a 1 \"s\" 2} [:one :kw :str])))");
  CHECK(evp("[(c 1) (c :a) (c \"s\") (c 9)]") == "[:one :kw :str :none]");
}

TEST_CASE("macros: a var flagged :macro is expanded with &form and &env") {
  Fresh f;
  ev("(def ^:macro unless (fn* [&form &env c a b] (list 'if c b a)))");
  CHECK(evp("(unless false :yes :no)") == ":yes");
  CHECK(evp("(macroexpand-1 '(unless x 1 2))") == "(if x 2 1)");
  CHECK(error_of("unless").find("Can't take value of a macro") != std::string::npos);
}

TEST_CASE("dynamic vars and bindings") {
  Fresh f;
  ev("(def ^:dynamic *d* 1) (def get-d (fn* [] *d*))");
  ev("(push-thread-bindings {(var *d*) 2})");
  CHECK(evp("(get-d)") == "2");
  ev("(pop-thread-bindings)");
  CHECK(evp("(get-d)") == "1");
  ev("(def plain 1)");
  CHECK(error_of("(push-thread-bindings {(var plain) 2})") ==
        "java.lang.IllegalStateException: Can't dynamically bind non-dynamic var: user/plain");
}

TEST_CASE("collection literals with computed elements") {
  Fresh f;
  ev("(def a 1)");
  CHECK(evp("[a (inc a) {:k a} #{a}]") == "[1 2 {:k 1} #{1}]");
  CHECK(evp("(meta [1 2])") == "nil");
  CHECK(evp("(meta ^:tag [a])") == "{:tag true}");
}

TEST_CASE("the collector runs during execution and keeps live data") {
  Fresh f;
  uint64_t before = g_heap->stats().collections;
  CHECK(evp("(loop* [i 0 keep [] junk nil] (if (< i 3000000) "
            "(recur (inc i) (if (= 0 (rem i 100000)) (conj keep i) keep) [i i i i]) (count keep)))") == "30");
  CHECK(g_heap->stats().collections > before);
  CHECK(evp("(loop* [i 0 v nil] (if (< i 2000000) (recur (inc i) [i i i i i i i i]) v))") ==
        "[1999999 1999999 1999999 1999999 1999999 1999999 1999999 1999999]");
}

TEST_CASE("verification accepts compiled fns and rejects corrupted bytecode") {
  Fresh f;
  Value c = ev("(fn* [x y] (let* [z (+ x y)] (if (< z 10) (fn* [] z) [x y])))");
  std::string why;
  CHECK(verify_fn(c, &why));
  Value def = closure_def(c);
  Value proto = slot(def, kFnFixed0);
  uint8_t* code = bytes_data(slot(proto, kProtoCode));
  uint32_t n = proto_ninstr(proto);
  for (uint32_t pc = 0; pc < n; ++pc) {
    Instr saved;
    std::memcpy(&saved, code + 4 * pc, 4);
    Instr bad = saved;
    switch (kOpFormats[op_of(saved)]) {
      case OpFormat::ABC: bad = make_abc(op_of(saved), 255, arg_b(saved), arg_c(saved)); break;
      case OpFormat::ABx: bad = make_abx(op_of(saved), arg_a(saved), 65535); break;
      case OpFormat::AsBx:
        bad = op_of(saved) == OP_LOADI ? make_asbx(OP_LOADI, 255, arg_sbx(saved))  // sBx is a value
                                       : make_asbx(op_of(saved), arg_a(saved), 30000);
        break;
    }
    if (op_of(saved) == OP_CAPTURE || op_of(saved) == OP_ENDTRY) continue;
    std::memcpy(code + 4 * pc, &bad, 4);
    CHECK_MESSAGE(!verify_fn(c, &why), std::string(kOpNames[op_of(saved)]));
    std::memcpy(code + 4 * pc, &saved, 4);
  }
  CHECK(verify_fn(c));
  uint8_t junk = 0xEE;
  std::memcpy(code, &junk, 1);
  CHECK_FALSE(verify_fn(c, &why));
  CHECK(why.find("unknown opcode") != std::string::npos);
}

TEST_CASE("symbols and keywords are interned in the heap; metadata makes a symbol copy") {
  Fresh f;
  CHECK(evp("(identical? 'some-name 'some-name)") == "true");
  CHECK(evp("(identical? :k/w :k/w)") == "true");
  CHECK(evp("(let* [s (with-meta 'x {:m 1})] [(identical? s 'x) (= s 'x) (meta 'x)])") == "[false true nil]");
  CHECK(make_symbol("a.b", "c") == make_symbol("a.b/c"));
}

TEST_CASE("compare-and-skip with a constant operand, on either side (IFxxK)") {
  Fresh f;
  ev("(def x 3)");
  CHECK(evp("(let* [x 3] [(if (< 1.5 x) 1 0) (if (>= 3 x) 1 0) (if (> 2 x) 1 0) (if (== 3 x) 1 0)])") == "[1 1 0 1]");
  CHECK(evp("(let* [x 3] [(if (< x 100000000000) 1 0) (if (< x 2.5) 1 0) (if (<= x 3) 1 0) (if (> x -1) 1 0)])") ==
        "[1 0 1 1]");
  Value c = ev("(fn* [n] (if (< n 10) :small :big))");
  CHECK(uses_op(c, OP_IFLTK));
  CHECK(verify_fn(c));
  CHECK(error_of("(let* [s \"a\"] (if (< s 1) 1 0))").rfind("java.lang.ClassCastException", 0) == 0);
}
