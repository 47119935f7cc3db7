// sharing.cpp - what the VM tells the heap for shared heaps (issue 3).
//
// The heap refuses to publish a node-local object (a stream, a file) and asks
// the VM to say so in Clojure's terms; when a process died holding the heap
// lock, the heap asks the VM to repair what that process left half-done (only
// an STM commit can be: its intent record is rolled forward).
#include "vm/collections.h"
#include "vm/namespace.h"
#include "vm/runtime.h"
#include "vm/stm.h"

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

}  // namespace

void install_sharing_hooks() {
  g_heap->on_not_shareable = [](const heap::Obj* holder, const heap::Obj* local) {
    throw_error("java.lang.IllegalArgumentException",
                "Can't share node-local value " + shorten(pr_str(g_heap->ref(local))) + " through " +
                    describe_holder(holder) + ": it belongs to this process only");
  };
  g_heap->on_lock_owner_died = [] { stm_roll_forward(); };
}

}  // namespace folio
