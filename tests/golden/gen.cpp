// gen.cpp - golden_gen DIR: writes the golden files under DIR (tests/golden).
//
// Run it deliberately, through `ninja -C build regen-golden`, when the heap
// format (heap/heap.h kFormatVersion) or the wire schema
// (replication/folio.capnp) changed on purpose; then commit what it wrote.
// tests/unit/golden_test.cpp fails until the files match the build.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "heap/heap.h"
#include "tests/golden/golden.h"

namespace {

void write(const std::filesystem::path& p, const void* data, size_t n) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), std::streamsize(n));
  if (!out) throw std::runtime_error("cannot write " + p.string());
  std::printf("wrote %s (%zu bytes)\n", p.c_str(), n);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: golden_gen DIR   (writes DIR/heap and DIR/wire)\n");
    return 2;
  }
  try {
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir / "heap");
    std::filesystem::create_directories(dir / "wire");
    folio::golden::build_heap();
    std::vector<char> img = folio::golden::heap_image();
    write(dir / "heap" / "heap.img", img.data(), img.size());
    std::string md = folio::golden::describe_heap(img);
    write(dir / "heap" / "layout.md", md.data(), md.size());
    std::string version = std::to_string(folio::heap::kFormatVersion) + "\n";
    write(dir / "heap" / "FORMAT_VERSION", version.data(), version.size());
    for (std::filesystem::path old : std::filesystem::directory_iterator(dir / "wire"))
      if (old.extension() == ".bin") std::filesystem::remove(old);
    for (const auto& [name, bytes] : folio::golden::wire_frames())
      write(dir / "wire" / (name + ".bin"), bytes.data(), bytes.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "golden_gen: %s\n", e.what());
    return 1;
  }
  return 0;
}
