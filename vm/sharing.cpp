// sharing.cpp - the VM's side of shared heaps (issue 3).
//
// The heap refuses to publish a node-local object (a stream, a file) and asks
// the VM to say so in Clojure's terms; when a process died holding the heap
// lock, the heap asks the VM to repair what that process left half-done (only
// an STM commit can be: its intent record is rolled forward). And
// (folio.core/heap-stats) shows the collector's counters to programs and tests.
#include "vm/collections.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/stm.h"
#include "vm/verify.h"

namespace folio {
namespace {

std::string shorten(std::string s) {
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

std::string describe_holder(const heap::Obj* holder) {
  if (!holder) return "a heap root";
  Value h = g_heap->ref(holder);
  switch (type_of_obj(h)) {
    case Type::kVar: return "var " + pr_str(h);
    case Type::kAtom: return "atom " + shorten(pr_str(h));
    case Type::kRef: return "ref " + shorten(pr_str(h));
    case Type::kNamespace: return "namespace " + symbol_str(ns_name(h));
    default: break;
  }
  const char* cls = class_name(h);
  return std::string("a shared ") + (cls ? cls : "object");
}

Value n_heap_stats(Value*, uint32_t) {
  const heap::HeapStats& st = g_heap->stats();
  const heap::HeapHeader& hh = g_heap->header();
  auto fix = [](uint64_t n) { return Value::fixnum(int64_t(n)); };
  Value kvs[] = {
      keyword("collections"), fix(st.collections),
      keyword("live-words"), fix(st.live_words),
      keyword("pages-in-use"), fix(st.pages_in_use),
      keyword("allocated-words"), fix(st.allocated_words),
      keyword("shared"), Value::boolean(g_heap->shared()),
      keyword("process-slot"), g_heap->shared() ? fix(uint64_t(g_heap->process_slot())) : kNil,
      keyword("global-collections"), fix(std::atomic_ref<const uint64_t>(hh.global_collections).load()),
      keyword("used-pages"), fix(std::atomic_ref<const uint64_t>(hh.used_pages).load()),
  };
  return array_map_from(kvs, sizeof kvs / sizeof kvs[0] / 2);
}

const NativeDef kSharingNatives[] = {
    {"folio.core", "heap-stats", n_heap_stats, 0, 0, false},
};

}  // namespace

void register_sharing_natives() { register_natives(kSharingNatives, 1); }

// Bytecode that comes from another node is verified before anything can run
// it: a fn is data, and data from elsewhere is checked (vm/verify.h).
static void verify_arrived(const std::vector<uint64_t>& offsets) {
  for (uint64_t off : offsets) {
    Value v = Value::ref(off);
    if (!is(v, Type::kFnDef)) continue;
    std::string why;
    if (!verify_fn(v, &why)) throw std::runtime_error("refusing a fn from another node: " + why);
  }
}

void install_sharing_hooks() {
  g_heap->on_objects_arrived = verify_arrived;
  g_heap->on_not_shareable = [](const heap::Obj* holder, const heap::Obj* local) {
    throw_error("java.lang.IllegalArgumentException",
                "Can't share node-local value " + shorten(pr_str(g_heap->ref(local))) + " through " +
                    describe_holder(holder) + ": it belongs to this process only");
  };
  g_heap->on_lock_owner_died = [] { stm_roll_forward(); };
  g_heap->on_commit_refused = [](const heap::Obj* holder, const std::string& why) {
    throw_error("java.lang.IllegalStateException", "Cluster commit to " + describe_holder(holder) + " refused: " + why);
  };
}

}  // namespace folio
