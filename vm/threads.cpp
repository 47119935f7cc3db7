// threads.cpp - the interpreter lock, the VM registry, the worker pool, and
// clojure.core's futures, agents and monitors on top of them (threads.h).
//
//   clojure.core: future-call future? future-done? future-cancel
//     future-cancelled? agent send send-off await await-for agent-error
//     restart-agent set-error-handler! error-handler set-error-mode!
//     error-mode shutdown-agents release-pending-sends
//   folio: folio-monitor-enter folio-monitor-exit folio-available-processors
//
// The lock: one mutex-protected flag (`held`) with a condition variable for
// the threads that want it. A waiter that has waited 2 ms raises the heap's
// interrupt bit, which the running thread's next safepoint sees in the poll it
// already makes (Heap::gc_wanted), and yields: handing over costs nothing
// while one thread runs alone.
//
// The pool, as the JVM's agent send-off and future executor: a job (a Future,
// or an Agent whose queue is to be run) waits in `jobs`, and a worker is
// started when it would otherwise wait (want_worker). Workers idle forever
// (they do not keep the process alive: main's end waits only for jobs,
// threads_at_exit).
#include "vm/threads.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "vm/collections.h"
#include "vm/core_natives.h"
#include "vm/namespace.h"
#include "vm/native.h"
#include "vm/numbers.h"
#include "vm/stm.h"
#include "vm/vm.h"

namespace folio {
using natives::throw_arg;
using natives::throw_cast;
using natives::to_str;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct Gil {
  std::mutex m;
  std::condition_variable turn;    // threads waiting for the lock
  std::condition_variable change;  // wait_for_change
  std::condition_variable work;    // idle workers
  bool held = false;
  int waiting = 0;   // in take(), lock held by another
  int yielding = 0;  // in gil_yield(), letting the waiters go first
  uint64_t takes = 0;
  std::vector<VM*> vms;     // registered VMs (one per thread that runs Clojure)
  std::deque<Value> jobs;   // Futures and Agents waiting for a worker
  int idle = 0, busy = 0;   // workers waiting for a job / running one
  int workers = 0;          // worker threads alive
  int starting = 0;         // of which started, not yet looking for a job
  int blocked = 0;          // of which waiting (wait_for_change, GilRelease)
  bool shutdown = false;    // shutdown-agents: no new futures or actions
  std::atomic<heap::Heap*> interrupt_target{nullptr};  // nulled at exit
};

Gil& gil() {
  static Gil* g = new Gil;  // never destroyed: idle workers wait on it past exit()
  return *g;
}

thread_local bool t_held = false;
thread_local bool t_worker = false;
// Indices in VM::held_sends of the running agent actions' holders (a
// transaction's holder sits between them): release-pending-sends' target.
thread_local std::vector<size_t> t_action_holders;
thread_local Value t_running_future = kNil;  // rooted by run_future's Root

void take(std::unique_lock<std::mutex>& lk) {
  Gil& g = gil();
  if (g.held) {
    ++g.waiting;
    while (g.held) {
      if (g.turn.wait_for(lk, 2ms) == std::cv_status::timeout && g.held)
        if (heap::Heap* h = g.interrupt_target.load(std::memory_order_relaxed)) h->request_interrupt();
    }
    --g.waiting;
  }
  g.held = true;
  ++g.takes;
  t_held = true;
  if (g.yielding) g.turn.notify_all();
}

void give(std::unique_lock<std::mutex>&) {
  Gil& g = gil();
  g.held = false;
  t_held = false;
  if (g.waiting || g.yielding) g.turn.notify_all();
}

void start_worker();
// Whether to start a worker: a job waits that no idle or starting worker will
// take, and fewer than a soft cap of workers are runnable (they would only take
// turns). Blocked workers do not count, and every place a thread blocks asks
// again (and again while it waits), so jobs that wait on each other never
// deadlock: only `cap` workers that never block can hold up the queue.
bool want_worker(std::unique_lock<std::mutex>&) {
  Gil& g = gil();
  static const int cap = 2 * int(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN))) + 8;
  if (g.jobs.size() <= size_t(g.idle + g.starting)) return false;
  if (g.workers - g.idle - g.starting - g.blocked >= cap) return false;
  ++g.workers;
  ++g.starting;
  return true;
}

}  // namespace

