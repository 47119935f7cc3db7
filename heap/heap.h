// heap.h - the page heap: one address range of fixed-size pages.
//
// Layout of the range (offsets from the base, identical in every process):
//   page 0              HeapHeader: magic, format, capacity, root slots
//   pages 1..T          page table: one PageEntry per page of the range
//   pages T+1..         data pages: small-object pages (one size class each,
//                       "big bag of pages") and runs of pages for large objects
// The heap knows nothing of Clojure. It knows object headers (type byte,
// payload size, RAW flag) and the tagged word format, so it can trace every
// reference precisely: a non-RAW object's payload is all tagged words.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "heap/backing_store.h"
#include "heap/process_table.h"
#include "heap/shared_lock.h"
#include "heap/value.h"

namespace folio::heap {

constexpr uint64_t kPageBits = 16;  // 64 KiB pages: see docs/ARCHITECTURE.md
constexpr uint64_t kPageSize = uint64_t(1) << kPageBits;
constexpr uint64_t kPageWords = kPageSize / 8;
constexpr uint32_t kFormatVersion = 2;
constexpr int kNumRoots = 64;
constexpr uint64_t kMinGlobalThresholdWords = uint64_t(8) << 20;  // 64 MiB published between global collections

// Object header: one word in front of every object.
struct ObjHeader {
  uint8_t type;     // owner-defined type tag (0 = free cell)
  uint8_t gc;       // mark bit; private to the collector
  uint16_t flags;   // kRaw, kNodeLocal, ...
  uint32_t nwords;  // payload words after the header
};
static_assert(sizeof(ObjHeader) == 8);

enum ObjFlags : uint16_t {
  kRaw = 1,        // payload is bytes, not traced
  kNodeLocal = 2,  // a per-process resource (stream, file) or changes in place (array): never shareable
  kPublished = 4,  // reachable from shared cells (shared heaps): only a global collection frees it
};
// Flag bits 8..15 belong to the layer above; the heap keeps them as they are
// (vm/ marks the vectors vector-of makes with their element type there).
constexpr int kOwnerFlagShift = 8;

constexpr uint8_t kFreeType = 0;

struct Obj {
  ObjHeader h;
  Value* slots() { return reinterpret_cast<Value*>(this + 1); }
  const Value* slots() const { return reinterpret_cast<const Value*>(this + 1); }
  uint8_t* bytes() { return reinterpret_cast<uint8_t*>(this + 1); }
  const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(this + 1); }
};

enum class PageKind : uint8_t { kUnused = 0, kMeta, kFree, kSmall, kLargeHead, kLargeTail };

// One entry per page; lives in the heap so every process sees the same table.
struct PageEntry {
  PageKind kind;
  uint8_t size_class;
  uint16_t owner;     // node that allocates in this page
  uint32_t version;   // bumped each time the page's changes are taken (take_dirty)
  uint32_t run;       // large head: pages in the run; small: live cells after last sweep
  uint32_t free_cell; // small page with free cells: word index of the first one + 1
};
static_assert(sizeof(PageEntry) == 16);

struct HeapHeader {
  char magic[8];
  uint32_t format;
  uint32_t page_size;
  uint64_t capacity_pages;  // pages the range can hold
  uint64_t table_pages;     // pages used by the page table
  uint64_t used_pages;      // high-water mark of pages handed out (claimed by CAS when shared)
  uint64_t immortal_pages;  // the loaded image: never swept, shared by every process
  uint64_t reserved_bytes;  // of a shared store, backed ahead of use (BackingStore::reserve)
  uint64_t image_id;        // the built-in image the heap grew from (same build, same natives)
  uint32_t ready;           // 1 once the heap is complete (a segment's creator sets it last)
  uint32_t unused;
  Value roots[kNumRoots];   // named by the VM; traced by the collector
  alignas(64) unsigned char lock[kSharedLockBytes];  // the heap lock (shared_lock.h)
  ProcessSlot procs[kMaxProcesses];                  // processes attached (shared heaps)
  // Global collection of published objects (heap/global_gc.cpp).
  uint64_t gc_state;          // epoch << 8 | initiator slot << 2 | phase (0 idle, 1 stopping, 2 marking)
  uint64_t published_words;   // published since the last global collection
  uint64_t global_threshold;  // start one when published_words passes it
  uint64_t gc_aborts;         // abandoned attempts since marks were last cleared
  uint64_t global_collections;  // completed, by all processes
  uint64_t gc_acks[kMaxProcesses];  // per process: 2*epoch once stopped, 2*epoch+1 once marked
};
static_assert(sizeof(HeapHeader) <= kPageSize);
// Fixed places: `folio shm list` and tests/shm_test.py read (and corrupt) them.
static_assert(offsetof(HeapHeader, image_id) == 56 && offsetof(HeapHeader, ready) == 64);

