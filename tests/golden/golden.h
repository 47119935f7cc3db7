// golden.h - the content of the golden files under tests/golden/: a small
// heap image (heap/) and one encoded frame per Frame union member (wire/).
//
// The same functions make the files (golden_gen, run deliberately through
// `ninja -C build regen-golden`) and the bytes the unit tests compare them
// with (tests/unit/golden_test.cpp), so "this build writes what the files
// hold" is one comparison. The tests check what they read against literals of
// their own, not against these builders.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "vm/fn.h"

namespace folio::golden {

// A Proto of hand-written bytecode (line i+1 for instruction i), as the
// golden heap and tests/unit/opcode_test.cpp assemble them.
Value assemble(const std::vector<Instr>& code, const std::vector<Value>& consts, ProtoInfo info, const char* name,
               const char* file);

// Heap root slot that holds the manifest: a vector of the golden values, in
// the order of Entry. Slots 0..11 are the VM's (vm/object.h RootSlot).
constexpr int kManifestRoot = 63;

enum Entry : int {
  kString,      // "golden heap: héllo, λ"
  kKeyword,     // :golden/answer
  kSymbol,      // golden/sym
  kSmallVector, // [1 -2 "golden heap: héllo, λ" :golden/answer nil true \λ]
  kBigVector,   // (vec (range 40)): a trie node and a tail
  kArrayMap,    // {:a 1, :b [1 2 3], "s" 2.5}
  kHashMap,     // {:k0 0, :k1 1, ... :k11 121} (i*i): past 8 entries, a HAMT
  kHashSet,     // #{1 2 3 :x}
  kBoxedLong,   // 4611686018427387904 (2^62: outside the 61-bit fixnums)
  kDouble,      // -0.125
  kAnswerDef,   // FnDef golden/answer: [x] (if (< x 10) (+ x c) (* x 2)), c captured
  kAnswer,      // Closure of kAnswerDef over c = 42
  kMakeAdder,   // Closure golden/make-adder: [n] (fn [x] ...kAnswerDef closed over n)
  kAtom,        // (atom {:a 1, :b [1 2 3], "s" 2.5})
  kAnswerVar,   // #'golden/answer, root kAnswer
  kStateVar,    // #'golden/state, root kAtom
  kNamespace,   // golden
  kEntries
};
extern const char* const kEntryNames[kEntries];

// Replaces this process's heap (init_heap) with a fresh one holding only the
// golden values: no natives, no clojure.core, nothing the compiler made.
void build_heap();
// Heap::image() of the current heap.
std::vector<char> heap_image();
// Markdown description of `image` (made by build_heap) with every offset:
// file layout, header fields, page table, manifest, every object.
std::string describe_heap(const std::vector<char>& image);
// Byte ranges of the image that the comparison skips (file offsets,
// [first, end)), with the reason: see describe_heap's "Excluded bytes".
struct Excluded {
  uint64_t first, end;
  const char* why;
};
std::vector<Excluded> excluded_ranges();

// (member name, frame bytes as encode_frame writes them), for every member
// of folio.capnp's Frame union, in the schema's order.
std::vector<std::pair<std::string, std::vector<uint8_t>>> wire_frames();

}  // namespace folio::golden
