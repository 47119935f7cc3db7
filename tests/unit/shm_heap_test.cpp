// Unit tests for shared heaps (heap/ only, no VM): publication, process-local
// and global collection, process slots, the robust heap lock. Tests that need
// a second process fork one; every wait is bounded and every segment removed.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "heap/heap.h"
#include "heap/shm_store.h"

using namespace folio;
using namespace folio::heap;

namespace {

constexpr uint64_t kCap = uint64_t(256) << 20;

// A segment name private to this test run, removed when the test ends.
struct Segment {
  std::string name;
  explicit Segment(const char* what) : name(std::string("unit-") + what + "-" + std::to_string(getpid())) {
    shm_remove(name);
  }
  ~Segment() { shm_remove(name); }
  std::unique_ptr<Heap> attach() { return std::make_unique<Heap>(shm_store(name, kCap)); }
};

// Waits for a child for at most `seconds`; kills it after that. Its exit status, or -1.
int wait_child(pid_t pid, int seconds = 30) {
  for (int i = 0; i < seconds * 100; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

// A shared object with one slot, reachable from root `r`.
Obj* shared_cell(Heap& h, int r) {
  Obj* cell = h.alloc(7, 1);
  h.set_root(r, h.ref(cell));
  return cell;
}

}  // namespace

TEST_CASE("shared heap: storing into a shared object publishes the whole new subgraph") {
  Segment seg("publish");
  auto h = seg.attach();
  CHECK(h->shared());
  Obj* cell = shared_cell(*h, 1);
  CHECK(h->is_published(cell));  // set_root publishes
  Obj* a = h->alloc(7, 2);
  Obj* b = h->alloc(7, 1);
  Obj* raw = h->alloc(8, 2, kRaw);
  h->write(a, 0, h->ref(b));
  h->write(a, 1, h->ref(raw));
  CHECK_FALSE(h->is_published(a));
  CHECK_FALSE(h->is_published(b));  // writes into unpublished objects publish nothing
  h->write(cell, 0, h->ref(a));
  CHECK(h->is_published(a));
  CHECK(h->is_published(b));
  CHECK(h->is_published(raw));
}

TEST_CASE("shared heap: a node-local object refuses publication and nothing is half-published") {
  Segment seg("nodelocal");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  Obj* a = h->alloc(7, 2);
  Obj* b = h->alloc(7, 1);
  Obj* stream = h->alloc(9, 1, kNodeLocal);
  h->write(a, 0, h->ref(b));
  h->write(a, 1, h->ref(stream));
  const Obj* seen_holder = nullptr;
  const Obj* seen_local = nullptr;
  h->on_not_shareable = [&](const Obj* holder, const Obj* local) {
    seen_holder = holder;
    seen_local = local;
    throw std::invalid_argument("not shareable");
  };
  CHECK_THROWS_AS(h->write(cell, 0, h->ref(a)), std::invalid_argument);
  CHECK(seen_holder == cell);
  CHECK(seen_local == stream);
  CHECK(cell->slots()[0] == kNil);  // the store did not happen
  CHECK_FALSE(h->is_published(a));
  CHECK_FALSE(h->is_published(b));
  CHECK(a->h.gc == 0);  // the publication's visited marks were undone
  CHECK(b->h.gc == 0);
  CHECK_THROWS_AS(h->compare_and_set(cell, 0, kNil, h->ref(stream)), std::invalid_argument);
  CHECK(cell->slots()[0] == kNil);
}

TEST_CASE("shared heap: compare_and_set changes the word only when it holds the expected value") {
  Segment seg("cas");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  CHECK(h->compare_and_set(cell, 0, kNil, Value::fixnum(1)));
  CHECK_FALSE(h->compare_and_set(cell, 0, kNil, Value::fixnum(2)));
  CHECK(h->load(cell, 0) == Value::fixnum(1));
  Obj* x = h->alloc(7, 1);
  CHECK(h->compare_and_set(cell, 0, Value::fixnum(1), h->ref(x)));
  CHECK(h->is_published(x));
}

TEST_CASE("shared heap: a local collection frees unpublished garbage and keeps every published object") {
  Segment seg("localgc");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  Obj* kept = h->alloc(7, 1);
  h->write(cell, 0, h->ref(kept));
  Value kept_ref = h->ref(kept);
  Obj* dropped = h->alloc(7, 1);
  h->write(cell, 0, h->ref(dropped));  // `kept` is now published garbage
  Obj* garbage = h->alloc(7, 1);
  Value garbage_ref = h->ref(garbage);
  h->collect();  // a local collection: no roots of our own, no global one yet
  CHECK_FALSE(h->contains(garbage_ref));  // unpublished and unreachable: freed
  CHECK(h->contains(kept_ref));           // published: only a global collection may free it
  CHECK(h->contains(h->ref(dropped)));
}

TEST_CASE("shared heap: two processes allocate at once in pages of their own") {
  Segment seg("concurrent");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  Obj* arr = h->alloc(7, 2);
  h->write(cell, 0, h->ref(arr));
  constexpr int kObjects = 20000;
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int ok = 0;
    try {
      auto other = seg.attach();
      Obj* a = other->ptr(other->ptr(other->root(1))->slots()[0]);
      Value list = kNil;
      for (int i = 0; i < kObjects; ++i) {
        Obj* o = other->alloc(7, 2);
        o->slots()[0] = Value::fixnum(i);
        o->slots()[1] = list;
        list = other->ref(o);
      }
      other->write(a, 1, list);  // publish the child's list
      ok = other->process_slot() != h->process_slot();
    } catch (...) {
    }
    _exit(ok ? 0 : 1);
  }
  Value list = kNil;
  for (int i = 0; i < kObjects; ++i) {
    Obj* o = h->alloc(7, 2);
    o->slots()[0] = Value::fixnum(-i);
    o->slots()[1] = list;
    list = h->ref(o);
  }
  h->write(arr, 0, list);
  REQUIRE(wait_child(child) == 0);
  // Both lists are whole: no page was handed to both processes.
  for (int side = 0; side < 2; ++side) {
    int n = 0;
    bool ordered = true;
    for (Value v = arr->slots()[side]; v.is_ref(); v = h->ptr(v)->slots()[1]) {
      int64_t want = side == 0 ? -(kObjects - 1 - n) : kObjects - 1 - n;
      ordered = ordered && h->ptr(v)->slots()[0].fixnum_value() == want;
      ++n;
    }
    CHECK(n == kObjects);
    CHECK(ordered);
  }
}

TEST_CASE("shared heap: a slot left by a killed process is taken again, with its published data") {
  Segment seg("slot");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto other = seg.attach();
    Obj* o = other->alloc(7, 1);
    o->slots()[0] = Value::fixnum(4242);
    other->write(other->ptr(other->root(1)), 0, other->ref(o));
    for (int i = 0; i < 1000; ++i) other->alloc(7, 3);  // unpublished garbage in its pages
    kill(getpid(), SIGKILL);
  }
  CHECK(wait_child(child) == -1);  // killed
  pid_t second = fork();
  REQUIRE(second >= 0);
  if (second == 0) {
    int ok = 0;
    try {
      auto other = seg.attach();  // takes the dead process's slot and its pages
      other->collect();           // sweeps them: the published object must survive
      Obj* c = other->ptr(other->root(1));
      ok = other->process_slot() == 1 && other->ptr(c->slots()[0])->slots()[0].fixnum_value() == 4242;
    } catch (...) {
    }
    _exit(ok ? 0 : 1);
  }
  CHECK(wait_child(second) == 0);
  CHECK(h->ptr(cell->slots()[0])->slots()[0].fixnum_value() == 4242);
}

