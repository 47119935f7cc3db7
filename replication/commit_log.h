// commit_log.h - the heap server's append-only log of accepted commits
// (DIR/log): one frame per commit, as it arrived, in log order.
//
// Entries reach the kernel in one of two ways, chosen when the log is opened:
// - kMapped: append() copies the frame into the file's pages through a
//   shared mapping of the log's tail, so once it returns a crash of the
//   server process loses nothing, and no system call was made (a write(2)
//   cost ~5 us, an eighth of the server's time per commit). For a server
//   that syncs once a second: a mapped page that was synced faults once
//   when written again, which costs more than the write(2) when every
//   commit is synced (ext4 then takes ~5x longer per sync).
// - kWritten: append() buffers the frame, and write_out() hands what is
//   buffered to the kernel in one write(2) (once per round of commits).
// The file runs ahead of its entries with zeros (written and synced a couple
// of MiB at a time), so an entry's sync flushes data, not the file's size,
// and the mapping never reaches past the file; on opening, the zeros are
// read as the end and cut. sync() writes out and fsyncs, which makes the
// entries survive the machine: with --fsync always the server calls it once
// for every group of commits that arrived together (group commit), before
// it acknowledges any of them.
// The index of where each entry starts lets a reconnecting node catch up from
// any position the log still holds without a snapshot.
//
// Compaction (once a checkpoint holds the heap as of some position) drops the
// entries up to a position: the file then starts with a header naming that
// position (its base), and holds the entries after it. A file without the
// header starts at position 0.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "replication/frame.h"

namespace folio::replication {

class CommitLog {
 public:
  enum class Writes { kWritten, kMapped };
  // Opens (or creates) `path` and hands every whole frame to `replay` with
  // its position, in order. A torn last frame (a crash mid-append) is cut
  // off: everything before it stands. Throws std::runtime_error when the file
  // is unusable.
  CommitLog(const std::string& path, const std::function<void(ReceivedFrame&, uint64_t position)>& replay,
            Writes writes = Writes::kWritten);
  ~CommitLog();
  CommitLog(const CommitLog&) = delete;
  CommitLog& operator=(const CommitLog&) = delete;

  uint64_t size() const { return base_ + starts_.size(); }  // the last position
  uint64_t base() const { return base_; }  // entries base()+1..size() are here
  uint64_t bytes() const { return end_ - data_start(); }
  // Bytes the entries after `position` take (position >= base()).
  uint64_t bytes_after(uint64_t position) const {
    return position >= size() ? 0 : end_ - starts_[position - base_];
  }
  void append(const std::vector<uint8_t>& frame);  // becomes position size()
  void write_out();  // what is appended is in the kernel's hands (kMapped: already)
  void sync();       // write_out, then fdatasync when anything is unsynced
  // The frame at `position` (base()+1..size()), read back from the file.
  std::unique_ptr<ReceivedFrame> read(uint64_t position);
  // Drops the entries up to `position` (base() <= position <= size()):
  // rewritten to a temporary file, synced and renamed over the log.
  void compact(uint64_t position);

 private:
  uint64_t data_start() const { return base_ ? kHeaderBytes : 0; }
  static constexpr uint64_t kHeaderBytes = 16;  // "FOLLOGB1", base position
  std::string path_;
  int fd_ = -1;
  uint64_t base_ = 0;
  std::vector<uint64_t> starts_;  // byte offset of each entry's frame
  uint64_t end_ = 0;                // where the next entry goes
  uint64_t zeroed_end_ = 0;         // the file's size: zeros from end_ (once written out) up to it
  static constexpr uint64_t kZeroedAhead = uint64_t(2) << 20;
  Writes writes_;
  bool dirty_ = false;             // written, not yet synced
  std::vector<uint8_t> unwritten_;  // kWritten: appended, not yet written
  // kMapped: the file's bytes [map_from_, zeroed_end_), mapped shared.
  uint8_t* map_ = nullptr;
  uint64_t map_from_ = 0;
  void reserve(uint64_t upto);  // zeros (and the mapping) reach `upto`
  void unmap();
};

}  // namespace folio::replication
