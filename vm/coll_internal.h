// coll_internal.h - helpers shared by the collection files (vector.cpp,
// hashmap.cpp, arraymap.cpp, set.cpp, seq.cpp, equality.cpp, printer.cpp).
// Not part of the VM-wide contract: include vm/collections.h instead.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "vm/collections.h"
#include "vm/runtime.h"

namespace folio::coll {

// ---- small object helpers
inline int64_t fix(Value v, uint32_t i) { return slot(v, i).fixnum_value(); }
inline Value fx(int64_t i) { return Value::fixnum(i); }

// A fresh object of the same type and size with every slot copied: the
// persistent "clone and set" step. The caller then init_slot()s its changes.
Value clone_obj(Value v);
// A fresh Array holding src[0..n) (n may exceed src's size: the rest is nil).
Value copy_array(Value src, uint32_t n);

// ---- hash map internals (hashmap.cpp), used by arraymap.cpp and set.cpp
Value hmap_empty(Value meta);
Value hmap_assoc(Value m, Value k, Value v);
Value hmap_dissoc(Value m, Value k);
// not_found when absent; *stored_key (if given) receives the key as stored.
Value hmap_get(Value m, Value k, Value not_found, Value* stored_key = nullptr);
int64_t hmap_count(Value m);
// Entries in iteration order (nil key first, then the trie): calls f(k, v).
void hmap_for_each(Value m, const std::function<void(Value, Value)>& f);
Value hmap_first_entry(Value m);  // first entry in iteration order, nil if empty
// The keys (or entries, as MapEntry) in iteration order, as an Array.
Value hmap_to_array(Value m, bool entries);

// ---- array map internals (arraymap.cpp)
Value amap_empty();  // the shared empty array map (root kRootEmptyMap)
Value amap_with_meta_empty(Value meta);
int64_t amap_index_of(Value m, Value k);  // slot index of the key, -1 if absent

// ---- sorted map internals (treemap.cpp), used by arraymap.cpp, set.cpp,
// seq.cpp, ops.cpp and treemap_natives.cpp. Lookups and updates call the
// map's comparator, which may be Clojure code.
Value tmap_empty(Value comparator, Value meta);
Value tmap_assoc(Value m, Value k, Value v);
Value tmap_dissoc(Value m, Value k);
Value tmap_get(Value m, Value k, Value not_found, Value* stored_key = nullptr);
inline int64_t tmap_count(Value m) { return slot(m, 0).fixnum_value(); }
void tmap_for_each(Value m, const std::function<void(Value, Value)>& f);  // in key order
int tmap_compare(Value m, Value a, Value b);  // with m's comparator
Value tmap_comparator(Value m);               // nil: compare
// The first node, in ascending or descending key order, whose key `fails`;
// fails must be false then true along that order. nil when none fails.
Value tmap_boundary(Value m, bool ascending, const std::function<bool(Value)>& fails);
Value tset_make(Value map, Value meta);  // a sorted set over a tree map
// Tree seqs (never empty: nil instead). keys: elements are the keys (sets),
// else MapEntries.
Value tree_seq(Value m, bool ascending, bool keys);
Value tree_seq_from(Value m, Value k, bool ascending, bool keys);  // Sorted.seqFrom
Value tree_seq_first(Value s);
Value tree_seq_next(Value s);
int64_t tree_seq_count(Value s);
Value tree_seq_node(Value s);               // the node s starts at
Value tree_seq_until(Value s, Value stop);  // s cut before node `stop` (nil if s starts there)

// ---- empties carrying metadata (the shared singletons when meta is nil)
Value vector_with_meta_empty(Value meta);
Value list_with_meta_empty(Value meta);
Value set_with_meta_empty(Value meta);

// ---- seqs (seq.cpp)
Value lazy_seq_realize(Value ls);  // the realized seq (nil when empty)
// Elements left in a List/Vector/Array seq or Range without walking; -1 for others.
int64_t counted_seq_size(Value s);
// Number of UTF-8 bytes of the code point starting with byte c.
inline int utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
// Decodes the code point at byte i of s (clamped to the string's end).
uint32_t utf8_decode(std::string_view s, size_t i, int* len);


// ---- errors
// An exception whose getMessage is null, as the JVM's IndexOutOfBoundsException().
[[noreturn]] void throw_no_message(const char* cls);
// ClassCastException with the JVM 17 message for casting v to class `to`.
[[noreturn]] void throw_cast(Value v, const char* to);
// "Long" for java.lang.Long: Class.getSimpleName, used in several messages.
std::string simple_name(Value v);

}  // namespace folio::coll
