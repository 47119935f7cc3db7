// boot.cpp - process start-up: natives, special vars, per-process roots.
#include "vm/boot.h"

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/inst_uuid.h"
#include "vm/interop.h"
#include "vm/stm.h"
#include "vm/threads.h"
#include "vm/transient.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/vm.h"

namespace folio {

void register_disasm_natives();  // vm/disasm.cpp
void install_sharing_hooks();     // vm/sharing.cpp
void register_sharing_natives();  // vm/sharing.cpp
void register_cluster_natives();  // vm/cluster.cpp

namespace {

Value native_load_lib(Value* args, uint32_t) {
  load_lib(args[0]);
  return kNil;
}

// (folio-load-resource "a/b") loads a/b.clj from the source roots.
Value native_load_resource(Value* args, uint32_t) {
  if (!is(args[0], Type::kString)) throw_error("java.lang.ClassCastException", "load takes path strings");
  load_resource(std::string(string_view(args[0])));
  return kNil;
}

const NativeDef kBootNatives[] = {
    {"clojure.core", "folio-load-lib", native_load_lib, 1, 1, false},
    {"clojure.core", "folio-load-resource", native_load_resource, 1, 1, false},
};

Value make_dynamic_var(std::string_view name, Value root, int64_t extra_flags = 0) {
  Value v = core_var(name);
  set_slot(v, kVarFlags, Value::fixnum(var_flags(v) | kVarDynamic | extra_flags));
  var_set_root(v, root);
  return v;
}

}  // namespace

void register_all_natives() {
  static bool done = false;
  if (done) return;
  done = true;
  register_core_natives();
  register_natives(kBootNatives, sizeof kBootNatives / sizeof kBootNatives[0]);
  register_interop_natives();
  register_class_natives();
  register_stm_natives();
  register_inst_uuid_natives();
  register_disasm_natives();
  register_transient_natives();
  register_sharing_natives();
  register_cluster_natives();
  register_thread_natives();
}

// Node-local vars and the roots each process starts them with (a process that
// attaches to a shared heap gets its own, whatever the others did to theirs).
constexpr const char* kNodeLocalVars[] = {"*ns*", "*out*", "*err*", "*in*", "*command-line-args*",
                                          "*file*", "*1", "*2", "*3", "*e"};

void boot_process_locals() {
  install_sharing_hooks();
  clear_node_local_roots();
  g_heap->set_roots([](heap::Heap::Marker& m) {
    mark_thread_roots(m);
    mark_node_local_roots(m);
  });
  // A thread that waits for the heap lock lets the others run meanwhile.
  g_heap->on_lock_wait = [](bool before) {
    thread_local bool released = false;
    if (before) {
      released = gil_held();
      if (released) gil_release();
    } else if (released) {
      released = false;
      gil_acquire();
    }
  };
  for (const char* name : kNodeLocalVars) {
    Value var = core_var(name);
    int64_t flags = var_flags(var) | kVarNodeLocal | kVarDynamic;
    if (flags != var_flags(var)) set_slot(var, kVarFlags, Value::fixnum(flags));
    var_set_root(var, kNil);
  }
  Value user = g_heap->root(kRootUserNs);
  var_set_root(core_var("*ns*"), user.is_nil() ? core_ns() : user);
  var_set_root(core_var("*file*"), make_string("NO_SOURCE_PATH"));  // as clojure.main's
  init_io_vars();
}

void boot_fresh() {
  register_all_natives();
  init_heap();
  Value core = find_or_create_ns("clojure.core");
  g_heap->set_root(kRootCoreNs, core);
  g_heap->set_root(kRootUserNs, find_or_create_ns("user"));
  // Node-local vars (*ns* *out* ...) get their roots in boot_process_locals.
  make_dynamic_var("*assert*", kTrue);
  make_dynamic_var("*print-length*", kNil);
  make_dynamic_var("*print-level*", kNil);
  make_dynamic_var("*flush-on-newline*", kTrue);
  make_dynamic_var("*print-meta*", kFalse);
  make_dynamic_var("*print-readably*", kTrue);
  make_dynamic_var("*print-dup*", kFalse);
  // true once print-method / print-dup have a user's method (stdlib/core_io.clj)
  make_dynamic_var("folio-print-method-hook", kFalse);
  make_dynamic_var("folio-print-dup-hook", kFalse);
  make_dynamic_var("*print-namespace-maps*", kTrue);  // as clojure.main binds it
  make_dynamic_var("*read-eval*", kTrue);
  make_dynamic_var("*suppress-read*", kNil);
  make_dynamic_var("*reader-resolver*", kNil);
  make_dynamic_var("*agent*", kNil);
  const auto& table = native_table();
  for (size_t id = 0; id < table.size(); ++id) {
    const NativeDef& d = table[id];
    Value ns = find_or_create_ns(d.ns);
    Value var = intern_var(ns, make_symbol("", d.name));
    Value n = alloc_slots(Type::kNative, 3);
    init_slot(n, 0, Value::fixnum(int64_t(id)));
    init_slot(n, 1, make_string(d.name));
    var_set_root(var, n);
  }
  boot_process_locals();
}

void boot_with_heap(std::unique_ptr<heap::Heap> h) {
  register_all_natives();
  adopt_heap(std::move(h));
  boot_process_locals();
}

void boot_from_image(const void* image, size_t size, heap::ImageSource from, const std::string& shared) {
  register_all_natives();
  init_heap(image, size, from, shared);
  boot_process_locals();
}

}  // namespace folio
