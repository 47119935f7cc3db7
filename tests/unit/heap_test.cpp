// Unit tests for heap/: allocation, the write barrier, collection, images.
#include <doctest/doctest.h>

#include <algorithm>

#include "heap/heap.h"
#include "heap/shm_store.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace folio;
using namespace folio::heap;

namespace {
std::unique_ptr<Heap> fresh_heap() {
  return std::make_unique<Heap>(anonymous_store(uint64_t(1) << 30));
}
bool has(const std::vector<uint64_t>& v, uint64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }
uint64_t page_of(Heap& h, Obj* o) { return uint64_t(reinterpret_cast<char*>(o) - h.base()) >> kPageBits; }
}  // namespace

TEST_CASE("references are offsets: the same bytes decode in a copy of the heap") {
  auto h = fresh_heap();
  Obj* a = h->alloc(7, 2);
  Obj* b = h->alloc(7, 1);
  h->write(a, 0, h->ref(b));
  b->slots()[0] = Value::fixnum(99);
  h->set_root(0, h->ref(a));
  std::vector<char> img = h->image();
  Heap copy(anonymous_store(uint64_t(1) << 30), 0, img.data(), img.size());
  CHECK(copy.base() != h->base());
  Obj* a2 = copy.ptr(copy.root(0));
  Obj* b2 = copy.ptr(a2->slots()[0]);
  CHECK(b2->slots()[0].fixnum_value() == 99);
}

TEST_CASE("allocation marks fresh pages dirty and take_dirty clears and versions them") {
  auto h = fresh_heap();
  h->take_dirty();
  Obj* a = h->alloc(7, 3);
  uint64_t p = page_of(*h, a);
  auto d = h->take_dirty();
  CHECK(has(d, p));
  uint32_t v = h->page(p).version;
  CHECK(h->take_dirty().empty());
  h->write(a, 1, Value::fixnum(5));  // the barrier
  d = h->take_dirty();
  CHECK(d.size() == 1);
  CHECK(d[0] == p);
  CHECK(h->page(p).version == v + 1);
}

TEST_CASE("write_bytes and set_root go through the barrier") {
  auto h = fresh_heap();
  Obj* s = h->alloc(8, 4, kRaw);
  h->take_dirty();
  h->write_bytes(s, 3, "abc", 3);
  CHECK(has(h->take_dirty(), page_of(*h, s)));
  h->set_root(3, kTrue);
  CHECK(has(h->take_dirty(), 0));
}

TEST_CASE("collection frees unreachable objects and keeps reachable ones") {
  auto h = fresh_heap();
  Obj* keep = h->alloc(7, 1);
  Obj* child = h->alloc(7, 1);
  h->write(keep, 0, h->ref(child));
  h->set_root(1, h->ref(keep));
  Value garbage = h->ref(h->alloc(7, 1));
  CHECK(h->contains(garbage));
  h->collect();
  CHECK(h->contains(h->ref(keep)));
  CHECK(h->contains(h->ref(child)));
  CHECK_FALSE(h->contains(garbage));
}

TEST_CASE("a loop of short-lived garbage runs in bounded pages") {
  auto h = fresh_heap();
  Value live = kNil;
  h->set_roots([&](Heap::Marker& m) { m.mark(live); });
  for (int i = 0; i < 3'000'000; ++i) {
    Obj* o = h->alloc(7, 16);
    o->slots()[0] = live;
    if (i % 1000 == 0) live = h->ref(o);  // some survive a little while
    if (h->gc_wanted()) h->collect();
  }
  CHECK(h->stats().collections > 3);
  CHECK(h->header().used_pages < 2000);  // ~400 MB allocated, ~40 MB of pages at most
}

TEST_CASE("large objects take page runs that are reused after collection") {
  auto h = fresh_heap();
  Obj* big = h->alloc(9, 100'000, kRaw);
  CHECK(h->page(page_of(*h, big)).kind == PageKind::kLargeHead);
  uint64_t used = h->header().used_pages;
  h->collect();
  h->alloc(9, 100'000, kRaw);
  CHECK(h->header().used_pages == used);
}

TEST_CASE("node-local objects are reported when freed") {
  auto h = fresh_heap();
  int freed = 0;
  h->on_free_node_local = [&](Obj* o) { freed += (o->h.flags & kNodeLocal) ? 1 : 0; };
  h->alloc(7, 1, kNodeLocal);
  h->collect();
  CHECK(freed == 1);
}

TEST_CASE("image objects are immortal; a young object stored into one survives collection") {
  auto h = fresh_heap();
  Obj* holder = h->alloc(7, 2);
  h->set_root(5, h->ref(holder));
  std::vector<char> img = h->image();
  Heap loaded(anonymous_store(uint64_t(1) << 30), 0, img.data(), img.size());
  Obj* old = loaded.ptr(loaded.root(5));
  CHECK(loaded.is_immortal(loaded.ref(old)));
  Obj* young = loaded.alloc(7, 1);
  young->slots()[0] = Value::fixnum(42);
  loaded.write(old, 1, loaded.ref(young));  // the barrier remembers the image page
  Value garbage = loaded.ref(loaded.alloc(7, 1));
  for (int i = 0; i < 3; ++i) loaded.collect();
  CHECK_FALSE(loaded.is_immortal(loaded.ref(young)));
  CHECK(loaded.contains(loaded.ref(young)));
  CHECK(loaded.ptr(old->slots()[1])->slots()[0].fixnum_value() == 42);
  CHECK_FALSE(loaded.contains(garbage));
}

TEST_CASE("a heap in a shared-memory segment is adopted by a second process") {
  std::string name = "heap-test-" + std::to_string(getpid());
  shm_remove(name);
  {
    Heap h(shm_store(name, uint64_t(64) << 20));
    Obj* o = h.alloc(7, 2);
    o->slots()[0] = Value::fixnum(4242);
    h.set_root(7, h.ref(o));
    struct stat st {};
    REQUIRE(stat(("/dev/shm/folio-" + name).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);  // the creating user only
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // the second process: attach, read, answer by exit status
      int ok = 0;
      try {
        Heap other(shm_store(name, uint64_t(64) << 20));
        ok = other.ptr(other.root(7))->slots()[0].fixnum_value() == 4242;
      } catch (...) {
      }
      _exit(ok ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(shm_remove(name));
  CHECK_FALSE(shm_remove(name));
}
