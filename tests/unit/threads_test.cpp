// Unit tests for threads (vm/threads.cpp): the interpreter lock, futures on
// worker threads, monitors, and collections while other threads are parked.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "tests/unit/runtime_test_util.h"
#include "vm/threads.h"

using namespace folio;

namespace {
Value ev(const std::string& src) { return load_string(src, "threads_test.clj"); }
std::string evp(const std::string& src) { return pr_str(ev(src)); }
}  // namespace

TEST_CASE("threads: the thread running Clojure holds the lock; a yield with no waiter keeps it") {
  folio::test::FreshRuntime rt;
  CHECK(gil_held());
  gil_yield();
  CHECK(gil_held());
  {
    GilRelease out;
    CHECK(!gil_held());
  }
  CHECK(gil_held());
}

TEST_CASE("threads: a future runs on a worker while this thread waits in deref") {
  folio::test::FreshRuntime rt;
  CHECK(evp("(deref (future-call (fn* [] (+ 1 2))))") == "3");
  CHECK(threads_started());
  CHECK(evp("(let* [f (future-call (fn* [] :v))] [(deref f) (future-done? f) (future? f)])") == "[:v true true]");
  // a future that waits on a promise delivered by this thread
  ev("(def p (promise))");
  ev("(def f (future-call (fn* [] (deref p))))");
  CHECK(evp("(deref f 20 :waiting)") == ":waiting");
  ev("(deliver p 7)");
  CHECK(evp("(deref f)") == "7");
}

TEST_CASE("threads: a worker that allocates a lot collects while the main thread is parked in deref") {
  folio::test::FreshRuntime rt;
  uint64_t before = g_heap->stats().collections;
  ev("(def kept [1 2 3])");
  ev("(def f (future-call (fn* [] (loop* [i 0 acc nil] (if (< i 3000000) (recur (inc i) (cons i (if (= 0 (rem i 1000)) nil acc))) (count acc))))))");
  CHECK(evp("(deref f)") == "1000");
  CHECK(g_heap->stats().collections > before);
  CHECK(evp("kept") == "[1 2 3]");
}

TEST_CASE("threads: monitors are reentrant and exclude other threads") {
  folio::test::FreshRuntime rt;
  ev("(def o (folio-new-object))");
  ev("(def c (atom 0))");
  ev("(folio-monitor-enter o)");
  ev("(folio-monitor-enter o)");
  ev("(def f (future-call (fn* [] (folio-monitor-enter o) (reset! c 1) (folio-monitor-exit o) :done)))");
  CHECK(evp("(deref f 30 :blocked)") == ":blocked");
  CHECK(evp("@c") == "0");
  ev("(folio-monitor-exit o)");
  CHECK(evp("(deref f 30 :blocked)") == ":blocked");
  ev("(folio-monitor-exit o)");
  CHECK(evp("(deref f)") == ":done");
  CHECK(evp("@c") == "1");
}
