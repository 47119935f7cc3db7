// collections.h - persistent collections, seqs, equality, hashing, metadata.
//
// Data structures follow Clojure's: PersistentList, PersistentVector (32-way
// trie with a tail), PersistentArrayMap (<= 8 entries, insertion order) that
// becomes a PersistentHashMap (HAMT: bitmap, array and collision nodes) past
// 8 entries, PersistentHashSet over a hash map, and lazy seqs. Hashes are
// Clojure's (murmur3.h), so iteration order matches JVM Clojure.
// Errors are thrown with throw_error (runtime.h) using Clojure's messages.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "vm/object.h"

namespace folio {

// ---- vectors
Value empty_vector();
Value vector_from(const Value* xs, uint64_t n);
int64_t vector_count(Value v);
Value vector_nth(Value v, int64_t i);  // throws IndexOutOfBoundsException
Value vector_conj(Value v, Value x);
Value vector_assoc(Value v, int64_t i, Value x);  // i == count appends
Value vector_pop(Value v);                         // IllegalStateException on empty

// ---- maps: array map up to 8 entries, hash map beyond (as Clojure)
Value empty_map();
Value map_from(const Value* kvs, uint64_t npairs);  // later keys win
Value map_assoc(Value m, Value k, Value v);
Value map_dissoc(Value m, Value k);
Value map_get(Value m, Value k, Value not_found);
bool map_contains(Value m, Value k);
int64_t map_count(Value m);
Value map_entry(Value k, Value v);
bool is_map(Value v);  // array map, hash map or sorted map

// ---- sets
Value empty_set();
Value set_from(const Value* xs, uint64_t n);
Value set_conj(Value s, Value x);
Value set_disj(Value s, Value x);
bool set_contains(Value s, Value x);

// ---- sorted collections (treemap.cpp): persistent red-black trees, as
// clojure.lang.PersistentTreeMap / PersistentTreeSet. The map_* and set_*
// functions above and the generic ops below accept them too.
Value sorted_map_empty(Value comparator);  // comparator: a fn, or nil for compare
Value sorted_set_empty(Value comparator);
bool is_sorted(Value v);  // sorted map or sorted set (clojure.core/sorted?)
bool is_set(Value v);     // hash set or sorted set
Value sorted_seq(Value coll, bool ascending);  // seq / rseq of a sorted coll; nil when empty
Value sorted_seq_from(Value coll, Value key, bool ascending);  // Sorted.seqFrom
// A Clojure fn used as a java.util.Comparator (AFunction.compare): a number
// result's intValue; for a boolean, true => -1, else (f y x) true => 1, else 0.
int fn_compare(Value f, Value x, Value y);
// Calls f(x) for each element of a hash or sorted set, in seq order.
void set_for_each(Value s, const std::function<void(Value)>& f);

// ---- seqs: nil for empty; IllegalArgumentException "Don't know how to create ISeq from: X"
Value seq(Value coll);
Value first(Value x);
Value next(Value x);
Value rest(Value x);  // never nil: () when exhausted
Value make_cons(Value x, Value seq);
Value make_lazy_seq(Value fn);  // fn: a 0-arg fn returning a seqable
Value make_range(int64_t start, int64_t end, int64_t step);  // end = INT64_MAX: infinite
// Chunked seqs (IChunkedSeq): finite ranges, vector seqs and ChunkedCons.
// chunk_first gives an ArrayChunk of up to 32 items, chunk_rest the seq after
// them (() when none), as Clojure's chunk-first / chunk-rest.
bool is_chunked_seq(Value s);
Value chunk_first(Value s);
Value chunk_rest(Value s);
Value make_chunk(Value array, int64_t off, int64_t end);  // ArrayChunk over array[off, end)
Value make_chunked_cons(Value chunk, Value more);          // chunk must be non-empty
bool is_seq(Value v);           // ISeq: list, cons, lazy seq, the *Seq types, range
bool is_sequential(Value v);    // vectors and seqs
bool is_coll(Value v);

// ---- generic collection ops (dispatch on the type tag)
int64_t count(Value x);  // nil 0; strings in characters; UnsupportedOperationException
Value conj(Value coll, Value x);  // nil coll -> list
Value nth(Value coll, int64_t i);
Value nth(Value coll, int64_t i, Value not_found);
Value get(Value coll, Value k, Value not_found);  // maps, sets, vectors, strings, nil
Value assoc(Value coll, Value k, Value v);       // maps, vectors, nil
Value dissoc(Value coll, Value k);
Value empty(Value coll);

// ---- equality, hashing, ordering (clojure.core/= hash compare)
bool equiv(Value a, Value b);
int32_t hasheq(Value x);
int compare(Value a, Value b);  // ClassCastException when not comparable

// ---- metadata (IObj)
Value meta(Value x);
// Copies; ClassCastException on non-IObj. A record stays a record unless told.
Value with_meta(Value x, Value m, bool keep_record = true);
// Records (stdlib/core_proto.clj: maps whose metadata says so; vm/record.cpp).
Value record_type(Value x);  // its type symbol (user.P), else nil
Value record_meta_for(Value x, Value m);  // with-meta keeps a record a record
Value record_dissoc(Value rec, Value result, Value k);  // dissoc of a field: a plain map
Value user_meta(Value x);  // clojure.core/meta: a record's without what makes it one

// ---- naming and printing
const char* class_name(Value v);  // "clojure.lang.PersistentVector", "java.lang.Long", ...
void print_value(std::string& out, Value v, bool readably);  // pr (true) / print (false)
std::string pr_str(Value v);
// print-method's (dup: print-dup's) default method for v: prints v as
// print_value does but without consulting a user's method for v itself (its
// items still are).
void print_default(std::string& out, Value v, bool readably, bool dup);
// v as the printer prints it, never asking print-method (str of a keyword).
void print_leaf(std::string& out, Value v, bool readably);
// While alive, print_value follows *print-length*, *print-level*, *print-meta*
// and *print-namespace-maps* as bound now; *print-readably* false clears *readably.
class PrintSettings {
 public:
  explicit PrintSettings(bool* readably);
  ~PrintSettings();
  PrintSettings(const PrintSettings&) = delete;
  PrintSettings& operator=(const PrintSettings&) = delete;
 private:
  void* saved_;
};
std::string print_str(Value v);

// Doubles print as Java's Double.toString does (1.0, 1.0E10, ##Inf).
void print_double(std::string& out, double d);

// ---- additions (collections engineer): used by the VM and core fns
Value hash_map_from(const Value* kvs, uint64_t npairs);   // clojure.core/hash-map: always a hash map
Value array_map_from(const Value* kvs, uint64_t npairs);  // clojure.core/array-map: any size
Value map_find(Value m, Value k);  // MapEntry with the stored key, or nil (clojure.core/find)
// Calls f(k, v) for every entry in iteration (= seq and print) order, without
// allocating. f may throw; the map is immutable, so nothing is left half-done.
void map_for_each(Value m, const std::function<void(Value, Value)>& f);
Value set_get(Value s, Value x, Value not_found);  // the element as stored
int64_t set_count(Value s);
Value vector_peek(Value v);                 // nil when empty
Value vector_array_for(Value v, int64_t i); // the 32-slot leaf Array (or tail) holding i: fast walks
Value vec(Value coll);                      // clojure.core/vec
// The JVM 17 ClassCastException message: "class A cannot be cast to class B (...)".
std::string class_cast_message(const char* from, const char* to);
// Java's Double.toString (Infinity, NaN, 1.0E10): what str gives; pr uses print_double.
void double_to_string(std::string& out, double d);

}  // namespace folio