// Size classes for small objects, in words including the header.
constexpr int kNumClasses = 40;
uint32_t class_words(int cls);
int class_for_words(uint64_t words);  // -1: too big, use a large run
constexpr uint64_t kMaxSmallWords = 2048;

class Heap;

// Where an in-memory image also lies in a file (the folio binary embeds its
// image): parts are then mapped from the file rather than copied.
struct ImageSource {
  int fd = -1;
  uint64_t file_offset = 0;  // of the image's first byte; a multiple of 4 KiB
};

// Per-thread allocator: only it writes the pages it owns, so two allocators
// never touch the same fresh page and allocation needs no lock.
class Allocator {
 public:
  Allocator(Heap& heap, uint16_t owner) : heap_(heap), owner_(owner) {}
  void set_owner(uint16_t owner) { owner_ = owner; }
  Obj* alloc(uint8_t type, uint64_t nwords, uint16_t flags);
  void retire();  // hand back current pages (before a sweep)
  uint16_t owner() const { return owner_; }

 private:
  struct ClassState {
    uint64_t free = 0;   // offset of the first free cell, 0 = none
    uint64_t bump = 0;   // next unused cell offset in a fresh page
    uint64_t limit = 0;  // end of that page's cells
  };
  Obj* refill(int cls);
  Heap& heap_;
  uint16_t owner_;
  ClassState cls_[kNumClasses];
};

struct HeapStats {
  uint64_t collections = 0;
  uint64_t live_words = 0;       // after the last collection
  uint64_t pages_in_use = 0;     // after the last collection
  uint64_t allocated_words = 0;  // since start
  uint64_t global_collections = 0;  // shared heaps: ones this process ran to the end
};

// Shared heaps (a store other processes map too). Each process allocates in
// pages it owns and collects them alone; an object becomes *published* when it
// gets reachable from an object that is already shared (the image, a root, a
// published cell), and the barrier below publishes the whole new subgraph
// before the reference is stored. A process-local collection traces only its
// unpublished objects and never frees a published one, so no process can free
// what another may reach. Node-local objects refuse publication.
class Heap {
 public:
  // Creates a fresh heap in `store`, adopts the one already there when `store`
  // holds one (an attached segment), or unpacks `image` (from image()) into it.
  // A shared store gives the process a slot (process_table.h) whose number is
  // its node id; adopting checks that the heap grew from the same `image`.
  explicit Heap(std::unique_ptr<BackingStore> store, uint16_t node_id = 0,
                const void* image = nullptr, size_t image_size = 0, ImageSource from = {});
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  char* base() const { return base_; }
  HeapHeader& header() const { return *reinterpret_cast<HeapHeader*>(base_); }
  PageEntry& page(uint64_t index) const {
    return reinterpret_cast<PageEntry*>(base_ + kPageSize)[index];
  }
  uint16_t node_id() const { return node_id_; }
  Allocator& allocator() { return main_alloc_; }

  // Decoding is one add: offsets are relative to the base.
  Obj* ptr(Value v) const { return reinterpret_cast<Obj*>(base_ + v.offset()); }
  Value ref(const Obj* o) const { return Value::ref(reinterpret_cast<const char*>(o) - base_); }
  bool contains(Value v) const;  // v is a ref to the start of a live object

  Obj* alloc(uint8_t type, uint64_t nwords, uint16_t flags = 0) {
    return main_alloc_.alloc(type, nwords, flags);
  }

  // The write barrier: every store into an existing object goes here.
  void write(Obj* o, uint64_t slot, Value v) {
    if (publishes_) return write_shared(o, slot, v);
    o->slots()[slot] = v;
    mark_dirty(reinterpret_cast<char*>(&o->slots()[slot]) - base_);
  }
  // The one compare-and-set of a cell's word (atoms, refs' commit, watches).
  bool compare_and_set(Obj* o, uint64_t slot, Value expected, Value desired);
  // Replicas: adds `delta` to a shared cell's fixnum in the server's log
  // order, so that nodes adding to one cell never refuse each other (a
  // `swap!` with inc). The word after is in *result. False, and nothing
  // changed, when this is not a replica's published cell, the word is no
  // fixnum or the sum leaves the fixnum range: the caller takes its general
  // path (compare_and_set).
  bool add_fixnum(Obj* o, uint64_t slot, int64_t delta, Value* result);
  Value load(const Obj* o, uint64_t slot) const {  // an acquire read of a cell
    return Value::raw(std::atomic_ref<uint64_t>(const_cast<Obj*>(o)->slots()[slot].w).load(std::memory_order_acquire));
  }
  bool shared() const { return shared_; }
  bool publishes() const { return publishes_; }  // shared or replicated: the barrier publishes
  bool replicated() const { return replicated_; }

