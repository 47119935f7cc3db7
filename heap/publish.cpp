// publish.cpp - what makes an object shared (shared heaps, heap.h).
//
// The barrier's shared half: a reference stored into a published object
// publishes the subgraph behind it first; cells change by one CAS; the heap
// lock repairs after a dead owner; the store is backed ahead of use.
#include <algorithm>
#include <stdexcept>

#include "heap/heap.h"

namespace folio::heap {

void Heap::write_shared(Obj* o, uint64_t slot, Value v) {
  if (v.is_ref() && is_published(o)) publish(v, o);
  if (batching_ && is_published(o)) {  // held back until commit_batch
    batch_offsets_.push_back(uint64_t(reinterpret_cast<char*>(&o->slots()[slot]) - base_));
    batch_expected_.push_back(o->slots()[slot]);
    batch_desired_.push_back(v);
    return;
  }
  if (replicated_ && is_published(o) && o->slots()[slot] != v) {
    commit_or_refuse(o, uint64_t(reinterpret_cast<char*>(&o->slots()[slot]) - base_), o->slots()[slot], v);
    if (take_commit_in_heap()) return;  // a later writer's word may be there: the last in log order wins
  }
  // Release: whoever reads the reference sees the published objects behind it.
  std::atomic_ref<uint64_t>(o->slots()[slot].w).store(v.w, std::memory_order_release);
  mark_dirty(reinterpret_cast<char*>(&o->slots()[slot]) - base_);
}

bool Heap::compare_and_set(Obj* o, uint64_t slot, Value expected, Value desired) {
  if (publishes_ && desired.is_ref() && is_published(o)) publish(desired, o);
  if (replicated_ && is_published(o)) {  // the server decides, in its log's order
    if (o->slots()[slot] != expected) return false;
    // Refused: the entries that beat it are applied by now, so the caller's
    // retry (swap!, intern, def) reads fresh data.
    if (!commit_or_refuse(o, uint64_t(reinterpret_cast<char*>(&o->slots()[slot]) - base_), expected, desired, true))
      return false;
    if (take_commit_in_heap()) return true;  // done; the word may have moved on since
  }
  uint64_t want = expected.w;
  if (!std::atomic_ref<uint64_t>(o->slots()[slot].w).compare_exchange_strong(want, desired.w, std::memory_order_acq_rel))
    return false;
  mark_dirty(reinterpret_cast<char*>(&o->slots()[slot]) - base_);
  return true;
}

bool Heap::add_fixnum(Obj* o, uint64_t slot, int64_t delta, Value* result) {
  if (!replicated_ || !commit_add_fn || batching_ || !is_published(o) || !Value::fits_fixnum(delta)) return false;
  uint64_t at = uint64_t(reinterpret_cast<char*>(&o->slots()[slot]) - base_);
  if (!load(o, slot).is_fixnum()) return false;  // the server would refuse it
  bool accepted;
  try {
    accepted = commit_add_fn(at, Value::fixnum(delta));
  } catch (const std::exception& e) {
    if (on_commit_refused) on_commit_refused(o, e.what());
    throw;
  }
  if (!accepted) return false;
  if (take_commit_in_heap()) {
    // Added, and later entries came on top of it with a snapshot: the word
    // its add made is the one the server kept for it, not the cell's now.
    if (!commit_added_ || !commit_added_->is_fixnum())
      throw std::runtime_error("folio: the server did not say what this node's add made");
    *result = *std::exchange(commit_added_, std::nullopt);
    return true;
  }
  // Accepted: every entry before it in the log is applied here by now, so
  // the word is the server's before the add (one connection, log order).
  Value before = load(o, slot);
  if (!before.is_fixnum() || !Value::fits_fixnum(before.fixnum_value() + delta))
    throw std::runtime_error("folio: a replica's cell diverged from its server's");
  *result = Value::fixnum(before.fixnum_value() + delta);
  std::atomic_ref<uint64_t>(o->slots()[slot].w).store(result->w, std::memory_order_release);
  mark_dirty(at);
  return true;
}

void Heap::check_word(const Obj* o, uint64_t slot) {
  if (!batching_) return;
  batch_offsets_.push_back(uint64_t(reinterpret_cast<const char*>(&o->slots()[slot]) - base_));
  batch_expected_.push_back(o->slots()[slot]);
  batch_desired_.push_back(o->slots()[slot]);
}

void Heap::check_root(int i) {
  if (!batching_) return;
  batch_offsets_.push_back(uint64_t(reinterpret_cast<char*>(&header().roots[i]) - base_));
  batch_expected_.push_back(header().roots[i]);
  batch_desired_.push_back(header().roots[i]);
}

bool Heap::commit_batch() {
  if (!batching_) return true;
  batching_ = false;
  std::vector<uint64_t> offsets = std::move(batch_offsets_);
  std::vector<Value> expected = std::move(batch_expected_), desired = std::move(batch_desired_);
  batch_offsets_.clear();
  batch_expected_.clear();
  batch_desired_.clear();
  if (offsets.empty()) return true;
  bool ok;
  try {
    ok = commit_batch_fn(offsets, expected, desired);
  } catch (const std::exception& e) {
    if (on_commit_refused) on_commit_refused(nullptr, e.what());
    throw;
  }
  if (!ok) return false;
  if (take_commit_in_heap()) return true;
  for (size_t i = 0; i < offsets.size(); ++i) {
    std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(base_ + offsets[i])).store(desired[i].w, std::memory_order_release);
    mark_dirty(offsets[i]);
  }
  return true;
}

