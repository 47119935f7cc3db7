// boot.cpp - process start-up: natives, special vars, per-process roots.
#include "vm/boot.h"

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/inst_uuid.h"
#include "vm/interop.h"
#include "vm/stm.h"
#include "vm/transient.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/vm.h"

namespace folio {

void register_disasm_natives();  // vm/disasm.cpp

namespace {

Value native_load_lib(Value* args, uint32_t) {
  load_lib(args[0]);
  return kNil;
}

const NativeDef kBootNatives[] = {
    {"clojure.core", "folio-load-lib", native_load_lib, 1, 1, false},
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
}

void boot_process_locals() {
  g_heap->set_roots([](heap::Heap::Marker& m) { VM::current().mark_roots(m); });
  init_io_vars();
}

void boot_fresh() {
  register_all_natives();
  init_heap();
  Value core = find_or_create_ns("clojure.core");
  g_heap->set_root(kRootCoreNs, core);
  g_heap->set_root(kRootUserNs, find_or_create_ns("user"));
  make_dynamic_var("*ns*", core);
  // Node-local vars: each process gives them its own root (boot_process_locals).
  make_dynamic_var("*out*", kNil, kVarNodeLocal);
  make_dynamic_var("*err*", kNil, kVarNodeLocal);
  make_dynamic_var("*in*", kNil, kVarNodeLocal);
  make_dynamic_var("*command-line-args*", kNil, kVarNodeLocal);
  make_dynamic_var("*file*", kNil);
  make_dynamic_var("*1", kNil);
  make_dynamic_var("*2", kNil);
  make_dynamic_var("*3", kNil);
  make_dynamic_var("*e", kNil);
  make_dynamic_var("*assert*", kTrue);
  make_dynamic_var("*print-length*", kNil);
  make_dynamic_var("*print-level*", kNil);
  make_dynamic_var("*flush-on-newline*", kTrue);
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

void boot_from_image(const void* image, size_t size, heap::ImageSource from) {
  register_all_natives();
  init_heap(image, size, from);
  boot_process_locals();
}

}  // namespace folio
