// cluster.h - what the VM knows of the cluster it runs in (issue 4): this
// node's id, the nodes connected now, and the requests other nodes leave for
// this one (folio.cluster/on-node, stdlib/cluster.clj). cli/ fills the hooks
// in from its link to the server; replication/ knows nothing of the VM.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace folio {

struct ClusterHooks {
  uint16_t self = 0;  // this node's id; 0 outside a cluster
  std::function<std::vector<uint16_t>()> connected;  // ids of the nodes connected now
  // The process ends normally (main's end, System/exit): tell the server this
  // node leaves, so it is retired and its unused pages granted again.
  std::function<void()> leave;
};
extern ClusterHooks g_cluster;

// Runs the requests other nodes left for this one, if any: called where the
// node may run code between two of its own steps (safepoints, top-level forms).
void serve_cluster_requests();

}  // namespace folio
