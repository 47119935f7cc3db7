// server_checkpoint.cpp - the heap server's checkpoints (docs/PROTOCOL.md,
// "Compaction"): restoring the last one at start-up, having a forked child
// write a new one as the log grows, and installing it, after which the log
// drops what the one before covered. The file format is checkpoint.cpp's.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "replication/checkpoint.h"
#include "replication/server.h"

namespace folio::replication {

uint64_t HeapServer::restore_checkpoint() {
  std::string path = config_.data_dir + "/checkpoint";
  unlink((path + ".tmp").c_str());  // a checkpoint that never finished
  unlink((config_.data_dir + "/log.tmp").c_str());  // a compaction that never finished
  if (access(path.c_str(), F_OK) != 0) return 0;
  if (!config_.heap) throw std::runtime_error(path + " needs a heap to restore into");
  heap::Heap& h = *config_.heap;
  CheckpointHead head = read_checkpoint(path, h.base(), h.header().capacity_pages);
  if (head.format != config_.identity.heap_format || head.image_id != config_.identity.image_id)
    throw std::runtime_error(path + " was written by another build of folio (heap format or built-in image differs)");
  for (const CheckpointNode& n : head.nodes) {
    NodeRecord& r = nodes_[n.node];
    if (r.incarnation != n.incarnation) continue;  // a later life began after the checkpoint
    r.last_sequence = n.last_sequence;
    r.last_position = n.last_position;
    r.last_results = n.last_results;
  }
  std::fprintf(stderr, "folio serve: restored the checkpoint at log position %llu\n", (unsigned long long)head.position);
  return head.position;
}

// The child writes what the heap holds at the fork: every commit up to the
// log's end now, whatever it does meanwhile (copy-on-write).
void HeapServer::start_checkpoint() {
  heap::Heap& h = *config_.heap;
  CheckpointHead head;
  head.position = log_->size();
  head.format = config_.identity.heap_format;
  head.image_id = config_.identity.image_id;
  for (auto& [n, r] : nodes_) head.nodes.push_back({n, r.incarnation, r.last_sequence, r.last_position, r.last_results});
  std::vector<uint64_t> pages = h.pages_in_use();
  std::string tmp = config_.data_dir + "/checkpoint.tmp";
  pid_t pid = fork();
  if (pid < 0) {
    std::fprintf(stderr, "folio serve: cannot fork to write a checkpoint: %s\n", strerror(errno));
    return;
  }
  if (pid == 0) {  // the child: only writes the file (no sockets, no event loop)
    // It holds none of the parent's connections open (a node must see its
    // connection close when the parent closes it or dies), and it dies with
    // the parent (a restarted server writes its own checkpoint).
    close_range(3, ~0u, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) _exit(1);  // the parent died before the line above
    try {
      write_checkpoint(tmp, head, h.base(), pages);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "folio serve: checkpoint failed: %s\n", e.what());
      _exit(1);
    }
  }
  checkpoint_child_ = pid;
  checkpoint_next_ = head.position;
}

// The new checkpoint replaces the old only once the log it complements is on
// disk up to its position; then the log drops what the old one covered (a
// node away for less than a checkpoint's interval still catches up).
void HeapServer::finish_checkpoint(bool child_ok) {
  checkpoint_child_ = -1;
  std::string path = config_.data_dir + "/checkpoint";
  if (!child_ok) {
    std::fprintf(stderr, "folio serve: the checkpoint at position %llu failed; the log keeps everything\n",
                 (unsigned long long)checkpoint_next_);
    unlink((path + ".tmp").c_str());
    return;
  }
  log_->sync();
  if (rename((path + ".tmp").c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot install the checkpoint " + path + ": " + strerror(errno));
  if (int d = open(config_.data_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    fsync(d);
    close(d);
  }
  checkpoint_before_ = checkpoint_position_;
  checkpoint_position_ = checkpoint_next_;
  log_->compact(std::max(log_->base(), checkpoint_before_));
  std::fprintf(stderr, "folio serve: checkpoint at log position %llu; the log now starts after %llu\n",
               (unsigned long long)checkpoint_position_, (unsigned long long)log_->base());
}

}  // namespace folio::replication
