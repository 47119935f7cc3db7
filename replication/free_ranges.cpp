// free_ranges.cpp - see free_ranges.h.
#include "replication/free_ranges.h"

#include <algorithm>

namespace folio::replication {

void FreeRanges::add(uint64_t first, uint64_t end) {
  if (first >= end) return;
  // The range before may reach this one: start the merge there.
  auto it = ranges_.upper_bound(first);
  if (it != ranges_.begin() && std::prev(it)->second >= first) {
    --it;
    first = it->first;
  }
  // Swallow every range that starts inside (or right after) the new one.
  while (it != ranges_.end() && it->first <= end) {
    end = std::max(end, it->second);
    pages_ -= it->second - it->first;
    it = ranges_.erase(it);
  }
  ranges_.emplace(first, end);
  pages_ += end - first;
}

std::pair<uint64_t, uint64_t> FreeRanges::take(uint64_t need, uint64_t want) {
  need = std::max<uint64_t>(need, 1);
  for (auto it = ranges_.begin(); it != ranges_.end(); ++it) {
    auto [first, end] = *it;
    if (end - first < need) continue;
    uint64_t count = std::min(std::max(want, need), end - first);
    ranges_.erase(it);
    if (first + count < end) ranges_.emplace(first + count, end);
    pages_ -= count;
    return {first, count};
  }
  return {0, 0};
}

}  // namespace folio::replication
