// global_gc.cpp - collecting published objects in a heap shared by processes.
//
// A process collects its own unpublished objects alone (heap.cpp). Published
// objects may be reached from any process, so freeing them needs every
// process's roots at one moment: a global collection stops the world at
// safepoints, in two phases so that no process marks while another mutates.
//   1. Stop. A process whose publications passed the threshold swings
//      gc_state from idle to (epoch, itself, stopping) with one CAS. Every
//      process, at its next safepoint (gc_wanted() sees the phase), records
//      "stopped" in gc_acks and parks.
//   2. Mark. When all live processes have stopped, the initiator moves to
//      marking. Each parked process runs its local collection, stamping the
//      published objects its roots reach with the epoch's stamp, records
//      "marked" and stays parked. The initiator stamps what the heap's roots
//      and the image reach.
//   3. Sweep. The initiator frees every published object on every page left
//      unstamped, clears the stamps of the rest and sets gc_state idle.
// Nobody mutates between stopping and the end, so the marks are a snapshot.
// A process that does not stop within kStopTimeout (blocked in a system call:
// Thread/sleep polls, a read does not) makes the initiator give up before
// anything is marked; the next attempt waits for another threshold of
// publications. Dead processes are skipped (their liveness lock is gone); a
// dead initiator is noticed by the parked ones, which set gc_state idle. Its
// stamps may remain: stamps cycle through 2..255, and marks are cleared now
// and then so that an old stamp never comes round again.
#include <algorithm>
#include <chrono>
#include <thread>

#include "heap/heap.h"

