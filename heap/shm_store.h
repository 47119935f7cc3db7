// shm_store.h - a heap range in a named Boost.Interprocess shared-memory segment.
//
// The first process creates the segment (mode 0600: the creating user only) and
// builds a heap in it; later processes attach and adopt the heap they find
// (BackingStore::holds_heap). Each process maps the segment wherever its kernel
// chooses: references are offsets, so nothing needs fixing up.
// This is the first step of issue 3's same-host mode: one extent of fixed
// capacity. Growth by extents, robust locks, crash recovery and cross-process
// allocation come with that issue.
#pragma once
#include <memory>
#include <string>

#include "heap/backing_store.h"

namespace folio::heap {

// Creates segment `name` with `capacity` bytes (sparse: memory is used as
// pages are touched), or attaches to it when it exists. Throws
// std::runtime_error with the system's reason (e.g. permission denied).
std::unique_ptr<BackingStore> shm_store(const std::string& name, uint64_t capacity);
// Removes segment `name`; false when there was none.
bool shm_remove(const std::string& name);

}  // namespace folio::heap
