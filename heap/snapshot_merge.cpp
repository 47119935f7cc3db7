// snapshot_merge.cpp - a full snapshot installed into a live replica (a
// cluster node that returns after the server's log stopped reaching back to
// it): a merge, not a copy, because the node's own pages hold more than the
// server's copy of them.
//
// What the server holds of a page in this node's grants is exactly the
// objects this node shipped, at the places they have here (commits carry
// objects, never pages, and a published object is never freed or moved). So
// an object there whose header the server's copy repeats is the same object,
// and its payload words are the server's: other nodes may have stored into
// its cells. Everything else on such a page (unpublished objects, objects
// published but not shipped yet) is the node's alone and stays.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <stdexcept>

#include "heap/heap.h"
#include "heap/poison.h"

namespace folio::heap {

void Heap::install_snapshot_page(uint64_t index, const void* bytes) {
  HeapHeader& hh = header();
  if (index >= hh.capacity_pages) throw std::invalid_argument("a snapshot page past the heap");
  const char* theirs = static_cast<const char*>(bytes);
  if (index == 0) {
    // The shared part of the header is its roots; the rest (lock, process
    // table, collection state, what this node has handed out) is the node's.
    // (Read by offset: a frame's bytes are 8-byte aligned, the header 64.)
    uint64_t their_used;
    std::memcpy(hh.roots, theirs + offsetof(HeapHeader, roots), sizeof hh.roots);
    std::memcpy(&their_used, theirs + offsetof(HeapHeader, used_pages), sizeof their_used);
    hh.used_pages = std::max(hh.used_pages, std::min(their_used, hh.capacity_pages));
  } else if (index <= hh.table_pages) {
    constexpr uint64_t kPerPage = kPageSize / sizeof(PageEntry);
    const auto* entries = reinterpret_cast<const PageEntry*>(theirs);
    for (uint64_t i = 0, p = (index - 1) * kPerPage; i < kPerPage && p < hh.capacity_pages; ++i, ++p)
      if (!in_grant(p)) page(p) = entries[i];  // its own pages' entries only it writes
  } else if (in_grant(index)) {
    merge_own_page(index, theirs);
  } else {
    FOLIO_UNPOISON(base_ + index * kPageSize, kPageSize);
    std::memcpy(base_ + index * kPageSize, theirs, kPageSize);
  }
  mark_dirty(index * kPageSize);  // an immortal page written is remembered, as any write there is
}

void Heap::merge_own_page(uint64_t index, const char* theirs) {
  const uint64_t start = index * kPageSize, end = start + kPageSize;
  // The server's payload of object o, where it lies on this page. Raw
  // payloads (strings, bytecode) have no cells: they are the same bytes.
  auto take = [&](Obj* o) {
    if (!(o->h.flags & kPublished) || (o->h.flags & kRaw)) return;
    uint64_t at = uint64_t(reinterpret_cast<char*>(o) - base_);
    uint64_t from = std::max(at + 8, start), to = std::min(at + (uint64_t(o->h.nwords) + 1) * 8, end);
    if (from < to) std::memcpy(base_ + from, theirs + (from - start), to - from);
  };
  auto same_header = [&](const Obj* o) {
    const auto* h = reinterpret_cast<const ObjHeader*>(theirs + (reinterpret_cast<const char*>(o) - base_ - start));
    return h->type == o->h.type && h->nwords == o->h.nwords;  // never its gc byte: the collector's
  };
  const PageEntry& e = page(index);
  if (e.kind == PageKind::kSmall || e.kind == PageKind::kLargeHead) {
    for_each_cell(index, [&](Obj* o) {
      if (o->h.type != kFreeType && same_header(o)) take(o);
    });
  } else if (e.kind == PageKind::kLargeTail) {
    // Its header is on the run's first page. The server holds a page of a
    // run only once the object the run holds was shipped: it is that one.
    uint64_t head = index;
    while (head > 0 && page(head).kind == PageKind::kLargeTail && in_grant(head - 1)) --head;
    if (page(head).kind == PageKind::kLargeHead) take(reinterpret_cast<Obj*>(base_ + head * kPageSize));
  }
}

}  // namespace folio::heap
