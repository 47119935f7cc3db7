#include "heap/shm_store.h"

#include <boost/interprocess/exceptions.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/permissions.hpp>
#include <boost/interprocess/shared_memory_object.hpp>
#include <stdexcept>

namespace folio::heap {
namespace {

namespace bip = boost::interprocess;

class ShmStore final : public BackingStore {
 public:
  ShmStore(const std::string& name, uint64_t capacity) {
    try {
      bip::permissions owner_only(0600);
      segment_ = bip::shared_memory_object(bip::create_only, name.c_str(), bip::read_write, owner_only);
      segment_.truncate(bip::offset_t(capacity));
      existed_ = false;
    } catch (const bip::interprocess_exception& e) {
      if (e.get_error_code() != bip::already_exists_error)
        throw std::runtime_error("folio: cannot create shared memory segment " + name + ": " + e.what());
      try {
        segment_ = bip::shared_memory_object(bip::open_only, name.c_str(), bip::read_write);
      } catch (const bip::interprocess_exception& e2) {
        throw std::runtime_error("folio: cannot open shared memory segment " + name + ": " + e2.what());
      }
      existed_ = true;
    }
    bip::offset_t size = 0;
    segment_.get_size(size);
    if (uint64_t(size) < capacity && existed_)
      throw std::runtime_error("folio: shared memory segment " + name + " is smaller than the heap");
    region_ = bip::mapped_region(segment_, bip::read_write, 0, std::size_t(capacity));
    capacity_ = capacity;
  }
  char* base() const override { return static_cast<char*>(region_.get_address()); }
  uint64_t capacity() const override { return capacity_; }
  bool holds_heap() const override { return existed_; }

 private:
  bip::shared_memory_object segment_;
  bip::mapped_region region_;
  uint64_t capacity_ = 0;
  bool existed_ = false;
};

}  // namespace

std::unique_ptr<BackingStore> shm_store(const std::string& name, uint64_t capacity) {
  return std::make_unique<ShmStore>(name, capacity);
}

bool shm_remove(const std::string& name) { return bip::shared_memory_object::remove(name.c_str()); }

}  // namespace folio::heap
