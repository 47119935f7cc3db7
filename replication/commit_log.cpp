#include "replication/commit_log.h"
#include "replication/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>

namespace folio::replication {

namespace {
constexpr char kLogHeader[8] = {'F', 'O', 'L', 'L', 'O', 'G', 'B', '1'};
}  // namespace

CommitLog::CommitLog(const std::string& path, const std::function<void(ReceivedFrame&, uint64_t)>& replay,
                     Writes writes)
    : path_(path), writes_(writes) {
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + strerror(errno));
  char head[kHeaderBytes];
  if (pread(fd_, head, sizeof head, 0) == ssize_t(sizeof head) && std::memcmp(head, kLogHeader, 8) == 0) {
    std::memcpy(&base_, head + 8, 8);
    if (base_ == 0) throw std::runtime_error(path + " has a header with no base");
  }
  end_ = data_start();
  FrameDecoder d;
  std::vector<uint8_t> buf(1 << 20);
  uint64_t read_at = end_;
  ssize_t n;
  bool torn = false;
  while (!torn && (n = pread(fd_, buf.data(), buf.size(), off_t(read_at))) > 0) {
    read_at += uint64_t(n);
    d.feed(buf.data(), size_t(n));
    try {
      while (auto f = d.next()) {
        replay(*f, size() + 1);
        starts_.push_back(end_);
        end_ += f->size_bytes() + kFrameHeaderBytes;
      }
    } catch (const FrameError&) {
      torn = true;
    }
  }
  // New entries follow the last whole one; what follows it (a torn frame,
  // the zeros of an extension) goes, so nothing old is ever read as new.
  if (ftruncate(fd_, off_t(end_)) != 0) throw std::runtime_error("cannot repair the commit log " + path);
  zeroed_end_ = end_;
}

CommitLog::~CommitLog() {
  unmap();
  if (fd_ >= 0) close(fd_);
}

void CommitLog::unmap() {
  if (map_) munmap(map_, zeroed_end_ - map_from_);
  map_ = nullptr;
}

// Entries are written over zeros that were written (and synced) before: the
// file's size then does not change with each entry, so syncing an entry
// flushes its data and no metadata (a quarter less time on ext4 here), and
// the mapping never reaches past the end of the file (SIGBUS) nor into
// blocks the disk has yet to allocate. The zeros read as the end of the log
// (no frame starts with them).
void CommitLog::reserve(uint64_t upto) {
  if (upto <= zeroed_end_ && (map_ || writes_ == Writes::kWritten)) return;
  unmap();
  if (upto > zeroed_end_) {
    static const std::vector<uint8_t> zeros(kZeroedAhead);
    uint64_t to = (upto + kZeroedAhead - 1) / kZeroedAhead * kZeroedAhead + kZeroedAhead;
    for (uint64_t at = zeroed_end_; at < to; at += std::min<uint64_t>(to - at, zeros.size()))
      write_fully(fd_, zeros.data(), std::min<uint64_t>(to - at, zeros.size()), "the commit log", off_t(at));
    if (fdatasync(fd_) != 0) throw std::runtime_error("cannot sync the commit log: " + std::string(strerror(errno)));
    zeroed_end_ = to;
  }
  if (writes_ == Writes::kWritten) return;
  static const uint64_t page = uint64_t(sysconf(_SC_PAGESIZE));
  map_from_ = end_ / page * page;
  // MAP_POPULATE: the pages were just written, so they are in the page cache
  // and are mapped in one go rather than by a fault each.
  void* m = mmap(nullptr, zeroed_end_ - map_from_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd_,
                 off_t(map_from_));
  if (m == MAP_FAILED) throw std::runtime_error("cannot map the commit log: " + std::string(strerror(errno)));
  map_ = static_cast<uint8_t*>(m);
}

