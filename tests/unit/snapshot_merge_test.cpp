// Unit tests for Heap::install_snapshot_page (heap/snapshot_merge.cpp): a
// full snapshot merged into a live replica. A "server" heap and a replica
// made from a copy of its pages stand in for the cluster; the replica's
// commits are applied to the server heap the way the server applies them
// (its shipped objects placed, the word stored).
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "heap/heap.h"
#include "heap/poison.h"

using namespace folio;
using namespace folio::heap;

namespace {
constexpr uint64_t kCapacity = uint64_t(1) << 30;
constexpr uint8_t kCellType = 7;

uint64_t offset_of(Heap& h, const Obj* o) { return uint64_t(reinterpret_cast<const char*>(o) - h.base()); }
Obj* same_place(Heap& in, Heap& from, const Obj* o) { return reinterpret_cast<Obj*>(in.base() + offset_of(from, o)); }

// The server's heap, with one published holder object (`root 0`) that the
// replica's objects get published through.
struct Cluster {
  std::unique_ptr<Heap> server = std::make_unique<Heap>(anonymous_store(kCapacity));
  std::unique_ptr<Heap> node;
  bool refuse = false, in_heap = false;  // the next commits: refused / already in the heap
  Obj* holder = nullptr;                 // on the node
  uint64_t grant_end = 0;                // the node's pages: [grant_end - 64, grant_end)

  Cluster() {
    Obj* h = server->alloc(kCellType, 4);
    h->h.flags |= kPublished;
    server->set_root(0, server->ref(h));
    // The first snapshot: every page in use, then the node's heap adopts them.
    auto store = anonymous_store(kCapacity, true);
    for (uint64_t p : server->pages_in_use()) std::memcpy(store->base() + p * kPageSize, sent(p).data(), kPageSize);
    node = std::make_unique<Heap>(std::move(store), 5);
    uint64_t grant = (server->header().used_pages + 63) / 64 * 64;
    grant_end = grant + 64;
    node->make_replica(grant, 64, [this](uint64_t at, Value, Value desired) { return commit(at, desired); });
    holder = node->ptr(node->root(0));
  }

  bool commit(uint64_t at, Value desired) {
    if (refuse) return false;  // its objects stay unshipped
    for (uint64_t off : node->take_unshipped()) {
      const Obj* o = reinterpret_cast<const Obj*>(node->base() + off);
      server->place_object(off, o, (uint64_t(o->h.nwords) + 1) * 8, &node->page(off >> kPageBits), sizeof(PageEntry));
    }
    std::memcpy(server->base() + at, &desired.w, 8);
    if (in_heap) node->note_commit_in_heap();
    return true;
  }

  // A cell of the node's, published (and shipped) through the holder.
  Obj* shared_cell(int64_t v) {
    Obj* cell = node->alloc(kCellType, 1);
    cell->slots()[0] = Value::fixnum(v);
    node->write(holder, 0, node->ref(cell));
    return cell;
  }

  // A page as the wire brings it: a copy, free cells included (which an ASan
  // build of the server's heap keeps poisoned).
  std::vector<char> sent(uint64_t p) {
    FOLIO_UNPOISON(server->base() + p * kPageSize, kPageSize);
    return std::vector<char>(server->base() + p * kPageSize, server->base() + (p + 1) * kPageSize);
  }

  void resnapshot() {
    for (uint64_t p : server->pages_in_use()) node->install_snapshot_page(p, sent(p).data());
  }
};
}  // namespace

