// Unit tests for promises (vm/core_natives_promise.cpp): deliver once, deref
// with a timeout, and a deref that waits until another thread delivers (what
// another process will do once heaps are shared).
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "tests/unit/runtime_test_util.h"
#include "vm/promise.h"

using namespace folio;

namespace {
Value ev(const std::string& src) { return load_string(src, "promise_test.clj"); }
std::string evp(const std::string& src) { return pr_str(ev(src)); }
}  // namespace

TEST_CASE("promise: deliver once, realized?, deref with a timeout") {
  folio::test::FreshRuntime rt;
  ev("(def p (promise))");
  CHECK(evp("(realized? p)") == "false");
  CHECK(evp("(deref p 5 :timed-out)") == ":timed-out");
  CHECK(evp("(identical? p (deliver p 1))") == "true");
  CHECK(evp("(deliver p 2)") == "nil");
  CHECK(evp("[(deref p) (deref p 5 :t) (realized? p)]") == "[1 1 true]");
  ev("(def q (promise))");
  CHECK(evp("(deliver q nil)") != "nil");
  CHECK(evp("[(deref q 5 :t) (realized? q)]") == "[nil true]");
  Value v;
  CHECK(promise_read(ev("q"), v));
  CHECK(v == kNil);
  CHECK(!promise_deliver(ev("q"), Value::fixnum(3)));
  CHECK(!promise_read(ev("(promise)"), v));
}

TEST_CASE("promise: deref waits for a delivery from elsewhere") {
  folio::test::FreshRuntime rt;
  ev("(def p (promise))");
  Value p = ev("p");
  auto start = std::chrono::steady_clock::now();
  std::thread other([p] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    promise_deliver(p, Value::fixnum(7));
  });
  CHECK(evp("(deref p)") == "7");
  other.join();
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(25));
  start = std::chrono::steady_clock::now();
  CHECK(evp("(deref (promise) 20 :late)") == ":late");
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
}
