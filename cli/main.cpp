// main.cpp - the folio command: scripts, -e, stdin, the REPL.
#include <fcntl.h>
#include <link.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "vm/boot.h"
#include "vm/cluster.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/vm.h"
#include "vm/threads.h"

extern "C" const char folio_image_start[];
extern "C" const char folio_image_end[];

using namespace folio;

namespace {

const char kUsage[] =
    "Usage: folio [options] [FILE.clj | - | repl] [args...]\n"
    "\n"
    "  FILE.clj [args]      run a script; args are in *command-line-args*\n"
    "  -                    run a script read from standard input\n"
    "  -e, --eval EXPR      evaluate EXPR, printing each non-nil result\n"
    "  repl                 start a REPL (the default with no arguments)\n"
    "  test [PATH...]       run the clojure.test namespaces under PATHs (default: test)\n"
    "  -cp, --classpath P   source roots for require, separated by ':'\n"
    "  --shm NAME           share one heap with every process started with NAME:\n"
    "                       the first creates it, the others attach\n"
    "  shm list             list shared heaps; shm rm NAME [--force] removes one\n"
    "  --join HOST:PORT     be a node of the cluster served there (--key-file F;\n"
    "                       --reconnect-for SECONDS: give up on a lost server after\n"
    "                       that long, default 60)\n"
    "  serve --listen HOST:PORT --data DIR [--key-file F]   run a heap server (cluster)\n"
    "  cluster status HOST:PORT [--key-file F]             nodes, log position, heap size\n"
    "  --version            print the version\n"
    "  -h, --help           print this help\n";

int usage_error(const std::string& msg) {
  std::cerr << "folio: " << msg << "\n" << kUsage;
  return 2;
}

// Where the embedded image lies in our own executable file, so the heap can map
// it instead of copying it (pages never touched are never read).
heap::ImageSource image_source() {
  struct Find {
    uintptr_t addr;
    int64_t offset = -1;
  } find{reinterpret_cast<uintptr_t>(folio_image_start)};
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        auto* f = static_cast<Find*>(data);
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          uintptr_t start = info->dlpi_addr + ph.p_vaddr;
          if (ph.p_type == PT_LOAD && f->addr >= start && f->addr < start + ph.p_filesz) {
            f->offset = int64_t(f->addr - start + ph.p_offset);
            return 1;
          }
        }
        return 0;
      },
      &find);
  heap::ImageSource src;
  if (find.offset >= 0 && find.offset % 4096 == 0) {
    src.fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    src.file_offset = uint64_t(find.offset);
  }
  return src;
}

Value command_line_args(const std::vector<std::string>& args) {
  if (args.empty()) return kNil;
  std::vector<Value> xs;
  for (auto& a : args) xs.push_back(make_string(a));
  return seq(list_from(xs.data(), uint32_t(xs.size())));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "shm")
    return run_shm_command(std::vector<std::string>(argv + 2, argv + argc));
  if (argc >= 2 && (std::string(argv[1]) == "serve" || std::string(argv[1]) == "cluster"))
    return run_cluster_command(std::vector<std::string>(argv + 1, argv + argc),
                               ImageRef{folio_image_start, size_t(folio_image_end - folio_image_start)});
  std::vector<std::string> exprs, rest;
  std::string script, shared, join, key_file;
  long reconnect_for_ms = -1;
  bool stdin_script = false, repl = false, test = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!script.empty() || stdin_script || repl || test) {
      rest.push_back(a);
    } else if (a == "--version") {
      std::cout << "folio " << FOLIO_VERSION << "\n";
      return 0;
    } else if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (a == "-e" || a == "--eval") {
      if (++i >= argc) return usage_error(a + " needs an expression");
      exprs.push_back(argv[i]);
    } else if (a == "-cp" || a == "--classpath") {
      if (++i >= argc) return usage_error(a + " needs a path");
      std::string p = argv[i];
      for (size_t s = 0, e; s <= p.size(); s = e + 1) {
        e = p.find(':', s);
        if (e == std::string::npos) e = p.size();
        add_source_root(p.substr(s, e - s));
      }
    } else if (a == "--join") {
      if (++i >= argc) return usage_error(a + " needs HOST:PORT");
      join = argv[i];
    } else if (a == "--key-file") {
      if (++i >= argc) return usage_error(a + " needs a file");
      key_file = argv[i];
    } else if (a == "--reconnect-for") {
      if (++i >= argc) return usage_error(a + " needs a number of seconds");
      char* end = nullptr;
      double s = std::strtod(argv[i], &end);
      if (end == argv[i] || *end || !(s >= 0 && s <= 1e6))
        return usage_error(a + " needs a number of seconds, not " + argv[i]);
      reconnect_for_ms = long(s * 1000);
    } else if (a == "--shm") {
      if (++i >= argc) return usage_error(a + " needs a name");
      shared = argv[i];
    } else if (a == "-") {
      stdin_script = true;
    } else if (a == "repl") {
      repl = true;
    } else if (a == "test") {
      test = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option " + a);
    } else {
      script = a;
    }
  }
  add_source_root(".");
  VM vm;
  try {
    if (!join.empty()) {
      if (!shared.empty()) return usage_error("--join and --shm do not go together");
      boot_joined(join, key_file, reconnect_for_ms, ImageRef{folio_image_start, size_t(folio_image_end - folio_image_start)});
    } else {
      if (!key_file.empty()) return usage_error("--key-file goes with --join");
      if (reconnect_for_ms >= 0) return usage_error("--reconnect-for goes with --join");
      heap::ImageSource src = shared.empty() ? image_source() : heap::ImageSource{};
      boot_from_image(folio_image_start, size_t(folio_image_end - folio_image_start), src, shared);
      if (src.fd >= 0) close(src.fd);
    }
  } catch (std::exception& e) {
    std::cerr << "folio: " << e.what() << "\n";
    return 1;
  }
  var_set_root(core_var("*command-line-args*"), command_line_args(rest));
  set_current_ns(g_heap->root(kRootUserNs));
  int status = 0;
  if (!exprs.empty()) {
    for (auto& e : exprs) {
      status = run_guarded([&] { eval_print_all(e); });
      if (status) break;
    }
  } else if (stdin_script) {
    std::string src((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    status = run_guarded([&] { load_string(src, "NO_SOURCE_PATH", false); });
  } else if (test) {
    status = run_test_command(rest);
  } else if (!script.empty()) {
    status = run_guarded([&] { load_file(script); });
  } else {
    status = run_repl();
  }
  threads_at_exit();  // futures and agent actions still queued or running finish first
  flush_stdout();
  std::cout.flush();
  if (g_cluster.leave) g_cluster.leave();  // every commit is answered by now
  return status;
}