void gil_acquire() {
  std::unique_lock lk(gil().m);
  take(lk);
}

void gil_release() {
  std::unique_lock lk(gil().m);
  give(lk);
}

bool gil_held() { return t_held; }

void gil_yield() {
  Gil& g = gil();
  if (!t_held) return;
  std::unique_lock lk(g.m);
  if (g.waiting == 0) return;
  uint64_t t = g.takes;
  ++g.yielding;
  give(lk);
  while (g.takes == t && g.waiting > 0) g.turn.wait(lk);
  --g.yielding;
  take(lk);
}

GilRelease::GilRelease() : held_(t_held) {
  if (!held_) return;
  bool spawn;
  {
    std::unique_lock lk(gil().m);
    give(lk);
    if (t_worker) ++gil().blocked;
    spawn = want_worker(lk);
  }
  if (spawn) start_worker();
}

GilRelease::~GilRelease() {
  if (!held_) return;
  std::unique_lock lk(gil().m);
  if (t_worker) --gil().blocked;
  take(lk);
}

void wait_for_change(Clock::time_point until) {
  Gil& g = gil();
  std::unique_lock lk(g.m);
  bool held = t_held;
  if (held) give(lk);
  if (t_worker) ++g.blocked;
  if (want_worker(lk)) {
    lk.unlock();
    start_worker();
    lk.lock();
  }
  g.change.wait_until(lk, until);
  if (t_worker) --g.blocked;
  if (held) take(lk);
}

void notify_change() {
  Gil& g = gil();
  std::lock_guard lk(g.m);
  g.change.notify_all();
}

std::atomic<bool> g_threads_started{false};

// ---------------------------------------------------------------- VMs

void register_vm(VM* vm) { gil().vms.push_back(vm); }

void unregister_vm(VM* vm) {
  auto& v = gil().vms;
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == vm) {
      v.erase(v.begin() + long(i));
      return;
    }
}

void mark_thread_roots(heap::Heap::Marker& m) {
  Gil& g = gil();
  for (VM* vm : g.vms) vm->mark_roots(m);
  for (Value j : g.jobs) m.mark(j);
}

bool all_threads_gc_safe() {
  for (VM* vm : gil().vms)
    if (vm->nogc) return false;
  return true;
}

// ---------------------------------------------------------------- the pool

namespace {

void run_future(Value fut);
void run_agent(Value a);

size_t worker_stack_size() {
  rlimit rl{};
  size_t size = 8u << 20;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) size = size_t(rl.rlim_cur);
  return std::clamp(size, size_t(2) << 20, size_t(256) << 20);
}

void* worker_main(void*) {
  Gil& g = gil();
  t_worker = true;
  VM vm;  // takes the lock (the thread's first VM), registers
  {
    std::lock_guard lk(g.m);
    --g.starting;
  }
  for (;;) {
    Value job;
    {
      std::unique_lock lk(g.m);
      while (g.jobs.empty() && !g.shutdown) {
        give(lk);
        ++g.idle;
        g.work.wait(lk);
        --g.idle;
        take(lk);
      }
      if (g.jobs.empty()) {
        --g.workers;
        break;
      }
      job = g.jobs.front();
      g.jobs.pop_front();
      ++g.busy;
    }
    try {
      if (is(job, Type::kFuture)) run_future(job);
      else run_agent(job);
    } catch (...) {
      // run_future and run_agent catch what Clojure code throws; nothing else
      // may end the worker.
    }
    vm.reset_after_error();
    t_action_holders.clear();
    {
      std::lock_guard lk(g.m);
      --g.busy;
    }
    notify_change();
  }
  return nullptr;  // ~VM unregisters and lets the lock go
}

void submit(Value job) {
  Gil& g = gil();
  bool spawn;
  {
    std::unique_lock lk(g.m);
    g.jobs.push_back(job);
    g_threads_started.store(true, std::memory_order_relaxed);
    spawn = want_worker(lk);
    g.work.notify_one();
  }
  if (spawn) start_worker();
}

void start_worker() {
  Gil& g = gil();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, worker_stack_size());
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t t;
  int r = pthread_create(&t, &attr, worker_main, nullptr);
  pthread_attr_destroy(&attr);
  if (r != 0) {
    // The job stays queued for the workers there are (or the next blocked thread).
    std::lock_guard lk(g.m);
    --g.workers;
    --g.starting;
    if (g.workers == 0 && t_held)
      throw_error("java.lang.OutOfMemoryError", "unable to create native thread");
  }
}

