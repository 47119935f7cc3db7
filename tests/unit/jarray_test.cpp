// Unit tests for Java arrays as heap objects (vm/jarray.h): both layouts,
// element conversions, the write barrier on every store, the collector
// tracing object arrays and skipping primitive ones, and the JVM's errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "coll_test_util.h"
#include "runtime_test_util.h"
#include "vm/jarray.h"
#include "vm/vector_of.h"

using namespace folio;
using namespace folio::test;

namespace {
uint64_t page_of_index(Value a, uint64_t byte_at) { return (a.offset() + 8 + byte_at) >> heap::kPageBits; }
bool dirty(const std::vector<uint64_t>& d, uint64_t p) { return std::find(d.begin(), d.end(), p) != d.end(); }
std::string error_of(auto f) {
  try {
    f();
  } catch (const Thrown& t) {
    return thrown_string(t);
  }
  return "no error";
}
}  // namespace

TEST_CASE("arrays: layouts, flags, lengths and zeroed elements") {
  ensure_heap();
  Value l = make_prim_array('J', 5);
  CHECK(is_jarray(l));
  CHECK((obj(l)->h.flags & heap::kRaw) != 0);  // never traced
  CHECK((obj(l)->h.flags & heap::kNodeLocal) != 0);  // never published
  CHECK(jarray_kind(l) == 'J');
  CHECK(jarray_length(l) == 5);
  for (int i = 0; i < 5; ++i) CHECK(jarray_get(l, i) == Value::fixnum(0));
  Value b = make_prim_array('Z', 3);
  CHECK(nslots(b) == 2);  // one header word, three bytes rounded up to a word
  CHECK(jarray_get(b, 2) == kFalse);
  Value o = make_object_array("[Ljava.lang.String;", 4);
  CHECK((obj(o)->h.flags & heap::kRaw) == 0);
  CHECK((obj(o)->h.flags & heap::kNodeLocal) != 0);
  CHECK(jarray_kind(o) == 0);
  CHECK(jarray_length(o) == 4);
  CHECK(string_view(slot(o, 0)) == "[Ljava.lang.String;");
  CHECK(jarray_get(o, 3).is_nil());
  CHECK(std::string(jarray_class_name(l)) == "[J");
  CHECK(std::string(jarray_class_name(o)) == "[Ljava.lang.String;");
  CHECK(std::string(class_name(make_prim_array('C', 0))) == "[C");
  CHECK(jarray_length(make_object_array("[[I", 0)) == 0);
}

TEST_CASE("arrays: component class names") {
  CHECK(array_class_for("long") == "[J");
  CHECK(array_class_for("boolean") == "[Z");
  CHECK(array_class_for("java.lang.String") == "[Ljava.lang.String;");
  CHECK(array_class_for("[I") == "[[I");
  CHECK(primitive_kind("double") == 'D');
  CHECK(primitive_kind("java.lang.Double") == 0);
}

TEST_CASE("arrays: elements keep the JVM's element types") {
  ensure_heap();
  Value i = make_prim_array('I', 2);
  jarray_set(i, 0, L(-7), "aset");
  jarray_set(i, 1, L(2147483647), "aset");
  CHECK(jarray_get(i, 0) == L(-7));
  CHECK(jarray_get(i, 1) == L(2147483647));
  Value j = make_prim_array('J', 1);
  jarray_set(j, 0, L(INT64_MIN), "aset");  // beyond a fixnum: a boxed long comes back
  CHECK(long_value(jarray_get(j, 0)) == INT64_MIN);
  Value d = make_prim_array('D', 1);
  jarray_set(d, 0, D(2.5), "aset");
  CHECK(double_value(jarray_get(d, 0)) == 2.5);
  Value c = make_prim_array('C', 1);
  jarray_set(c, 0, C(0x1F600), "aset");
  CHECK(jarray_get(c, 0) == C(0x1F600));
  Value s = make_prim_array('S', 1);
  jarray_set(s, 0, L(-32768), "aset");
  CHECK(jarray_get(s, 0) == L(-32768));
  Value z = make_prim_array('Z', 1);
  jarray_set(z, 0, kTrue, "aset");
  CHECK(jarray_get(z, 0) == kTrue);
  // widening stores (Array.setInt on a long or double array)
  jarray_set_widening(j, 0, L(5), 'I');
  CHECK(jarray_get(j, 0) == L(5));
  jarray_set_widening(d, 0, C('A'), 'C');
  CHECK(double_value(jarray_get(d, 0)) == 65.0);
  Value cl = jarray_clone(d);
  CHECK(cl != d);
  CHECK(double_value(jarray_get(cl, 0)) == 65.0);
}

