// stm.cpp - refs and software transactional memory (dosync, alter, commute, ref-set, ensure).
//
// Optimistic and versioned. A Ref is [value, version, validator, watches, meta].
// A transaction remembers the version of every ref it reads (its first read
// fixes the value it sees), buffers its writes, and keeps commutes as fns to
// re-apply. Commit is the ONE place refs change: under the commit lock it checks
// that no ref it read or ensured has a newer version (else the whole transaction
// retries), re-applies commutes to the latest values, runs validators, then
// writes values and bumps versions. The commit lock is the heap lock, shared by
// every process of a shared heap. Before the writes the commit leaves an intent
// record (root kRootStmIntent) holding every ref's final value and version, so
// that when a process dies mid-commit the next owner of the lock rolls its
// writes forward (stm_roll_forward) and no transfer is ever half-applied.
// Readers take no lock: they read a ref's version before its value, and commit
// writes the value before the version, so a torn read can only fail validation.
// The cluster issue turns the same check into version preconditions in one log.
#include "vm/stm.h"

#include <vector>

#include "vm/collections.h"
#include "vm/native.h"
#include "vm/runtime.h"
#include "vm/threads.h"
#include "vm/vm.h"

namespace folio {
namespace {

enum RefSlot : uint32_t { kValue, kVersion, kValidator, kWatches, kMeta };
constexpr int kRetryLimit = 10000;

struct Entry {
  Value ref;
  Value value;        // what the transaction sees (and will write, when written)
  int64_t version;    // version at first read; -1 when never read
  bool written = false;
  bool ensured = false;
  std::vector<std::pair<Value, std::vector<Value>>> commutes;  // fn, args
};

// Refs and their values live only in this record while the transaction runs;
// the transaction native runs with collection off, so these need no rooting.
struct Transaction {
  std::vector<Entry> entries;
  Entry* find(Value ref) {
    for (auto& e : entries)
      if (e.ref == ref) return &e;
    return nullptr;
  }
};

thread_local Transaction* t_tx = nullptr;
uint64_t g_retries = 0;

int64_t version_of(Value ref) { return g_heap->load(obj(ref), kVersion).fixnum_value(); }

Transaction& running(const char* what) {
  if (!t_tx) throw_error("java.lang.IllegalStateException", "No transaction running");
  (void)what;
  return *t_tx;
}

Entry& entry_for(Transaction& tx, Value ref) {
  if (!is(ref, Type::kRef))
    throw_error("java.lang.ClassCastException", "class " + std::string(class_name(ref) ? class_name(ref) : "nil") +
                                                    " cannot be cast to class clojure.lang.Ref");
  if (Entry* e = tx.find(ref)) return *e;
  int64_t version = version_of(ref);  // before the value: see the header
  tx.entries.push_back(Entry{ref, g_heap->load(obj(ref), kValue), version, false, false, {}});
  return tx.entries.back();
}

void validate(Value ref, Value v) {
  Value vf = slot(ref, kValidator);
  if (!vf.is_nil() && !call_fn(vf, v).truthy())
    throw_error("java.lang.IllegalStateException", "Invalid reference state");
}

void notify_watches(Value ref, Value old_value, Value new_value) {
  Value watches = slot(ref, kWatches);
  if (watches.is_nil()) return;
  for (Value s = seq(watches); !s.is_nil(); s = next(s)) {
    Value e = first(s);
    Value args[4] = {nth(e, 0), ref, old_value, new_value};
    call_fn(nth(e, 1), args, 4);
  }
}

Value apply_commute(Value f, const std::vector<Value>& args, Value current) {
  std::vector<Value> xs{current};
  xs.insert(xs.end(), args.begin(), args.end());
  return call_fn(f, xs.data(), uint32_t(xs.size()));
}

// The commit: returns false when a ref read by the transaction changed meanwhile.
bool commit(Transaction& tx) {
  std::vector<std::pair<Value, Value>> notices;  // ref, old value
  {
    HeapLock lock;
    for (auto& e : tx.entries)
      if (e.version >= 0 && (e.written || e.ensured || e.commutes.empty()) && version_of(e.ref) != e.version)
        return false;
    std::vector<Value> finals;
    for (auto& e : tx.entries) {
      Value v = e.value;
      if (!e.commutes.empty() && !e.written) {
        v = slot(e.ref, kValue);  // commutes apply to the latest committed value
        for (auto& [f, args] : e.commutes) v = apply_commute(f, args, v);
      }
      finals.push_back(v);
    }
    for (size_t i = 0; i < tx.entries.size(); ++i) {
      Entry& e = tx.entries[i];
      if (e.written || !e.commutes.empty()) validate(e.ref, finals[i]);
    }
    std::vector<Value> intent;
    for (size_t i = 0; i < tx.entries.size(); ++i) {
      Entry& e = tx.entries[i];
      if (!e.written && e.commutes.empty()) continue;
      notices.push_back({e.ref, slot(e.ref, kValue)});
      intent.insert(intent.end(), {e.ref, finals[i], Value::fixnum(version_of(e.ref) + 1)});
    }
    if (g_heap->replicated()) {
      // A cluster node: the server checks every version this transaction
      // relied on and applies its writes as one commit, in its log's order.
      g_heap->begin_batch();
      for (auto& e : tx.entries)
        if (e.version >= 0 && !e.written && e.commutes.empty()) g_heap->check_word(obj(e.ref), kVersion);
      for (size_t i = 0; i < intent.size(); i += 3) {
        set_slot(intent[i], kValue, intent[i + 1]);
        set_slot(intent[i], kVersion, intent[i + 2]);
      }
      if (!g_heap->commit_batch()) return false;  // another node committed first: retry
    } else {
      Value record = make_array(uint32_t(intent.size()));
      for (size_t i = 0; i < intent.size(); ++i) init_slot(record, uint32_t(i), intent[i]);
      g_heap->set_root(kRootStmIntent, record);
      stm_roll_forward();
    }
  }
  for (auto& [ref, old_value] : notices) notify_watches(ref, old_value, slot(ref, kValue));
  return true;
}

// ---- natives

Value n_ref(Value* a, uint32_t n) {
  if (n % 2 == 0) throw_error("java.lang.IllegalArgumentException", "ref takes a value and key/value options");
  Value r = alloc_slots(Type::kRef, 5);
  init_slot(r, kValue, a[0]);
  init_slot(r, kVersion, Value::fixnum(0));
  for (uint32_t i = 1; i + 1 < n; i += 2) {
    Value k = a[i];
    if (k == keyword("validator")) init_slot(r, kValidator, a[i + 1]);
    else if (k == keyword("meta")) init_slot(r, kMeta, a[i + 1]);
  }
  validate(r, a[0]);
  return r;
}

Value n_run_in_transaction(Value* a, uint32_t) {
  Value f = a[0];
  if (t_tx) return call_fn(f);  // nested dosync joins the running transaction
  for (int attempt = 0; attempt < kRetryLimit; ++attempt) {
    Transaction tx;
    t_tx = &tx;
    hold_sends();  // agent sends wait for the commit (dropped on a retry or a throw)
    struct Clear {
      bool sent = false;
      ~Clear() {
        t_tx = nullptr;
        if (!sent) end_held_sends(false);
      }
    } clear;
    Value result = call_fn(f);
    t_tx = nullptr;
    if (commit(tx)) {
      clear.sent = true;
      end_held_sends(true);
      return result;
    }
    ++g_retries;
  }
  throw_error("java.lang.RuntimeException", "Transaction failed after reaching retry limit");
}

Value n_alter(Value* a, uint32_t n) {
  Entry& e = entry_for(running("alter"), a[0]);
  std::vector<Value> xs{e.value};
  xs.insert(xs.end(), a + 2, a + n);
  e.value = call_fn(a[1], xs.data(), uint32_t(xs.size()));
  e.written = true;
  return e.value;
}

Value n_commute(Value* a, uint32_t n) {
  Entry& e = entry_for(running("commute"), a[0]);
  std::vector<Value> args(a + 2, a + n);
  std::vector<Value> xs{e.value};
  xs.insert(xs.end(), args.begin(), args.end());
  e.value = call_fn(a[1], xs.data(), uint32_t(xs.size()));
  if (!e.written) e.commutes.push_back({a[1], args});
  return e.value;
}

Value n_ref_set(Value* a, uint32_t) {
  Entry& e = entry_for(running("ref-set"), a[0]);
  if (!e.commutes.empty() && !e.written)
    throw_error("java.lang.IllegalStateException", "Can't set after commute");
  e.value = a[1];
  e.written = true;
  return a[1];
}

Value n_ensure(Value* a, uint32_t) {
  Entry& e = entry_for(running("ensure"), a[0]);
  e.ensured = true;
  return e.value;
}

Value n_retries(Value*, uint32_t) { return make_long(int64_t(g_retries)); }

// (folio-in-transaction?): LockingTransaction/isRunning, for io!.
Value n_in_transaction(Value*, uint32_t) { return Value::boolean(t_tx != nullptr); }

const NativeDef kStmNatives[] = {
    {"clojure.core", "ref", n_ref, 1, -1, false},
    {"clojure.core", "folio-run-in-transaction", n_run_in_transaction, 1, 1, false},
    {"clojure.core", "alter", n_alter, 2, -1, false},
    {"clojure.core", "commute", n_commute, 2, -1, false},
    {"clojure.core", "ref-set", n_ref_set, 2, 2, false},
    {"clojure.core", "ensure", n_ensure, 1, 1, false},
    {"clojure.core", "folio-stm-retries", n_retries, 0, 0, true},
    {"clojure.core", "folio-in-transaction?", n_in_transaction, 0, 0, true},
};

}  // namespace

void register_stm_natives() { register_natives(kStmNatives, sizeof kStmNatives / sizeof kStmNatives[0]); }

Value ref_deref(Value ref) {
  if (t_tx) return entry_for(*t_tx, ref).value;
  return g_heap->load(obj(ref), kValue);
}

bool in_transaction() { return t_tx != nullptr; }

uint64_t stm_retries() { return g_retries; }

void stm_roll_forward() {
  Value record = g_heap->root(kRootStmIntent);
  if (record.is_nil()) return;
  for (uint32_t i = 0; i + 2 < nslots(record); i += 3) {  // idempotent: absolute values and versions
    Value ref = slot(record, i);
    set_slot(ref, kValue, slot(record, i + 1));
    set_slot(ref, kVersion, slot(record, i + 2));
  }
  g_heap->set_root(kRootStmIntent, kNil);
}

void stm_commit_from_outside(Value ref, Value v) {
  HeapLock lock;
  set_slot(ref, kValue, v);
  set_slot(ref, kVersion, Value::fixnum(version_of(ref) + 1));
}

}  // namespace folio