TEST_CASE("shared heap: the heap lock survives its owner's death and asks for repair once") {
  Segment seg("lock");
  auto h = seg.attach();
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto other = seg.attach();
    other->lock();
    kill(getpid(), SIGKILL);  // dies holding it
  }
  CHECK(wait_child(child) == -1);
  int repairs = 0;
  h->on_lock_owner_died = [&] { ++repairs; };
  h->lock();
  h->unlock();
  h->lock();
  h->unlock();
  CHECK(repairs == 1);
}

TEST_CASE("shared heap: a global collection frees published garbage, never what a process still holds") {
  Segment seg("global");
  auto h = seg.attach();
  Obj* cell = shared_cell(*h, 1);
  // This process holds `held` through its own roots only.
  Obj* held = h->alloc(7, 1);
  h->write(cell, 0, h->ref(held));
  Value held_ref = h->ref(held);
  h->set_roots([&](Heap::Marker& m) { m.mark(held_ref); });
  // Enough published garbage to pass the global threshold.
  Obj* first = h->alloc(7, 7);
  h->write(cell, 0, h->ref(first));
  Value first_ref = h->ref(first);
  Obj* last = nullptr;
  for (uint64_t i = 0; i < kMinGlobalThresholdWords / 8 + 1000; ++i) {
    last = h->alloc(7, 7);
    last->slots()[0] = Value::fixnum(int64_t(i));
    h->write(cell, 0, h->ref(last));
  }
  Value last_ref = h->ref(last);
  uint64_t before = h->stats().global_collections;
  h->collect();
  CHECK(h->stats().global_collections == before + 1);
  CHECK(h->contains(held_ref));  // published, unreachable from shared roots, held locally
  CHECK(h->contains(last_ref));  // reachable from the shared cell
  CHECK(h->ptr(last_ref)->slots()[0].fixnum_value() == int64_t(kMinGlobalThresholdWords / 8 + 999));
  CHECK_FALSE(h->contains(first_ref));  // published garbage: freed
}
