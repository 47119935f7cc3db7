// heap.cpp - page management, size-class allocation, mark-sweep collection.
#include "heap/heap.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

#include "heap/poison.h"

namespace folio::heap {
namespace {

constexpr char kMagic[8] = {'F', 'O', 'L', 'I', 'O', 'H', 'P', '1'};
constexpr uint64_t kMinThresholdWords = uint64_t(4) << 20;  // 32 MiB between collections

// Classes grow by quarters of each power of two: at most 25% internal waste.
struct ClassTable {
  uint32_t words[kNumClasses] = {};
  uint8_t lut[kMaxSmallWords + 1] = {};
  int count = 0;
  ClassTable() {
    for (uint32_t w = 2; w <= 8; ++w) words[count++] = w;
    for (uint32_t p = 8; p < kMaxSmallWords; p *= 2)
      for (uint32_t q = 1; q <= 4; ++q) words[count++] = p + q * p / 4;
    int c = 0;
    for (uint64_t w = 0; w <= kMaxSmallWords; ++w) {
      while (words[c] < w) ++c;
      lut[w] = uint8_t(c);
    }
  }
};
const ClassTable& classes() {
  static const ClassTable table;
  return table;
}

// A free cell: type 0, first payload word = offset of the next free cell.
inline uint64_t& next_free(char* base, uint64_t off) {
  return *reinterpret_cast<uint64_t*>(base + off + 8);
}

}  // namespace

uint32_t class_words(int cls) { return classes().words[cls]; }
int class_for_words(uint64_t words) {
  return words > kMaxSmallWords ? -1 : classes().lut[words];
}

// ---------------------------------------------------------------- Allocator

Obj* Allocator::alloc(uint8_t type, uint64_t nwords, uint16_t flags) {
  uint64_t total = nwords + 1;
  if (total > kMaxSmallWords) return heap_.alloc_large(type, nwords, flags, owner_);
  int c = classes().lut[total];
  ClassState& s = cls_[c];
  char* base = heap_.base_;
  uint64_t off;
  if (s.free) {
    off = s.free;
    FOLIO_UNPOISON(base + off, uint64_t(class_words(c)) * 8);
    s.free = next_free(base, off);
  } else if (s.bump < s.limit) {
    off = s.bump;
    s.bump += uint64_t(class_words(c)) * 8;
  } else {
    Obj* o = refill(c);
    off = reinterpret_cast<char*>(o) - base;
  }
  Obj* o = reinterpret_cast<Obj*>(base + off);
  o->h = ObjHeader{type, 0, flags, uint32_t(nwords)};
  if (flags & kNodeLocal) heap_.node_local_pages_[off >> kPageBits] = true;
  if (!(flags & kRaw)) {
    Value* sl = o->slots();
    for (uint64_t i = 0; i < nwords; ++i) sl[i] = kNil;
  }
  heap_.mark_dirty(off);
  heap_.note_alloc(total);
  return o;
}

Obj* Allocator::refill(int c) {
  ClassState& s = cls_[c];
  char* base = heap_.base_;
  uint64_t cw = class_words(c);
  uint64_t page = heap_.pop_partial(c, owner_);
  if (page) {
    PageEntry& e = heap_.page(page);
    uint64_t off = page * kPageSize + (uint64_t(e.free_cell) - 1) * 8;
    e.free_cell = 0;
    FOLIO_UNPOISON(base + off, cw * 8);
    s.free = next_free(base, off);
    return reinterpret_cast<Obj*>(base + off);
  }
  page = heap_.take_pages(1, PageKind::kSmall, uint8_t(c), owner_);
  uint64_t start = page * kPageSize;
  s.bump = start + cw * 8;
  s.limit = start + (kPageWords / cw) * cw * 8;
  return reinterpret_cast<Obj*>(base + start);
}

void Allocator::retire() {
  char* base = heap_.base_;
  for (int c = 0; c < classes().count; ++c) {
    ClassState& s = cls_[c];
    uint64_t cw = class_words(c) * 8;
    // Free-list cells are already free cells; format the unused bump tail too.
    for (uint64_t off = s.bump; off < s.limit; off += cw) {
      reinterpret_cast<Obj*>(base + off)->h = ObjHeader{kFreeType, 0, 0, 0};
    }
    s = ClassState{};
  }
}

// ---------------------------------------------------------------- Heap

namespace {
// Image layout: every part starts at a multiple of 4 KiB, so a process can map
// the parts straight from the file that holds them (copy-on-write) instead of
// copying: pages it never touches are never read.
//   [ImageHead, padded to 4 KiB][header page][page-table prefix, padded][data pages]
constexpr uint64_t kImageAlign = 4096;
struct ImageHead {
  char magic[8];
  uint64_t used_pages, table_pages, table_bytes;
  uint64_t image_id;  // a hash of the image: a shared heap's processes must run the same one
};
uint64_t align_up(uint64_t n) { return (n + kImageAlign - 1) / kImageAlign * kImageAlign; }

// Places `n` bytes of the image at `dest`: mapped from the file when there is
// one (the offset is page-aligned by construction), copied otherwise.
void place(char* dest, const char* src, uint64_t n, const ImageSource& from, uint64_t at) {
  if (n == 0) return;
  FOLIO_UNPOISON(dest, n);  // an earlier heap at this address may have poisoned freed runs here
  if (from.fd >= 0) {
    void* p = mmap(dest, align_up(n), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, from.fd,
                   off_t(from.file_offset + at));
    if (p != MAP_FAILED) return;
  }
  std::memcpy(dest, src, n);
}
}  // namespace

Heap::Heap(std::unique_ptr<BackingStore> store, uint16_t node_id, const void* image,
           size_t image_size, ImageSource from)
    : store_(std::move(store)), base_(store_->base()), node_id_(node_id),
      main_alloc_(*this, node_id) {
  HeapHeader& hh = header();
  uint64_t cap = store_->capacity() / kPageSize;
  shared_ = store_->shared();
  publishes_ = shared_;
  bool adopt = store_->holds_heap();
  ImageHead ih{};
  if (image) {
    if (image_size < sizeof ih) throw std::runtime_error("folio: heap image is truncated");
    std::memcpy(&ih, image, sizeof ih);
  }
  if (image && !adopt) {
    const char* p = static_cast<const char*>(image);
    uint64_t data_pages = ih.used_pages - 1 - ih.table_pages;
    uint64_t at_header = kImageAlign, at_table = at_header + kPageSize,
             at_data = at_table + align_up(ih.table_bytes);
    if (std::memcmp(ih.magic, kMagic, 8) != 0 || ih.used_pages > cap || ih.table_pages >= ih.used_pages ||
        image_size != at_data + data_pages * kPageSize)
      throw std::runtime_error("folio: heap image has the wrong format or size");
    if (shared_) {  // the image must be in the shared memory itself, not mapped privately
      store_->reserve(align_up(ih.used_pages * kPageSize));
      from = ImageSource{};
    }
    place(base_, p + at_header, kPageSize, from, at_header);
    place(base_ + kPageSize, p + at_table, ih.table_bytes, from, at_table);
    place(base_ + (1 + ih.table_pages) * kPageSize, p + at_data, data_pages * kPageSize, from, at_data);
  }
  if (image || adopt) {
    if (std::memcmp(hh.magic, kMagic, 8) != 0 || hh.format != kFormatVersion ||
        hh.page_size != kPageSize || hh.capacity_pages > cap)
      throw std::runtime_error("folio: heap image has the wrong format or size");
    if (adopt && !std::atomic_ref<uint32_t>(hh.ready).load(std::memory_order_acquire))
      throw std::runtime_error("folio: the shared heap is incomplete (its creator died while building it)");
    if (adopt && image && hh.image_id != ih.image_id)
      throw std::runtime_error("folio: the shared heap was made by a different build of folio");
  } else {
    std::memcpy(hh.magic, kMagic, 8);
    hh.format = kFormatVersion;
    hh.page_size = kPageSize;
    hh.capacity_pages = cap;
    hh.table_pages = (cap * sizeof(PageEntry) + kPageSize - 1) / kPageSize;
    hh.used_pages = 1 + hh.table_pages;
    for (auto& r : hh.roots) r = kNil;
    for (uint64_t p = 0; p < hh.used_pages; ++p) page(p).kind = PageKind::kMeta;
  }
  if (!adopt) {
    // A loaded image is immortal; a fresh heap has only its meta pages.
    hh.immortal_pages = image ? hh.used_pages : 1 + hh.table_pages;
    hh.image_id = image ? ih.image_id : 0;
    hh.reserved_bytes = shared_ ? align_up(hh.used_pages * kPageSize) : 0;
    if (shared_) store_->reserve(hh.reserved_bytes);
    std::memset(hh.procs, 0, sizeof hh.procs);
    std::memset(hh.gc_acks, 0, sizeof hh.gc_acks);
    hh.gc_state = 0;
    hh.published_words = 0;
    hh.global_threshold = kMinGlobalThresholdWords;
    hh.gc_aborts = 0;
    hh.global_collections = 0;
    SharedLock::init(hh.lock);
  }
  dirty_.reset(new std::atomic<uint8_t>[hh.capacity_pages]());
  remembered_.reset(new std::atomic<uint8_t>[hh.capacity_pages]());
  node_local_pages_.assign(hh.capacity_pages, false);
  published_pages_.assign(hh.capacity_pages, false);
  immortal_end_ = hh.immortal_pages;
  if (shared_) {
    slot_ = claim_process_slot(store_->fd(), hh.procs);
    if (slot_ < 0) throw std::runtime_error("folio: the shared heap already has 64 live processes");
    node_id_ = uint16_t(slot_ + 1);  // 0 is the image builder
    main_alloc_.set_owner(node_id_);
    // Pages of this slot's earlier owners may hold objects they published:
    // until our first sweep has looked, assume every one does.
    uint64_t used = std::atomic_ref<uint64_t>(hh.used_pages).load(std::memory_order_acquire);
    for (uint64_t p = immortal_end_; p < used; ++p)
      if (page(p).owner == node_id_) published_pages_[p] = true;
    wait_out_global_collection();
  }
  if (!adopt) {
    std::atomic_ref<uint32_t>(hh.ready).store(1, std::memory_order_release);
    store_->created();
  }
  for (uint64_t p = 0; p < hh.used_pages; ++p) mark_dirty(p * kPageSize);
  threshold_ = kMinThresholdWords;
}

Heap::~Heap() {
  if (slot_ >= 0) release_process_slot(store_->fd(), header().procs, slot_);
}

uint64_t Heap::take_pages(uint64_t n, PageKind kind, uint8_t cls, uint16_t owner) {
  HeapHeader& hh = header();
  uint64_t first = 0;
  if (n == 1) {
    while (!free_pages_.empty() && !first) {
      uint64_t p = free_pages_.back();
      free_pages_.pop_back();
      if (page(p).kind == PageKind::kFree) first = p;
    }
  } else if (free_pages_.size() >= n) {
    // First fit over our own free pages: large runs are rare, reuse beats growth.
    uint64_t run = 0, used = std::atomic_ref<uint64_t>(hh.used_pages).load(std::memory_order_acquire);
    for (uint64_t p = immortal_end_; p < used; ++p) {
      run = page(p).kind == PageKind::kFree && page(p).owner == owner ? run + 1 : 0;
      if (run == n) { first = p + 1 - n; break; }
    }
  }
  if (!first && replicated_) {  // a cluster node: only in its grants
    if (grant_next_ + n > grant_end_) {
      if (!more_pages) throw std::bad_alloc();
      auto [more, count] = more_pages(n);
      if (count < n) throw std::bad_alloc();
      add_grant(more, count);  // what was left of the last range stays unused
    }
    first = grant_next_;
    grant_next_ += n;
  }
  if (!first) {
    // Fresh pages: other processes claim from the same high-water mark.
    std::atomic_ref<uint64_t> used(hh.used_pages);
    uint64_t at = used.load(std::memory_order_relaxed);
    do {
      if (at + n > hh.capacity_pages) throw std::bad_alloc();
    } while (!used.compare_exchange_weak(at, at + n, std::memory_order_acq_rel));
    reserve_through(at + n);
    first = at;
  }
  FOLIO_UNPOISON(base_ + first * kPageSize, n * kPageSize);  // a reused page may still be poisoned
  for (uint64_t p = first; p < first + n; ++p) {
    PageEntry& e = page(p);
    e.kind = p == first ? kind : PageKind::kLargeTail;
    e.size_class = cls;
    e.owner = owner;
    e.run = p == first ? uint32_t(n) : 0;
    e.free_cell = 0;
    mark_dirty(p * kPageSize);
  }
  return first;
}

Obj* Heap::alloc_large(uint8_t type, uint64_t nwords, uint16_t flags, uint16_t owner) {
  uint64_t bytes = (nwords + 1) * 8;
  uint64_t n = (bytes + kPageSize - 1) / kPageSize;
  if (nwords >> 32) throw std::bad_alloc();
  uint64_t first = take_pages(n, PageKind::kLargeHead, 0, owner);
  Obj* o = reinterpret_cast<Obj*>(base_ + first * kPageSize);
  FOLIO_UNPOISON(o, n * kPageSize);
  o->h = ObjHeader{type, 0, flags, uint32_t(nwords)};
  if (!(flags & kRaw))
    for (uint64_t i = 0; i < nwords; ++i) o->slots()[i] = kNil;
  for (uint64_t p = first; p < first + n; ++p) mark_dirty(p * kPageSize);
  note_alloc(nwords + 1);
  return o;
}

uint64_t Heap::pop_partial(int cls, uint16_t owner) {
  auto& v = partial_[cls];
  while (!v.empty()) {
    uint64_t p = v.back();
    v.pop_back();
    const PageEntry& e = page(p);
    if (e.kind == PageKind::kSmall && e.size_class == cls && e.owner == owner && e.free_cell)
      return p;
  }
  return 0;
}

void Heap::note_alloc(uint64_t words) {
  stats_.allocated_words += words;
  since_gc_ += words;
  if (since_gc_ > threshold_ && !(poll_.load(std::memory_order_relaxed) & kPollCollect))
    poll_.fetch_or(kPollCollect, std::memory_order_relaxed);
}

bool Heap::contains(Value v) const {
  if (!v.is_ref()) return false;
  uint64_t off = v.offset();
  uint64_t p = off >> kPageBits;
  const HeapHeader& hh = header();
  if (p <= hh.table_pages || p >= hh.used_pages) return false;
  const PageEntry& e = page(p);
  uint64_t in_page = off & (kPageSize - 1);
  if (e.kind == PageKind::kLargeHead) return in_page == 0;
  if (e.kind != PageKind::kSmall) return false;
  uint64_t cw = uint64_t(class_words(e.size_class)) * 8;
  if (in_page % cw != 0 || in_page / cw >= kPageWords * 8 / cw) return false;
  return reinterpret_cast<const Obj*>(base_ + off)->h.type != kFreeType;
}

void Heap::write_bytes(Obj* o, uint64_t at, const void* src, size_t n) {
  std::memcpy(o->bytes() + at, src, n);
  uint64_t from = reinterpret_cast<char*>(o->bytes() + at) - base_;
  for (uint64_t p = from >> kPageBits; p <= (from + (n ? n - 1 : 0)) >> kPageBits; ++p)
    dirty_[p].store(1, std::memory_order_relaxed);
}

void Heap::make_replica(uint64_t grant_first, uint64_t grant_count, CommitFn commit) {
  replicated_ = publishes_ = true;
  add_grant(grant_first, grant_count);
  commit_ = std::move(commit);
}

void Heap::add_grant(uint64_t first, uint64_t count) {
  grant_next_ = std::min(first, header().capacity_pages);
  grant_end_ = std::min(first + count, header().capacity_pages);
  grants_.push_back({grant_next_, grant_end_});
  // Local bookkeeping only: sweeps and dirty sets cover the grant.
  header().used_pages = std::max(header().used_pages, grant_end_);
}

bool Heap::in_grant(uint64_t page) const {
  for (auto [first, end] : grants_)
    if (page >= first && page < end) return true;
  return false;
}

void Heap::place_object(uint64_t at, const void* bytes, uint64_t n, const void* entry, size_t entry_size) {
  uint64_t cap = header().capacity_pages * kPageSize;
  if (at % 8 || n < 8 || n > cap || at > cap - n || entry_size != sizeof(PageEntry))
    throw std::invalid_argument("an object that does not fit the heap");
  FOLIO_UNPOISON(base_ + at, n);
  std::memcpy(base_ + at, bytes, n);
  uint64_t first = at >> kPageBits, last = (at + n - 1) >> kPageBits;
  std::memcpy(&page(first), entry, sizeof(PageEntry));
  for (uint64_t p = first + 1; p <= last; ++p) {  // a large object's run
    page(p).kind = PageKind::kLargeTail;
    page(p).owner = page(first).owner;
  }
  header().used_pages = std::max(header().used_pages, last + 1);
}

std::vector<uint64_t> Heap::foreign_objects() const {
  std::vector<uint64_t> out;
  uint64_t used = std::atomic_ref<uint64_t>(header().used_pages).load(std::memory_order_acquire);
  for (uint64_t p = immortal_end_; p < used; ++p) {
    if (page(p).owner == node_id_) continue;
    for_each_cell(p, [&](const Obj* o) {
      if (o->h.type != kFreeType) out.push_back(uint64_t(reinterpret_cast<const char*>(o) - base_));
    });
  }
  return out;
}

std::vector<uint64_t> Heap::pages_in_use() const {
  std::vector<uint64_t> out;
  uint64_t used = std::atomic_ref<uint64_t>(header().used_pages).load(std::memory_order_acquire);
  for (uint64_t p = 0; p < used; ++p)
    if (page(p).kind != PageKind::kUnused) out.push_back(p);
  return out;
}

std::vector<uint64_t> Heap::take_dirty() {
  std::vector<uint64_t> out;
  uint64_t used = header().used_pages;
  for (uint64_t p = 0; p < used; ++p) {
    if (dirty_[p].exchange(0, std::memory_order_relaxed)) {
      out.push_back(p);
      ++page(p).version;
    }
  }
  return out;
}

void Heap::set_root(int i, Value v) {
  if (publishes_ && v.is_ref()) publish(v, nullptr);
  uint64_t at = uint64_t(reinterpret_cast<char*>(&header().roots[i]) - base_);
  if (replicated_ && header().roots[i] != v) commit_or_refuse(nullptr, at, header().roots[i], v);
  std::atomic_ref<uint64_t>(header().roots[i].w).store(v.w, std::memory_order_release);
  mark_dirty(reinterpret_cast<char*>(&header().roots[i]) - base_);
}

void Heap::collect() {
  if (shared_) return collect_shared();  // heap/global_gc.cpp
  collect_local(0);
}

// One process's collection of its own pages. With a `stamp`, it also stamps
// the published objects its roots reach (its part of a global collection).
void Heap::collect_local(uint8_t stamp) {
  main_alloc_.retire();
  // Marking counts live cells per page, so the sweep frees a page with none
  // without reading its cells (most pages, when most data dies young).
  HeapHeader& hh = header();
  uint64_t used = std::atomic_ref<uint64_t>(hh.used_pages).load(std::memory_order_acquire);
  for (uint64_t p = immortal_end_; p < used; ++p)
    if (page(p).kind == PageKind::kSmall && page(p).owner == node_id_) page(p).run = 0;
  Marker m;
  // Shared heaps: roots and image objects are published, and so is all they
  // reach; a process-local collection starts from its own roots only.
  if (!publishes_) {
    for (auto r : header().roots) m.mark(r);
    mark_remembered(m);
  }
  if (roots_fn_) roots_fn_(m);
  uint64_t live = trace(m, stamp, true);
  sweep();
  stats_.collections++;
  stats_.live_words = live;
  threshold_ = std::max(kMinThresholdWords, 2 * live);  // the heap may grow to 3x live between collections
  since_gc_ = 0;
  poll_.fetch_and(uint8_t(~kPollCollect), std::memory_order_relaxed);
}

// Marks what the marker's stack reaches: this process's unpublished objects
// (mark bit 1, counted per page) when `own`, and with a nonzero `stamp` the
// published ones (mark byte = stamp; several processes may stamp the same
// object at once, all writing the same byte). Image objects are never marked.
// Returns the words of own objects marked.
uint64_t Heap::trace(Marker& m, uint8_t stamp, bool own) {
  uint64_t live = 0;
  while (!m.stack_.empty()) {
    uint64_t off = m.stack_.back();
    m.stack_.pop_back();
    if ((off >> kPageBits) < immortal_end_) continue;
    Obj* o = reinterpret_cast<Obj*>(base_ + off);
    if (o->h.flags & kPublished) {
      if (!stamp || o->h.gc == stamp) continue;
      o->h.gc = stamp;
    } else {
      if (!own || o->h.gc) continue;
      o->h.gc = 1;
      live += o->h.nwords + 1;
      PageEntry& pe = page(off >> kPageBits);
      if (pe.kind == PageKind::kSmall) ++pe.run;
    }
    if (o->h.flags & kRaw) continue;
    const Value* s = o->slots();
    for (uint32_t i = 0, n = o->h.nwords; i < n; ++i)
      if (s[i].is_ref()) m.stack_.push_back(s[i].offset());
  }
  return live;
}

// Scans every object on immortal pages that were written after loading (with
// `all`, on every immortal page: a global collection cannot know which pages
// other processes wrote).
void Heap::mark_remembered(Marker& m, bool all) {
  auto trace = [&](const Obj* o) {
    if (o->h.type == kFreeType || (o->h.flags & kRaw)) return;
    for (uint32_t i = 0; i < o->h.nwords; ++i) m.mark(o->slots()[i]);
  };
  for (uint64_t p = 1 + header().table_pages; p < immortal_end_; ++p) {
    if (!all && !remembered_[p].load(std::memory_order_relaxed)) continue;
    if (page(p).kind == PageKind::kLargeTail) {
      if (all) continue;  // its head is scanned once
      uint64_t head = p;
      while (page(head).kind == PageKind::kLargeTail) --head;
      trace(reinterpret_cast<const Obj*>(base_ + head * kPageSize));
      continue;
    }
    for_each_cell(p, trace);
  }
}

void Heap::sweep() {
  HeapHeader& hh = header();
  for (auto& v : partial_) v.clear();
  free_pages_.clear();
  uint64_t in_use = 0;
  uint64_t used = std::atomic_ref<uint64_t>(hh.used_pages).load(std::memory_order_acquire);
  for (uint64_t p = immortal_end_; p < used; ++p) {
    PageEntry& e = page(p);
    if (e.owner != node_id_) continue;  // another process's pages are its own to sweep
    if (e.kind == PageKind::kLargeHead) {
      Obj* o = reinterpret_cast<Obj*>(base_ + p * kPageSize);
      if (o->h.gc || (o->h.flags & kPublished)) {
        if (!(o->h.flags & kPublished)) o->h.gc = 0;
        in_use += e.run;
        continue;
      }
      if ((o->h.flags & kNodeLocal) && on_free_node_local) on_free_node_local(o);
      for (uint64_t q = p; q < p + e.run; ++q) page(q).kind = PageKind::kFree;
      FOLIO_POISON(o, e.run * kPageSize);
      continue;
    }
    if (e.kind != PageKind::kSmall) continue;
    if (e.run == 0 && !node_local_pages_[p] && !published_pages_[p]) {  // nothing live: free the page
      e.kind = PageKind::kFree;
      e.free_cell = 0;
      FOLIO_POISON(base_ + p * kPageSize, kPageSize);
      continue;
    }
    uint64_t cw = class_words(e.size_class);
    uint64_t ncells = kPageWords / cw;
    uint64_t start = p * kPageSize;
    uint64_t head = 0;
    uint32_t live = 0;
    bool node_local = false, published = false;
    for (uint64_t i = ncells; i-- > 0;) {
      uint64_t off = start + i * cw * 8;
      Obj* o = reinterpret_cast<Obj*>(base_ + off);
      if (o->h.type != kFreeType && (o->h.gc || (o->h.flags & kPublished))) {
        if (!(o->h.flags & kPublished)) o->h.gc = 0;  // a published one's byte is the global stamp
        ++live;
        node_local |= (o->h.flags & kNodeLocal) != 0;
        published |= (o->h.flags & kPublished) != 0;
        continue;
      }
      if (o->h.type != kFreeType && (o->h.flags & kNodeLocal) && on_free_node_local)
        on_free_node_local(o);
      FOLIO_UNPOISON(o, cw * 8);
      o->h = ObjHeader{kFreeType, 0, 0, 0};
      next_free(base_, off) = head;
      FOLIO_POISON(base_ + off + 16, cw * 8 - 16);
      head = off;
    }
    e.run = live;
    node_local_pages_[p] = node_local;
    published_pages_[p] = published;
    if (live == 0) {
      e.kind = PageKind::kFree;
      e.free_cell = 0;
    } else {
      ++in_use;
      e.free_cell = head ? uint32_t((head - start) / 8 + 1) : 0;
      if (head) partial_[e.size_class].push_back(p);
    }
  }
  for (uint64_t p = used; p-- > immortal_end_;)
    if (page(p).kind == PageKind::kFree && page(p).owner == node_id_) free_pages_.push_back(p);
  stats_.pages_in_use = in_use;
}

std::vector<char> Heap::image() const {
  const HeapHeader& hh = header();
  ImageHead ih;
  std::memcpy(ih.magic, kMagic, 8);
  ih.used_pages = hh.used_pages;
  ih.table_pages = hh.table_pages;
  ih.table_bytes = hh.used_pages * sizeof(PageEntry);
  ih.image_id = 0;
  uint64_t data_from = (1 + hh.table_pages) * kPageSize;
  FOLIO_UNPOISON(base_, used_bytes());  // free cells are copied too (ASan builds poison them)
  uint64_t at_table = kImageAlign + kPageSize, at_data = at_table + align_up(ih.table_bytes);
  uint64_t data_bytes = used_bytes() - data_from;
  std::vector<char> out(at_data + data_bytes, 0);
  std::memcpy(out.data() + kImageAlign, base_, kPageSize);
  std::memcpy(out.data() + at_table, base_ + kPageSize, ih.table_bytes);
  std::memcpy(out.data() + at_data, base_ + data_from, data_bytes);
  uint64_t id = 0xcbf29ce484222325ull;  // FNV-1a over everything after the head
  for (size_t i = kImageAlign; i < out.size(); ++i) id = (id ^ uint8_t(out[i])) * 0x100000001b3ull;
  ih.image_id = id;
  std::memcpy(out.data(), &ih, sizeof ih);
  return out;
}

uint64_t Heap::image_id_of(const void* image, size_t size) {
  ImageHead ih{};
  if (size >= sizeof ih) std::memcpy(&ih, image, sizeof ih);
  return ih.image_id;
}

}  // namespace folio::heap
