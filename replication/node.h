// node.h - a cluster node's link to its heap server (`folio --join`):
// the handshake, a heap built from the server's snapshot, and the commits
// through which every change of a shared cell reaches the server first.
//
// A lost connection is not the end: the link reconnects as the same node and
// incarnation, says which log position it applied, and the server sends the
// entries it missed (docs/PROTOCOL.md, "Reconnection"), or the whole heap
// again when its log no longer holds them. A commit whose answer was lost
// is found in that catch-up or named by the welcome (it was applied) or sent
// again (it was not); its id makes sure it applies at most once.
#pragma once
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "heap/heap.h"
#include "replication/connection.h"
#include "replication/handshake.h"

namespace folio::replication {

struct NodeOptions {
  std::chrono::milliseconds reconnect_for{60000};  // give up after this long without the server
  std::chrono::milliseconds silence{10000};        // no frame for this long: the link is dead
  std::function<void()> before_exit;  // when the server refuses this node back: flush what it printed
};

class NodeLink {
 public:
  // Connects, says hello as a new node, receives the snapshot. Throws
  // ConnectionError / std::runtime_error with the reason (a refusal included).
  NodeLink(const std::string& host, uint16_t port, const std::string& key, const PeerIdentity& me,
           NodeOptions options = {});
  // The heap built from the snapshot, already a replica that commits through
  // this link (which must outlive it).
  std::unique_ptr<heap::Heap> take_heap() { return std::move(heap_); }
  uint16_t node() const { return node_; }
  // Applies the entries (other nodes' commits) that have arrived, without
  // waiting; reconnects when the link is lost. Called at the VM's safepoints
  // and before each evaluation.
  void poll();
  // The ids of the nodes connected to the server now (asks it).
  std::vector<uint16_t> connected_nodes();
  // The node ends normally, every commit answered: the server retires it and
  // takes back what its grants hold nothing in. Waits a few seconds at most
  // for the server's goodbye; a server that is away learns by --retire-after.
  void leave();

 private:
  bool commit(heap::Heap& h, uint64_t offset, folio::Value expected, folio::Value desired);
  // Adds `delta` to the fixnum at `offset`, in log order; false when refused
  // (the word is no fixnum, or the sum leaves the fixnum range).
  bool commit_add(heap::Heap& h, uint64_t offset, folio::Value delta);
  bool commit_all(heap::Heap& h, const std::vector<uint64_t>& offsets, const std::vector<folio::Value>& expected,
                  const std::vector<folio::Value>& desired, wire::CellOp op = wire::CellOp::COMPARE_AND_SET);
  // The first frame to handle: one held back by a catch-up, or the next from the server.
  std::unique_ptr<ReceivedFrame> next_frame(bool wait, bool answer = false);
  void apply_arrived();  // the entries already here (held or received), without waiting
  void apply_entry(heap::Heap& h, wire::Entry::Reader e);
  // Reconnects and catches up; true when the commit `pending` (sequence, 0:
  // none) turned out to be applied. Throws when the server is gone for good.
  // A connection lost half-way through a snapshot is retried; when the
  // server stays away, the process ends (the heap is partly merged).
  bool reconnect(const std::string& why, uint64_t pending);
  bool reconnect_until_back(const std::string& why, uint64_t pending);
  // The server will not take this node back (it was retired, or superseded):
  // the process ends with the reason, as its grants may be someone else's now.
  [[noreturn]] void refused(const std::string& why);
  // What the welcome tells a returning node of its last applied commit.
  struct LastCommit {
    uint64_t sequence = 0;
    std::vector<uint64_t> results;  // the words its adds made
  };
  bool handshake(bool returning, LastCommit* last);
  // A returning node the log no longer covers: the snapshot that follows
  // the welcome, merged into its heap; true when `pending` was applied.
  bool resnapshot(uint64_t pending, const LastCommit& last);
  uint64_t receive_snapshot(const std::function<void(uint64_t index, const void* data)>& page);
  void stamp(capnp::MessageBuilder& m);  // the sender of every frame it sends
  std::unique_ptr<ReceivedFrame> ask(capnp::MessageBuilder& request, wire::Frame::Which answer);
  // Asks the server for another range of at least `pages` fresh pages.
  std::pair<uint64_t, uint64_t> request_grant(uint64_t pages);
  heap::Heap* heap_ptr_ = nullptr;
  std::string host_, key_;
  uint16_t port_;
  PeerIdentity me_;
  NodeOptions options_;
  uint64_t applied_ = 0;  // log position
  bool half_merged_ = false;  // a full snapshot is being merged into the live heap
  std::unique_ptr<Connection> conn_;
  std::deque<std::unique_ptr<ReceivedFrame>> held_;  // after a found commit, in log order
  std::unique_ptr<heap::Heap> heap_;
  uint16_t node_ = 0;
  uint32_t incarnation_ = 0;
  uint64_t sequence_ = 0;
  uint64_t grant_first_ = 0, grant_count_ = 0;
  std::chrono::steady_clock::time_point last_heard_, last_told_;
  bool answered_ = false;  // a commit was answered since this node last polled
};

}  // namespace folio::replication
