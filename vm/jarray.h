// jarray.h - Java arrays (int-array, object-array, make-array ...): the one
// mutable collection a Clojure program can make.
//
// Type::kJavaArray, always flagged heap::kNodeLocal: an array is mutable and
// published objects are not (other processes and cluster nodes read shared
// pages without coherence), so storing one where another process could see
// it is the usual "Can't share node-local value" error. Two layouts:
//   object arrays  slotted [class String ("[Ljava.lang.String;", "[[I"), elem...]
//                  traced by the collector like any slotted object
//   primitive      RAW [kind | length << 8][elements packed, kind's width]
//                  never traced; kind is the JVM descriptor letter:
//                  Z boolean (1 byte)  B byte (1)  S short (2)  I int (4)
//                  J long (8)  C char (4: a code point)  F float and D double (8: a double)
// Every store goes through the heap's write barrier (set_slot, write_bytes).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "vm/object.h"

namespace folio {

inline bool is_jarray(Value v) { return is(v, Type::kJavaArray); }
// The JVM descriptor letter of a primitive array, 0 for an object array.
char jarray_kind(Value a);
int64_t jarray_length(Value a);
// "long" -> 'J', "int" -> 'I' ... (what Long/TYPE and friends evaluate to); 0 otherwise.
char primitive_kind(std::string_view type_name);

// A zeroed primitive array, or an object array of nils whose class is
// "[" + component descriptor ("Ljava.lang.Object;", "[I"). Negative n throws
// NegativeArraySizeException.
Value make_prim_array(char kind, int64_t n);
Value make_object_array(std::string_view class_name, int64_t n);
// The descriptor of an array whose elements are of class `component`:
// "long" -> "[J", "java.lang.String" -> "[Ljava.lang.String;", "[I" -> "[[I".
std::string array_class_for(std::string_view component);

// Element i as a Clojure value; ArrayIndexOutOfBoundsException outside.
Value jarray_get(Value a, int64_t i);
// Element i, no bounds check (0 <= i < length).
Value jarray_at(Value a, int64_t i);
// Stores x as Java's reflective Array.set would after Clojure's boxing of
// x: the value must fit the element type exactly (an int array takes a long
// within int range), else IllegalArgumentException naming `op`.
void jarray_set(Value a, int64_t i, Value x, const char* op);
// Stores an already converted primitive (Array.setLong and friends): `from`
// is the kind of x, widened to the array's kind as Java allows, else
// "argument type mismatch".
void jarray_set_widening(Value a, int64_t i, Value x, char from);
Value jarray_clone(Value a);
const char* jarray_class_name(Value a);  // "[J", "[Ljava.lang.Object;": interned per process

}  // namespace folio

namespace folio {
// An ArraySeq walks an internal Array or a Java array (seq.cpp, ops.cpp).
inline int64_t indexed_length(Value a) { return is(a, Type::kArray) ? int64_t(nslots(a)) : jarray_length(a); }
inline Value indexed_at(Value a, int64_t i) { return is(a, Type::kArray) ? slot(a, uint32_t(i)) : jarray_at(a, i); }
}  // namespace folio
