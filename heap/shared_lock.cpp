#include "heap/shared_lock.h"

#include <pthread.h>

#include <cerrno>
#include <new>
#include <stdexcept>

namespace folio::heap {

static_assert(sizeof(pthread_mutex_t) <= kSharedLockBytes);

void SharedLock::init(void* storage) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
  // Recursive: a validator run inside a commit may intern a keyword.
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(static_cast<pthread_mutex_t*>(storage), &a);
  pthread_mutexattr_destroy(&a);
}

bool SharedLock::lock() {
  int r = pthread_mutex_lock(static_cast<pthread_mutex_t*>(storage_));
  if (r == 0) return false;
  if (r == EOWNERDEAD) return true;
  throw std::runtime_error("folio: the heap lock is unusable (its owner died and it was not repaired)");
}

int SharedLock::try_lock() {
  int r = pthread_mutex_trylock(static_cast<pthread_mutex_t*>(storage_));
  if (r == 0) return kGot;
  if (r == EOWNERDEAD) return kOwnerDied;
  if (r == EBUSY) return kBusy;
  throw std::runtime_error("folio: the heap lock is unusable (its owner died and it was not repaired)");
}

void SharedLock::consistent() { pthread_mutex_consistent(static_cast<pthread_mutex_t*>(storage_)); }

void SharedLock::unlock() { pthread_mutex_unlock(static_cast<pthread_mutex_t*>(storage_)); }

}  // namespace folio::heap