[[noreturn]] void throw_rejected() {
  throw_error("java.util.concurrent.RejectedExecutionException", "shutdown-agents was called");
}

Value as_throwable(const std::exception& e) {
  return make_throwable("java.lang.RuntimeException", make_string(e.what()), kNil, kNil);
}

// ---------------------------------------------------------------- futures

int64_t fut_state(Value f) { return slot(f, kFutState).fixnum_value(); }
void set_fut_state(Value f, int64_t s) { set_slot(f, kFutState, Value::fixnum(s)); }

Value need_future(Value f) {
  if (!is(f, Type::kFuture)) throw_cast(f, "java.util.concurrent.Future");
  return f;
}

void run_future(Value fut) {
  Root keep(fut);
  if (fut_state(fut) != kFutQueued) return;  // cancelled before it started
  set_fut_state(fut, kFutRunning);
  Value f = slot(fut, kFutFn), b = slot(fut, kFutBindings);
  t_running_future = fut;
  struct Clear {
    ~Clear() { t_running_future = kNil; }
  } clear;
  Value result = kNil, err = kNil;
  try {
    if (!b.is_nil()) VM::current().push_conveyed_bindings(b);
    result = call_fn(f);
  } catch (Thrown& t) {
    err = t.exc;
  } catch (std::exception& e) {
    err = as_throwable(e);
  }
  if (fut_state(fut) == kFutRunning) {
    if (err.is_nil()) {
      set_slot(fut, kFutValue, result);
      set_fut_state(fut, kFutDone);
    } else {
      std::string msg = to_str(err);
      Value ee = make_throwable("java.util.concurrent.ExecutionException", make_string(msg), kNil, err);
      set_slot(fut, kFutError, ee);
      set_fut_state(fut, kFutFailed);
    }
  }
  set_slot(fut, kFutFn, kNil);
  set_slot(fut, kFutBindings, kNil);
}

Value current_bindings() {
  Value b = VM::current().thread_bindings();
  return map_count(b) == 0 ? kNil : b;
}

Value n_future_call(Value* a, uint32_t) {
  if (gil().shutdown) throw_rejected();
  // Shareable (a def of a future in a shared heap is common): another process
  // sees its state change and may deref or cancel it; it runs here.
  Value fut = alloc_slots(Type::kFuture, kFutSlots);
  init_slot(fut, kFutFn, a[0]);
  init_slot(fut, kFutBindings, current_bindings());
  init_slot(fut, kFutState, Value::fixnum(kFutQueued));
  init_slot(fut, kFutValue, kNil);
  init_slot(fut, kFutError, kNil);
  submit(fut);
  return fut;
}

Value n_future_p(Value* a, uint32_t) { return Value::boolean(is(a[0], Type::kFuture)); }
Value n_future_done(Value* a, uint32_t) { return Value::boolean(future_done(need_future(a[0]))); }
Value n_future_cancelled(Value* a, uint32_t) {
  return Value::boolean(fut_state(need_future(a[0])) == kFutCancelled);
}

Value n_future_cancel(Value* a, uint32_t) {
  Value f = need_future(a[0]);
  int64_t s = fut_state(f);
  if (s != kFutQueued && s != kFutRunning) return kFalse;
  set_slot(f, kFutError, make_throwable("java.util.concurrent.CancellationException", kNil, kNil, kNil));
  set_fut_state(f, kFutCancelled);
  notify_change();
  return kTrue;
}

// ---------------------------------------------------------------- agents

Value agent_var() {
  static CachedCoreVar v{"*agent*"};
  return v.get();
}

Value need_agent(Value a) {
  if (!is(a, Type::kAgent)) throw_cast(a, "clojure.lang.Agent");
  return a;
}

int64_t fix(Value a, uint32_t s) { return slot(a, s).fixnum_value(); }

void check_not_failed(Value a) {
  Value e = slot(a, kAgentError);
  if (!e.is_nil())
    throw Thrown{make_throwable("java.lang.RuntimeException", make_string("Agent is failed, needs restart"), kNil, e)};
}

