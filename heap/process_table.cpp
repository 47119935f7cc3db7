#include "heap/process_table.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>

namespace folio::heap {
namespace {

constexpr off_t kCreationByte = kMaxProcesses;

// An OFD lock (F_OFD_*): owned by the open file, not the process, so closing
// some other descriptor of the same file does not drop it as POSIX locks would.
bool lock_byte(int fd, off_t at, short type, bool wait) {
  struct flock fl {};
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = at;
  fl.l_len = 1;
  for (;;) {
    if (fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl) == 0) return true;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EACCES) return false;
    throw std::runtime_error(std::string("folio: cannot lock the shared heap's file: ") + strerror(errno));
  }
}

uint64_t now_ms() {
  using namespace std::chrono;
  return uint64_t(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace

int claim_process_slot(int fd, ProcessSlot* table) {
  for (int k = 0; k < kMaxProcesses; ++k) {
    if (!lock_byte(fd, k, F_WRLCK, false)) continue;
    ProcessSlot& s = table[k];
    s.incarnation += 1;
    s.pid = uint32_t(getpid());
    s.attached_ms = now_ms();
    return k;
  }
  return -1;
}

bool process_slot_alive(int fd, int k) {
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = k;
  fl.l_len = 1;
  if (fcntl(fd, F_OFD_GETLK, &fl) != 0) return false;
  return fl.l_type != F_UNLCK;
}

void release_process_slot(int fd, ProcessSlot* table, int k) {
  table[k].pid = 0;
  lock_byte(fd, k, F_UNLCK, false);
}

void hold_creation_lock(int fd) { lock_byte(fd, kCreationByte, F_WRLCK, true); }
void release_creation_lock(int fd) { lock_byte(fd, kCreationByte, F_UNLCK, false); }
void wait_for_creation(int fd) {
  lock_byte(fd, kCreationByte, F_RDLCK, true);
  lock_byte(fd, kCreationByte, F_UNLCK, false);
}

}  // namespace folio::heap
