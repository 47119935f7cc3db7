// Unit tests for replication/free_ranges.h: the page ranges retired nodes
// give back to the heap server, merged with their neighbours and handed out
// first fit, each page at most once.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "replication/free_ranges.h"

using folio::replication::FreeRanges;

namespace {
using Map = std::map<uint64_t, uint64_t>;
}

TEST_CASE("free ranges: neighbours and overlaps merge, the page count follows") {
  FreeRanges f;
  f.add(100, 110);
  f.add(120, 130);
  CHECK(f.ranges() == Map{{100, 110}, {120, 130}});
  CHECK(f.pages() == 20);
  f.add(110, 120);  // fills the gap: one range
  CHECK(f.ranges() == Map{{100, 130}});
  CHECK(f.pages() == 30);
  f.add(90, 100);  // touches the start
  f.add(125, 140); // overlaps the end
  CHECK(f.ranges() == Map{{90, 140}});
  CHECK(f.pages() == 50);
  f.add(95, 105);  // inside: nothing changes
  f.add(7, 7);     // empty
  CHECK(f.ranges() == Map{{90, 140}});
  CHECK(f.pages() == 50);
  f.add(10, 20);
  f.add(30, 40);
  f.add(5, 200);   // swallows all three
  CHECK(f.ranges() == Map{{5, 200}});
  CHECK(f.pages() == 195);
}

TEST_CASE("free ranges: first fit, up to the size wanted, a smaller range when it holds what is needed") {
  FreeRanges f;
  f.add(64, 80);    // 16 pages
  f.add(200, 263);  // 63 pages
  f.add(400, 600);  // 200 pages
  // 64 wanted, 16 needed: the lowest range that holds 16 is taken whole.
  CHECK(f.take(16, 64) == std::pair<uint64_t, uint64_t>{64, 16});
  // 64 wanted, 20 needed: the 63 pages at 200 do.
  CHECK(f.take(20, 64) == std::pair<uint64_t, uint64_t>{200, 63});
  // 64 wanted of 200: the start of it, the rest stays.
  CHECK(f.take(16, 64) == std::pair<uint64_t, uint64_t>{400, 64});
  CHECK(f.ranges() == Map{{464, 600}});
  CHECK(f.pages() == 136);
  // Too big for anything left: nothing taken.
  CHECK(f.take(137, 200).second == 0);
  CHECK(f.pages() == 136);
  // A need above the want takes the need.
  CHECK(f.take(100, 64) == std::pair<uint64_t, uint64_t>{464, 100});
  CHECK(f.take(36, 36) == std::pair<uint64_t, uint64_t>{564, 36});
  CHECK(f.ranges().empty());
  CHECK(f.pages() == 0);
  CHECK(f.take(1, 1).second == 0);
}

TEST_CASE("free ranges: pages given back and taken at random are never handed out twice") {
  std::mt19937_64 rng(7);
  FreeRanges f;
  std::set<uint64_t> free_pages, taken;
  for (int round = 0; round < 2000; ++round) {
    if (rng() % 2) {
      uint64_t first = rng() % 4000, n = 1 + rng() % 80;
      for (uint64_t p = first; p < first + n; ++p)
        if (!taken.count(p)) free_pages.insert(p);
      // Only what is not out: a retired node gives back none of a live node's pages.
      for (uint64_t p = first; p < first + n; ++p)
        if (!taken.count(p)) f.add(p, p + 1);
    } else {
      uint64_t need = 1 + rng() % 40;
      auto [first, count] = f.take(need, need + rng() % 40);
      if (!count) continue;
      CHECK(count >= need);
      for (uint64_t p = first; p < first + count; ++p) {
        CHECK(free_pages.erase(p) == 1);
        CHECK(taken.insert(p).second);
      }
    }
    CHECK(f.pages() == free_pages.size());
  }
  // The ranges are what is free, merged: none touches the next.
  uint64_t last_end = 0;
  bool first = true;
  for (auto [a, b] : f.ranges()) {
    CHECK(a < b);
    if (!first) CHECK(a > last_end);
    last_end = b;
    first = false;
  }
}
