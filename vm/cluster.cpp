// cluster.cpp - folio.cluster's natives and the serving of requests other
// nodes leave in the shared mailbox (stdlib/cluster.clj has the rest).
#include "vm/cluster.h"

#include <cstdio>

#include "vm/collections.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/stm.h"

namespace folio {

ClusterHooks g_cluster;

namespace {

// Looked up once per heap: serving is asked at every safepoint.
CachedCoreVar mailboxes_var{"folio.cluster", "mailboxes"}, serve_var{"folio.cluster", "-serve"};

void require_cluster() {
  if (!g_cluster.self)
    throw_error("java.lang.IllegalStateException",
                "not a cluster node (start folio with --join HOST:PORT)");
}

Value n_node_id(Value*, uint32_t) { return g_cluster.self ? Value::fixnum(g_cluster.self) : kNil; }

Value n_connected(Value*, uint32_t) {
  require_cluster();
  std::vector<uint16_t> ids = g_cluster.connected();
  std::vector<Value> vs;
  for (uint16_t id : ids) vs.push_back(Value::fixnum(id));
  return vector_from(vs.data(), vs.size());
}

const NativeDef kClusterNatives[] = {
    {"folio.cluster", "-node-id", n_node_id, 0, 0, true},
    {"folio.cluster", "-connected", n_connected, 0, 0, false},
};

bool serving = false;

}  // namespace

void register_cluster_natives() { register_natives(kClusterNatives, sizeof kClusterNatives / sizeof kClusterNatives[0]); }

void serve_cluster_requests() {
  // Not inside a transaction: a request's ref reads and writes would join it
  // (and be dropped with it on a retry).
  if (!g_cluster.self || serving || in_transaction()) return;
  // Cheap when there is nothing: one map lookup in the mailbox atom.
  Value box = mailboxes_var.get();
  if (box.is_nil()) return;
  Value atom = var_root(box);
  if (!is(atom, Type::kAtom)) return;
  if (get(g_heap->load(obj(atom), 0), Value::fixnum(g_cluster.self), kNil).is_nil()) return;
  Value serve = serve_var.get();
  if (serve.is_nil() || var_root(serve) == kUnbound) return;
  serving = true;
  try {
    call_fn(var_root(serve));
  } catch (...) {
    serving = false;
    throw;
  }
  serving = false;
}

}  // namespace folio
