// server_retire.cpp - retiring nodes (docs/PROTOCOL.md, "Retiring nodes").
// Every node that joins is a new id with grants of its own; without this, a
// server that sees thousands of short script runs would run out of range
// although most of those grants hold nothing. A node that says it is leaving,
// or stays away past --retire-after, is retired for good: its id is never
// used again (page-table owners are node ids) and the pages of its grants
// that hold no published object are granted again. Pages that do hold one
// stay as they are: other nodes may reach its objects.
#include <algorithm>
#include <cstdio>

#include "replication/server.h"

namespace folio::replication {

void HeapServer::retire(uint16_t node, const std::string& why) {
  NodeRecord& r = nodes_[node];
  if (r.retired) return;
  r.retired = true;
  save_nodes();  // before any of its pages is granted again
  uint64_t before = free_.pages();
  reclaim(r.grants);
  std::fprintf(stderr, "folio serve: node %u retired (%s); %llu of its pages free again, %llu free in all\n",
               unsigned(node), why.c_str(), (unsigned long long)(free_.pages() - before),
               (unsigned long long)free_.pages());
}

void HeapServer::retire_absent() {
  if (config_.retire_after.count() == 0) return;
  auto now = std::chrono::steady_clock::now();
  std::vector<uint16_t> gone;
  for (auto& [n, r] : nodes_)
    if (!r.retired && !connected_.count(n) && now - r.away_since >= config_.retire_after) gone.push_back(n);
  for (uint16_t n : gone)
    retire(n, "away for more than " + std::to_string(config_.retire_after.count()) + " s");
}

void HeapServer::reclaim(const Ranges& ranges) {
  if (!config_.heap) return;
  const heap::Heap& h = *config_.heap;
  Ranges live;
  for (auto& [n, r] : nodes_)
    if (!r.retired) live.insert(live.end(), r.grants.begin(), r.grants.end());
  std::sort(live.begin(), live.end());
  auto granted = [&](uint64_t p) {  // live ranges never overlap: only the one starting last at or before p can hold it
    auto it = std::upper_bound(live.begin(), live.end(), std::make_pair(p, ~uint64_t(0)));
    return it != live.begin() && p < std::prev(it)->second;
  };
  uint64_t cap = h.header().capacity_pages;
  for (auto [first, end] : ranges) {
    uint64_t run = first;  // start of the current free run
    for (uint64_t p = first; p <= end; ++p) {
      bool free = p < end && p < cap && !granted(p) && h.page(p).kind == heap::PageKind::kUnused;
      if (free) continue;
      free_.add(run, p);
      run = p + 1;
    }
  }
}

// At start-up, after the checkpoint and the log have rebuilt the heap: every
// retired node's grants go through the same rule as at retirement.
void HeapServer::rebuild_free_ranges() {
  Ranges retired;
  for (auto& [n, r] : nodes_)
    if (r.retired) retired.insert(retired.end(), r.grants.begin(), r.grants.end());
  reclaim(retired);
  auto now = std::chrono::steady_clock::now();
  for (auto& [n, r] : nodes_) r.away_since = now;  // none is connected yet
  if (free_.pages())
    std::fprintf(stderr, "folio serve: %llu pages of retired nodes' grants are free\n",
                 (unsigned long long)free_.pages());
}

uint64_t HeapServer::grant_limit() const {
  uint64_t cap = config_.heap->header().capacity_pages;
  return config_.grant_limit_pages ? std::min(cap, config_.grant_limit_pages) : cap;
}

}  // namespace folio::replication
