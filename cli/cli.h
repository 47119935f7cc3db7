// cli.h - pieces of the folio command shared by its modes.
#pragma once
#include <functional>
#include <string>

#include "vm/object.h"

namespace folio {

#define FOLIO_VERSION "0.1.0"

// Runs fn; an uncaught Clojure error is printed as clojure.main prints it
// (to stderr, with a stack trace) and gives exit status 1.
int run_guarded(const std::function<void()>& fn);
void print_uncaught(Value exc);
// Reads and evaluates every form of src, printing non-nil results (folio -e).
void eval_print_all(const std::string& src);
int run_repl();

}  // namespace folio
