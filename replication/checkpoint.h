// checkpoint.h - the heap server's checkpoint (DIR/checkpoint): every page in
// use of its heap as of one log position, with what it knew of each node
// then, so that the log before that position can go (docs/PROTOCOL.md,
// "Compaction").
//
// Written by a forked child of the server (copy-on-write: the pages as they
// were at the fork, while the parent goes on serving) to DIR/checkpoint.tmp,
// synced, and renamed over DIR/checkpoint by the parent once the child has
// succeeded: a crash at any point leaves the old checkpoint or the new one,
// never part of one. A restart copies the pages back and replays the log's
// entries after the position.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace folio::replication {

struct CheckpointNode {
  uint16_t node = 0;
  uint32_t incarnation = 0;
  uint64_t last_sequence = 0, last_position = 0;  // its incarnation's last applied commit...
  std::vector<uint64_t> last_results;              // ...and the words its adds made
};

struct CheckpointHead {
  uint64_t position = 0;  // log entries 1..position are in it
  uint64_t format = 0;    // heap format and built-in image it belongs to: another build's is refused
  uint64_t image_id = 0;
  std::vector<CheckpointNode> nodes;
};

// Writes head and the pages `pages` (page numbers) of the heap at `base` to
// `path`, then fsyncs it. Throws std::runtime_error.
void write_checkpoint(const std::string& path, const CheckpointHead& head, const char* base,
                      const std::vector<uint64_t>& pages);

// Reads `path` into head and copies its pages into the heap at `base`
// (`capacity_pages` long). Throws std::runtime_error for a file that is not a
// whole checkpoint, or one of another format version (an older build's).
CheckpointHead read_checkpoint(const std::string& path, char* base, uint64_t capacity_pages);

}  // namespace folio::replication
