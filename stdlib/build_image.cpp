// build_image.cpp - folio-boot: compiles stdlib/ into the built-in heap image.
//   folio-boot OUT.img STDLIB_DIR
// Loads the files listed in STDLIB_DIR/LOAD_ORDER into a fresh heap, collects
// garbage, and writes the packed heap. The folio binary embeds the result, so
// start-up compiles nothing.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "vm/boot.h"
#include "vm/collections.h"
#include "vm/compiler.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/vm.h"

using namespace folio;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: folio-boot OUT.img STDLIB_DIR\n";
    return 2;
  }
  std::string dir = argv[2];
  VM vm;
  boot_fresh();
  try {
    std::ifstream order(dir + "/LOAD_ORDER");
    std::string file;
    int loaded = 0;
    while (std::getline(order, file)) {
      if (file.empty() || file[0] == '#') continue;
      set_current_ns(core_ns());
      load_file(dir + "/" + file);
      ++loaded;
    }
    if (!loaded) throw_error("java.io.FileNotFoundException", dir + "/LOAD_ORDER lists no files");
  } catch (Thrown& t) {
    flush_stdout();
    std::cerr << "folio-boot: " << pr_str(t.exc) << "\n";
    return 1;
  }
  set_current_ns(g_heap->root(kRootUserNs));
  g_heap->set_root(kRootImageReady, kTrue);
  g_heap->collect();
  std::vector<char> img = g_heap->image();
  std::ofstream out(argv[1], std::ios::binary);
  out.write(img.data(), std::streamsize(img.size()));
  if (!out) {
    std::cerr << "folio-boot: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
