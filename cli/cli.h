// cli.h - pieces of the folio command shared by its modes.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "vm/object.h"

namespace folio {

#define FOLIO_VERSION "0.1.0"

// Runs fn; an uncaught Clojure error is printed as clojure.main prints it
// (to stderr, with a stack trace) and gives exit status 1.
// `with_trace`: scripts print the stack trace; the REPL, like Clojure's, does not
// (the exception stays in *e).
int run_guarded(const std::function<void()>& fn, bool with_trace = true);
void print_uncaught(Value exc, bool with_trace = true);
// Reads and evaluates every form of src, printing non-nil results (folio -e).
void eval_print_all(const std::string& src);
int run_repl();
// `folio shm ...`: list or remove shared heaps (cli/shm_command.cpp).
int run_shm_command(const std::vector<std::string>& args);
// The built-in heap image embedded in the binary.
struct ImageRef {
  const void* data;
  size_t size;
};
// `folio serve ...` and `folio cluster ...` (cli/cluster_command.cpp); args
// start with "serve" or "cluster".
int run_cluster_command(const std::vector<std::string>& args, const ImageRef& image);
// `folio --join HOST:PORT`: boots the VM on a snapshot of the cluster's heap;
// the link to the server lives until the process ends; it gives up after
// `reconnect_for_ms` without the server (negative: the default, 60 s).
// Throws with the reason.
void boot_joined(const std::string& host_port, const std::string& key_file, long reconnect_for_ms,
                 const ImageRef& image);
// folio test [PATH...]: runs the clojure.test namespaces found under PATHs (cli/test_command.cpp).
int run_test_command(const std::vector<std::string>& paths);

}  // namespace folio
