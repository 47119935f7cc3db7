// server.h - the heap server (`folio serve`, issue 4): admits nodes, orders
// their commits in one log, and streams what is committed to every node.
//
// One thread: every session runs on the io_context the caller runs. A commit
// is checked and applied to the authoritative heap as it arrives and written
// to the log at once; its accept and its broadcast wait for the next flush,
// which syncs the log once for every commit that arrived together (group
// commit) and then sends them in log order. A node that loses its connection
// comes back with its node id, incarnation and last applied position and
// catches up from the log (docs/PROTOCOL.md).
#pragma once
#include <utility>  // Boost 1.74 asio uses std::exchange without including it

#include <boost/asio.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "heap/heap.h"
#include "replication/commit_log.h"
#include "replication/free_ranges.h"
#include "replication/handshake.h"

namespace folio::replication {

enum class SyncMode {
  kEveryCommit,  // fsync before acknowledging: a commit survives the machine
  kInterval,     // acknowledge once in the page cache, fsync every second: survives the server process
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 7888;  // 0: any free port (see HeapServer::port)
  std::string data_dir;
  std::string key;  // empty: no authentication
  PeerIdentity identity;
  heap::Heap* heap = nullptr;  // the authoritative heap: snapshots, commits
  SyncMode sync = SyncMode::kEveryCommit;
  // Once the entries after the last checkpoint take this many bytes, a new
  // checkpoint is written and the log drops what the one before covers
  // (0: never). docs/PROTOCOL.md, "Compaction".
  uint64_t log_limit = uint64_t(256) << 20;
  // A node away this long is retired, as if it had left (0: never).
  std::chrono::seconds retire_after{3600};
  // Grants stay below this page (0: the heap's whole range). For tests that
  // need a range that runs out soon (`folio serve --heap-capacity`).
  uint64_t grant_limit_pages = 0;
};

class HeapServer {
 public:
  // Binds and starts accepting; throws std::runtime_error (address in use,
  // data directory unusable or served by another process).
  HeapServer(boost::asio::io_context& io, ServerConfig config);
  ~HeapServer();
  uint16_t port() const { return port_; }
  // Runs the io_context until it is stopped. For kPollAfterWork after a
  // handler ran, it polls for the next instead of sleeping: a node in a
  // commit loop sends again within microseconds, and a server already
  // awake takes it without being woken (server.cpp).
  void run();

 private:
  struct Session;
  struct NodeRecord {
    uint32_t incarnation = 0;
    uint64_t applied = 0;        // last log position the node reported
    uint64_t last_sequence = 0;  // of its current incarnation's last applied commit...
    uint64_t last_position = 0;  // ...and where it went in the log
    std::vector<uint64_t> last_results;  // the words its adds made there (Welcome.lastResults)
    std::vector<std::pair<uint64_t, uint64_t>> grants;  // page ranges [first, end) it allocates in
    uint64_t last_grant = 0;     // pages in its current life's last grant (0: none yet)
    bool retired = false;        // left, or away past retire_after: its life is over for good
    std::chrono::steady_clock::time_point away_since;  // when its last connection closed
  };
  using Ranges = std::vector<std::pair<uint64_t, uint64_t>>;
  // Frames waiting for the next flush, in log order: an accept (and the
  // entry every other member gets) or a reject.
  struct Pending {
    std::shared_ptr<Session> author;
    std::vector<uint8_t> reply;
    std::vector<uint8_t> entry;  // empty for a reject
    uint64_t position = 0;
  };
  void accept();
  void load_nodes();
  void save_nodes();
  // A new life for `node` (0: a new node): its id and incarnation. The
  // caller persists it (save_nodes, or grant, which saves).
  std::pair<uint16_t, uint32_t> admit(uint16_t node);
  void build_status(capnp::MessageBuilder& m);
  // Retiring (server_retire.cpp): a node that left or stayed away past
  // retire_after never comes back; the pages of its grants that hold no
  // object go to free_, which grants draw on before fresh pages.
  void retire(uint16_t node, const std::string& why);
  void retire_absent();  // every second: the nodes away for too long
  // The one rule, at retirement and at start-up: pages inside `ranges`
  // (retired nodes' grants) that are in no live node's grant and hold no
  // object on this heap are free again.
  void reclaim(const Ranges& ranges);
  void rebuild_free_ranges();
  uint64_t grant_limit() const;
  // A new range of fresh pages for `node`, at least `pages` long: the first
  // of a life is small, each next one twice the last (up to 256 MiB), so a
  // short-lived node costs little of the heap's range and a big one asks
  // rarely. Persisted before it is handed out; (0, 0) when the heap is full.
  std::pair<uint64_t, uint64_t> grant(uint16_t node, uint64_t pages);
  // Applies a commit from `node` (pages first: they are its own new objects,
  // unreachable until the updates land); false + the failed update's current
  // word when a precondition fails. `check`: false when replaying the log.
  // *added: the word after each add, in update order.
  bool apply_commit(uint16_t node, wire::Commit::Reader c, bool check, uint64_t* failed, uint64_t* current,
                    std::vector<uint64_t>* added);
  void on_commit(const std::shared_ptr<Session>& s, ReceivedFrame& frame);
  void queue(Pending p);
  void flush();  // syncs the log (per the mode), then releases what waits
  void tick();   // every second: heartbeats, the interval mode's fsync, checkpoints
  // Checkpoints (replication/checkpoint.h): restore at start-up, then a
  // forked child writes one when the log has grown by log_limit; the parent
  // installs it when the child has succeeded and compacts the log.
  uint64_t restore_checkpoint();
  void start_checkpoint();
  void finish_checkpoint(bool child_ok);
  int checkpoint_child_ = -1;        // pid of the child writing one
  uint64_t checkpoint_next_ = 0;     // the position it writes
  uint64_t checkpoint_position_ = 0; // of DIR/checkpoint (0: none)
  uint64_t checkpoint_before_ = 0;   // of the one before it: the log keeps what follows it

  boost::asio::io_context& io_;
  ServerConfig config_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer ticker_;
  uint16_t port_ = 0;
  uint64_t next_grant_ = 0;  // first page never granted
  FreeRanges free_;          // pages retired nodes gave back (free_ranges.h)
  int dir_lock_fd_ = -1;
  std::map<uint16_t, NodeRecord> nodes_;
  std::map<uint16_t, Session*> connected_;  // node -> its live session
  std::set<Session*> members_;  // caught-up nodes: they get every released entry
  std::set<Session*> snapshotting_;  // new nodes still receiving their snapshot
  void preserve(uint64_t offset, uint64_t n);
  std::unique_ptr<CommitLog> log_;
  uint64_t released_ = 0;  // entries up to here are acknowledged and broadcast
  std::vector<Pending> pending_;
  bool flush_posted_ = false;
  // Group commit with --fsync always: a round waits (briefly) for the
  // members that committed in the last one (server.cpp, queue).
  boost::asio::steady_timer gather_timer_;
  bool gather_armed_ = false;
  size_t last_round_authors_ = 0;
  // Entries held for members in a commit loop leave by this timer at the
  // latest (kHoldEntries).
  boost::asio::steady_timer hold_timer_;
  bool hold_armed_ = false;
  void arm_hold_timer(std::chrono::steady_clock::time_point when);
  void release_held();
  void post_flush();
  uint64_t commits_seen_ = 0;  // commit frames handled: a read that brought one has an answer coming
};

}  // namespace folio::replication
