// object.cpp - constructors for the basic object types and the keyword table.
#include "vm/object.h"

#include <cstring>
#include <memory>

#include "heap/backing_store.h"
#include "heap/shm_store.h"
#include "vm/murmur3.h"
#include "vm/utf8.h"
#include "vm/threads.h"

namespace folio {

heap::Heap* g_heap = nullptr;
char* g_base = nullptr;
uint64_t g_heap_generation = 0;

namespace {
constexpr uint64_t kHeapCapacity = uint64_t(16) << 30;  // address space, not memory
}

namespace {
std::unique_ptr<heap::Heap>& owned_heap() {
  static std::unique_ptr<heap::Heap> the_heap;
  return the_heap;
}
}  // namespace

void adopt_heap(std::unique_ptr<heap::Heap> h) {
  set_interrupt_target(nullptr);
  owned_heap() = std::move(h);
  g_heap = owned_heap().get();
  set_interrupt_target(g_heap);
  g_base = g_heap->base();
  ++g_heap_generation;
}

void init_heap(const void* image, size_t image_size, heap::ImageSource from, const std::string& shared) {
  set_interrupt_target(nullptr);  // waiting threads must not poke a heap being replaced
  owned_heap().reset();
  auto store = shared.empty() ? heap::anonymous_store(kHeapCapacity) : heap::shm_store(shared, kHeapCapacity);
  owned_heap() = std::make_unique<heap::Heap>(std::move(store), 0, image, image_size, from);
  g_heap = owned_heap().get();
  set_interrupt_target(g_heap);
  g_base = g_heap->base();
  ++g_heap_generation;
  if (!image) {
    g_heap->set_root(kRootKeywordTable, Value::nil());
    Value el = alloc_slots(Type::kEmptyList, 1);
    g_heap->set_root(kRootEmptyList, el);
    g_heap->set_root(kRootEmptyArray, alloc_slots(Type::kArray, 0));
  }
}

Value alloc_slots(Type t, uint32_t n) { return g_heap->ref(g_heap->alloc(uint8_t(t), n)); }

Value alloc_raw(Type t, uint64_t bytes) {
  return g_heap->ref(g_heap->alloc(uint8_t(t), (bytes + 7) / 8, heap::kRaw));
}

// ---------------------------------------------------------------- numbers

Value make_long(int64_t i) {
  if (Value::fits_fixnum(i)) return Value::fixnum(i);
  Value v = alloc_raw(Type::kLong, 8);
  std::memcpy(obj(v)->bytes(), &i, 8);
  return v;
}

Value make_double(double d) {
  Value v = alloc_raw(Type::kDouble, 8);
  std::memcpy(obj(v)->bytes(), &d, 8);
  return v;
}

// ---------------------------------------------------------------- strings

int32_t java_string_hash(std::string_view u) {
  uint32_t h = 0;
  for (size_t i = 0; i < u.size();) {
    uint32_t cp = next_code_point(u, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return int32_t(h);
}

Value make_string(std::string_view s) {
  Value v = alloc_raw(Type::kString, 16 + s.size());
  Obj* o = obj(v);
  o->slots()[0].w = s.size();
  o->slots()[1].w = uint32_t(murmur3::hash_int(java_string_hash(s)));
  std::memcpy(o->bytes() + 16, s.data(), s.size());
  return v;
}

// ---------------------------------------------------------------- symbols

// ---------------------------------------------------------------- intern tables
// Symbols, keywords and classes are interned in open-addressed Arrays in the heap:
//   [count fix, slot...]  each slot nil or an entry; capacity a power of two.
// Keyword equality is therefore an identity test in every process mapping the
// heap; a symbol without metadata is shared by every use of its name (a symbol
// with metadata is a copy, and symbol = stays by name).

namespace {

Value entry_symbol(Value e) { return is(e, Type::kKeyword) || is(e, Type::kClass) ? slot(e, 0) : e; }

bool names_match(Value sym, std::string_view ns, std::string_view name) {
  Value sns = symbol_ns(sym);
  if (ns.empty() != sns.is_nil()) return false;
  if (!ns.empty() && string_view(sns) != ns) return false;
  return string_view(symbol_name(sym)) == name;
}

Value table_grow(RootSlot root, Value old) {
  uint32_t oldcap = old.is_nil() ? 0 : nslots(old) - 1;
  uint32_t cap = oldcap ? oldcap * 2 : 1024;
  Value t = make_array(cap + 1);
  int64_t count = 0;
  for (uint32_t i = 1; i <= oldcap; ++i) {
    Value e = slot(old, i);
    if (e.is_nil()) continue;
    uint32_t h = uint32_t(slot(entry_symbol(e), 2).fixnum_value());
    uint32_t j = h & (cap - 1);
    while (!slot(t, j + 1).is_nil()) j = (j + 1) & (cap - 1);
    init_slot(t, j + 1, e);
    ++count;
  }
  init_slot(t, 0, Value::fixnum(count));
  g_heap->set_root(root, t);
  return t;
}

int32_t symbol_hash(std::string_view ns, std::string_view name) {
  return murmur3::hash_combine(murmur3::hash_utf8_as_utf16(name), ns.empty() ? 0 : java_string_hash(ns));
}

// The interned entry for ns/name in `root`'s table, made by `make` when absent.
// Lookups take no lock. Inserts and growth take the heap lock, and a table is
// never changed after it is replaced, so a lookup that raced a growth only
// misses, and then looks again under the lock.
// The entry for ns/name (hash h) in table t, or nil; j is where it is or goes.
Value table_find(Value t, int32_t h, std::string_view ns, std::string_view name, uint32_t& j) {
  uint32_t cap = nslots(t) - 1;
  j = uint32_t(h) & (cap - 1);
  for (;;) {
    Value e = slot(t, j + 1);
    if (e.is_nil()) return kNil;
    if (names_match(entry_symbol(e), ns, name)) return e;
    j = (j + 1) & (cap - 1);
  }
}

template <typename Make>
Value intern(RootSlot root, std::string_view ns, std::string_view name, Make make) {
  int32_t h = symbol_hash(ns, name);
  auto find = [&](Value t, uint32_t& j) { return table_find(t, h, ns, name, j); };
  uint32_t j;
  Value t = g_heap->root(root);
  if (!t.is_nil()) {
    Value e = find(t, j);
    if (!e.is_nil()) return e;
  }
  HeapLock lock;
  Value made = kNil;
  for (;;) {  // compare-and-sets: another cluster node may insert at the same time
    t = g_heap->root(root);
    if (t.is_nil()) t = table_grow(root, t);
    Value e = find(t, j);
    if (!e.is_nil()) return e;
    if (made.is_nil()) made = make(h);
    // The slot and the count together, on the condition that `t` is still the
    // table (a cluster node's view may be behind: another node may have grown it).
    // (Elsewhere the batch calls do nothing: the heap lock keeps inserts apart.)
    int64_t count = slot(t, 0).fixnum_value() + 1;
    g_heap->begin_batch();
    g_heap->check_root(root);
    set_slot(t, j + 1, made);
    set_slot(t, 0, Value::fixnum(count));
    if (!g_heap->commit_batch()) continue;
    if (uint64_t(count) * 2 > nslots(t) - 1) table_grow(root, t);
    return made;
  }
}

}  // namespace

Value make_symbol(std::string_view ns, std::string_view name) {
  return intern(kRootSymbolTable, ns, name, [&](int32_t h) {
    Value nsv = ns.empty() ? kNil : make_string(ns);
    Value namev = make_string(name);
    Value s = alloc_slots(Type::kSymbol, 4);
    init_slot(s, 0, nsv);
    init_slot(s, 1, namev);
    init_slot(s, 2, Value::fixnum(h));
    return s;
  });
}

Value make_symbol(std::string_view q) {
  size_t slash = q.find('/');
  if (slash == std::string_view::npos || slash == 0 || q.size() == 1) return make_symbol("", q);
  return make_symbol(q.substr(0, slash), q.substr(slash + 1));
}

std::string symbol_str(Value s) {
  std::string out;
  if (!symbol_ns(s).is_nil()) {
    out += string_view(symbol_ns(s));
    out += '/';
  }
  out += string_view(symbol_name(s));
  return out;
}

Value keyword(std::string_view ns, std::string_view name) {
  return intern(kRootKeywordTable, ns, name, [&](int32_t h) {
    Value sym = make_symbol(ns, name);
    Value k = alloc_slots(Type::kKeyword, 2);
    init_slot(k, 0, sym);
    init_slot(k, 1, Value::fixnum(int32_t(uint32_t(h) + 0x9e3779b9u)));
    return k;
  });
}

// A Class is interned as keywords are, so = on classes is identity in every
// process and node mapping the heap; it holds its name's symbol.
Value make_class(std::string_view name) {
  return intern(kRootClassTable, "", name, [&](int32_t) {
    Value sym = make_symbol("", name);
    Value c = alloc_slots(Type::kClass, 1);
    init_slot(c, 0, sym);
    return c;
  });
}

Value find_keyword(std::string_view ns, std::string_view name) {
  Value t = g_heap->root(kRootKeywordTable);
  uint32_t j;
  return t.is_nil() ? kNil : table_find(t, symbol_hash(ns, name), ns, name, j);
}

Value keyword(std::string_view q) {
  size_t slash = q.find('/');
  if (slash == std::string_view::npos || slash == 0 || q.size() == 1) return keyword("", q);
  return keyword(q.substr(0, slash), q.substr(slash + 1));
}

// ---------------------------------------------------------------- arrays, bytes, lists

Value make_array(uint32_t n) { return alloc_slots(Type::kArray, n); }

Value make_bytes(const void* data, uint64_t n) {
  Value b = alloc_raw(Type::kBytes, 8 + n);
  obj(b)->slots()[0].w = n;
  if (n) std::memcpy(obj(b)->bytes() + 8, data, n);
  return b;
}

Value empty_list() { return g_heap->root(kRootEmptyList); }

Value cons_list(Value first, Value rest) {
  int64_t n = is(rest, Type::kList) ? slot(rest, 2).fixnum_value() + 1 : 1;
  Value l = alloc_slots(Type::kList, 4);
  init_slot(l, 0, first);
  init_slot(l, 1, rest);
  init_slot(l, 2, Value::fixnum(n));
  return l;
}

Value list_from(const Value* xs, uint32_t n) {
  Value l = empty_list();
  for (uint32_t i = n; i-- > 0;) l = cons_list(xs[i], l);
  return l;
}

}  // namespace folio