void call_handler(Value a, Value err) {
  Value h = slot(a, kAgentHandler);
  if (h.is_nil()) return;
  try {
    call_fn(h, a, err);
  } catch (Thrown&) {
    // the JVM ignores what an error handler throws
  }
}

void enqueue(Value a, Value action) {
  if (gil().shutdown) {
    Value e = make_throwable("java.util.concurrent.RejectedExecutionException",
                             make_string("shutdown-agents was called"), kNil, kNil);
    Root keep(e);
    call_handler(a, e);
    return;
  }
  set_slot(a, kAgentQueue, vector_conj(slot(a, kAgentQueue), action));
  set_slot(a, kAgentSent, Value::fixnum(fix(a, kAgentSent) + 1));
  if (!slot(a, kAgentRunning).truthy() && slot(a, kAgentError).is_nil()) {
    set_slot(a, kAgentRunning, kTrue);
    submit(a);
  }
}

// A send: held by the innermost transaction or agent action, else queued.
void dispatch(Value a, Value action) {
  auto& held = VM::current().held_sends;
  if (!held.empty()) {
    held.back() = vector_conj(vector_conj(held.back(), a), action);
    return;
  }
  enqueue(a, action);
}

// Sends the held pairs [agent action ...] on (to an outer holder, or queued).
int64_t dispatch_all(Value pairs) {
  Root keep(pairs);
  int64_t n = vector_count(pairs) / 2;
  for (int64_t i = 0; i < n; ++i) dispatch(vector_nth(pairs, 2 * i), vector_nth(pairs, 2 * i + 1));
  return n;
}

void run_action(Value a, Value action) {
  VM& vm = VM::current();
  Value f = vector_nth(action, 0), args = vector_nth(action, 1), b = vector_nth(action, 2);
  Root keep_a(a), keep_action(action);
  if (b.is_nil()) b = map_assoc(empty_map(), agent_var(), a);
  vm.push_conveyed_bindings(b);
  t_action_holders.push_back(vm.held_sends.size());
  vm.held_sends.push_back(empty_vector());
  Value err = kNil, old = slot(a, kAgentState), now = kNil;
  Root keep_err(err), keep_old(old), keep_now(now);
  try {
    std::vector<Value> argv{old};
    for (Value s = seq(args); !s.is_nil(); s = next(s)) argv.push_back(first(s));
    now = call_fn(f, argv.data(), uint32_t(argv.size()));
    natives::ref_validate(slot(a, kAgentValidator), now);
    set_slot(a, kAgentState, now);
    natives::ref_notify_watches(a, old, now);
  } catch (Thrown& t) {
    err = t.exc;
  } catch (std::exception& e) {
    err = as_throwable(e);
  }
  Value held = vm.held_sends.back();
  vm.held_sends.pop_back();
  t_action_holders.pop_back();
  if (err.is_nil()) {
    dispatch_all(held);
  } else {
    call_handler(a, err);
    if (slot(a, kAgentMode) != keyword("continue")) set_slot(a, kAgentError, err);
  }
  vm.pop_bindings();
}

void run_agent(Value a) {
  Root keep(a);
  while (slot(a, kAgentError).is_nil()) {
    Value q = slot(a, kAgentQueue);
    int64_t head = fix(a, kAgentHead);
    if (head >= vector_count(q)) {
      set_slot(a, kAgentQueue, empty_vector());
      set_slot(a, kAgentHead, Value::fixnum(0));
      break;
    }
    run_action(a, vector_nth(q, head));
    set_slot(a, kAgentHead, Value::fixnum(fix(a, kAgentHead) + 1));
    set_slot(a, kAgentDone, Value::fixnum(fix(a, kAgentDone) + 1));
    notify_change();
  }
  set_slot(a, kAgentRunning, kFalse);
  notify_change();
}

