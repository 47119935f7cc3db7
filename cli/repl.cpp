// repl.cpp - the REPL, -e, and how uncaught errors are reported.
#include <editline/readline.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <cstdlib>
#include <iostream>
#include <string>

#include "cli/cli.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/reader.h"
#include "vm/runtime.h"
#include "vm/vm.h"

namespace folio {
namespace {

std::string short_class(const std::string& cls) {
  size_t dot = cls.find_last_of('.');
  std::string s = dot == std::string::npos ? cls : cls.substr(dot + 1);
  return s;
}

Value data_get(Value data, const char* k) {
  return is_map(data) ? map_get(data, keyword("clojure.error", k), kNil) : kNil;
}

std::string message_of(Value exc) {
  Value m = slot(exc, 1);
  return is(m, Type::kString) ? std::string(string_view(m)) : std::string();
}

void prn_result(Value v) {
  Value f = var_value(core_var("prn"));
  call_fn(f, v);
}

std::string ns_prompt() { return std::string(string_view(symbol_name(ns_name(current_ns())))) + "=> "; }

}  // namespace

void print_uncaught(Value exc, bool with_trace) {
  flush_stdout();
  if (!is_throwable(exc)) {
    std::cerr << "Execution error: " << pr_str(exc) << "\n";
    return;
  }
  std::string cls = throwable_class(exc);
  Value data = slot(exc, 2);
  if (cls == "clojure.lang.Compiler$CompilerException") {
    Value src = data_get(data, "source"), line = data_get(data, "line"), col = data_get(data, "column");
    std::cerr << "Syntax error compiling at (" << (is(src, Type::kString) ? string_view(src) : "NO_SOURCE_PATH")
              << ":" << (line.is_fixnum() ? line.fixnum_value() : 0) << ":"
              << (col.is_fixnum() ? col.fixnum_value() : 0) << ").\n"
              << message_of(exc) << "\n";
    return;
  }
  if (cls == "clojure.lang.LispReader$ReaderException") {
    std::cerr << message_of(exc) << "\n";
    return;
  }
  Value trace = trace_strings(exc);
  std::string where;
  if (is(trace, Type::kVector) && vector_count(trace) > 0) where = std::string(string_view(vector_nth(trace, 0)));
  std::cerr << "Execution error (" << short_class(cls) << ") at " << (where.empty() ? "REPL" : where) << ".\n"
            << message_of(exc) << "\n";
  if (cls == "clojure.lang.ExceptionInfo") std::cerr << pr_str(slot(exc, 2)) << "\n";
  if (!with_trace) return;
  if (is(trace, Type::kVector))
    for (int64_t i = 0; i < vector_count(trace); ++i)
      std::cerr << "\tat " << string_view(vector_nth(trace, i)) << "\n";
  for (Value c = slot(exc, 3); is_throwable(c); c = slot(c, 3))
    std::cerr << "Caused by: " << throwable_class(c) << ": " << message_of(c) << "\n";
}

int run_guarded(const std::function<void()>& fn, bool with_trace) {
  try {
    fn();
    return 0;
  } catch (Thrown& t) {
    print_uncaught(t.exc, with_trace);
  } catch (std::bad_alloc&) {
    flush_stdout();
    std::cerr << "Execution error (OutOfMemoryError).\nThe heap is full\n";
  } catch (std::exception& e) {  // a C++ failure below the VM (e.g. a lost cluster server)
    flush_stdout();
    std::cerr << "folio: " << e.what() << "\n";
  }
  return 1;
}

void eval_print_all(const std::string& src) {
  Reader reader(src, "NO_SOURCE_PATH", &reader_env(), false);
  Value form = kNil, v = kNil;
  Root r1(form), r2(v);
  while (reader.next(form)) {
    v = eval(form);
    if (!v.is_nil()) prn_result(v);
  }
}

// libedit reads keys through this: waiting for one is a safepoint, so an idle
// REPL on a shared heap never holds up a global collection.
int getc_at_safepoint(FILE* f) {
  wait_readable(fileno(f));
  unsigned char c;
  for (;;) {
    ssize_t n = read(fileno(f), &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return EOF;
  }
}

int run_repl() {
  bool tty = isatty(0);
  rl_getc_function = getc_at_safepoint;
  std::string history = std::string(getenv("HOME") ? getenv("HOME") : ".") + "/.folio_history";
  if (tty) read_history(history.c_str());
  Value v1 = core_var("*1"), v2 = core_var("*2"), v3 = core_var("*3"), ve = core_var("*e");
  // As clojure.main's REPL does: doc, source, pst, pp... at hand in user.
  run_guarded([] {
    load_string("(clojure.core/require '[clojure.repl :refer (source apropos dir pst doc find-doc)]"
                " '[clojure.pprint :refer (pp pprint)])",
                "NO_SOURCE_PATH");
  });
  std::string buffer;
  for (;;) {
    std::string prompt = buffer.empty() ? ns_prompt() : "";
    std::string line;
    if (tty) {
      char* l = readline(prompt.c_str());
      if (!l) break;
      line = l;
      free(l);
      if (!line.empty()) add_history(line.c_str());
    } else {
      std::cout << prompt << std::flush;
      if (std::cin.rdbuf()->in_avail() <= 0) wait_readable(0);
      if (!std::getline(std::cin, line)) break;
    }
    buffer += line;
    buffer += "\n";
    // Keep reading lines while the last form is still open.
    bool incomplete = false;
    int status = run_guarded([&] {
      Reader probe(buffer, "NO_SOURCE_PATH", &reader_env(), false);
      Value form = kNil;
      try {
        while (probe.next(form)) {
        }
      } catch (ReaderIncomplete&) {
        incomplete = true;
      }
    });
    if (incomplete) continue;
    if (status) {
      buffer.clear();
      continue;
    }
    run_guarded([&] {
      Reader reader(buffer, "NO_SOURCE_PATH", &reader_env(), false);
      Value form = kNil, v = kNil;
      Root r1(form), r2(v);
      try {
        while (reader.next(form)) {
          v = eval(form);
          prn_result(v);
          flush_stdout();
          var_set_root(v3, var_root(v2));
          var_set_root(v2, var_root(v1));
          var_set_root(v1, v);
        }
      } catch (Thrown& t) {
        var_set_root(ve, t.exc);
        throw;
      }
    }, false);
    buffer.clear();
  }
  if (tty) write_history(history.c_str());
  if (!tty) std::cout << "\n";
  return 0;
}

}  // namespace folio
