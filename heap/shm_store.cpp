#include "heap/shm_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/interprocess/exceptions.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <boost/interprocess/permissions.hpp>
#include <boost/interprocess/shared_memory_object.hpp>
#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>

#include "heap/heap.h"
#include "heap/process_table.h"

namespace folio::heap {
namespace {

namespace bip = boost::interprocess;

// Segments are named "folio-NAME" (/dev/shm/folio-NAME) so `folio shm list`
// can tell them from other programs' segments.
constexpr const char* kPrefix = "folio-";

std::string object_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 100;
  for (char c : name) ok = ok && (isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
  if (!ok || name[0] == '.')
    throw std::runtime_error("folio: bad shared heap name \"" + name + "\" (use letters, digits, . _ -)");
  return kPrefix + name;
}

std::string reason(const bip::interprocess_exception& e) {
  int native = e.get_native_error();
  return native ? std::string(strerror(native)) : std::string(e.what());
}

class ShmStore final : public BackingStore {
 public:
  ShmStore(const std::string& name, uint64_t capacity) {
    std::string obj = object_name(name);
    try {
      segment_ = bip::shared_memory_object(bip::create_only, obj.c_str(), bip::read_write, bip::permissions(0600));
      created_ = true;
    } catch (const bip::interprocess_exception& e) {
      if (e.get_error_code() != bip::already_exists_error)
        throw std::runtime_error("folio: cannot create shared heap " + name + ": " + reason(e));
    }
    if (created_) {
      hold_creation_lock(fd());
      segment_.truncate(bip::offset_t(capacity));
    } else {
      try {
        segment_ = bip::shared_memory_object(bip::open_only, obj.c_str(), bip::read_write);
      } catch (const bip::interprocess_exception& e) {
        throw std::runtime_error("folio: cannot open shared heap " + name + ": " + reason(e));
      }
      wait_for_creation(fd());
      bip::offset_t size = 0;
      segment_.get_size(size);
      if (size <= 0) throw std::runtime_error("folio: shared heap " + name + " is empty (its creator died)");
      capacity = uint64_t(size);
    }
    region_ = bip::mapped_region(segment_, bip::read_write, 0, std::size_t(capacity));
    capacity_ = capacity;
  }
  ~ShmStore() override {
    if (created_ && !announced_) release_creation_lock(fd());
  }
  char* base() const override { return static_cast<char*>(region_.get_address()); }
  uint64_t capacity() const override { return capacity_; }
  bool holds_heap() const override { return !created_; }
  bool shared() const override { return true; }
  int fd() const override { return int(segment_.get_mapping_handle().handle); }
  void reserve(uint64_t bytes) override {
    int r = posix_fallocate(fd(), 0, off_t(bytes));
    if (r != 0) throw std::bad_alloc();
  }
  void created() override {
    if (created_ && !announced_) release_creation_lock(fd());
    announced_ = true;
  }

 private:
  bip::shared_memory_object segment_;
  bip::mapped_region region_;
  uint64_t capacity_ = 0;
  bool created_ = false, announced_ = false;
};

}  // namespace

std::unique_ptr<BackingStore> shm_store(const std::string& name, uint64_t capacity) {
  return std::make_unique<ShmStore>(name, capacity);
}

bool shm_remove(const std::string& name) {
  return bip::shared_memory_object::remove(object_name(name).c_str());
}

SegmentInfo shm_info(const std::string& name) {
  std::string path = "/dev/shm/" + object_name(name);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("folio: no shared heap " + name + ": " + strerror(errno));
  SegmentInfo info;
  info.name = name;
  struct stat st {};
  fstat(fd, &st);
  info.bytes_used = uint64_t(st.st_blocks) * 512;
  info.capacity = uint64_t(st.st_size);
  if (uint64_t(st.st_size) >= kPageSize) {
    void* p = mmap(nullptr, kPageSize, PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
      const auto* hh = static_cast<const HeapHeader*>(p);
      info.complete = hh->ready == 1;
      for (int k = 0; k < kMaxProcesses; ++k)
        if (hh->procs[k].pid && process_slot_alive(fd, k)) info.pids.push_back(hh->procs[k].pid);
      munmap(p, kPageSize);
    }
  }
  close(fd);
  return info;
}

std::vector<SegmentInfo> shm_list() {
  std::vector<SegmentInfo> out;
  DIR* d = opendir("/dev/shm");
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string f = e->d_name;
    if (f.rfind(kPrefix, 0) != 0) continue;
    try {
      out.push_back(shm_info(f.substr(std::strlen(kPrefix))));
    } catch (const std::runtime_error&) {  // not ours to read: another user's segment
    }
  }
  closedir(d);
  return out;
}

}  // namespace folio::heap
