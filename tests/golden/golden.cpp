// golden.cpp - builds the golden heap and frames (see golden.h).
#include "tests/golden/golden.h"

#include <capnp/message.h>

#include <cinttypes>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <iterator>

#include "heap/heap.h"
#include "replication/frame.h"
#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/namespace.h"
#include "vm/object.h"

namespace folio::golden {

const char* const kEntryNames[kEntries] = {
    "string", "keyword", "symbol", "small vector", "big vector", "array map", "hash map", "hash set",
    "boxed long", "double", "FnDef golden/answer", "closure golden/answer", "closure golden/make-adder",
    "atom", "var #'golden/answer", "var #'golden/state", "namespace golden"};

namespace {

Value fx(int64_t i) { return Value::fixnum(i); }

Value make_def(const char* name, uint32_t ncaptured, Value proto) {
  Value d = alloc_slots(Type::kFnDef, kFnFixed0 + 1);
  init_slot(d, kFnName, make_string(name));
  init_slot(d, kFnNCaptured, fx(ncaptured));
  init_slot(d, kFnFixed0, proto);
  return d;
}

Value make_closure(Value def, Value captured) {
  Value c = alloc_slots(Type::kClosure, kClosureCaptured0 + 1);
  init_slot(c, kClosureDef, def);
  init_slot(c, kClosureCaptured0, captured);
  return c;
}

}  // namespace

Value assemble(const std::vector<Instr>& code, const std::vector<Value>& consts, ProtoInfo info, const char* name,
               const char* file) {
  std::vector<int32_t> lines(code.size());
  for (size_t i = 0; i < lines.size(); ++i) lines[i] = int32_t(i + 1);
  return make_proto(code.data(), code.size(), lines.data(), consts.data(), consts.size(), info, name, file);
}

void build_heap() {
  init_heap();
  Value ns = find_or_create_ns("golden");
  Value v[kEntries];
  v[kString] = make_string("golden heap: h\xc3\xa9llo, \xce\xbb");
  v[kKeyword] = keyword("golden", "answer");
  v[kSymbol] = make_symbol("golden", "sym");
  Value small[] = {fx(1), fx(-2), v[kString], v[kKeyword], kNil, kTrue, Value::character(0x3bb)};
  v[kSmallVector] = vector_from(small, std::size(small));
  Value forty[40];
  for (int i = 0; i < 40; ++i) forty[i] = fx(i);
  v[kBigVector] = vector_from(forty, 40);
  Value three[] = {fx(1), fx(2), fx(3)};
  Value kvs[] = {keyword("a"), fx(1), keyword("b"), vector_from(three, 3), make_string("s"), make_double(2.5)};
  v[kArrayMap] = map_from(kvs, 3);
  Value hm = empty_map();
  for (int i = 0; i < 12; ++i) hm = map_assoc(hm, keyword(std::string("k").append(std::to_string(i))), fx(i * i));
  v[kHashMap] = hm;
  Value elems[] = {fx(1), fx(2), fx(3), keyword("x")};
  v[kHashSet] = set_from(elems, std::size(elems));
  v[kBoxedLong] = make_long(int64_t(1) << 62);
  v[kDouble] = make_double(-0.125);
  // golden/answer [x] (if (< x 10) (+ x c) (* x 2)), c = U[0]:
  //   0 IFLTK 0 K0(10)  1 JMP +3  2 GETUPVAL 1 0  3 ADD 2 0 1  4 RETURN 2
  //   5 LOADI 1 2       6 MUL 2 0 1  7 RETURN 2
  Value answer_proto = assemble({make_abc(OP_IFLTK, 0, 0, 0), make_asbx(OP_JMP, 0, 3), make_abc(OP_GETUPVAL, 1, 0, 0),
                                   make_abc(OP_ADD, 2, 0, 1), make_abc(OP_RETURN, 2, 0, 0), make_asbx(OP_LOADI, 1, 2),
                                   make_abc(OP_MUL, 2, 0, 1), make_abc(OP_RETURN, 2, 0, 0)},
                                  {fx(10)}, ProtoInfo{1, false, 3}, "answer", "golden.clj");
  v[kAnswerDef] = make_def("golden/answer", 1, answer_proto);
  v[kAnswer] = make_closure(v[kAnswerDef], fx(42));
  // golden/make-adder [n] a closure of golden/answer over n:
  //   0 CLOSURE 1 K0  1 CAPTURE 0 0 (captures R0 = n)  2 RETURN 1
  Value maker_proto = assemble({make_abx(OP_CLOSURE, 1, 0), make_abc(OP_CAPTURE, 0, 0, 0), make_abc(OP_RETURN, 1, 0, 0)},
                                 {v[kAnswerDef]}, ProtoInfo{1, false, 2}, "make-adder", "golden.clj");
  Value maker_def = alloc_slots(Type::kFnDef, kFnFixed0 + 1);
  init_slot(maker_def, kFnName, make_string("golden/make-adder"));
  init_slot(maker_def, kFnNCaptured, fx(0));
  init_slot(maker_def, kFnFixed0, maker_proto);
  v[kMakeAdder] = alloc_slots(Type::kClosure, kClosureCaptured0);
  init_slot(v[kMakeAdder], kClosureDef, maker_def);
  v[kAtom] = alloc_slots(Type::kAtom, 4);  // [value, validator, watches, meta]
  init_slot(v[kAtom], 0, v[kArrayMap]);
  v[kAnswerVar] = intern_var(ns, make_symbol("answer"));
  var_set_root(v[kAnswerVar], v[kAnswer]);
  Value maker_var = intern_var(ns, make_symbol("make-adder"));
  var_set_root(maker_var, v[kMakeAdder]);
  v[kStateVar] = intern_var(ns, make_symbol("state"));
  var_set_root(v[kStateVar], v[kAtom]);
  v[kNamespace] = ns;
  g_heap->set_root(kManifestRoot, vector_from(v, kEntries));
}

std::vector<char> heap_image() { return g_heap->image(); }

// ---------------------------------------------------------------- the description

namespace {

// The image's parts (heap.cpp): [ImageHead, 4 KiB][header page][table prefix, padded to 4 KiB][data pages].
constexpr uint64_t kAlign = 4096;
struct Head {
  char magic[8];
  uint64_t used_pages, table_pages, table_bytes, image_id;
};
struct Layout {
  Head head;
  uint64_t at_header = kAlign, at_table = kAlign + heap::kPageSize, at_data, data_from;
  explicit Layout(const std::vector<char>& img) {
    std::memcpy(&head, img.data(), sizeof head);
    at_data = at_table + (head.table_bytes + kAlign - 1) / kAlign * kAlign;
    data_from = 1 + head.table_pages;
  }
  uint64_t file_offset(uint64_t heap_offset) const {
    uint64_t page = heap_offset / heap::kPageSize;
    if (page == 0) return at_header + heap_offset;
    if (page < data_from) return at_table + heap_offset - heap::kPageSize;
    return at_data + heap_offset - data_from * heap::kPageSize;
  }
};

const char* const kTypeNames[] = {
    "Free", "Long", "Double", "String", "Symbol", "Keyword", "Array", "Bytes", "EmptyList", "List", "Cons",
    "LazySeq", "Vector", "MapEntry", "ArrayMap", "HashMap", "HamtBitmap", "HamtArray", "HamtCollision",
    "HashSet", "VectorSeq", "ArraySeq", "StringSeq", "Range", "Proto", "FnDef", "Closure", "Native", "Var",
    "Namespace", "Atom", "Ref", "Volatile", "Delay", "Promise", "Throwable", "Regex", "NodeLocal", "TreeMap",
    "TreeNode", "TreeSet", "TreeSeq", "Inst", "Uuid", "Chunk", "ChunkedCons", "Transient", "BigInt", "Ratio",
    "BigDecimal", "Future", "Agent", "Deftype", "JavaArray", "Class"};
static_assert(std::size(kTypeNames) == size_t(Type::kCount), "a type was added to vm/object.h: name it here");

const char* const kPageKinds[] = {"unused", "meta", "free", "small", "large head", "large tail"};

std::string hex(uint64_t x) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%" PRIx64, x);
  return b;
}

std::string word(Value w) {
  if (w.is_fixnum()) return std::to_string(w.fixnum_value());
  if (w.is_ref()) return "@" + hex(w.offset());
  if (w.is_nil()) return "nil";
  if (w == kTrue) return "true";
  if (w == kFalse) return "false";
  if (w.is_char()) return "\\u" + hex(w.char_value()).substr(2);
  return "imm " + hex(w.w);
}

std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

std::string payload(const std::vector<char>& img, const Layout& l, uint64_t at) {
  heap::ObjHeader h;
  std::memcpy(&h, img.data() + l.file_offset(at), 8);
  const char* p = img.data() + l.file_offset(at) + 8;
  std::string out;
  if (h.flags & heap::kRaw) {
    if (h.type == uint8_t(Type::kString)) {
      uint64_t n;
      std::memcpy(&n, p, 8);
      int32_t hash;
      std::memcpy(&hash, p + 8, 4);
      return "length " + std::to_string(n) + ", hash " + std::to_string(hash) + ", \"" +
             escaped(std::string_view(p + 16, n)) + "\"";
    }
    if (h.type == uint8_t(Type::kBytes)) {
      uint64_t n;
      std::memcpy(&n, p, 8);
      out = "length " + std::to_string(n) + ":";
      for (uint64_t i = 0; i < n && i < 64; ++i) {
        char b[4];
        std::snprintf(b, sizeof b, " %02x", unsigned(uint8_t(p[8 + i])));
        out += b;
      }
      return out + (n > 64 ? " ..." : "");
    }
    if (h.type == uint8_t(Type::kDouble)) {
      double d;
      std::memcpy(&d, p, 8);
      return std::to_string(d);
    }
    if (h.type == uint8_t(Type::kLong)) {
      int64_t i;
      std::memcpy(&i, p, 8);
      return std::to_string(i);
    }
    return std::to_string(h.nwords) + " raw words";
  }
  for (uint32_t i = 0; i < h.nwords; ++i) {
    if (i == 12) return out + " ... (" + std::to_string(h.nwords) + " slots)";
    Value w;
    std::memcpy(&w.w, p + 8 * i, 8);
    out += (i ? ", " : "") + word(w);
  }
  return "[" + out + "]";
}

std::string disassemble(Value proto) {
  std::string out;
  for (uint32_t pc = 0; pc < proto_ninstr(proto); ++pc) {
    Instr i = proto_code(proto)[pc];
    Op op = op_of(i);
    char b[80];
    switch (kOpFormats[op]) {
      case OpFormat::ABC: std::snprintf(b, sizeof b, "%u %s %u %u %u", pc, kOpNames[op], arg_a(i), arg_b(i), arg_c(i)); break;
      case OpFormat::ABx: std::snprintf(b, sizeof b, "%u %s %u %u", pc, kOpNames[op], arg_a(i), arg_bx(i)); break;
      case OpFormat::AsBx: std::snprintf(b, sizeof b, "%u %s %u %+d", pc, kOpNames[op], arg_a(i), arg_sbx(i)); break;
    }
    out += std::string(pc ? "; " : "") + b;
  }
  return out;
}

}  // namespace

