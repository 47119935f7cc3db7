// shm_command.cpp - `folio shm list` and `folio shm rm NAME [--force]`: the
// shared heaps (same-host mode) on this machine.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "heap/shm_store.h"

namespace folio {
namespace {

std::string human_bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = double(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
  return buf;
}

int list() {
  auto segments = heap::shm_list();
  if (segments.empty()) {
    std::cout << "no shared heaps\n";
    return 0;
  }
  std::printf("%-24s %10s %10s  %s\n", "NAME", "USED", "CAPACITY", "PROCESSES");
  for (auto& s : segments) {
    std::string procs = std::to_string(s.pids.size());
    if (!s.pids.empty()) {
      procs += " (pid";
      for (auto p : s.pids) procs += " " + std::to_string(p);
      procs += ")";
    }
    if (!s.complete) procs += " [incomplete]";
    std::printf("%-24s %10s %10s  %s\n", s.name.c_str(), human_bytes(s.bytes_used).c_str(),
                human_bytes(s.capacity).c_str(), procs.c_str());
  }
  return 0;
}

int remove(const std::string& name, bool force) {
  heap::SegmentInfo info;
  try {
    info = heap::shm_info(name);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  if (!info.pids.empty() && !force) {
    std::cerr << "folio: shared heap " << name << " has " << info.pids.size()
              << " live process(es) attached; stop them or use --force\n";
    return 1;
  }
  if (!heap::shm_remove(name)) {
    std::cerr << "folio: cannot remove shared heap " << name << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int run_shm_command(const std::vector<std::string>& args) {
  const char* usage = "usage: folio shm list | folio shm rm NAME [--force]\n";
  if (args.size() == 1 && args[0] == "list") return list();
  if (args.size() >= 2 && args[0] == "rm") {
    bool force = false;
    std::string name;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--force" || args[i] == "-f") force = true;
      else if (name.empty()) name = args[i];
      else return std::cerr << usage, 2;
    }
    if (!name.empty()) return remove(name, force);
  }
  std::cerr << usage;
  return 2;
}

}  // namespace folio
