// vector_of.h - vector-of: a PersistentVector whose header's owner flag bits
// (heap::kOwnerFlagShift) hold an element type, so that its class is
// clojure.core.Vec and conj and assoc cast what they add, as the JVM's Vec
// does. Everything else treats it as the vector it is.
#pragma once
#include "vm/object.h"

namespace folio {

// The element type's JVM letter (I J S B C Z F D) of a vector-of, 0 for any other vector.
inline char vector_of_kind(Value v) { return char(obj(v)->h.flags >> heap::kOwnerFlagShift); }
// A copy of vector v (its own header) marked with kind.
Value vector_of_mark(Value v, char kind);
// x cast as clojure.core's int, long, ... casts it for kind.
Value vector_of_cast(char kind, Value x);
// kind for :int, :long ... ; IllegalArgumentException "Unrecognized type :x" otherwise.
char vector_of_kind_for(Value type_keyword);

}  // namespace folio