std::vector<Excluded> excluded_ranges() {
  return {{offsetof(Head, image_id), offsetof(Head, image_id) + 8,
           "ImageHead.image_id: a hash over every byte after the head, the lock below included"},
          {kAlign + offsetof(heap::HeapHeader, lock), kAlign + offsetof(heap::HeapHeader, lock) + heap::kSharedLockBytes,
           "HeapHeader.lock: a pthread mutex (glibc's bytes; a robust mutex keeps the last owner's robust-list "
           "links), not heap data"}};
}

std::string describe_heap(const std::vector<char>& img) {
  Layout l(img);
  const auto& hh = *reinterpret_cast<const heap::HeapHeader*>(img.data() + l.at_header);
  std::string o;
  o += "# Golden heap image\n\n";
  o += "Generated by `ninja -C build regen-golden` (tests/golden/gen.cpp, content in tests/golden/golden.cpp):\n"
       "do not edit. `heap.img` is `Heap::image()` of a fresh heap holding only the values below; "
       "tests/unit/golden_test.cpp loads it and checks them, and builds the same heap again and compares bytes.\n\n";
  o += "- heap format (heap/heap.h kFormatVersion): " + std::to_string(hh.format) + "\n";
  o += "- image size: " + std::to_string(img.size()) + " bytes; image id " + hex(l.head.image_id) + "\n";
  o += "- page size " + std::to_string(hh.page_size) + ", capacity " + std::to_string(hh.capacity_pages) +
       " pages, page table " + std::to_string(hh.table_pages) + " pages, used " + std::to_string(hh.used_pages) +
       " pages\n\n";
  o += "## File layout\n\n| file offset | bytes | part |\n|---|---|---|\n";
  o += "| 0 | 40 (padded to 4096) | ImageHead: magic \"FOLIOHP1\" @0, used_pages @8, table_pages @16, table_bytes @24, "
       "image_id @32 |\n";
  o += "| " + std::to_string(l.at_header) + " | 65536 | heap page 0: HeapHeader |\n";
  o += "| " + std::to_string(l.at_table) + " | " + std::to_string(l.head.table_bytes) +
       " (padded to 4 KiB) | page-table prefix: used_pages entries of 16 bytes (heap pages 1.." +
       std::to_string(l.head.table_pages) + " hold the whole table) |\n";
  o += "| " + std::to_string(l.at_data) + " | " + std::to_string(img.size() - l.at_data) + " | data pages " +
       std::to_string(l.data_from) + ".." + std::to_string(hh.used_pages - 1) +
       ": heap offset h is at file offset " + std::to_string(l.at_data) + " + h - " +
       std::to_string(l.data_from * heap::kPageSize) + " |\n\n";
  o += "## HeapHeader (file offset 4096 + field offset)\n\n| field | offset | value |\n|---|---|---|\n";
  auto field = [&](const char* name, size_t off, std::string value) {
    o += std::string("| ") + name + " | " + std::to_string(off) + " | " + value + " |\n";
  };
  field("magic", offsetof(heap::HeapHeader, magic), "\"" + std::string(hh.magic, 8) + "\"");
  field("format", offsetof(heap::HeapHeader, format), std::to_string(hh.format));
  field("page_size", offsetof(heap::HeapHeader, page_size), std::to_string(hh.page_size));
  field("capacity_pages", offsetof(heap::HeapHeader, capacity_pages), std::to_string(hh.capacity_pages));
  field("table_pages", offsetof(heap::HeapHeader, table_pages), std::to_string(hh.table_pages));
  field("used_pages", offsetof(heap::HeapHeader, used_pages), std::to_string(hh.used_pages));
  field("immortal_pages", offsetof(heap::HeapHeader, immortal_pages), std::to_string(hh.immortal_pages));
  field("reserved_bytes", offsetof(heap::HeapHeader, reserved_bytes), std::to_string(hh.reserved_bytes));
  field("image_id", offsetof(heap::HeapHeader, image_id), hex(hh.image_id));
  field("ready", offsetof(heap::HeapHeader, ready), std::to_string(hh.ready));
  for (int i = 0; i < heap::kNumRoots; ++i)
    if (!hh.roots[i].is_nil())
      field(("roots[" + std::to_string(i) + "]").c_str(), offsetof(heap::HeapHeader, roots) + 8 * size_t(i),
            word(hh.roots[i]) + (i == kManifestRoot ? " (the manifest)" : ""));
  o += "| roots[*] | " + std::to_string(offsetof(heap::HeapHeader, roots)) + " | 64 slots; the others nil |\n";
  field("lock", offsetof(heap::HeapHeader, lock), std::to_string(heap::kSharedLockBytes) + " bytes (excluded)");
  field("procs", offsetof(heap::HeapHeader, procs), "process table: zero in a private heap");
  field("gc_state .. gc_acks", offsetof(heap::HeapHeader, gc_state),
        "global collection: zero, threshold " + std::to_string(hh.global_threshold));
  o += "\n## Excluded bytes\n\nThe byte comparison skips these file ranges; everything else must be identical.\n\n"
       "| file offsets | why |\n|---|---|\n";
  for (const Excluded& e : excluded_ranges())
    o += "| [" + std::to_string(e.first) + ", " + std::to_string(e.end) + ") | " + e.why + " |\n";
  o += "\n## Page table (used entries; file offset " + std::to_string(l.at_table) + " + 16 × page)\n\n"
       "| page | kind | size class (words) | owner | version | run | free_cell |\n|---|---|---|---|---|---|---|\n";
  const auto* table = reinterpret_cast<const heap::PageEntry*>(img.data() + l.at_table);
  for (uint64_t p = 0; p < hh.used_pages; ++p) {
    const heap::PageEntry& e = table[p];
    if (p > 0 && p < l.data_from) continue;  // the table's own pages: all "meta"
    o += "| " + std::to_string(p) + (p == 0 ? " (and 1.." + std::to_string(l.data_from - 1) + ")" : "") + " | " +
         kPageKinds[int(e.kind)] + " | " +
         (e.kind == heap::PageKind::kSmall ? std::to_string(e.size_class) + " (" +
                                                 std::to_string(heap::class_words(e.size_class)) + ")"
                                           : "-") +
         " | " + std::to_string(e.owner) + " | " + std::to_string(e.version) + " | " + std::to_string(e.run) + " | " +
         std::to_string(e.free_cell) + " |\n";
  }
  // The manifest: decoded through this heap (build_heap made it).
  o += "\n## Manifest (roots[" + std::to_string(kManifestRoot) + "]: a Vector of these, in order)\n\n"
       "| # | value | heap offset | file offset | printed |\n|---|---|---|---|---|\n";
  Value manifest = g_heap->root(kManifestRoot);
  for (int i = 0; i < kEntries; ++i) {
    Value x = vector_nth(manifest, i);
    std::string printed = is(x, Type::kFnDef) ? "code: " + disassemble(slot(x, kFnFixed0))
                          : is(x, Type::kNamespace) ? "golden"
                          : is(x, Type::kClosure) ? "closure of " + std::string(string_view(slot(closure_def(x), kFnName)))
                          : is(x, Type::kAtom) ? "atom of " + pr_str(slot(x, 0))
                                                   : pr_str(x);
    o += "| " + std::to_string(i) + " | " + kEntryNames[i] + " | " + (x.is_ref() ? hex(x.offset()) : "-") + " | " +
         (x.is_ref() ? std::to_string(l.file_offset(x.offset())) : "-") + " | " + escaped(printed) + " |\n";
  }
  o += "\n## Objects (every allocated cell of every data page)\n\n"
       "Header word: `type:8 | gc:8 | flags:16 | nwords:32` (little-endian: type is the first byte). "
       "Slots: a fixnum as its value, a reference as @offset.\n\n"
       "| heap offset | file offset | type | flags | nwords | payload |\n|---|---|---|---|---|---|\n";
  for (uint64_t p = l.data_from; p < hh.used_pages; ++p) {
    const heap::PageEntry& e = table[p];
    auto cell = [&](uint64_t at) {
      heap::ObjHeader h;
      std::memcpy(&h, img.data() + l.file_offset(at), 8);
      if (h.type == heap::kFreeType) return;
      o += "| " + hex(at) + " | " + std::to_string(l.file_offset(at)) + " | " +
           (h.type < std::size(kTypeNames) ? kTypeNames[h.type] : std::to_string(h.type).c_str()) + " | " +
           std::to_string(h.flags) + " | " + std::to_string(h.nwords) + " | " + payload(img, l, at) + " |\n";
    };
    if (e.kind == heap::PageKind::kLargeHead) {
      cell(p * heap::kPageSize);
    } else if (e.kind == heap::PageKind::kSmall) {
      uint64_t cw = uint64_t(heap::class_words(e.size_class)) * 8;
      for (uint64_t at = p * heap::kPageSize; at + cw <= (p + 1) * heap::kPageSize; at += cw) cell(at);
    }
  }
  return o;
}