// (agent state & {:keys [meta validator error-handler error-mode]})
Value n_agent(Value* a, uint32_t n) {
  if (n % 2 == 0) throw_arg("No value supplied for key: " + to_str(a[n - 1]));
  Value ag = g_heap->ref(g_heap->alloc(uint8_t(Type::kAgent), kAgentSlots, heap::kNodeLocal));
  for (uint32_t s = 0; s < kAgentSlots; ++s) init_slot(ag, s, kNil);
  init_slot(ag, kAgentState, a[0]);
  init_slot(ag, kAgentQueue, empty_vector());
  init_slot(ag, kAgentHead, Value::fixnum(0));
  init_slot(ag, kAgentRunning, kFalse);
  init_slot(ag, kAgentSent, Value::fixnum(0));
  init_slot(ag, kAgentDone, Value::fixnum(0));
  Value meta = kNil, validator = kNil, handler = kNil, mode = kNil;
  for (uint32_t i = 1; i + 1 < n; i += 2) {
    if (a[i] == keyword("meta")) meta = a[i + 1];
    else if (a[i] == keyword("validator")) validator = a[i + 1];
    else if (a[i] == keyword("error-handler")) handler = a[i + 1];
    else if (a[i] == keyword("error-mode")) mode = a[i + 1];
  }
  if (!meta.is_nil()) {
    if (!is_map(meta)) throw_cast(meta, "clojure.lang.IPersistentMap");
    init_slot(ag, kAgentMeta, meta);
  }
  if (!validator.is_nil()) {
    natives::ref_validate(validator, a[0]);
    init_slot(ag, kAgentValidator, validator);
  }
  init_slot(ag, kAgentHandler, handler);
  init_slot(ag, kAgentMode, !mode.is_nil() ? mode : keyword(handler.is_nil() ? "fail" : "continue"));
  return ag;
}

// (send a f & args), (send-off a f & args): one pool serves both.
Value n_send(Value* a, uint32_t n) {
  Value ag = need_agent(a[0]);
  check_not_failed(ag);
  Value b = map_assoc(VM::current().thread_bindings(), agent_var(), ag);
  Value xs[3] = {a[1], n > 2 ? list_from(a + 2, n - 2) : kNil, b};
  dispatch(ag, vector_from(xs, 3));
  return ag;
}

// await / await-for: waits until the actions sent to each agent so far ran.
bool await_agents(Value* ags, uint32_t n, double timeout_ms) {
  if (!var_value(agent_var()).is_nil()) throw_error("java.lang.Exception", "Can't await in agent action");
  if (in_transaction()) throw_error("java.lang.IllegalStateException", "await in transaction");
  // As the JVM's await: each agent is sent an action that keeps its state
  // (so watches see it), and the wait is for that action.
  std::vector<int64_t> target(n);
  for (uint32_t i = 0; i < n; ++i) {
    need_agent(ags[i]);
    check_not_failed(ags[i]);
  }
  static CachedCoreVar identity{"identity"};
  for (uint32_t i = 0; i < n; ++i) {
    Value xs[3] = {var_root(identity.get()), kNil, kNil};
    enqueue(ags[i], vector_from(xs, 3));
    target[i] = fix(ags[i], kAgentSent);
  }
  std::vector<Value> keep(ags, ags + n);
  std::vector<std::unique_ptr<Root>> roots;
  for (auto& v : keep) roots.push_back(std::make_unique<Root>(v));
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double, std::milli>(timeout_ms < 0 ? 0 : timeout_ms));
  for (;;) {
    bool all = true;
    for (uint32_t i = 0; i < n && all; ++i) all = fix(keep[i], kAgentDone) >= target[i];
    if (all) return true;
    if (timeout_ms >= 0 && Clock::now() >= deadline) return false;
    auto until = Clock::now() + 10ms;
    wait_for_change(timeout_ms >= 0 ? std::min(until, deadline) : until);
    VM::current().safepoint();
  }
}

Value n_await(Value* a, uint32_t n) {
  await_agents(a, n, -1);
  return kNil;
}

Value n_await_for(Value* a, uint32_t n) {
  if (!is_number(a[0])) throw_cast(a[0], "java.lang.Number");
  return Value::boolean(await_agents(a + 1, n - 1, to_double(a[0])));
}

Value n_agent_error(Value* a, uint32_t) { return slot(need_agent(a[0]), kAgentError); }

