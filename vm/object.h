// object.h - Folio's heap object types: type tags, slot layouts, basic constructors.
//
// Every Clojure value is a tagged word (heap/value.h). Anything that is not an
// immediate is a heap object: one header word, then slots. Objects hold no
// vtable and no address: behaviour is found through per-process tables indexed
// by the type tag (vm/types.h), and native fns by a stable id (vm/native.h).
// Slot layouts are listed here, one line per type, so that the heap format can
// be read in one place. Counts and other integers in slotted objects are stored
// as fixnums, so the collector (which traces every slot) never mistakes them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "heap/heap.h"
#include "heap/value.h"

namespace folio {

using heap::Obj;

enum class Type : uint8_t {
  kFree = 0,
  // numbers (RAW payloads)
  kLong,    // [int64]                  longs that do not fit a fixnum
  kDouble,  // [double]
  // text and names
  kString,   // RAW [byte length][hasheq][utf-8 bytes...]
  kSymbol,   // [ns String|nil, name String, hasheq fix, meta]
  kKeyword,  // [symbol, hasheq fix]               interned: identical iff equal
  // generic storage
  kArray,  // [slot...]                 mutable only while being built
  kBytes,  // RAW [byte length][bytes...]
  // seqs and collections
  kEmptyList,     // [meta]                           ()
  kList,          // [first, rest List|EmptyList, count fix, meta]
  kCons,          // [first, more seq|nil, meta]
  kLazySeq,       // [fn|nil, value, seq, meta]      realized when fn is nil
  kVector,        // [count fix, shift fix, root Array, tail Array, meta]
  kMapEntry,      // [key, val]
  kArrayMap,      // [meta, k0, v0, k1, v1, ...]
  kHashMap,       // [count fix, root node|nil, has-nil bool, nil-val, meta]
  kHamtBitmap,    // [bitmap fix, k0, v0, ...]       k = kNoKey: v is a child node
  kHamtArray,     // [count fix, child0 .. child31]
  kHamtCollision, // [hash fix, k0, v0, ...]
  kHashSet,       // [map, meta]
  kVectorSeq,     // [vector, index fix, meta]
  kArraySeq,      // [array, index fix, meta]      over an Array's slots
  kStringSeq,     // [string, byte index fix, meta]
  kRange,         // [start, end, step, meta]      longs; end nil = infinite
  // code
  kProto,    // [code Bytes, consts Array, info fix, lines Bytes, name String, file String]
  kFnDef,    // [name String|nil, ncaptured fix, variadic Proto|nil, fixed Proto...]
  kClosure,  // [fndef, meta, captured...]
  kNative,   // [id fix, name String, meta]
  // namespaces and reference cells (the only mutable objects)
  kVar,        // [ns, sym, root, meta, flags fix]
  kNamespace,  // [name Symbol, mappings HashMap, aliases HashMap, meta]
  kAtom,       // [value, validator, watches map, meta]
  kRef,        // [value, version fix, validator, watches, meta]
  kVolatile,   // [value]
  kDelay,      // [fn|nil, value, error]
  kPromise,    // [value, delivered bool]
  // errors, patterns, node-local handles
  kThrowable,  // [class String, message, data, cause, trace Vector|nil]
  kRegex,      // [pattern String]
  kNodeLocal,  // flag kNodeLocal: [kind fix, handle fix]  (stream, file, ...)
  // sorted collections (red-black trees, vm/treemap.cpp)
  kTreeMap,   // [count fix, root TreeNode|nil, comparator fn|nil (= compare), meta]
  kTreeNode,  // [key, val, left|nil, right|nil, color fix (0 black, 1 red)]
  kTreeSet,   // [TreeMap (each key mapped to itself), meta]
  kTreeSeq,   // [stack List of nodes, flags fix (1 ascending, 2 keys only), count fix|nil, meta, stop node|nil]
  kInst,      // [epoch millis fix]             #inst, java.util.Date
  kUuid,      // [text String]                  #uuid, java.util.UUID (lower-case text)
  kChunk,        // [array Array, off fix, end fix]   ArrayChunk: array slots [off, end)
  kChunkedCons,  // [chunk Chunk, more seq|nil, meta] ChunkedCons: the chunk's items, then more
  kTransient,    // [coll, live bool]               transient box (vm/transient.cpp)
  // the numeric tower (vm/numtower.h); appended so older type numbers stay put
  kBigInt,      // RAW [limbs << 2 | biginteger << 1 | negative][uint32 limbs, low first]
  kRatio,       // [numerator BigInt, denominator BigInt]   normalized, denominator > 1
  kBigDecimal,  // [unscaled BigInt, scale fix]
  // threads (vm/threads.h)
  kFuture,  // [fn, bindings, state fix, value, error]
  kAgent,   // node-local (its actions run in this process): [state, queue Vector, head fix, error, handler, mode, validator, watches, meta, running, sent, done]
  // deftype instances (vm/deftype.cpp); node-local when a field is mutable
  kDeftype,  // [type Symbol, basis Vector of field Symbols, field values...]
  // Java arrays (vm/jarray.h), node-local: object arrays [class String, elem...], primitive RAW [kind | length << 8][elements]
  kJavaArray,
  // classes as values (vm/classes.cpp): interned, identical iff same name
  kClass,  // [name Symbol]  java.lang.Long, user.Point
  kCount
};

// Fixed heap roots (heap::HeapHeader::roots); the collector traces them.
enum RootSlot : int {
  kRootKeywordTable = 0,  // Array: open-addressed keyword intern table
  kRootNamespaces,        // Array of Namespace, grown by copy
  kRootEmptyList,
  kRootEmptyVector,
  kRootEmptyArray,
  kRootEmptyMap,
  kRootEmptySet,
  kRootCoreNs,
  kRootUserNs,
  kRootImageReady,  // true once the built-in image finished loading
  kRootSymbolTable,  // Array: open-addressed symbol intern table
  kRootStmIntent,    // Array [ref value version ...] of the commit in progress (stm.cpp), or nil
  kRootClassTable,   // Array: open-addressed Class intern table
};

// Markers: immediates that are never Clojure values.
inline constexpr Value kUnbound = Value::marker(1);  // var root before def
inline constexpr Value kNoKey = Value::marker(2);    // HAMT slot holding a child node
inline constexpr Value kNotFound = Value::marker(3); // lookups' private default

// ---- the one heap of this process
extern heap::Heap* g_heap;
extern char* g_base;
// Bumped by init_heap: caches of heap values compare it (a new heap may sit at the old address).
extern uint64_t g_heap_generation;

inline Obj* obj(Value v) { return reinterpret_cast<Obj*>(g_base + v.offset()); }
inline Type type_of_obj(Value v) { return Type(obj(v)->h.type); }
inline bool is(Value v, Type t) { return v.is_ref() && obj(v)->h.type == uint8_t(t); }
inline Value slot(Value v, uint32_t i) { return obj(v)->slots()[i]; }
inline uint32_t nslots(Value v) { return obj(v)->h.nwords; }
// Store into an object that may already be visible: always through the barrier.
inline void set_slot(Value v, uint32_t i, Value x) { g_heap->write(obj(v), i, x); }

// Holds the heap lock (heap/shared_lock.h) for a scope: namespace tables, the
// intern tables and STM commits change under it.
class HeapLock {
 public:
  HeapLock() { g_heap->lock(); }
  ~HeapLock() { g_heap->unlock(); }
  HeapLock(const HeapLock&) = delete;
  HeapLock& operator=(const HeapLock&) = delete;
};

// Initialising stores into an object allocated by this thread a moment ago.
inline void init_slot(Value v, uint32_t i, Value x) { obj(v)->slots()[i] = x; }

Value alloc_slots(Type t, uint32_t n);  // slots start as nil
Value alloc_raw(Type t, uint64_t bytes);

// ---- numbers
inline bool is_long(Value v) { return v.is_fixnum() || is(v, Type::kLong); }
inline int64_t long_value(Value v) {
  return v.is_fixnum() ? v.fixnum_value() : *reinterpret_cast<int64_t*>(obj(v)->bytes());
}
Value make_long(int64_t i);
inline bool is_double(Value v) { return is(v, Type::kDouble); }
inline double double_value(Value v) { return *reinterpret_cast<double*>(obj(v)->bytes()); }
Value make_double(double d);

// ---- strings (UTF-8; hasheq is Clojure's, from Java's String.hashCode)
Value make_string(std::string_view s);
inline uint64_t string_size(Value s) { return obj(s)->slots()[0].w; }
inline std::string_view string_view(Value s) {
  return {reinterpret_cast<const char*>(obj(s)->bytes() + 16), string_size(s)};
}
inline int32_t string_hash(Value s) { return int32_t(obj(s)->slots()[1].w); }
int32_t java_string_hash(std::string_view utf8);

// ---- symbols and keywords (both interned: see object.cpp)
Value make_symbol(std::string_view ns, std::string_view name);  // ns "" = none
Value make_symbol(std::string_view qualified);                   // "a.b/c" or "c"
inline Value symbol_ns(Value s) { return slot(s, 0); }            // String or nil
inline Value symbol_name(Value s) { return slot(s, 1); }
std::string symbol_str(Value s);                                  // "ns/name"
Value keyword(std::string_view ns, std::string_view name);       // interned
Value keyword(std::string_view qualified);
Value find_keyword(std::string_view ns, std::string_view name);  // nil when never interned
inline Value keyword_sym(Value k) { return slot(k, 0); }
Value make_class(std::string_view name);  // the Class named "java.lang.Long": interned
inline Value class_sym(Value c) { return slot(c, 0); }

// ---- arrays and bytes
Value make_array(uint32_t n);  // slots nil
inline Value* array_data(Value a) { return obj(a)->slots(); }
Value make_bytes(const void* data, uint64_t n);
inline uint64_t bytes_size(Value b) { return obj(b)->slots()[0].w; }
inline uint8_t* bytes_data(Value b) { return obj(b)->bytes() + 8; }

// ---- lists
Value empty_list();
Value cons_list(Value first, Value rest_list);  // rest must be a List or EmptyList
Value list_from(const Value* xs, uint32_t n);

// ---- the heap itself: create this process's heap (fresh, or from an image)
// The process's heap: private memory, or the shared-memory segment `shared`
// (created from the image, or attached when it exists).
void init_heap(const void* image = nullptr, size_t image_size = 0, heap::ImageSource from = {},
               const std::string& shared = {});
// The process's heap is `h`, already holding clojure.core (a cluster snapshot).
void adopt_heap(std::unique_ptr<heap::Heap> h);

}  // namespace folio