// A replica's store into a shared cell: the server must accept it first. A
// compare-and-set may fail (`may_fail`): its caller retries. A plain store
// (a def, a namespace's new mapping written whole) has no precondition of its
// own: refused because another node wrote the cell first, it is sent again
// over the word now there (the entries that beat it are applied by the time
// the refusal arrives), so the last writer in log order wins, as it would on
// one machine. A lost server is an error.
bool Heap::commit_or_refuse(const Obj* holder, uint64_t offset, Value expected, Value desired, bool may_fail) {
  std::string why;
  try {
    for (int attempt = 0; attempt < 1000; ++attempt) {
      if (commit_(offset, expected, desired)) return true;
      if (may_fail) return false;
      expected = Value::raw(std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(base_ + offset)).load(std::memory_order_acquire));
    }
    why = "other nodes kept writing this shared cell first (1000 attempts)";
  } catch (const std::exception& e) {
    why = e.what();
  }
  if (on_commit_refused) on_commit_refused(holder, why);
  throw std::runtime_error("folio: commit refused: " + why);
}

// Publishes the unpublished objects reachable from v (they are all this
// process's own: no process can reach another's unpublished objects). Two
// passes, so that meeting a node-local object leaves nothing half-published.
// The mark bit serves as the visited flag: collection never runs meanwhile.
void Heap::publish(Value v, const Obj* holder) {
  auto& stack = publish_stack_;
  auto& found = publish_found_;
  stack.clear();
  found.clear();
  stack.push_back(v.offset());
  while (!stack.empty()) {
    uint64_t off = stack.back();
    stack.pop_back();
    if ((off >> kPageBits) < immortal_end_) continue;
    Obj* o = reinterpret_cast<Obj*>(base_ + off);
    if (o->h.gc || (o->h.flags & kPublished)) continue;
    if (o->h.flags & kNodeLocal) {
      for (Obj* f : found) f->h.gc = 0;
      found.clear();
      if (on_not_shareable) on_not_shareable(holder, o);
      throw std::runtime_error("folio: a node-local object cannot be shared");
    }
    o->h.gc = 1;
    found.push_back(o);
    if (o->h.flags & kRaw) continue;
    const Value* sl = o->slots();
    for (uint32_t i = 0, n = o->h.nwords; i < n; ++i)
      if (sl[i].is_ref()) stack.push_back(sl[i].offset());
  }
  uint64_t words = 0;
  for (Obj* f : found) {
    words += f->h.nwords + 1;
    f->h.gc = 0;
    f->h.flags |= kPublished;
    uint64_t off = uint64_t(reinterpret_cast<char*>(f) - base_);
    published_pages_[off >> kPageBits] = true;
    mark_dirty(off);
    if (replicated_) unshipped_.push_back(off);
  }
  std::atomic_ref<uint64_t>(header().published_words).fetch_add(words, std::memory_order_relaxed);
}

void Heap::lock() {
  SharedLock l(header().lock);
  bool died = on_lock_wait ? l.lock([this](bool before) { on_lock_wait(before); }) : l.lock();
  if (!died) return;
  if (on_lock_owner_died) on_lock_owner_died();
  l.consistent();
}

// Shared heaps back their store ahead of use, in steps, so that a full
// /dev/shm is a clean std::bad_alloc here rather than SIGBUS at a first touch.
void Heap::reserve_through(uint64_t pages) {
  if (!shared_) return;
  constexpr uint64_t kStep = uint64_t(32) << 20;
  std::atomic_ref<uint64_t> reserved(header().reserved_bytes);
  uint64_t want = pages * kPageSize, have = reserved.load(std::memory_order_acquire);
  if (want <= have) return;
  want = std::min((want + kStep - 1) / kStep * kStep, store_->capacity());
  store_->reserve(want);
  while (have < want && !reserved.compare_exchange_weak(have, want)) {
  }
}

}  // namespace folio::heap
