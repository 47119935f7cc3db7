// boot.h - bringing up a process: a fresh heap (to build the image) or the built-in image.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "vm/object.h"

namespace folio {

// Registers every native of this build, in the fixed order that gives them their ids.
void register_all_natives();

// A new heap with clojure.core's natives and special vars, and no Clojure source loaded.
void boot_fresh();
// The heap from an image built by boot_fresh + loading stdlib/ (see cli/build_image.cpp).
// With `shared`, the heap is the shared-memory segment of that name (issue 3):
// created from the image by the first process, attached by the others.
void boot_from_image(const void* image, size_t size, heap::ImageSource from = {},
                     const std::string& shared = {});
// A heap that already holds clojure.core (a cluster node's snapshot).
void boot_with_heap(std::unique_ptr<heap::Heap> h);
// Every start: per-process roots (*out*, *err*, *in*), GC roots. Called by both boots.
void boot_process_locals();

// Source roots searched by require: "a.b-c" loads a/b_c.clj or a/b_c.cljc.
void add_source_root(const std::string& dir);
// Loads the namespace named by sym from the source roots, unless already loaded.
void load_lib(Value ns_sym);
// Loads rel.clj (or .cljc) from the first source root that has it (clojure.core/load);
// before_load runs once the file is found.
void load_resource(const std::string& rel, const std::function<void()>& before_load = {});

}  // namespace folio
