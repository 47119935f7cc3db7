// cluster_command.cpp - `folio serve` and `folio cluster status` (issue 4).
// Wires the heap (the server holds one, grown from the built-in image) to
// replication/, which knows nothing of Clojure.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "heap/heap.h"
#include "replication/connection.h"
#include "replication/node.h"
#include "replication/server.h"
#include "vm/boot.h"
#include "vm/cluster.h"
#include "vm/core_natives.h"
#include "vm/object.h"

namespace folio {
namespace {

namespace rep = folio::replication;

const char kServeUsage[] =
    "usage: folio serve --listen HOST:PORT --data DIR [--key-file FILE] [--fsync always|interval] [--log-limit BYTES]\n"
    "                   [--retire-after SECONDS] [--heap-capacity BYTES]\n"
    "  --fsync always    (default) a commit is acknowledged once the log is on disk: it survives a crash of the machine\n"
    "  --fsync interval  acknowledged once written; the log is synced every second: it survives a crash of the server\n"
    "  --log-limit N     write a checkpoint of the heap each time the log grows by N bytes (K, M, G suffixes;\n"
    "                    default 256M; 0: never) and drop the entries the checkpoint before it covers\n"
    "  --retire-after S  a node away (disconnected) for S seconds is retired as if it had left: it cannot come\n"
    "                    back, and its grants' pages that hold no published object are granted again\n"
    "                    (default 3600; 0: never)\n"
    "  --heap-capacity N (for testing) grant pages only below N bytes of the heap's range (K, M, G suffixes;\n"
    "                    default: all of it, 16G), so that a test can run the range out\n";
const char kStatusUsage[] = "usage: folio cluster status HOST:PORT [--key-file FILE]\n";

// "--flag VALUE" pairs; false on anything else.
bool parse_flags(const std::vector<std::string>& args, size_t from, std::vector<std::pair<std::string, std::string>>& out) {
  for (size_t i = from; i < args.size(); i += 2) {
    if (args[i].rfind("--", 0) != 0 || i + 1 >= args.size()) return false;
    out.push_back({args[i], args[i + 1]});
  }
  return true;
}

// The whole number v starts with and the characters it took (0: none).
std::pair<unsigned long long, size_t> leading_number(const std::string& v) {
  size_t used = 0;
  unsigned long long n = 0;
  try {
    if (!v.empty() && v[0] != '-') n = std::stoull(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  return {n, used};
}

// "3600" -> seconds; throws std::invalid_argument.
uint64_t parse_seconds(const std::string& flag, const std::string& v) {
  auto [n, used] = leading_number(v);
  if (!used || used != v.size() || n > (uint64_t(1) << 40))
    throw std::invalid_argument(flag + " takes a whole number of seconds, not \"" + v + "\"");
  return n;
}

// "256M" -> bytes; throws std::invalid_argument.
uint64_t parse_bytes(const std::string& flag, const std::string& v) {
  auto [n, used] = leading_number(v);
  std::string unit = used ? v.substr(used) : "?";
  int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : -1;
  if (shift < 0 || n > (~0ull >> shift))
    throw std::invalid_argument(flag + " takes a number of bytes (with K, M or G), not \"" + v + "\"");
  return uint64_t(n) << shift;
}

rep::PeerIdentity identity_of(const ImageRef& image) {
  return rep::PeerIdentity{heap::kFormatVersion, heap::Heap::image_id_of(image.data, image.size)};
}

int serve(const std::vector<std::string>& args, const ImageRef& image) {
  std::vector<std::pair<std::string, std::string>> flags;
  if (!parse_flags(args, 1, flags)) return std::cerr << kServeUsage, 2;
  rep::ServerConfig config;
  config.identity = identity_of(image);
  std::string listen = "127.0.0.1:7888";
  try {
    for (auto& [k, v] : flags) {
      if (k == "--listen") listen = v;
      else if (k == "--data") config.data_dir = v;
      else if (k == "--key-file") config.key = rep::read_key_file(v);
      else if (k == "--log-limit") config.log_limit = parse_bytes(k, v);
      else if (k == "--heap-capacity") config.grant_limit_pages = parse_bytes(k, v) / heap::kPageSize;
      else if (k == "--retire-after") config.retire_after = std::chrono::seconds(parse_seconds(k, v));
      else if (k == "--fsync" && (v == "always" || v == "interval"))
        config.sync = v == "always" ? rep::SyncMode::kEveryCommit : rep::SyncMode::kInterval;
      else return std::cerr << "folio: bad option " << k << " " << v << "\n" << kServeUsage, 2;
    }
    std::tie(config.host, config.port) = rep::parse_host_port(listen);
    if (config.data_dir.empty()) return std::cerr << "folio: serve needs --data DIR\n" << kServeUsage, 2;
    // The authoritative heap, grown from the built-in image (snapshots come from it).
    heap::Heap heap(heap::anonymous_store(uint64_t(16) << 30), 0, image.data, image.size);
    config.heap = &heap;
    boost::asio::io_context io(1);  // concurrency hint: one thread runs it (HeapServer::run)
    rep::HeapServer server(io, config);
    boost::asio::signal_set stop(io, SIGINT, SIGTERM);
    stop.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    std::printf("folio serve: listening on %s:%u (data %s%s%s)\n", config.host.c_str(), unsigned(server.port()),
                config.data_dir.c_str(), config.key.empty() ? ", no key" : "",
                config.sync == rep::SyncMode::kInterval ? ", fsync every second" : "");
    std::fflush(stdout);
    server.run();
  } catch (const std::exception& e) {
    std::cerr << "folio: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int status(const std::vector<std::string>& args, const ImageRef& image) {
  if (args.size() < 3 || args[1] != "status") return std::cerr << kStatusUsage, 2;
  std::vector<std::pair<std::string, std::string>> flags;
  if (!parse_flags(args, 3, flags)) return std::cerr << kStatusUsage, 2;
  try {
    std::string key;
    for (auto& [k, v] : flags) {
      if (k == "--key-file") key = rep::read_key_file(v);
      else return std::cerr << "folio: unknown option " << k << "\n" << kStatusUsage, 2;
    }
    auto [host, port] = rep::parse_host_port(args[2]);
    rep::Connection c(host, port, std::chrono::milliseconds(5000));
    auto first = c.receive();
    if (first->frame().which() != wire::Frame::CHALLENGE) throw std::runtime_error("the server did not send a challenge");
    rep::Nonce nonce{};
    auto n = first->frame().getChallenge().getNonce();
    if (n.size() != nonce.size()) throw std::runtime_error("the server sent a bad challenge");
    std::copy(n.begin(), n.end(), nonce.begin());
    rep::FrameBuilder hello;
    rep::build_hello(hello, identity_of(image), rep::kObserverNode, 0, 0, key, nonce);
    c.send(hello);
    auto reply = c.receive();
    if (reply->frame().which() == wire::Frame::GOODBYE)
      throw std::runtime_error(std::string("the server refused: ") + reply->frame().getGoodbye().cStr());
    rep::FrameBuilder req;
    req.initRoot<wire::Frame>().setStatusRequest();
    c.send(req);
    auto st = c.receive();
    if (st->frame().which() != wire::Frame::STATUS) throw std::runtime_error("the server sent no status");
    auto s = st->frame().getStatus();
    std::printf("log position %llu, heap %llu pages (%.1f MiB), %u nodes", (unsigned long long)s.getLogPosition(),
                (unsigned long long)s.getHeapPages(), double(s.getHeapPages()) * heap::kPageSize / (1 << 20),
                unsigned(s.getNodes().size()));
    if (s.getRetiredNodes() || s.getFreePages())  // nodes that left: what their grants gave back
      std::printf(", %u retired, %llu pages free", unsigned(s.getRetiredNodes()), (unsigned long long)s.getFreePages());
    std::printf("\n");
    for (auto node : s.getNodes())
      std::printf("node %u  incarnation %u  %s  applied %llu  lag %llu\n", unsigned(node.getNode()),
                  unsigned(node.getIncarnation()), node.getConnected() ? "connected" : "away",
                  (unsigned long long)node.getApplied(),
                  (unsigned long long)(s.getLogPosition() - std::min(s.getLogPosition(), node.getApplied())));
  } catch (const std::exception& e) {
    std::cerr << "folio: cluster status: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void boot_joined(const std::string& host_port, const std::string& key_file, long reconnect_for_ms,
                 const ImageRef& image) {
  auto [host, port] = rep::parse_host_port(host_port);
  std::string key = key_file.empty() ? std::string() : rep::read_key_file(key_file);
  rep::NodeOptions options;
  if (reconnect_for_ms >= 0) options.reconnect_for = std::chrono::milliseconds(reconnect_for_ms);
  options.before_exit = [] {
    flush_stdout();
    std::cout.flush();
  };
  static std::unique_ptr<rep::NodeLink> link;  // commits go through it until exit
  link = std::make_unique<rep::NodeLink>(host, port, key, identity_of(image), options);
  boot_with_heap(link->take_heap());
  g_heap->on_objects_arrived(g_heap->foreign_objects());  // the snapshot's fns, verified like any that arrive
  g_heap->poll_replica = [] { link->poll(); };
  g_cluster.self = link->node();
  g_cluster.connected = [] { return link->connected_nodes(); };
  g_cluster.leave = [] { link->leave(); };
}

int run_cluster_command(const std::vector<std::string>& args, const ImageRef& image) {
  if (!args.empty() && args[0] == "serve") return serve(args, image);
  return status(args, image);
}

}  // namespace folio