// Mapped, the frame's header (its magic) is stored last: a process killed
// in the middle leaves zeros where the header goes, read as the end of the
// log, and never a whole-looking frame with part of its payload missing.
void CommitLog::append(const std::vector<uint8_t>& frame) {
  if (writes_ == Writes::kMapped) {
    reserve(end_ + frame.size());
    uint8_t* at = map_ + (end_ - map_from_);
    std::memcpy(at + kFrameHeaderBytes, frame.data() + kFrameHeaderBytes, frame.size() - kFrameHeaderBytes);
    std::atomic_signal_fence(std::memory_order_release);
    std::memcpy(at, frame.data(), kFrameHeaderBytes);
    dirty_ = true;
  } else {
    unwritten_.insert(unwritten_.end(), frame.begin(), frame.end());
  }
  starts_.push_back(end_);
  end_ += frame.size();
}

void CommitLog::write_out() {
  if (unwritten_.empty()) return;
  reserve(end_);
  write_fully(fd_, unwritten_.data(), unwritten_.size(), "the commit log", off_t(end_ - unwritten_.size()));
  dirty_ = true;
  unwritten_.clear();
}

void CommitLog::sync() {
  write_out();
  if (!dirty_) return;
  if (fdatasync(fd_) != 0) throw std::runtime_error("cannot sync the commit log: " + std::string(strerror(errno)));
  dirty_ = false;
}

std::unique_ptr<ReceivedFrame> CommitLog::read(uint64_t position) {
  if (position <= base_ || position > size()) throw std::out_of_range("no log entry " + std::to_string(position));
  write_out();
  uint64_t i = position - base_ - 1;
  uint64_t from = starts_[i], to = i + 1 < starts_.size() ? starts_[i + 1] : end_;  // pread sees a mapping's stores
  std::vector<uint8_t> bytes(to - from);
  for (uint64_t got = 0; got < bytes.size();) {
    ssize_t n = pread(fd_, bytes.data() + got, bytes.size() - got, off_t(from + got));
    if (n <= 0) throw std::runtime_error("cannot read the commit log: " + std::string(strerror(errno)));
    got += uint64_t(n);
  }
  FrameDecoder d;
  d.feed(bytes.data(), bytes.size());
  auto f = d.next();
  if (!f) throw std::runtime_error("the commit log changed under the server");
  return f;
}

void CommitLog::compact(uint64_t position) {
  if (position < base_ || position > size()) throw std::out_of_range("cannot compact the log to " + std::to_string(position));
  if (position == base_) return;
  sync();
  uint64_t from = position < size() ? starts_[position - base_] : end_;
  std::string tmp = path_ + ".tmp";
  int out = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0) throw std::runtime_error("cannot create " + tmp + ": " + strerror(errno));
  try {
    uint8_t head[kHeaderBytes];
    std::memcpy(head, kLogHeader, 8);
    std::memcpy(head + 8, &position, 8);
    write_fully(out, head, sizeof head, tmp);
    std::vector<uint8_t> buf(1 << 20);
    for (uint64_t at = from; at < end_;) {
      ssize_t n = pread(fd_, buf.data(), std::min<uint64_t>(buf.size(), end_ - at), off_t(at));
      if (n <= 0) throw std::runtime_error("cannot read the commit log: " + std::string(strerror(errno)));
      write_fully(out, buf.data(), size_t(n), tmp);
      at += uint64_t(n);
    }
    if (fsync(out) != 0) throw std::runtime_error("cannot sync " + tmp + ": " + strerror(errno));
  } catch (...) {
    close(out);
    unlink(tmp.c_str());
    throw;
  }
  close(out);
  if (rename(tmp.c_str(), path_.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp + ": " + strerror(errno));
  unmap();  // of the old file
  std::string dir = path_.substr(0, path_.find_last_of('/') + 1);
  if (int d = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    fsync(d);  // the rename itself survives the machine
    close(d);
  }
  close(fd_);
  fd_ = open(path_.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot reopen " + path_ + ": " + strerror(errno));
  // Offsets shift: the entries after `position` now start past the header.
  std::vector<uint64_t> kept;
  for (uint64_t i = position - base_; i < starts_.size(); ++i) kept.push_back(starts_[i] - from + kHeaderBytes);
  starts_ = std::move(kept);
  end_ = end_ - from + kHeaderBytes;
  zeroed_end_ = end_;
  base_ = position;
}

}  // namespace folio::replication