TEST_CASE("a full snapshot merges into a replica: foreign pages, roots and entries come, its own data stays") {
  Cluster c;
  Heap& n = *c.node;
  Heap& s = *c.server;
  // On the node: a cell it shares (shipped), a large shared vector of cells
  // across two pages (shipped), one published but refused (unshipped), and
  // one it never shared.
  Obj* mine = n.alloc(kCellType, 1);
  mine->slots()[0] = Value::fixnum(1);
  n.write(c.holder, 0, n.ref(mine));
  Obj* big = n.alloc(kCellType, 9000);
  n.write(c.holder, 1, n.ref(big));
  Obj* unshipped = n.alloc(kCellType, 1);
  unshipped->slots()[0] = Value::fixnum(33);
  c.refuse = true;
  CHECK_FALSE(n.compare_and_set(c.holder, 2, kNil, n.ref(unshipped)));
  c.refuse = false;
  CHECK((unshipped->h.flags & kPublished));
  Obj* local = n.alloc(kCellType, 1);
  local->slots()[0] = Value::fixnum(11);
  uint64_t local_page = offset_of(n, local) >> kPageBits;
  PageEntry own_entry = n.page(offset_of(n, big) >> kPageBits);
  ObjHeader mine_header = mine->h;

  // Meanwhile, on the server: other nodes store into the node's cells (in
  // its shared cell and on both pages of its vector), another node's commit
  // brings an object on a page of its own and a root points to it; the
  // server's mark byte differs.
  Obj* s_mine = same_place(s, n, mine);
  s_mine->slots()[0] = Value::fixnum(42);
  s_mine->h.gc = 1;
  same_place(s, n, big)->slots()[3] = Value::fixnum(-3);
  same_place(s, n, big)->slots()[8500] = Value::fixnum(85);
  uint64_t fresh_page = c.grant_end + 1;
  uint64_t fresh[3] = {0, Value::fixnum(77).w, kNil.w};
  ObjHeader fresh_header{kCellType, 0, kPublished, 2};
  std::memcpy(&fresh[0], &fresh_header, 8);
  PageEntry fresh_entry{PageKind::kSmall, uint8_t(class_for_words(3)), 6, 9, 1, 0};
  s.place_object(fresh_page * kPageSize, fresh, sizeof fresh, &fresh_entry, sizeof fresh_entry);
  s.header().roots[1] = Value::ref(fresh_page * kPageSize);
  // The server's entry of a page in the node's grant differs (it is the node's to keep).
  s.page(local_page).kind = PageKind::kFree;

  c.resnapshot();
  CHECK(n.root(1) == s.root(1));
  CHECK(n.ptr(n.root(1))->slots()[0].fixnum_value() == 77);
  CHECK(n.page(fresh_page).version == 9);
  CHECK(n.header().used_pages >= s.header().used_pages);
  CHECK(mine->slots()[0].fixnum_value() == 42);  // another node's store into its cell
  CHECK(big->slots()[3].fixnum_value() == -3);
  CHECK(big->slots()[8500].fixnum_value() == 85);  // on the vector's second page
  CHECK(std::memcmp(&mine->h, &mine_header, sizeof mine_header) == 0);  // headers (the mark byte) stay
  CHECK(unshipped->slots()[0].fixnum_value() == 33);  // the server has nothing there yet
  CHECK(local->slots()[0].fixnum_value() == 11);
  CHECK(n.page(local_page).kind == PageKind::kSmall);  // its own pages' entries are its own
  CHECK(std::memcmp(&n.page(offset_of(n, big) >> kPageBits), &own_entry, sizeof own_entry) == 0);
  CHECK(n.foreign_objects().size() >= 2);
}

TEST_CASE("a commit already in the heap (a snapshot after it) is not stored again") {
  Cluster c;
  Heap& n = *c.node;
  Obj* cell = c.shared_cell(1);
  // The snapshot brought the commit's effect and a later one on top of it.
  auto later = [&](int64_t v) { cell->slots()[0] = Value::fixnum(v); };
  c.in_heap = true;
  later(10);
  n.write(cell, 0, Value::fixnum(5));
  CHECK(cell->slots()[0].fixnum_value() == 10);  // the later writer's word stays
  CHECK(n.compare_and_set(cell, 0, Value::fixnum(10), Value::fixnum(6)));
  CHECK(cell->slots()[0].fixnum_value() == 10);
  c.in_heap = false;
  n.write(cell, 0, Value::fixnum(5));  // an ordinary accept stores
  CHECK(cell->slots()[0].fixnum_value() == 5);
}

TEST_CASE("an add already in the heap returns the word the server says it made, not the cell's later word") {
  Cluster c;
  Heap& n = *c.node;
  Obj* cell = c.shared_cell(1);
  // The server applied this node's add (1 + 1 = 2), then other nodes added
  // 5 more; the snapshot brought 7 and the server kept 2 for this node.
  n.commit_add_fn = [&](uint64_t, Value) {
    cell->slots()[0] = Value::fixnum(7);
    n.note_commit_in_heap(Value::fixnum(2));
    return true;
  };
  Value got;
  REQUIRE(n.add_fixnum(cell, 0, 1, &got));
  CHECK(got.fixnum_value() == 2);
  CHECK(cell->slots()[0].fixnum_value() == 7);  // the snapshot's word stays
  // Without the server's word the result is unknown: an error, never a guess.
  n.commit_add_fn = [&](uint64_t, Value) { return n.note_commit_in_heap(), true; };
  CHECK_THROWS_AS(n.add_fixnum(cell, 0, 1, &got), std::runtime_error);
  // An ordinary accept adds here.
  n.commit_add_fn = [](uint64_t, Value) { return true; };
  REQUIRE(n.add_fixnum(cell, 0, 1, &got));
  CHECK(got.fixnum_value() == 8);
}
