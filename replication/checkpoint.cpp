#include "replication/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "heap/heap.h"
#include "replication/file_io.h"

namespace folio::replication {

namespace {

// The last byte is the format's version: 2 added each node's last results.
constexpr char kMagic[8] = {'F', 'O', 'L', 'C', 'K', 'P', 'T', '2'};
constexpr uint64_t kMaxResults = 1 << 20;  // a commit's updates: a sanity bound for a damaged file

struct File {
  int fd;
  std::string path;
  ~File() {
    if (fd >= 0) close(fd);
  }
  void write_all(const void* p, size_t n) { write_fully(fd, p, n, path); }
  void read_all(void* p, size_t n) {
    auto* c = static_cast<char*>(p);
    while (n > 0) {
      ssize_t r = ::read(fd, c, n);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) throw std::runtime_error(path + " is cut short: not a whole checkpoint");
      c += r;
      n -= size_t(r);
    }
  }
  template <typename T>
  void put(T v) { write_all(&v, sizeof v); }
  template <typename T>
  T get() {
    T v;
    read_all(&v, sizeof v);
    return v;
  }
};

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointHead& head, const char* base,
                      const std::vector<uint64_t>& pages) {
  File f{open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), path};
  if (f.fd < 0) throw std::runtime_error("cannot create " + path + ": " + strerror(errno));
  f.write_all(kMagic, sizeof kMagic);
  f.put(head.position);
  f.put(head.format);
  f.put(head.image_id);
  f.put(uint64_t(head.nodes.size()));
  for (const CheckpointNode& n : head.nodes) {
    f.put(uint64_t(n.node));
    f.put(uint64_t(n.incarnation));
    f.put(n.last_sequence);
    f.put(n.last_position);
    f.put(uint64_t(n.last_results.size()));
    for (uint64_t w : n.last_results) f.put(w);
  }
  f.put(uint64_t(pages.size()));
  for (uint64_t p : pages) {
    f.put(p);
    f.write_all(base + p * heap::kPageSize, heap::kPageSize);
  }
  f.write_all(kMagic, sizeof kMagic);  // the end: a file without it was cut short
  if (fsync(f.fd) != 0) throw std::runtime_error("cannot sync " + path + ": " + strerror(errno));
}

CheckpointHead read_checkpoint(const std::string& path, char* base, uint64_t capacity_pages) {
  File f{open(path.c_str(), O_RDONLY | O_CLOEXEC), path};
  if (f.fd < 0) throw std::runtime_error("cannot open " + path + ": " + strerror(errno));
  char magic[8];
  f.read_all(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof magic - 1) != 0) throw std::runtime_error(path + " is not a Folio checkpoint");
  if (magic[7] != kMagic[7])
    throw std::runtime_error(path + " is a checkpoint of format " + std::string(1, magic[7]) +
                             ", written by another build of folio; this one reads format " + kMagic[7]);
  CheckpointHead head;
  head.position = f.get<uint64_t>();
  head.format = f.get<uint64_t>();
  head.image_id = f.get<uint64_t>();
  uint64_t nodes = f.get<uint64_t>();
  if (nodes > 65536) throw std::runtime_error(path + " claims " + std::to_string(nodes) + " nodes");
  for (uint64_t i = 0; i < nodes; ++i) {
    CheckpointNode n;
    n.node = uint16_t(f.get<uint64_t>());
    n.incarnation = uint32_t(f.get<uint64_t>());
    n.last_sequence = f.get<uint64_t>();
    n.last_position = f.get<uint64_t>();
    uint64_t results = f.get<uint64_t>();
    if (results > kMaxResults) throw std::runtime_error(path + " claims " + std::to_string(results) + " results");
    for (uint64_t j = 0; j < results; ++j) n.last_results.push_back(f.get<uint64_t>());
    head.nodes.push_back(n);
  }
  uint64_t pages = f.get<uint64_t>();
  if (pages > capacity_pages) throw std::runtime_error(path + " holds more pages than the heap");
  for (uint64_t i = 0; i < pages; ++i) {
    uint64_t p = f.get<uint64_t>();
    if (p >= capacity_pages) throw std::runtime_error(path + " holds a page outside the heap");
    f.read_all(base + p * heap::kPageSize, heap::kPageSize);
  }
  f.read_all(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof magic) != 0) throw std::runtime_error(path + " is cut short: not a whole checkpoint");
  return head;
}

}  // namespace folio::replication
