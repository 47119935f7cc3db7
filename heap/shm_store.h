// shm_store.h - a heap range in a named shared-memory segment (same-host mode).
//
// The segment is a raw Boost.Interprocess shared_memory_object, not a managed
// segment: Boost 1.74's segment manager has a non-robust allocator lock and
// cannot grow while mapped. The file is truncated to the whole capacity once
// (sparse: tmpfs backs only what is touched) and every process maps all of it,
// so the heap grows without remapping; reserve() backs it ahead of use with
// posix_fallocate so a full /dev/shm is an error, never SIGBUS.
// The first process creates the segment (mode 0600: the creating user only)
// and builds a heap in it under the creation lock; later ones wait for that
// lock, then adopt the heap they find. References are offsets, so each process
// may map the segment wherever its kernel chooses.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "heap/backing_store.h"

namespace folio::heap {

// Creates segment `name` with `capacity` bytes, or attaches to it when it
// exists. Throws std::runtime_error with the system's reason (e.g. permission
// denied) or when the name is not [A-Za-z0-9._-]{1,100}.
std::unique_ptr<BackingStore> shm_store(const std::string& name, uint64_t capacity);
// Removes segment `name`; false when there was none. Live processes keep
// their mapping until they exit.
bool shm_remove(const std::string& name);

struct SegmentInfo {
  std::string name;
  uint64_t bytes_used = 0;     // memory the segment holds now
  uint64_t capacity = 0;       // bytes it may grow to
  std::vector<uint32_t> pids;  // live attached processes
  bool complete = false;       // its creator finished building the heap
};
// Every Folio segment on this host that the caller may open.
std::vector<SegmentInfo> shm_list();
SegmentInfo shm_info(const std::string& name);  // throws when there is none

}  // namespace folio::heap
