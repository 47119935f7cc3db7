// file_io.h - the one write loop the server's files (log, checkpoint) share.
#pragma once
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace folio::replication {

// Writes all n bytes to fd (retrying short writes and EINTR), at the file
// offset `at` when it is given (pwrite), else at the file's position; throws
// std::runtime_error naming `what`.
inline void write_fully(int fd, const void* data, size_t n, const std::string& what, off_t at = -1) {
  auto* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = at < 0 ? ::write(fd, p, n) : ::pwrite(fd, p, n, at);
    if (w > 0 && at >= 0) at += w;
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw std::runtime_error("cannot write " + what + ": " + strerror(errno));
    p += w;
    n -= size_t(w);
  }
}

}  // namespace folio::replication