TEST_CASE("arrays: the JVM's errors") {
  ensure_heap();
  Value i = make_prim_array('I', 3);
  CHECK(error_of([&] { jarray_get(i, 5); }) ==
        "java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 3");
  CHECK(error_of([&] { jarray_set(i, -1, L(1), "aset"); }) ==
        "java.lang.ArrayIndexOutOfBoundsException: Index -1 out of bounds for length 3");
  CHECK(error_of([&] { jarray_set(i, 0, L(3000000000), "aset"); }) == "java.lang.ArithmeticException: integer overflow");
  CHECK(error_of([&] { jarray_set(i, 0, D(1.5), "aset"); }) ==
        "java.lang.IllegalArgumentException: No matching method aset found taking 3 args");
  CHECK(error_of([&] { jarray_set_widening(i, 0, L(1), 'J'); }) ==
        "java.lang.IllegalArgumentException: argument type mismatch");
  CHECK(error_of([&] { make_prim_array('J', -2); }) == "java.lang.NegativeArraySizeException: -2");
  Value s = make_object_array("[Ljava.lang.String;", 1);
  CHECK(error_of([&] { jarray_set(s, 0, L(1), "aset"); }) == "java.lang.ArrayStoreException: java.lang.Long");
  jarray_set(s, 0, S("ok"), "aset");
  CHECK(string_view(jarray_get(s, 0)) == "ok");
}

TEST_CASE("arrays: every store marks its page dirty, in either layout") {
  ensure_heap();
  Value big = make_prim_array('J', 20000);  // 160 KB: a run of pages
  Value objs = make_object_array("[Ljava.lang.Object;", 3);
  g_heap->take_dirty();
  jarray_set(big, 19999, L(1), "aset");
  auto d = g_heap->take_dirty();
  CHECK(dirty(d, page_of_index(big, 19999 * 8)));
  CHECK_FALSE(dirty(d, page_of_index(big, 0)));
  jarray_set_widening(big, 0, L(2), 'J');
  CHECK(dirty(g_heap->take_dirty(), page_of_index(big, 0)));
  jarray_set(objs, 1, K("k"), "aset");
  CHECK(dirty(g_heap->take_dirty(), page_of_index(objs, 16)));
}

TEST_CASE("arrays: the collector traces object arrays and skips primitive ones") {
  ensure_heap();
  Value objs = make_object_array("[Ljava.lang.Object;", 1000);
  for (int i = 0; i < 1000; ++i) jarray_set(objs, i, make_string("item" + std::to_string(i)), "aset");
  Value longs = make_prim_array('J', 1000);
  for (int i = 0; i < 1000; ++i) jarray_set(longs, i, L(int64_t(1) << 62 | i), "aset");  // raw bits, not references
  for (int i = 0; i < 200; ++i) make_object_array("[Ljava.lang.Object;", 100);  // garbage
  g_heap->set_roots([objs, longs](heap::Heap::Marker& mk) {  // by value: later tests may collect
    mk.mark(objs);
    mk.mark(longs);
  });
  g_heap->collect();
  uint64_t live = g_heap->stats().live_words;
  for (int i = 0; i < 200; ++i) make_string("reuse the freed cells " + std::to_string(i));
  g_heap->collect();
  CHECK(g_heap->stats().live_words == live);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(string_view(jarray_get(objs, i)) == "item" + std::to_string(i));
    REQUIRE(long_value(jarray_get(longs, i)) == (int64_t(1) << 62 | i));
  }
}

TEST_CASE("vector-of: the element type lives in the header's owner bits and survives copies") {
  ensure_heap();
  Value empty = empty_vector();
  Value v = vector_of_mark(empty, 'I');
  CHECK(v != empty);
  CHECK(vector_of_kind(empty) == 0);  // the shared empty vector is never marked
  CHECK(vector_of_kind(v) == 'I');
  CHECK(std::string(class_name(v)) == "clojure.core.Vec");
  CHECK((obj(v)->h.flags & 0xff) == 0);  // the heap's own flag bits untouched
  Value m = with_meta(v, map_from(std::vector<Value>{K("a"), L(1)}.data(), 1));
  CHECK(vector_of_kind(m) == 'I');
  CHECK(vector_of_kind(vector_conj(empty, L(1))) == 0);
  CHECK(error_of([] { vector_of_kind_for(K("foo")); }) == "java.lang.IllegalArgumentException: Unrecognized type :foo");
  CHECK(vector_of_kind_for(K("double")) == 'D');
}
