// shared_lock.h - the heap lock: a robust, recursive, process-shared mutex
// that lives in the heap's header page.
//
// Most shared changes are one-word compare-and-sets and need no lock. The lock
// serializes the few multi-word changes (interning, namespace tables, an STM
// commit). It is robust because processes die: when its owner dies holding it,
// the next lock() reports that, so the new owner can roll the dead owner's
// intent record forward before it marks the lock consistent again. Boost 1.74's
// interprocess mutexes are not robust (a dead owner deadlocks everyone), hence
// plain pthreads here.
#pragma once
#include <cstddef>

namespace folio::heap {

constexpr size_t kSharedLockBytes = 64;

class SharedLock {
 public:
  // Formats `storage` (kSharedLockBytes, 8-aligned) as an unlocked lock.
  static void init(void* storage);
  explicit SharedLock(void* storage) : storage_(storage) {}
  // Blocks until held. Returns true when the previous owner died holding it:
  // the caller repairs what that owner left half-done, then calls consistent().
  bool lock();
  // As lock(), calling blocking(true) before it waits for another holder and
  // blocking(false) once it holds the lock.
  template <typename F>
  bool lock(F&& blocking) {
    int r = try_lock();
    if (r == kBusy) {
      blocking(true);
      struct After {
        F& f;
        ~After() { f(false); }
      } after{blocking};
      return lock();
    }
    return r == kOwnerDied;
  }
  void consistent();
  void unlock();

 private:
  enum { kGot, kOwnerDied, kBusy };
  int try_lock();
  void* storage_;
};

}  // namespace folio::heap
