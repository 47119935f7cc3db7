// commit_log.h - the heap server's append-only log of accepted commits
// (DIR/log): one frame per commit, as it arrived, in log order.
//
// Appending buffers the frame; write_out() hands what is buffered to the
// kernel in one write(2), after which a crash of the server process loses
// nothing. sync() writes out and fsyncs, which makes it survive the machine.
// The server calls one of them once for every group of commits that arrived
// together (group commit), before it acknowledges any of them.
// The index of where each entry starts lets a reconnecting node catch up from
// any position without a snapshot.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "replication/frame.h"

namespace folio::replication {

class CommitLog {
 public:
  // Opens (or creates) `path` and hands every whole frame to `replay`, in
  // order. A torn last frame (a crash mid-append) is cut off: everything
  // before it stands. Throws std::runtime_error when the file is unusable.
  CommitLog(const std::string& path, const std::function<void(ReceivedFrame&)>& replay);
  ~CommitLog();
  CommitLog(const CommitLog&) = delete;
  CommitLog& operator=(const CommitLog&) = delete;

  uint64_t size() const { return starts_.size(); }  // entries: positions 1..size()
  uint64_t bytes() const { return end_; }
  void append(const std::vector<uint8_t>& frame);  // becomes position size(), buffered
  void write_out();                                // write(2) what is buffered
  void sync();                                     // write_out, then fsync when anything is unsynced
  // The frame at `position` (1..size()), read back from the file.
  std::unique_ptr<ReceivedFrame> read(uint64_t position);
  // Bytes the entries after `position` take.
  uint64_t bytes_after(uint64_t position) const { return position >= size() ? 0 : end_ - starts_[position]; }

 private:
  int fd_ = -1;
  std::vector<uint64_t> starts_;  // byte offset of each entry's frame
  uint64_t end_ = 0;
  bool dirty_ = false;             // written, not yet synced
  std::vector<uint8_t> unwritten_;  // appended, not yet written
};

}  // namespace folio::replication
