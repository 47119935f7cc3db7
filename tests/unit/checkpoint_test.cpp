// Unit tests for replication/checkpoint.h: what a checkpoint keeps of each
// node (its last commit's sequence, position and the words its adds made)
// comes back whole, and a file of another format version is refused by name.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "heap/heap.h"
#include "replication/checkpoint.h"

using namespace folio::replication;
namespace heap = folio::heap;

namespace {
struct CheckpointFile {
  std::string path =
      (std::filesystem::temp_directory_path() / ("folio-checkpoint-test-" + std::to_string(getpid()))).string();
  ~CheckpointFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};
}  // namespace

TEST_CASE("a checkpoint gives back its pages and each node's last commit with the words its adds made") {
  CheckpointFile file;
  std::vector<char> heap_bytes(4 * heap::kPageSize), back(4 * heap::kPageSize);
  heap_bytes[2 * heap::kPageSize + 5] = 42;
  CheckpointHead head;
  head.position = 17;
  head.format = 2;
  head.image_id = 0xabc;
  head.nodes.push_back({3, 7, 9, 16, {0x58, 0x60}});
  head.nodes.push_back({4, 1, 2, 11, {}});
  write_checkpoint(file.path, head, heap_bytes.data(), {2});
  CheckpointHead got = read_checkpoint(file.path, back.data(), 4);
  CHECK(got.position == 17);
  CHECK(got.image_id == 0xabc);
  REQUIRE(got.nodes.size() == 2);
  CHECK(got.nodes[0].node == 3);
  CHECK(got.nodes[0].last_sequence == 9);
  CHECK(got.nodes[0].last_position == 16);
  CHECK(got.nodes[0].last_results == std::vector<uint64_t>{0x58, 0x60});
  CHECK(got.nodes[1].last_results.empty());
  CHECK(back[2 * heap::kPageSize + 5] == 42);
}

TEST_CASE("a checkpoint of another format version is refused with that reason, not read as garbage") {
  CheckpointFile file;
  {
    std::ofstream out(file.path, std::ios::binary);
    out.write("FOLCKPT1", 8);
    std::vector<char> rest(256, 0);
    out.write(rest.data(), std::streamsize(rest.size()));
  }
  std::vector<char> back(heap::kPageSize);
  CHECK_THROWS_WITH_AS(read_checkpoint(file.path, back.data(), 1),
                       doctest::Contains("is a checkpoint of format 1, written by another build of folio"),
                       std::runtime_error);
  {
    std::ofstream out(file.path, std::ios::binary);
    out.write("NOTAFILE", 8);
  }
  CHECK_THROWS_WITH_AS(read_checkpoint(file.path, back.data(), 1), doctest::Contains("is not a Folio checkpoint"),
                       std::runtime_error);
}
