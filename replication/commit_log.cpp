#include "replication/commit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace folio::replication {

CommitLog::CommitLog(const std::string& path, const std::function<void(ReceivedFrame&)>& replay) {
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + strerror(errno));
  FrameDecoder d;
  std::vector<uint8_t> buf(1 << 20);
  uint64_t read_at = 0;
  ssize_t n;
  bool torn = false;
  while (!torn && (n = pread(fd_, buf.data(), buf.size(), off_t(read_at))) > 0) {
    read_at += uint64_t(n);
    d.feed(buf.data(), size_t(n));
    try {
      while (auto f = d.next()) {
        replay(*f);
        starts_.push_back(end_);
        end_ += f->size_bytes() + kFrameHeaderBytes;
      }
    } catch (const FrameError&) {
      torn = true;
    }
  }
  // New entries follow the last whole one.
  if (ftruncate(fd_, off_t(end_)) != 0) throw std::runtime_error("cannot repair the commit log " + path);
}

CommitLog::~CommitLog() {
  if (fd_ >= 0) close(fd_);
}

void CommitLog::append(const std::vector<uint8_t>& frame) {
  starts_.push_back(end_);
  end_ += frame.size();
  unwritten_.insert(unwritten_.end(), frame.begin(), frame.end());
}

void CommitLog::write_out() {
  const uint8_t* p = unwritten_.data();
  size_t left = unwritten_.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write the commit log: " + std::string(strerror(errno)));
    p += n;
    left -= size_t(n);
  }
  if (!unwritten_.empty()) dirty_ = true;
  unwritten_.clear();
}

void CommitLog::sync() {
  write_out();
  if (!dirty_) return;
  if (fdatasync(fd_) != 0) throw std::runtime_error("cannot sync the commit log: " + std::string(strerror(errno)));
  dirty_ = false;
}

std::unique_ptr<ReceivedFrame> CommitLog::read(uint64_t position) {
  if (position == 0 || position > size()) throw std::out_of_range("no log entry " + std::to_string(position));
  write_out();
  uint64_t from = starts_[position - 1], to = position < size() ? starts_[position] : end_;
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

}  // namespace folio::replication