  // --- replicated heaps (cluster nodes, docs/PROTOCOL.md). The node allocates
  // fresh pages only in the ranges the server grants it (more are asked for
  // through more_pages when they run out); a store into a published object (a cell:
  // var root, namespace table, atom, ref) is first committed through
  // `commit` (offset, expected word, desired word), which ships the node's
  // changed pages with it; only when the server accepts does the store happen
  // here. A refused store throws (a plain write) or fails (compare_and_set).
  using CommitFn = std::function<bool(uint64_t offset, Value expected, Value desired)>;
  void make_replica(uint64_t grant_first, uint64_t grant_count, CommitFn commit);
  // Replicas: another range of fresh pages, (first, count), with at least
  // `pages` in it; throws when the server has none left.
  std::function<std::pair<uint64_t, uint64_t>(uint64_t pages)> more_pages;
  // Replicas: commits an add of the fixnum `delta` to the word at `offset`;
  // false when the server refuses it (see add_fixnum).
  std::function<bool(uint64_t offset, Value delta)> commit_add_fn;
  // Called when the server refuses a commit or cannot be reached (`why`);
  // expected to throw. The store does not happen.
  std::function<void(const Obj* holder, const std::string& why)> on_commit_refused;
  // Replicas: several cell words committed together, all or nothing (an STM
  // commit). Between begin_batch and commit_batch, stores into shared cells
  // are collected instead of committed one by one, and check_word adds a
  // precondition that changes nothing (a ref only read). commit_batch applies
  // them here once the server accepts; false when it refuses (nothing
  // changed here; the entries that beat it are applied). Elsewhere these
  // are no-ops and stores happen at once.
  using BatchCommitFn = std::function<bool(const std::vector<uint64_t>& offsets, const std::vector<Value>& expected,
                                           const std::vector<Value>& desired)>;
  void begin_batch() { batching_ = replicated_; }
  void check_word(const Obj* o, uint64_t slot);
  void check_root(int i);
  bool commit_batch();
  BatchCommitFn commit_batch_fn;
  // Replicas: objects that arrived from other nodes (an entry, the
  // snapshot), before anything can reach them. The VM verifies the bytecode
  // among them; a throw refuses them.
  std::function<void(const std::vector<uint64_t>& offsets)> on_objects_arrived;
  // Another node's object arrives (replication): its bytes go to `at`, the
  // page-table entry it came with to its page (a large run's tail pages
  // follow), and the used range covers it. Throws std::invalid_argument for
  // an object that cannot be one (misaligned, under a header, past the heap).
  void place_object(uint64_t at, const void* bytes, uint64_t n, const void* entry, size_t entry_size);
  // Replicas: one page of a full snapshot sent again (a node that returns
  // after the server's log stopped reaching back to it), merged into this
  // live heap (heap/snapshot_merge.cpp): page 0 gives its roots (and
  // used_pages, the larger); a page-table page the entries of pages outside
  // this node's grants; a page in its grants the payload words of each
  // published object the server's copy also holds (other nodes' stores into
  // its cells), leaving the rest (its unpublished and unshipped objects) as
  // it is; any other page is the server's as it is. Nothing may run on the
  // heap meanwhile; on_objects_arrived(foreign_objects()) follows the last.
  void install_snapshot_page(uint64_t index, const void* bytes);
  // Replicas: the commit just accepted is already in the heap, with
  // whatever came after it in the log (a full snapshot installed after the
  // server applied it): the store that follows the acceptance is skipped.
  // `added`: the word an add made (the server kept it), which add_fixnum
  // returns; the cell may hold later adds by now.
  void note_commit_in_heap(std::optional<Value> added = std::nullopt) {
    commit_in_heap_ = true;
    commit_added_ = added;
  }
  // Offsets of every object on pages at or past `from` that are not this
  // node's own (a snapshot's foreign objects).
  std::vector<uint64_t> foreign_objects() const;
  // Replicas: applies other nodes' commits that have arrived. The VM calls
  // it where it may see cells change: its safepoints that wait, each REPL form.
  std::function<void()> poll_replica;
  bool in_grant(uint64_t page) const;  // in any range granted to this node
  // Pages with something in them (kind set), for a snapshot.
  std::vector<uint64_t> pages_in_use() const;
  // Replicas: offsets of the objects published since the last call. A commit
  // ships exactly these (new, immutable objects) and its cell words: never a
  // whole page, whose older cells other nodes may have changed since.
  std::vector<uint64_t> take_unshipped() { return std::exchange(unshipped_, {}); }
  // A refused commit's objects go with the next one (the server logs and
  // broadcasts only accepted commits).
  void unship(const std::vector<uint64_t>& objects) { unshipped_.insert(unshipped_.begin(), objects.begin(), objects.end()); }
  bool is_published(const Obj* o) const {
    return (uint64_t(reinterpret_cast<const char*>(o) - base_) >> kPageBits) < immortal_end_ ||
           (o->h.flags & kPublished);
  }
  // Called when publication meets a node-local object (holder: the shared
  // object being written). Expected to throw; the write does not happen.
  std::function<void(const Obj* holder, const Obj* node_local)> on_not_shareable;
  int process_slot() const { return slot_; }