// ---------------------------------------------------------------- frames

namespace {

using FrameFn = void (*)(wire::Frame::Builder);

void bytes(capnp::Data::Builder d, uint8_t first, uint8_t step) {
  for (size_t i = 0; i < d.size(); ++i) d[i] = uint8_t(first + i * step);
}
void commit_id(wire::CommitId::Builder id) {
  id.setNode(3);
  id.setIncarnation(7);
  id.setSequence(9);
}
// One page of 64 KiB: 64 patterned bytes, then zeros; its 16-byte page-table entry.
void page(wire::Page::Builder p, uint64_t index) {
  p.setIndex(index);
  p.setVersion(5);
  bytes(p.initData(65536).slice(0, 64), 0x10, 3);
  heap::PageEntry e{heap::PageKind::kSmall, 4, 3, 5, 10, 0};
  auto d = p.initEntry(sizeof e);
  std::memcpy(d.begin(), &e, sizeof e);
}
void updates(capnp::List<wire::CellUpdate>::Builder us) {
  us[0].setOffset(0x470008);
  us[0].setExpected(0x11);
  us[0].setDesired(0x21);
  us[1].setOffset(0x470010);
  us[1].setExpected(0x2);
  us[1].setDesired(0x470041);
  us[2].setOffset(0x470018);
  us[2].setDesired(0x18);  // add the fixnum 3
  us[2].setOp(wire::CellOp::ADD_FIXNUM);
}

const std::pair<const char*, FrameFn> kFrames[] = {
    {"challenge", [](wire::Frame::Builder f) { bytes(f.initChallenge().initNonce(32), 0, 1); }},
    {"hello",
     [](wire::Frame::Builder f) {
       auto h = f.initHello();
       h.setProtocolVersion(wire::PROTOCOL_VERSION);
       h.setHeapFormat(2);
       h.setImageId(0x0123456789abcdefull);
       h.initSender().setNode(3);
       h.getSender().setIncarnation(7);
       h.setLastApplied(41);
       bytes(h.initAuthProof(32), 0xa0, 1);
     }},
    {"welcome",
     [](wire::Frame::Builder f) {
       auto w = f.initWelcome();
       w.setNode(3);
       w.setIncarnation(7);
       w.setLogPosition(42);
       w.setFullSnapshot(true);
       w.setGrantFirstPage(1024);
       w.setGrantPageCount(256);
       w.setLastSequence(9);
       auto results = w.initLastResults(2);
       results.set(0, 0x58);
       results.set(1, 0x60);
     }},
    {"snapshotPage", [](wire::Frame::Builder f) { page(f.initSnapshotPage(), 70); }},
    {"snapshotDone", [](wire::Frame::Builder f) { f.setSnapshotDone(42); }},
    {"commit",
     [](wire::Frame::Builder f) {
       auto c = f.initCommit();
       commit_id(c.initId());
       c.setReadPosition(41);
       page(c.initPages(1)[0], 71);
       updates(c.initUpdates(3));
     }},
    {"accept",
     [](wire::Frame::Builder f) {
       auto a = f.initAccept();
       commit_id(a.initId());
       a.setLogPosition(43);
     }},
    {"reject",
     [](wire::Frame::Builder f) {
       auto r = f.initReject();
       commit_id(r.initId());
       auto u = r.initFailed();
       u.setOffset(0x470008);
       u.setExpected(0x11);
       u.setDesired(0x21);
       r.setCurrent(0x31);
     }},
    {"entry",
     [](wire::Frame::Builder f) {
       auto e = f.initEntry();
       e.setLogPosition(43);
       commit_id(e.initId());
       page(e.initPages(1)[0], 71);
       updates(e.initUpdates(3));
     }},
    {"catchUp", [](wire::Frame::Builder f) { f.initCatchUp().setFromPosition(40); }},
    {"heartbeat",
     [](wire::Frame::Builder f) {
       auto h = f.initHeartbeat();
       h.setLogPosition(43);
       h.setTimeMs(1700000000000ull);
     }},
    {"goodbye", [](wire::Frame::Builder f) { f.setGoodbye("shutting down"); }},
    {"statusRequest", [](wire::Frame::Builder f) { f.setStatusRequest(); }},
    {"status",
     [](wire::Frame::Builder f) {
       auto s = f.initStatus();
       s.setLogPosition(43);
       s.setHeapPages(80);
       auto ns = s.initNodes(2);
       ns[0].setNode(3);
       ns[0].setIncarnation(7);
       ns[0].setApplied(43);
       ns[0].setConnected(true);
       ns[1].setNode(4);
       ns[1].setIncarnation(1);
       ns[1].setApplied(40);
       ns[1].setConnected(false);
       s.setRetiredNodes(2);
       s.setFreePages(126);
     }},
    {"grantRequest", [](wire::Frame::Builder f) { f.setGrantRequest(64); }},
    {"grant",
     [](wire::Frame::Builder f) {
       auto g = f.initGrant();
       g.setFirstPage(2048);
       g.setPageCount(512);
     }},
    {"leaving", [](wire::Frame::Builder f) { f.setLeaving(); }},
};

}  // namespace

std::vector<std::pair<std::string, std::vector<uint8_t>>> wire_frames() {
  std::vector<std::pair<std::string, std::vector<uint8_t>>> out;
  for (const auto& [name, fill] : kFrames) {
    capnp::MallocMessageBuilder m;
    auto f = m.initRoot<wire::Frame>();
    f.initSender().setNode(3);
    f.getSender().setIncarnation(7);
    fill(f);
    out.emplace_back(name, replication::encode_frame(m));
  }
  return out;
}

}  // namespace folio::golden
