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
};

// Reserves `capacity` bytes of private memory; pages cost nothing until touched.
std::unique_ptr<BackingStore> anonymous_store(uint64_t capacity);

}  // namespace folio::heap