  // The heap lock (shared_lock.h), for the few multi-word shared changes.
  // When its owner died holding it, on_lock_owner_died repairs first.
  void lock();
  void unlock() { SharedLock(header().lock).unlock(); }
  std::function<void()> on_lock_owner_died;
  // Called (true) before lock() blocks because another thread holds the lock,
  // and (false) once it got it: the VM lets its other threads run meanwhile.
  std::function<void(bool)> on_lock_wait;
  void write_bytes(Obj* o, uint64_t at, const void* src, size_t n);
  void mark_dirty(uint64_t offset) {
    uint64_t p = offset >> kPageBits;
    dirty_[p].store(1, std::memory_order_relaxed);
    if (p < immortal_end_) remembered_[p].store(1, std::memory_order_relaxed);
  }
  bool is_dirty(uint64_t page) const { return dirty_[page].load(std::memory_order_relaxed); }
  // Returns the dirty page indices, clears the set, bumps their versions.
  std::vector<uint64_t> take_dirty();

  Value root(int i) const { return header().roots[i]; }
  void set_root(int i, Value v);

  // --- garbage collection (non-moving mark-sweep)
  class Marker {
   public:
    void mark(Value v) {
      if (v.is_ref()) stack_.push_back(v.offset());
    }
   private:
    friend class Heap;
    std::vector<uint64_t> stack_;
  };
  using RootFn = std::function<void(Marker&)>;
  void set_roots(RootFn fn) { roots_fn_ = std::move(fn); }
  bool is_immortal(Value v) const { return v.is_ref() && (v.offset() >> kPageBits) < immortal_end_; }
  // True at a safepoint that should collect: this process's allocation
  // passed its threshold, or (shared heaps) a global collection is waiting for it.
  // The interpreter's one poll: it also turns true when another thread of the
  // process asked for the interpreter lock (request_interrupt), so that a
  // running thread yields at its next safepoint at no extra cost.
  bool gc_wanted() const {
    return poll_.load(std::memory_order_relaxed) ||
           (shared_ && (std::atomic_ref<uint64_t>(header().gc_state).load(std::memory_order_relaxed) & 3));
  }
  // A collection is due (not merely an interrupt): what collect() would act on.
  bool collect_due() const {
    return (poll_.load(std::memory_order_relaxed) & kPollCollect) ||
           (shared_ && (std::atomic_ref<uint64_t>(header().gc_state).load(std::memory_order_relaxed) & 3));
  }
  // Any thread: makes gc_wanted() true until take_interrupt() (vm/threads.cpp).
  void request_interrupt() { poll_.fetch_or(kPollInterrupt, std::memory_order_relaxed); }
  bool take_interrupt() {
    return (poll_.load(std::memory_order_relaxed) & kPollInterrupt) &&
           (poll_.fetch_and(uint8_t(~kPollInterrupt), std::memory_order_relaxed) & kPollInterrupt);
  }
  void collect();
  const HeapStats& stats() const { return stats_; }
  // Called for each NodeLocal object freed by a sweep (closes its resource).
  std::function<void(Obj*)> on_free_node_local;

