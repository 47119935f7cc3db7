// backing_store.h - where the heap's address range comes from.
//
// The heap asks for one contiguous range and never for a second one, so
// offsets stay valid for the life of the process. Stores:
//   AnonymousStore  private anonymous memory (single process)
//   ShmStore        a named Boost.Interprocess shared-memory segment (shm_store.h)
// Images are unpacked by the Heap itself (heap.h), into any store.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

namespace folio::heap {

class BackingStore {
 public:
  virtual ~BackingStore() = default;
  virtual char* base() const = 0;
  virtual uint64_t capacity() const = 0;  // bytes reserved
  // True when the range already holds a heap (an image or an attached segment).
  virtual bool holds_heap() const = 0;
  // True when other processes map the same range (a shared heap).
  virtual bool shared() const { return false; }
  // The file behind a shared range (its byte locks say which processes live), or -1.
  virtual int fd() const { return -1; }
  // Backs the first `bytes` with memory now, so that running out of it is a
  // clean std::bad_alloc rather than SIGBUS at some later first touch.
  virtual void reserve(uint64_t bytes) { (void)bytes; }
  // The heap in a new store is complete: processes waiting to attach may go on.
  virtual void created() {}
};

// Reserves `capacity` bytes of private memory; pages cost nothing until touched.
// `holds_heap`: the caller fills it with a heap's pages (a cluster snapshot)
// before constructing the Heap, which then adopts them.
std::unique_ptr<BackingStore> anonymous_store(uint64_t capacity, bool holds_heap = false);

}  // namespace folio::heap
