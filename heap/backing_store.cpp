#include "heap/backing_store.h"

#include <sys/mman.h>

#include <cstring>
#include <stdexcept>

namespace folio::heap {
namespace {

class AnonymousStore final : public BackingStore {
 public:
  AnonymousStore(uint64_t capacity, bool holds) : capacity_(capacity), holds_(holds) {
    void* p = mmap(nullptr, capacity, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("folio: cannot reserve the heap address range");
    base_ = static_cast<char*>(p);
  }
  ~AnonymousStore() override { munmap(base_, capacity_); }
  char* base() const override { return base_; }
  uint64_t capacity() const override { return capacity_; }
  bool holds_heap() const override { return holds_; }

 private:
  char* base_;
  uint64_t capacity_;
  bool holds_;
};

}  // namespace

std::unique_ptr<BackingStore> anonymous_store(uint64_t capacity, bool holds_heap) {
  return std::make_unique<AnonymousStore>(capacity, holds_heap);
}

}  // namespace folio::heap