// (restart-agent a new-state & {:keys [clear-actions]})
Value n_restart_agent(Value* a, uint32_t n) {
  Value ag = need_agent(a[0]);
  if (slot(ag, kAgentError).is_nil()) throw_error("java.lang.RuntimeException", "Agent does not need a restart");
  bool clear = false;
  for (uint32_t i = 2; i + 1 < n; i += 2)
    if (a[i] == keyword("clear-actions")) clear = a[i + 1].truthy();
  natives::ref_validate(slot(ag, kAgentValidator), a[1]);
  set_slot(ag, kAgentState, a[1]);
  if (clear) {
    int64_t left = vector_count(slot(ag, kAgentQueue)) - fix(ag, kAgentHead);
    set_slot(ag, kAgentQueue, empty_vector());
    set_slot(ag, kAgentHead, Value::fixnum(0));
    set_slot(ag, kAgentDone, Value::fixnum(fix(ag, kAgentDone) + left));
  }
  set_slot(ag, kAgentError, kNil);
  if (fix(ag, kAgentHead) < vector_count(slot(ag, kAgentQueue)) && !slot(ag, kAgentRunning).truthy()) {
    set_slot(ag, kAgentRunning, kTrue);
    submit(ag);
  }
  notify_change();
  return a[1];
}

Value n_set_error_handler(Value* a, uint32_t) {
  set_slot(need_agent(a[0]), kAgentHandler, a[1]);
  return kNil;
}
Value n_error_handler(Value* a, uint32_t) { return slot(need_agent(a[0]), kAgentHandler); }
Value n_set_error_mode(Value* a, uint32_t) {
  set_slot(need_agent(a[0]), kAgentMode, a[1]);
  return kNil;
}
Value n_error_mode(Value* a, uint32_t) { return slot(need_agent(a[0]), kAgentMode); }

Value n_shutdown_agents(Value*, uint32_t) {
  Gil& g = gil();
  std::lock_guard lk(g.m);
  g.shutdown = true;
  g.work.notify_all();  // idle workers end; busy ones end after the queue drains
  return kNil;
}

// Agent.releasePendingSends: the sends of the running action (not those of a
// transaction inside it), queued now; 0 outside an action.
Value n_release_pending_sends(Value*, uint32_t) {
  auto& held = VM::current().held_sends;
  if (t_action_holders.empty() || t_action_holders.back() >= held.size()) return Value::fixnum(0);
  Value& slot_ref = held[t_action_holders.back()];
  Value pairs = slot_ref;
  slot_ref = empty_vector();
  // dispatch_all would hold them again in this holder: queue them directly.
  Root keep(pairs);
  int64_t n = vector_count(pairs) / 2;
  for (int64_t i = 0; i < n; ++i) enqueue(vector_nth(pairs, 2 * i), vector_nth(pairs, 2 * i + 1));
  return Value::fixnum(n);
}

// ---------------------------------------------------------------- monitors

struct Monitor {
  std::thread::id owner;
  int64_t count = 0;
};
std::unordered_map<uint64_t, Monitor>& monitors() {
  static auto* m = new std::unordered_map<uint64_t, Monitor>;
  return *m;
}

Value n_monitor_enter(Value* a, uint32_t) {
  if (a[0].is_nil()) throw_error("java.lang.NullPointerException", "");
  monitor_enter(a[0]);
  return kNil;
}

Value n_monitor_exit(Value* a, uint32_t) {
  monitor_exit(a[0]);
  return kNil;
}

// (Object.): a fresh object with nothing but its identity (a lock, for locking).
Value n_new_object(Value*, uint32_t) {
  Value v = g_heap->ref(g_heap->alloc(uint8_t(Type::kNodeLocal), 2, heap::kNodeLocal));
  init_slot(v, 0, Value::fixnum(-1));  // no stream kind: class java.lang.Object
  init_slot(v, 1, Value::fixnum(0));
  return v;
}

Value n_available_processors(Value*, uint32_t) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return Value::fixnum(n > 0 ? n : 1);
}

