// Unit tests for replication/commit_log.h: positions, read-back, a torn last
// frame, and compaction (the log dropping what a checkpoint covers).
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "replication/commit_log.h"

using namespace folio::replication;
namespace wire = folio::wire;

namespace {

std::vector<uint8_t> commit_frame(uint64_t sequence) {
  capnp::MallocMessageBuilder m;
  auto c = m.initRoot<wire::Frame>().initCommit();
  c.initId().setSequence(sequence);
  return encode_frame(m);
}

uint64_t sequence_of(ReceivedFrame& f) { return f.frame().getCommit().getId().getSequence(); }

struct LogFile {
  std::string path = (std::filesystem::temp_directory_path() / ("folio-log-test-" + std::to_string(getpid()))).string();
  LogFile() { std::filesystem::remove(path); }
  ~LogFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path + ".tmp", ignored);
  }
};

// Reopens the log and returns (position, sequence) of each entry replayed.
std::vector<std::pair<uint64_t, uint64_t>> replayed(const std::string& path, uint64_t* base = nullptr) {
  std::vector<std::pair<uint64_t, uint64_t>> seen;
  CommitLog log(path, [&](ReceivedFrame& f, uint64_t position) { seen.push_back({position, sequence_of(f)}); });
  if (base) *base = log.base();
  return seen;
}

// The two ways entries reach the file (commit_log.h); every test runs with each.
struct Written {
  static constexpr CommitLog::Writes writes = CommitLog::Writes::kWritten;
};
struct Mapped {
  static constexpr CommitLog::Writes writes = CommitLog::Writes::kMapped;
};

}  // namespace

TEST_CASE_TEMPLATE("commit log: entries keep their positions through reopening and compaction", W, Written, Mapped) {
  LogFile file;
  {
    CommitLog log(file.path, [](ReceivedFrame&, uint64_t) { FAIL("a new log has nothing to replay"); }, W::writes);
    for (uint64_t s = 1; s <= 10; ++s) log.append(commit_frame(100 + s));
    CHECK(log.size() == 10);
    CHECK(log.base() == 0);
    CHECK(sequence_of(*log.read(7)) == 107);  // read back before it was written out
    log.sync();
    uint64_t after6 = log.bytes_after(6);
    log.compact(6);
    CHECK(log.base() == 6);
    CHECK(log.size() == 10);
    CHECK(log.bytes_after(6) == after6);
    CHECK_THROWS_AS(log.read(6), std::out_of_range);
    CHECK(sequence_of(*log.read(7)) == 107);
    CHECK(sequence_of(*log.read(10)) == 110);
    log.append(commit_frame(111));  // appending goes on after the header
    CHECK(log.size() == 11);
    CHECK_THROWS_AS(log.compact(5), std::out_of_range);  // behind its base
    CHECK_THROWS_AS(log.compact(12), std::out_of_range);  // past its end
    log.sync();
  }
  uint64_t base = 0;
  auto seen = replayed(file.path, &base);
  CHECK(base == 6);
  REQUIRE(seen.size() == 5);
  for (size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i].first == 7 + i);
    CHECK(seen[i].second == 107 + i);
  }
  SUBCASE("a torn last frame is cut, in a compacted log too") {
    std::filesystem::resize_file(file.path, std::filesystem::file_size(file.path) - 3);
    seen = replayed(file.path, &base);
    CHECK(base == 6);
    CHECK(seen.size() == 4);
    CommitLog log(file.path, [](ReceivedFrame&, uint64_t) {}, W::writes);
    log.append(commit_frame(211));
    CHECK(log.size() == 11);
    log.sync();
    CHECK(sequence_of(*log.read(11)) == 211);
  }
  SUBCASE("compacting to its end leaves a header only; positions go on from there") {
    {
      CommitLog log(file.path, [](ReceivedFrame&, uint64_t) {}, W::writes);
      log.compact(11);
      CHECK(log.bytes() == 0);
      log.append(commit_frame(300));
      log.sync();
    }
    seen = replayed(file.path, &base);
    CHECK(base == 11);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == std::pair<uint64_t, uint64_t>{12, 300});
  }
}

TEST_CASE_TEMPLATE("commit log: entries are written over zeros laid down ahead, which read as the log's end", W, Written,
                   Mapped) {
  LogFile file;
  uint64_t data_bytes = 0;
  {
    CommitLog log(file.path, [](ReceivedFrame&, uint64_t) {}, W::writes);
    for (uint64_t s = 1; s <= 3; ++s) log.append(commit_frame(s));
    log.sync();
    data_bytes = log.bytes();
  }
  // The file holds the entries and the zeros after them (so syncing an entry
  // never changes the file's size).
  CHECK(std::filesystem::file_size(file.path) > data_bytes);
  {
    std::vector<uint64_t> sequences;
    CommitLog log(file.path, [&](ReceivedFrame& f, uint64_t) { sequences.push_back(sequence_of(f)); }, W::writes);
    CHECK(sequences == std::vector<uint64_t>{1, 2, 3});
    CHECK(log.bytes() == data_bytes);
    log.append(commit_frame(4));  // goes where the zeros began
    log.sync();
    CHECK(sequence_of(*log.read(4)) == 4);
  }
  auto seen = replayed(file.path);
  REQUIRE(seen.size() == 4);
  CHECK(seen[3] == std::pair<uint64_t, uint64_t>{4, 4});
}

// What the server acknowledges with --fsync interval must survive its
// process being killed: the entries are in the kernel's hands once written
// out (kMapped: once appended), with no sync and no destructor run. Enough
// entries to cross the zeroed stretch (and so a remapping) are written.
TEST_CASE_TEMPLATE("commit log: a process killed after write_out loses no entry", W, Written, Mapped) {
  LogFile file;
  constexpr uint64_t kEntries = 40000;  // 104 bytes each, 4.2 MB: past the first stretch of zeros (4 MiB)
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    CommitLog log(file.path, [](ReceivedFrame&, uint64_t) {}, W::writes);
    for (uint64_t s = 1; s <= kEntries; ++s) {
      log.append(commit_frame(s));
      if (s % 100 == 0) log.write_out();
    }
    log.write_out();
    raise(SIGKILL);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  auto seen = replayed(file.path);
  REQUIRE(seen.size() == kEntries);
  bool in_order = true;
  for (uint64_t i = 0; i < kEntries; ++i) in_order = in_order && seen[i] == std::pair<uint64_t, uint64_t>{i + 1, i + 1};
  CHECK(in_order);
}