  // --- image: a packed copy of the heap (header page, the used prefix of the
  // page table, the used data pages), written at build time and unpacked at
  // start-up. Offsets inside are unchanged, so nothing is relocated.
  std::vector<char> image() const;
  static uint64_t image_id_of(const void* image, size_t size);
  uint64_t used_bytes() const { return header().used_pages * kPageSize; }

 private:
  friend class Allocator;
  uint64_t take_pages(uint64_t n, PageKind kind, uint8_t cls, uint16_t owner);
  Obj* alloc_large(uint8_t type, uint64_t nwords, uint16_t flags, uint16_t owner);
  uint64_t pop_partial(int cls, uint16_t owner);
  void note_alloc(uint64_t words);
  void sweep();
  void collect_local(uint8_t stamp);
  uint64_t trace(Marker& m, uint8_t stamp, bool own);
  // Global collection (heap/global_gc.cpp).
  void collect_shared();
  void collect_global();
  void wait_out_global_collection();
  bool wait_for_acks(uint64_t ack, bool with_timeout);
  void park(uint64_t state, bool has_roots = true);
  uint64_t sweep_published(uint8_t stamp);
  void clear_published_marks();
  void write_shared(Obj* o, uint64_t slot, Value v);
  void publish(Value v, const Obj* holder);
  void reserve_through(uint64_t pages);

  std::unique_ptr<BackingStore> store_;
  char* base_;
  uint16_t node_id_;
  bool shared_ = false;      // a shared-memory segment (process slots, global collection)
  bool publishes_ = false;   // shared_ or replicated_
  bool replicated_ = false;  // a cluster node
  void add_grant(uint64_t first, uint64_t count);
  std::vector<std::pair<uint64_t, uint64_t>> grants_;  // [first, end) of every range granted
  uint64_t grant_next_ = 0, grant_end_ = 0;            // the range it allocates in now
  CommitFn commit_;
  bool commit_in_heap_ = false;  // see note_commit_in_heap
  std::optional<Value> commit_added_;
  bool take_commit_in_heap() { return std::exchange(commit_in_heap_, false); }
  void merge_own_page(uint64_t index, const char* theirs);
  std::vector<uint64_t> unshipped_;
  bool batching_ = false;
  std::vector<uint64_t> batch_offsets_;
  std::vector<Value> batch_expected_, batch_desired_;
  bool commit_or_refuse(const Obj* holder, uint64_t offset, Value expected, Value desired, bool may_fail = false);
  int slot_ = -1;  // in the process table, when shared
  std::unique_ptr<std::atomic<uint8_t>[]> dirty_;  // node-local: what this node changed
  Allocator main_alloc_;
  RootFn roots_fn_;
  std::vector<uint64_t> partial_[kNumClasses];  // pages with free cells, per class
  std::vector<uint64_t> free_pages_;            // kFree pages, highest first
  std::vector<bool> node_local_pages_;          // small pages that hold node-local objects
  std::vector<bool> published_pages_;           // own pages that hold published objects
  std::vector<uint64_t> publish_stack_;
  std::vector<Obj*> publish_found_;
  // Pages below immortal_end_ (the meta pages and the loaded image) are never
  // swept or traced: their objects live as long as the process. Those ever
  // written since (remembered_) are scanned as roots at every collection, since
  // they may point to younger objects. This keeps the cost of a collection
  // proportional to the program's data, not to the size of clojure.core.
  uint64_t immortal_end_ = 0;
  std::unique_ptr<std::atomic<uint8_t>[]> remembered_;
  void mark_remembered(Marker& m, bool all = false);
  // Calls f(Obj*) for every cell of small page p (free ones included) or for
  // the object that heads the large run at p; nothing for other pages.
  template <typename F>
  void for_each_cell(uint64_t p, F f) const {
    const PageEntry& e = page(p);
    if (e.kind == PageKind::kLargeHead) return f(reinterpret_cast<Obj*>(base_ + p * kPageSize));
    if (e.kind != PageKind::kSmall) return;
    uint64_t cw = uint64_t(class_words(e.size_class)) * 8;
    for (uint64_t off = p * kPageSize, end = off + (kPageSize / cw) * cw; off < end; off += cw)
      f(reinterpret_cast<Obj*>(base_ + off));
  }
  uint64_t since_gc_ = 0, threshold_ = 0;
  static constexpr uint8_t kPollCollect = 1, kPollInterrupt = 2;
  std::atomic<uint8_t> poll_{0};  // kPollCollect | kPollInterrupt
  HeapStats stats_;
};

}  // namespace folio::heap