const NativeDef kThreadNatives[] = {
    {"clojure.core", "future-call", n_future_call, 1, 1, true},
    {"clojure.core", "future?", n_future_p, 1, 1, true},
    {"clojure.core", "future-done?", n_future_done, 1, 1, true},
    {"clojure.core", "future-cancel", n_future_cancel, 1, 1, true},
    {"clojure.core", "future-cancelled?", n_future_cancelled, 1, 1, true},
    {"clojure.core", "agent", n_agent, 1, -1, false},
    {"clojure.core", "send", n_send, 2, -1, true},
    {"clojure.core", "send-off", n_send, 2, -1, true},
    {"clojure.core", "await", n_await, 0, -1, true},
    {"clojure.core", "await-for", n_await_for, 1, -1, true},
    {"clojure.core", "agent-error", n_agent_error, 1, 1, true},
    {"clojure.core", "restart-agent", n_restart_agent, 2, -1, false},
    {"clojure.core", "set-error-handler!", n_set_error_handler, 2, 2, true},
    {"clojure.core", "error-handler", n_error_handler, 1, 1, true},
    {"clojure.core", "set-error-mode!", n_set_error_mode, 2, 2, true},
    {"clojure.core", "error-mode", n_error_mode, 1, 1, true},
    {"clojure.core", "shutdown-agents", n_shutdown_agents, 0, 0, true},
    {"clojure.core", "release-pending-sends", n_release_pending_sends, 0, 0, true},
    {"clojure.core", "folio-monitor-enter", n_monitor_enter, 1, 1, true},
    {"clojure.core", "folio-monitor-exit", n_monitor_exit, 1, 1, true},
    {"clojure.core", "folio-new-object", n_new_object, 0, 0, true},
    {"clojure.core", "folio-available-processors", n_available_processors, 0, 0, true},
};

}  // namespace

void monitor_enter(Value x) {
  Root keep(x);
  auto me = std::this_thread::get_id();
  for (;;) {
    Monitor& mon = monitors()[x.w];
    if (mon.count == 0 || mon.owner == me) {
      mon.owner = me;
      ++mon.count;
      return;
    }
    wait_for_change(Clock::now() + 10ms);
    VM::current().safepoint();
  }
}

void monitor_exit(Value x) {
  auto it = monitors().find(x.w);
  if (it == monitors().end() || it->second.owner != std::this_thread::get_id())
    throw_error("java.lang.IllegalMonitorStateException", "");
  if (--it->second.count == 0) {
    monitors().erase(it);
    notify_change();
  }
}

RealizeGuard::RealizeGuard(Value x) : x_(x) {
  if (x.is_nil() || !threads_started()) return;
  monitor_enter(x);
  held_ = true;
  VM::current().roots.push_back(&x_);
}

RealizeGuard::~RealizeGuard() {
  if (!held_) return;
  VM::current().roots.pop_back();
  auto it = monitors().find(x_.w);
  if (it != monitors().end() && --it->second.count == 0) {
    monitors().erase(it);
    notify_change();
  }
}

bool future_done(Value f) { return fut_state(f) >= kFutDone; }

Value future_deref(Value f, double timeout_ms, Value otherwise) {
  Root keep_f(f), keep_otherwise(otherwise);
  auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double, std::milli>(timeout_ms < 0 ? 0 : timeout_ms));
  for (;;) {
    switch (fut_state(f)) {
      case kFutDone: return slot(f, kFutValue);
      case kFutFailed: case kFutCancelled: throw Thrown{slot(f, kFutError)};
      default: break;
    }
    if (timeout_ms >= 0 && Clock::now() >= deadline) return otherwise;
    auto until = Clock::now() + 10ms;
    wait_for_change(timeout_ms >= 0 ? std::min(until, deadline) : until);
    VM::current().safepoint();
  }
}

bool current_future_cancelled() {
  return !t_running_future.is_nil() && fut_state(t_running_future) == kFutCancelled;
}

void hold_sends() { VM::current().held_sends.push_back(empty_vector()); }

void end_held_sends(bool send) {
  auto& held = VM::current().held_sends;
  if (held.empty()) return;
  Value pairs = held.back();
  held.pop_back();
  if (send) dispatch_all(pairs);
}

void threads_at_exit() {
  Gil& g = gil();
  if (!threads_started()) return;
  for (;;) {
    {
      std::lock_guard lk(g.m);
      if (g.jobs.empty() && g.busy == 0) break;
    }
    wait_for_change(Clock::now() + 10ms);
    VM::current().safepoint();
  }
  std::lock_guard lk(g.m);
  g.shutdown = true;  // idle workers stay asleep: exit() ends them
  g.interrupt_target.store(nullptr);
}

// Under the mutex: a waiter raises the interrupt bit holding it (take()).
void threads_exiting() { set_interrupt_target(nullptr); }

void set_interrupt_target(heap::Heap* h) {
  std::lock_guard lk(gil().m);
  gil().interrupt_target.store(h);
}

void register_thread_natives() {
  register_natives(kThreadNatives, sizeof kThreadNatives / sizeof kThreadNatives[0]);
}

}  // namespace folio