namespace folio::heap {
namespace {

constexpr auto kStopTimeout = std::chrono::milliseconds(1000);
constexpr uint64_t kAbortsBeforeClear = 100;
enum Phase : uint64_t { kIdle = 0, kStopping = 1, kMarking = 2 };

uint64_t epoch_of(uint64_t state) { return state >> 8; }
int initiator_of(uint64_t state) { return int((state >> 2) & 63); }
uint64_t phase_of(uint64_t state) { return state & 3; }
uint64_t make_state(uint64_t epoch, int initiator, Phase phase) {
  return epoch << 8 | uint64_t(initiator) << 2 | phase;
}
uint8_t stamp_of(uint64_t epoch) { return uint8_t(2 + epoch % 254); }
uint64_t stopped_ack(uint64_t epoch) { return 2 * epoch; }
uint64_t marked_ack(uint64_t epoch) { return 2 * epoch + 1; }

void pause(int& spins) {
  if (++spins < 100) std::this_thread::yield();
  else std::this_thread::sleep_for(std::chrono::microseconds(100));
}

}  // namespace

void Heap::collect_shared() {
  uint64_t st = std::atomic_ref<uint64_t>(header().gc_state).load(std::memory_order_acquire);
  if (phase_of(st) != kIdle) return park(st);
  collect_local(0);
  HeapHeader& hh = header();
  if (std::atomic_ref<uint64_t>(hh.published_words).load(std::memory_order_relaxed) >
      std::atomic_ref<uint64_t>(hh.global_threshold).load(std::memory_order_relaxed))
    collect_global();
}

// A participant: stop, mark when told, and stay parked until the collection
// ends (or its initiator is found dead). A process still attaching has no
// roots (`has_roots` false): it counts as marked at once.
void Heap::park(uint64_t st, bool has_roots) {
  HeapHeader& hh = header();
  std::atomic_ref<uint64_t> state(hh.gc_state), ack(hh.gc_acks[slot_]);
  uint64_t epoch = epoch_of(st);
  int initiator = initiator_of(st), spins = 0;
  bool marked = !has_roots;
  ack.store(marked ? marked_ack(epoch) : stopped_ack(epoch), std::memory_order_release);
  for (;;) {
    st = state.load(std::memory_order_acquire);
    if (epoch_of(st) != epoch || phase_of(st) == kIdle) return;
    if (phase_of(st) == kMarking && !marked) {
      collect_local(stamp_of(epoch));
      ack.store(marked_ack(epoch), std::memory_order_release);
      marked = true;
      continue;
    }
    pause(spins);
    if (spins % 64 == 0 && !process_slot_alive(store_->fd(), initiator)) {
      if (state.compare_exchange_strong(st, make_state(epoch, initiator, kIdle)))
        std::atomic_ref<uint64_t>(hh.gc_aborts).fetch_add(1);
    }
  }
}

// A process that attaches during a collection waits for its end before it reads.
void Heap::wait_out_global_collection() {
  uint64_t st = std::atomic_ref<uint64_t>(header().gc_state).load(std::memory_order_acquire);
  if (phase_of(st) != kIdle) park(st, false);
}

void Heap::collect_global() {
  HeapHeader& hh = header();
  std::atomic_ref<uint64_t> state(hh.gc_state), aborts(hh.gc_aborts);
  std::atomic_ref<uint64_t> published(hh.published_words), threshold(hh.global_threshold);
  uint64_t st = state.load(std::memory_order_acquire);
  if (phase_of(st) != kIdle) return park(st);
  if (aborts.load() >= kAbortsBeforeClear) {
    clear_published_marks();
    aborts.store(0);
  }
  uint64_t epoch = epoch_of(st) + 1;
  if (!state.compare_exchange_strong(st, make_state(epoch, slot_, kStopping))) {
    if (phase_of(st) != kIdle) park(st);
    return;
  }
  std::atomic_ref<uint64_t> mine(hh.gc_acks[slot_]);
  mine.store(stopped_ack(epoch), std::memory_order_release);
  if (!wait_for_acks(stopped_ack(epoch), true)) {  // 1. nobody has marked yet: just give up
    aborts.fetch_add(1);
    threshold.store(published.load() + kMinGlobalThresholdWords);
    state.store(make_state(epoch, slot_, kIdle), std::memory_order_release);
    return;
  }
  state.store(make_state(epoch, slot_, kMarking), std::memory_order_release);  // 2.
  uint8_t stamp = stamp_of(epoch);
  collect_local(stamp);
  mine.store(marked_ack(epoch), std::memory_order_release);
  wait_for_acks(marked_ack(epoch), false);
  Marker m;
  for (auto r : hh.roots) m.mark(r);
  mark_remembered(m, true);
  trace(m, stamp, false);
  uint64_t live = sweep_published(stamp);  // 3.
  stats_.global_collections++;
  std::atomic_ref<uint64_t>(hh.global_collections).fetch_add(1);
  published.store(0);
  threshold.store(std::max(kMinGlobalThresholdWords, 2 * live));
  state.store(make_state(epoch, slot_, kIdle), std::memory_order_release);
}

// Waits until every other live process has acknowledged `ack` (or more).
bool Heap::wait_for_acks(uint64_t ack, bool with_timeout) {
  auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  for (int k = 0; k < kMaxProcesses; ++k) {
    if (k == slot_) continue;
    int spins = 0;
    while (std::atomic_ref<uint64_t>(header().gc_acks[k]).load(std::memory_order_acquire) < ack &&
           process_slot_alive(store_->fd(), k)) {
      if (with_timeout && std::chrono::steady_clock::now() > deadline) return false;
      pause(spins);
    }
  }
  return true;
}

// Frees every published object on every page that carries no `stamp`, and
// clears the stamps of the others. Freed small cells become free cells that
// their page's owner threads into its lists at its next sweep. Returns the
// words still published.
uint64_t Heap::sweep_published(uint8_t stamp) {
  uint64_t used = std::atomic_ref<uint64_t>(header().used_pages).load(std::memory_order_acquire);
  uint64_t live = 0;
  for (uint64_t p = immortal_end_; p < used; ++p) {
    for_each_cell(p, [&](Obj* o) {
      if (o->h.type == kFreeType || !(o->h.flags & kPublished)) return;
      if (o->h.gc == stamp) {
        o->h.gc = 0;
        live += o->h.nwords + 1;
        return;
      }
      o->h = ObjHeader{kFreeType, 0, 0, 0};
      PageEntry& e = page(p);
      if (e.kind == PageKind::kLargeHead)  // the whole run goes back to its owner
        for (uint64_t q = p; q < p + e.run; ++q) page(q).kind = PageKind::kFree;
    });
  }
  return live;
}

void Heap::clear_published_marks() {
  uint64_t used = std::atomic_ref<uint64_t>(header().used_pages).load(std::memory_order_acquire);
  for (uint64_t p = immortal_end_; p < used; ++p)
    for_each_cell(p, [](Obj* o) {
      if (o->h.type != kFreeType && (o->h.flags & kPublished)) o->h.gc = 0;
    });
}

}  // namespace folio::heap
