// server_session.h - one connection to the heap server (private to the
// server's files): the handshake, a new node's snapshot and a returning
// node's catch-up (each streamed a window at a time), then the frames a node
// sends. Its methods are in server_session.cpp, so that the server's own
// state (log, commits, grants, nodes: server.cpp) and a connection's state
// machine read separately.
#pragma once
#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "replication/server.h"

namespace folio::replication {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace server_detail {
constexpr uint64_t kFirstGrantPages = 64;    // 4 MiB: a node's first range
constexpr uint64_t kMaxGrantPages = 4096;    // 256 MiB: the most it gets at once
constexpr uint64_t kMinGrantPages = 8;       // 512 KiB: the smallest free range worth granting
constexpr size_t kCatchUpWindow = size_t(8) << 20;  // catch-up bytes queued at once
constexpr size_t kGatherBytes = size_t(1) << 20;    // the most one gathered write takes
constexpr std::chrono::microseconds kGatherWait{100};  // --fsync always: the most a round waits for more commits
// Entries for a node in a commit loop (answered this recently) wait for its
// next answer, this long at most (server.cpp, flush): a node waiting for a
// core (more processes than cores) can wait a scheduler slice of a few ms.
constexpr std::chrono::microseconds kHoldEntries{3000};
constexpr std::chrono::microseconds kPollAfterWork{200};  // HeapServer::run

inline uint64_t now_ms() {
  return uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count());
}

// The entry other nodes get for the commit at `position`.
inline std::vector<uint8_t> encode_entry(uint64_t position, wire::Commit::Reader c) {
  FrameBuilder m(uint32_t(c.totalSize().wordCount) + 32);  // one segment: the commit's size and the entry's own
  auto e = m.initRoot<wire::Frame>().initEntry();
  e.setLogPosition(position);
  e.setId(c.getId());
  e.setPages(c.getPages());
  e.setUpdates(c.getUpdates());
  return encode_frame(m);
}
}  // namespace server_detail

// One connection: handshake first, then requests. Frames it sends wait in a
// queue so that at most one write is in flight.
struct HeapServer::Session : std::enable_shared_from_this<Session> {
  HeapServer& server;
  tcp::socket socket;
  FrameDecoder decoder;
  Nonce nonce = random_nonce();
  bool welcomed = false, closed = false, closing = false;
  uint16_t node = 0;
  uint32_t incarnation = 0;
  uint64_t catch_up_next = 0;  // next log position to send a returning node (0: none)
  std::vector<uint64_t> snapshot_pages;  // pages still to send a new node...
  size_t snapshot_next = 0;
  uint64_t snapshot_position = 0;        // ...the log position they reflect...
  std::vector<std::vector<uint8_t>> entries_after_snapshot;  // ...and entries released meanwhile
  std::map<uint64_t, std::vector<uint8_t>> preserved;  // unsent pages as they were, before a commit wrote them
  uint64_t caught_up = 0;
  std::array<uint8_t, 65536> buf;
  std::deque<std::vector<uint8_t>> out;
  size_t out_bytes = 0;
  size_t writing = 0;         // frames at the front of `out` in the write in flight
  bool write_posted = false;  // a write will start from a posted handler
  bool held_back = false;     // entries wait for this node's answer (server.cpp, flush)
  std::chrono::steady_clock::time_point answered;  // when its last commit's answer went
  std::chrono::steady_clock::time_point held_since;  // when held_back was last set

  Session(HeapServer& s, tcp::socket sock) : server(s), socket(std::move(sock)) {}

  std::string peer;  // host:port, for the log

  void start();
  void send(capnp::MessageBuilder& m) { send_bytes(encode_frame(m)); }

  // Frames queue; one gathered write takes all that queued meanwhile. The
  // write starts from a posted handler, so the frames a flush queues for
  // this connection (entries, its answer) leave together.
  void send_bytes(std::vector<uint8_t> bytes);
  void queue_bytes(std::vector<uint8_t> bytes) {  // leaves with the next write
    if (closed || closing) return;
    out_bytes += bytes.size();
    out.push_back(std::move(bytes));
  }
  void start_write();
  void write_now() {  // what is queued, at once (the server's flush)
    held_back = false;
    write_next();
  }
  // The node has sent something this server has yet to read: most likely a
  // commit, whose answer it now waits for.
  bool peer_has_sent();

  void write_next();
  void goodbye(const std::string& reason, bool quiet = false);  // quiet: not logged
  void close();
  void read();
  void on_read(const boost::system::error_code& ec, size_t n);
  bool awaiting_answer = false;  // its last read brought a commit, and no partial frame

  // Every page in use, then the log position the snapshot reflects: a
  // window at a time, the rest as the window is written (a big heap is
  // never all queued at once). Entries released meanwhile follow it.
  void continue_snapshot();

  // A returning node: the log's entries after its position, a window at a
  // time (the rest when the window is written), then snapshotDone; from then
  // on it is a member and gets entries as they are released.
  void continue_catch_up();

  bool refuse(const std::string& why) { return goodbye(why), false; }

  // The hello: who it is, and what it gets (a snapshot, or the entries it
  // missed; a snapshot again when the log no longer holds them).
  bool handle_hello(wire::Hello::Reader hello);

  // False when the session ends.
  bool handle(ReceivedFrame& frame);
};

}  // namespace folio::replication
