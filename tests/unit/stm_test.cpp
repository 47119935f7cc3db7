// Unit tests for refs and transactions: commits, conflicts and retries,
// commute, ensure, validators, watches.
#include <doctest/doctest.h>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/stm.h"
#include "vm/vm.h"

using namespace folio;

namespace {

Value ev(const char* src) { return load_string(src, "stm_test.clj"); }
std::string evp(const char* src) { return pr_str(ev(src)); }

// (interfere! ref value): commits as another thread would, in the middle of a transaction.
Value interfere(Value* a, uint32_t) {
  stm_commit_from_outside(a[0], a[1]);
  return kNil;
}

struct Fresh {
  VM vm;
  Fresh() {
    boot_fresh();
    set_current_ns(g_heap->root(kRootUserNs));
    static const NativeDef def{"user", "interfere!", interfere, 2, 2, false};
    static size_t id = [] {
      register_natives(&def, 1);
      return native_table().size() - 1;
    }();
    Value n = alloc_slots(Type::kNative, 3);
    init_slot(n, 0, Value::fixnum(int64_t(id)));
    init_slot(n, 1, make_string("interfere!"));
    var_set_root(intern_var(current_ns(), make_symbol("", "interfere!")), n);
  }
};

}  // namespace

TEST_CASE("a transaction commits all its writes together") {
  Fresh f;
  ev("(def a (ref 10)) (def b (ref 0))");
  CHECK(evp("(folio-run-in-transaction (fn* [] (alter a - 3) (alter b + 3) [@a @b]))") == "[7 3]");
  CHECK(evp("[@a @b]") == "[7 3]");
  CHECK(evp("(folio-run-in-transaction (fn* [] (ref-set a 1) (folio-run-in-transaction (fn* [] (alter a inc)))))") == "2");
  CHECK(evp("@a") == "2");
}

TEST_CASE("a ref read by the transaction and changed meanwhile makes it retry") {
  Fresh f;
  ev("(def r (ref 0)) (def calls (atom 0))");
  uint64_t before = stm_retries();
  CHECK(evp("(folio-run-in-transaction (fn* [] (swap! calls inc) (let* [v @r] "
            "(if (= @calls 1) (interfere! r 100)) (ref-set r (+ v 1)))))") == "101");
  CHECK(evp("[@r @calls]") == "[101 2]");
  CHECK(stm_retries() == before + 1);
}

TEST_CASE("commute re-applies to the latest value instead of retrying") {
  Fresh f;
  ev("(def r (ref 0)) (def calls (atom 0))");
  uint64_t before = stm_retries();
  ev("(folio-run-in-transaction (fn* [] (swap! calls inc) (commute r + 1) (if (= @calls 1) (interfere! r 100))))");
  CHECK(evp("[@r @calls]") == "[101 1]");
  CHECK(stm_retries() == before);
  CHECK_THROWS(ev("(folio-run-in-transaction (fn* [] (commute r inc) (ref-set r 5)))"));
  CHECK(evp("@r") == "101");
}

TEST_CASE("ensure protects a ref that is only read") {
  Fresh f;
  ev("(def guard (ref :open)) (def out (ref nil)) (def calls (atom 0))");
  uint64_t before = stm_retries();
  ev("(folio-run-in-transaction (fn* [] (swap! calls inc) (let* [g (ensure guard)] "
     "(if (= @calls 1) (interfere! guard :closed)) (ref-set out g))))");
  CHECK(evp("[@out @calls]") == "[:closed 2]");
  CHECK(stm_retries() == before + 1);
}

TEST_CASE("validators reject a commit; watches fire after it") {
  Fresh f;
  ev("(def r (ref 1 :validator (fn* [x] (pos? x)))) (def seen (atom []))");
  CHECK_THROWS(ev("(folio-run-in-transaction (fn* [] (alter r - 5)))"));
  CHECK(evp("@r") == "1");
  ev("(add-watch r :w (fn* [k rf old new] (swap! seen conj [k old new])))");
  ev("(folio-run-in-transaction (fn* [] (alter r + 1)))");
  CHECK(evp("@seen") == "[[:w 1 2]]");
}

TEST_CASE("alter outside a transaction is an error") {
  Fresh f;
  ev("(def r (ref 1))");
  CHECK_THROWS(ev("(alter r inc)"));
  CHECK_FALSE(in_transaction());
}
