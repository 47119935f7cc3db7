// threads.h - Clojure on OS threads: the interpreter lock, the registry of
// VMs, the worker pool behind futures and agents, and monitors (locking).
//
// One VM per thread; a process-wide interpreter lock (the GIL) is held by the
// thread that runs bytecode or touches the heap. It is let go where a thread
// waits (deref, Thread/sleep, await, locking, reading stdin, the heap lock)
// and at the interpreter's safepoints when another thread asked for it, so
// the heap, its allocator and the collector stay single-threaded: a
// collection runs with the lock held, every other thread parked at one of
// those points, and marks every registered VM. See docs/ARCHITECTURE.md.
#pragma once
#include <atomic>
#include <chrono>

#include "heap/heap.h"
#include "vm/object.h"

namespace folio {

class VM;

// ---- the interpreter lock
void gil_acquire();
void gil_release();
bool gil_held();  // by the calling thread
// At a safepoint: lets the threads waiting for the lock run first, if any.
void gil_yield();
// A region that waits without touching the heap: the lock is let go (when the
// thread holds it) and taken back at the end.
class GilRelease {
 public:
  GilRelease();
  ~GilRelease();
  GilRelease(const GilRelease&) = delete;
  GilRelease& operator=(const GilRelease&) = delete;

 private:
  bool held_;
};
// Waits with the lock let go until notify_change() or `until`, whichever is
// first (callers loop on their condition; spurious returns happen).
void wait_for_change(std::chrono::steady_clock::time_point until);
// Something waited for happened: a future finished, a promise was delivered,
// a monitor was released, an agent ran an action.
void notify_change();
// True once a second thread ran Clojure code in this process.
extern std::atomic<bool> g_threads_started;
inline bool threads_started() { return g_threads_started.load(std::memory_order_relaxed); }

// ---- VMs: the collector's roots in every thread
void register_vm(VM* vm);
void unregister_vm(VM* vm);
void mark_thread_roots(heap::Heap::Marker& m);
bool all_threads_gc_safe();  // no thread is parked inside a gc-unsafe native

// The end of the program's main thread: waits for the futures and agent
// actions queued or running to finish (the JVM waits for its pool threads
// too), then stops the workers.
void threads_at_exit();
// System/exit: nothing may touch the heap once exit() starts destroying it.
void threads_exiting();
// The heap whose interrupt bit threads waiting for the lock raise (object.cpp,
// when the process's heap is made or replaced; nullptr while it changes).
void set_interrupt_target(heap::Heap* h);

// Agent sends made inside a transaction are held until it commits (stm.cpp).
void hold_sends();
void end_held_sends(bool dispatch);

// The monitor of x (locking): reentrant, waits with the lock let go.
void monitor_enter(Value x);
void monitor_exit(Value x);  // IllegalMonitorStateException when not the owner
// Holds x's monitor for a scope once threads run (nothing before): a lazy seq
// or delay is realized by one thread at a time, as Clojure synchronizes them.
class RealizeGuard {
 public:
  explicit RealizeGuard(Value x);
  ~RealizeGuard();
  RealizeGuard(const RealizeGuard&) = delete;
  RealizeGuard& operator=(const RealizeGuard&) = delete;

 private:
  Value x_;
  bool held_ = false;
};

// Thread/sleep and other waits inside a cancelled future: true when the
// running future was cancelled (they throw InterruptedException).
bool current_future_cancelled();

// The layouts (Type::kFuture, Type::kAgent).
enum : uint32_t { kFutFn = 0, kFutBindings, kFutState, kFutValue, kFutError, kFutSlots };
enum : int64_t { kFutQueued = 0, kFutRunning, kFutDone, kFutFailed, kFutCancelled };
enum : uint32_t {
  kAgentState = 0,
  kAgentQueue,    // vector of actions [f args bindings]; the next is at kAgentHead
  kAgentHead,
  kAgentError,
  kAgentHandler,
  kAgentMode,     // :continue or :fail
  kAgentValidator,
  kAgentWatches,
  kAgentMeta,
  kAgentRunning,  // true while a worker owns the queue
  kAgentSent,     // actions ever enqueued
  kAgentDone,     // actions ever finished (or cleared by restart-agent)
  kAgentSlots
};
Value future_deref(Value f, double timeout_ms, Value otherwise);
bool future_done(Value f);

void register_thread_natives();

}  // namespace folio
