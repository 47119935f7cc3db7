// free_ranges.h - the page ranges that retired nodes' grants gave back to the
// heap server (docs/PROTOCOL.md, "Retiring nodes"). Kept sorted with
// neighbours merged; a range leaves the list as it is granted, so no page is
// ever handed to two nodes. Not persisted: the server rebuilds it at start-up
// from DIR/nodes and its heap (HeapServer::reclaim).
#pragma once
#include <cstdint>
#include <map>
#include <utility>

namespace folio::replication {

class FreeRanges {
 public:
  // Gives back [first, end); overlapping or touching ranges merge into one.
  void add(uint64_t first, uint64_t end);
  // First fit: the lowest range of at least `need` pages; up to `want` pages
  // from its start are taken out. {first, count}; count 0 when none fits.
  std::pair<uint64_t, uint64_t> take(uint64_t need, uint64_t want);
  uint64_t pages() const { return pages_; }
  const std::map<uint64_t, uint64_t>& ranges() const { return ranges_; }  // first -> end

 private:
  std::map<uint64_t, uint64_t> ranges_;
  uint64_t pages_ = 0;
};

}  // namespace folio::replication
