// Unit tests for deftype instances (vm/deftype.cpp): their layout, the
// node-local flag of a type with a mutable field, set! through the write
// barrier, and the compiler's folio-mutable-fields* aliases.
#include <doctest/doctest.h>

#include <vector>

#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/deftype.h"
#include "vm/namespace.h"
#include "vm/vm.h"
#include "tests/unit/runtime_test_util.h"

using namespace folio;

namespace {

Value ev(const std::string& src) { return load_string(src, "deftype_test.clj"); }
std::string error_of(const std::string& src) { return folio::test::error_of_source(src, "deftype_test.clj"); }

using Stdlib = folio::test::StdlibRuntime;  // deftype and classes need the stdlib

}  // namespace

TEST_CASE("deftype: an instance is [type, basis, fields...]; a mutable field makes it node-local") {
  Stdlib rt;
  Value p = ev("(deftype Point [x y]) (def p (->Point 1 :b)) p");
  REQUIRE(is(p, Type::kDeftype));
  CHECK(nslots(p) == 4);
  CHECK(pr_str(deftype_type(p)) == "user.Point");
  CHECK(pr_str(slot(p, 1)) == "[x y]");
  CHECK(slot(p, 2) == Value::fixnum(1));
  CHECK((obj(p)->h.flags & heap::kNodeLocal) == 0);
  CHECK_FALSE(is_reify(p));

  Value c = ev("(defprotocol Bump (bump [b])) "
               "(deftype Counter [^:volatile-mutable n] Bump (bump [_] (set! n (inc n)))) (Counter. 0)");
  REQUIRE(is(c, Type::kDeftype));
  CHECK((obj(c)->h.flags & heap::kNodeLocal) != 0);
  Root keep(c);
  g_heap->take_dirty();
  uint64_t page = c.offset() / heap::kPageSize;
  CHECK_FALSE(g_heap->is_dirty(page));
  var_set_root(intern_var(current_ns(), make_symbol("", "c")), c);  // a private heap: nothing is published
  ev("(bump c)");
  CHECK(g_heap->is_dirty(page));  // set! went through the write barrier
  CHECK(slot(c, 2) == Value::fixnum(1));
  CHECK(is_reify(ev("(reify)")));
}

TEST_CASE("deftype: mutable fields are aliases: closures see later set!s, shadowing and errors") {
  Stdlib rt;
  CHECK(pr_str(ev("(defprotocol Q (q [x])) "
                  "(deftype G [^:unsynchronized-mutable n] Q "
                  "  (q [_] (let [read (fn [] n)] (set! n 5) [(read) (let [n :shadow] n)]))) "
                  "(q (G. 0))")) == "[5 :shadow]");
  CHECK(error_of("(deftype H [a] Q (q [_] (set! a 1)))") ==
        "clojure.lang.Compiler$CompilerException: Cannot assign to non-mutable: a");
  CHECK(error_of("(folio-mutable-fields* x [y])") ==
        "clojure.lang.Compiler$CompilerException: Malformed folio-mutable-fields*");
  CHECK(error_of("(.-n (G. 1))") == "java.lang.IllegalArgumentException: No matching field found: n for class user.G");
  CHECK(error_of("(folio-deftype-get (G. 1) 3)") == "java.lang.IllegalArgumentException: no field 3 in user.G");
}
