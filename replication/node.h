// node.h - a cluster node's link to its heap server (`folio --join`):
// the handshake, a heap built from the server's snapshot, and the commits
// through which every change of a shared cell reaches the server first.
#pragma once
#include <memory>
#include <string>

#include "heap/heap.h"
#include "replication/connection.h"
#include "replication/handshake.h"

namespace folio::replication {

class NodeLink {
 public:
  // Connects, says hello as a new node, receives the snapshot. Throws
  // ConnectionError / std::runtime_error with the reason (a refusal included).
  NodeLink(const std::string& host, uint16_t port, const std::string& key, const PeerIdentity& me);
  // The heap built from the snapshot, already a replica that commits through
  // this link (which must outlive it).
  std::unique_ptr<heap::Heap> take_heap() { return std::move(heap_); }
  uint16_t node() const { return node_; }
  // Applies the entries (other nodes' commits) that have arrived, without
  // waiting. Called at the VM's safepoints and before each evaluation.
  void poll();

 private:
  bool commit(heap::Heap& h, uint64_t offset, folio::Value expected, folio::Value desired);
  bool commit_all(heap::Heap& h, const std::vector<uint64_t>& offsets, const std::vector<folio::Value>& expected,
                  const std::vector<folio::Value>& desired);
  void apply_entry(heap::Heap& h, wire::Entry::Reader e);
  heap::Heap* heap_ptr_ = nullptr;
  uint64_t applied_ = 0;  // log position
  Connection conn_;
  std::unique_ptr<heap::Heap> heap_;
  uint16_t node_ = 0;
  uint32_t incarnation_ = 0;
  uint64_t sequence_ = 0;
};

}  // namespace folio::replication
