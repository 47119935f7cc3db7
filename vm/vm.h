// vm.h - the interpreter's per-thread state and its entry points.
//
// One VM per thread (the first made on a thread is its VM: it takes the
// interpreter lock and joins the registry of vm/threads.h). Its register stack, frames, handlers and dynamic bindings
// are node-local (process memory, outside the heap): they are roots for the
// collector, never shared. Calls between Clojure fns do not recurse in C++;
// a native that calls back into Clojure starts a nested run of the loop.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/cluster.h"
#include "vm/fn.h"
#include "vm/runtime.h"

namespace folio {

struct Frame {
  Value closure;      // the running closure (also the GC's hold on its code)
  Value proto;        // the arity running
  const Instr* code;  // proto's instructions (heap memory; the heap never moves)
  const Value* k;     // proto's constants
  uint32_t pc;        // next instruction
  uint32_t base;      // R[0] is stack[base]; the fn value sits at stack[base-1]
  uint32_t top;       // base + registers in use: the GC scans the stack below it
  bool entry;         // returning from this frame ends the current run()
};

struct Handler {
  uint32_t frame;  // index of the frame that pushed it
  uint32_t pc;     // where to continue
  uint32_t reg;    // absolute stack index that receives the exception
};

class VM {
 public:
  VM();
  ~VM();
  static VM& current();

  Value call(Value f, const Value* args, uint32_t nargs);
  // Calls closure f's variadic arity with `n` fixed arguments and an already
  // made rest seq, which stays unrealized (apply over a lazy or infinite seq).
  Value call_with_rest(Value f, const Value* fixed, uint32_t n, Value rest);

  // Dynamic bindings (binding / push-thread-bindings): a stack of frames.
  void push_bindings(Value map);
  void pop_bindings();
  // Every var bound now, with its innermost value: {var value} (get-thread-bindings).
  Value thread_bindings() const;
  bool find_binding(Value var, Value** where);
  // Bindings conveyed from the thread that made a future or sent an agent
  // action (the frames pushed first on a worker): set! refuses them, as the
  // JVM refuses to set another thread's binding.
  void push_conveyed_bindings(Value map) {
    push_bindings(map);
    conveyed_end_ = bindings_.size();
  }
  bool is_conveyed(const Value* where) const { return where < bindings_.data() + conveyed_end_; }

  void mark_roots(heap::Heap::Marker& m);
  // Collects here if the heap wants it and no native frame holds unrooted
  // Values: for gc-safe natives that wait (sleep) or run long.
  void safepoint() {
    if (g_heap->poll_replica) {
      g_heap->poll_replica();
      serve_cluster_requests();  // what other nodes asked this one to run
    }
    if (g_heap->gc_wanted()) maybe_collect();
  }
  // The running frames, innermost first: an Array of proto, line fixnum, ...
  Value raw_trace() const;
  void reset_after_error();  // the REPL's recovery after an uncaught error

  int nogc = 0;                 // > 0: a native frame may hold unrooted Values
  std::vector<Value*> roots;    // Root guards
  // Agent sends held by the running agent actions and transactions, innermost
  // last: each a vector [agent action ...] (vm/threads.cpp).
  std::vector<Value> held_sends;
  uint64_t safepoint_polls = 0;

 private:
  friend Value run(VM& vm);
  Value* stack_;
  uint32_t stack_cap_;
  std::vector<Frame> frames_;
  std::vector<Handler> handlers_;
  std::vector<Value> bindings_;  // pairs var,value; frames split by kNil var markers
  std::vector<size_t> binding_frames_;
  size_t conveyed_end_ = 0;
  // While a native called through call() runs, its arguments sit above the
  // last frame: calls it makes start above them, and the collector scans them.
  uint32_t native_top_ = 0;

  // Prepares a call of stack[fslot] with nargs args after it; returns true when
  // a new Clojure frame was pushed, false when the result is already in stack[fslot].
  bool invoke(uint32_t fslot, uint32_t nargs, bool entry);
  void push_frame(Value closure, Value proto, uint32_t base, uint32_t nargs, bool entry,
                  bool rest_given = false);
  Value run_loop();
  bool handle(Value exc, size_t floor);
  void maybe_collect();
};

// Calls whatever R holds that is not a closure: natives, keywords, maps, sets, vectors, vars.
Value apply_non_closure(Value f, Value* args, uint32_t nargs);
// ArityException with Clojure's message.
[[noreturn]] void throw_arity(Value f, uint32_t nargs);
std::string fn_display_name(Value f);  // "user/f"

}  // namespace folio
