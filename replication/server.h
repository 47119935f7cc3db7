// server.h - the heap server (`folio serve`, issue 4): accepts nodes, checks
// who they are, and keeps the cluster's durable state in its data directory.
//
// Built so far: the handshake (challenge, hello with HMAC over the nonce,
// welcome or goodbye), node ids and incarnations that survive restarts
// (DIR/nodes, replaced atomically), one server per directory (a lock), status
// for `folio cluster status`, heartbeats. The heap snapshot, commits, the log
// and their broadcast come next (docs/PROTOCOL.md). One thread: every session
// runs on the io_context the caller runs.
#pragma once
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "heap/heap.h"
#include "replication/handshake.h"

namespace folio::replication {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 7888;  // 0: any free port (see HeapServer::port)
  std::string data_dir;
  std::string key;  // empty: no authentication
  PeerIdentity identity;
  heap::Heap* heap = nullptr;  // the authoritative heap: snapshots, commits
};

class HeapServer {
 public:
  // Binds and starts accepting; throws std::runtime_error (address in use,
  // data directory unusable or served by another process).
  HeapServer(boost::asio::io_context& io, ServerConfig config);
  ~HeapServer();
  uint16_t port() const { return port_; }

 private:
  struct Session;
  struct NodeRecord {
    uint32_t incarnation = 0;
    uint64_t applied = 0;
  };
  void accept();
  void load_nodes();
  void save_nodes();
  // Welcome data for a hello from `node` (0: a new node); persists it.
  std::pair<uint16_t, uint32_t> admit(uint16_t node);
  void build_status(capnp::MessageBuilder& m);
  // Pages node `n` allocates in: a fixed range per node; the grant starts
  // after what it already committed there (a returning node keeps its objects).
  std::pair<uint64_t, uint64_t> grant_for(uint16_t node) const;
  std::pair<uint64_t, uint64_t> range_of(uint16_t node) const;
  // Applies a commit from `node` (pages first: they are its own new objects,
  // unreachable until the updates land); false + the failed update's current
  // word when a precondition fails. `check`: false when replaying the log.
  bool apply_commit(uint16_t node, wire::Commit::Reader c, bool check, uint64_t* failed, uint64_t* current);
  void replay_log();
  void append_log(const std::vector<uint8_t>& frame);

  boost::asio::io_context& io_;
  ServerConfig config_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  int dir_lock_fd_ = -1;
  std::map<uint16_t, NodeRecord> nodes_;
  std::set<uint16_t> connected_;
  std::set<Session*> members_;  // welcomed nodes: they get every entry
  // Sends the entry for the commit just accepted at `position` to every
  // member but its author, in log order.
  void broadcast(Session* author, uint64_t position, wire::Commit::Reader c);
  uint64_t log_position_ = 0;
  int log_fd_ = -1;
};

}  // namespace folio::replication
