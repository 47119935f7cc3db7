// process_table.h - which processes are attached to a shared heap, and which
// of them are alive.
//
// Process k of a segment holds an open-file-description lock on byte k of the
// segment's file. The kernel drops the lock when the process dies, kill -9
// included, so liveness never depends on a dead process having cleaned up
// (a pid alone would: pids are reused). The slot's number is also the owner id
// of the pages the process allocates in, so a new process that takes a dead
// one's slot inherits its pages and reclaims its garbage.
#pragma once
#include <cstdint>

namespace folio::heap {

constexpr int kMaxProcesses = 64;

struct ProcessSlot {
  uint32_t pid;          // 0: never used
  uint32_t incarnation;  // bumped at each claim: tells a slot's successive owners apart
  uint64_t attached_ms;  // wall clock at the claim
};

// Takes a free slot (never used, or left by a dead process); -1 when all 64
// are held by live processes.
int claim_process_slot(int fd, ProcessSlot* table);
bool process_slot_alive(int fd, int k);
void release_process_slot(int fd, ProcessSlot* table, int k);

// The creator of a segment holds the creation lock while it builds the heap;
// a process that attaches waits for it first, so it never sees half a heap.
void hold_creation_lock(int fd);
void release_creation_lock(int fd);
void wait_for_creation(int fd);

}  // namespace folio::heap
