// Unit tests for classes as values (vm/classes.cpp): a Class is [name Symbol],
// interned per heap by name, and it is what class names, class and type give.
#include <doctest/doctest.h>

#include <vector>

#include "vm/classes.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/deftype.h"
#include "vm/namespace.h"
#include "vm/vm.h"
#include "tests/unit/runtime_test_util.h"

using namespace folio;

namespace {

Value ev(const std::string& src) { return load_string(src, "classes_test.clj"); }

using Stdlib = folio::test::StdlibRuntime;  // deftype and classes need the stdlib

std::string str_of(Value v) {
  std::string out;
  natives::append_str(out, v);
  return out;
}

}  // namespace

TEST_CASE("classes: one interned [name] object per name, in the heap's class table") {
  Stdlib rt;
  Value c = make_class("java.lang.Long");
  REQUIRE(is(c, Type::kClass));
  CHECK(nslots(c) == 1);
  CHECK(class_sym(c) == make_symbol("", "java.lang.Long"));
  CHECK(make_class("java.lang.Long") == c);
  CHECK(make_class("a.new.Kind") == make_class("a.new.Kind"));
  CHECK(make_class("a.new.Kind") != c);
  CHECK_FALSE(g_heap->root(kRootClassTable).is_nil());
  // what the compiler, class and type give is that object
  CHECK(ev("Long") == c);
  CHECK(ev("java.lang.Long") == c);
  CHECK(ev("(class 1)") == c);
  CHECK(ev("(type 1)") == c);
  CHECK(class_of(Value::fixnum(3)) == c);
  CHECK(class_of(kNil).is_nil());
  CHECK(ev("(class Long)") == make_class("java.lang.Class"));
}

TEST_CASE("classes: names, str and printing") {
  Stdlib rt;
  Value c = make_class("clojure.lang.PersistentList$EmptyList");
  CHECK(class_value_name(c) == "clojure.lang.PersistentList$EmptyList");
  CHECK(class_simple_name(class_value_name(c)) == "EmptyList");
  CHECK(class_simple_name("user$reify__12") == "user$reify__12");  // not a nested class
  CHECK(class_simple_name("[Ljava.lang.Object;") == "Object[]");
  CHECK(pr_str(make_class("java.lang.Long")) == "java.lang.Long");
  CHECK(str_of(make_class("java.lang.Long")) == "class java.lang.Long");
  CHECK(str_of(make_class("clojure.lang.IFn")) == "interface clojure.lang.IFn");
  CHECK(is_interface_name("java.util.Map"));
  CHECK_FALSE(is_interface_name("java.lang.Number"));
}

TEST_CASE("classes: a record's or deftype's name is a var holding its class") {
  Stdlib rt;
  Value p = ev("(defrecord Pt [x]) Pt");
  REQUIRE(is(p, Type::kClass));
  CHECK(class_value_name(p) == "user.Pt");
  CHECK(ev("(class (->Pt 1))") == p);
  CHECK(ev("(type (->Pt 1))") == p);
  CHECK(ev("user.Pt") == p);
  CHECK(type_var_for_class("user.Pt") == resolve_var_symbol(make_symbol("user/Pt")));
  Value t = ev("(deftype Tp [a]) (class (Tp. 1))");
  CHECK(t == make_class("user.Tp"));
  CHECK(ev("(instance? Tp (->Tp 2))") == kTrue);
  CHECK(ev("(class? Tp)") == kTrue);
}
