// Golden files (tests/golden/, docs/ARCHITECTURE.md "Golden files"): a
// different build proves that it reads and writes the same heap and frames.
//
// Heap: this build loads heap.img, which an earlier build wrote, finds every
// value in it and runs its fns; and building the same content now gives the
// same bytes (but for the ranges golden::excluded_ranges() names).
// Wire: this build encodes the same bytes for every Frame member, and decodes
// the golden bytes into the fixed field values, checked here one by one.
// When a format changes on purpose: ninja -C build regen-golden, and commit.
#include <doctest/doctest.h>

#include <capnp/schema.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "heap/heap.h"
#include "replication/frame.h"
#include "tests/golden/golden.h"
#include "vm/collections.h"
#include "vm/fn.h"
#include "vm/namespace.h"
#include "vm/verify.h"
#include "vm/vm.h"

using namespace folio;
namespace golden = folio::golden;

namespace {

const std::string kDir = FOLIO_GOLDEN_DIR;
const std::string kRegen = "if the change is on purpose, run `ninja -C build regen-golden` and commit tests/golden/";

std::vector<char> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path << ": " << kRegen);
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

uint32_t image_format(const std::vector<char>& img) {
  uint32_t f = 0;
  REQUIRE(img.size() > 4096 + 12);
  std::memcpy(&f, img.data() + 4096 + offsetof(heap::HeapHeader, format), 4);
  return f;
}

Value fx(int64_t i) { return Value::fixnum(i); }

const char* const kGoldenString = "golden heap: h\xc3\xa9llo, \xce\xbb";

}  // namespace

// ---------------------------------------------------------------- heap

TEST_CASE("golden heap: the files were made for this build's heap format") {
  std::vector<char> img = slurp(kDir + "/heap/heap.img");
  std::vector<char> v = slurp(kDir + "/heap/FORMAT_VERSION");
  unsigned recorded = unsigned(std::stoul(std::string(v.begin(), v.end())));
  CHECK_MESSAGE(recorded == heap::kFormatVersion,
                "heap/heap.h kFormatVersion is " << heap::kFormatVersion << " but tests/golden/heap was made for "
                                                 << recorded << ": " << kRegen);
  CHECK_MESSAGE(image_format(img) == heap::kFormatVersion, "heap.img holds format " << image_format(img) << ": " << kRegen);
  std::vector<char> md = slurp(kDir + "/heap/layout.md");
  CHECK(std::string(md.begin(), md.end()).find("kFormatVersion): " + std::to_string(heap::kFormatVersion) + "\n") !=
        std::string::npos);
}

TEST_CASE("golden heap: this build reads the image an earlier build wrote, and runs its fns") {
  std::vector<char> img = slurp(kDir + "/heap/heap.img");
  REQUIRE_MESSAGE(image_format(img) == heap::kFormatVersion, kRegen);
  init_heap(img.data(), img.size());
  VM vm;
  g_heap->set_roots([&vm](heap::Heap::Marker& m) { vm.mark_roots(m); });
  Value manifest = g_heap->root(golden::kManifestRoot);
  REQUIRE(is(manifest, Type::kVector));
  REQUIRE(vector_count(manifest) == golden::kEntries);
  auto e = [&](int i) { return vector_nth(manifest, i); };
  auto check_data = [&] {
    REQUIRE(is(e(golden::kString), Type::kString));
    CHECK(string_view(e(golden::kString)) == kGoldenString);
    CHECK(string_hash(e(golden::kString)) == hasheq(make_string(kGoldenString)));  // Murmur3 of String.hashCode
    // interned names: this build's intern tables find the image's objects
    CHECK(e(golden::kKeyword) == keyword("golden", "answer"));
    CHECK(e(golden::kSymbol) == make_symbol("golden", "sym"));
    CHECK(pr_str(e(golden::kSmallVector)) == std::string("[1 -2 \"") + kGoldenString + "\" :golden/answer nil true \\\xce\xbb]");
    std::string forty = "[";
    for (int i = 0; i < 40; ++i) forty.append(i ? " " : "").append(std::to_string(i));
    CHECK(pr_str(e(golden::kBigVector)) == forty + "]");
    CHECK(vector_nth(e(golden::kBigVector), 35) == fx(35));
    CHECK(pr_str(e(golden::kArrayMap)) == "{:a 1, :b [1 2 3], \"s\" 2.5}");
    Value hm = e(golden::kHashMap);
    REQUIRE(is(hm, Type::kHashMap));
    CHECK(map_count(hm) == 12);
    Value fresh = empty_map();
    for (int i = 0; i < 12; ++i) {
      CHECK(map_get(hm, keyword(std::string("k").append(std::to_string(i))), kNil) == fx(i * i));
      fresh = map_assoc(fresh, keyword(std::string("k").append(std::to_string(i))), fx(i * i));
    }
    CHECK(equiv(hm, fresh));
    CHECK(hasheq(hm) == hasheq(fresh));
    CHECK(pr_str(hm) == pr_str(fresh));  // the same HAMT order
    Value set = e(golden::kHashSet);
    CHECK(count(set) == 4);
    CHECK(set_contains(set, keyword("x")));
    CHECK(set_contains(set, fx(3)));
    CHECK(is(e(golden::kBoxedLong), Type::kLong));
    CHECK(long_value(e(golden::kBoxedLong)) == int64_t(1) << 62);
    CHECK(double_value(e(golden::kDouble)) == -0.125);
  };
  check_data();
  // fns: verified as foreign code, then run
  Value answer = e(golden::kAnswer);
  std::string why;
  CHECK_MESSAGE(verify_fn(answer, &why), why);
  CHECK_MESSAGE(verify_fn(e(golden::kMakeAdder), &why), why);
  CHECK(closure_def(answer) == e(golden::kAnswerDef));
  CHECK(string_view(slot(e(golden::kAnswerDef), kFnName)) == "golden/answer");
  auto call1 = [&](Value f, int64_t x) {
    Value a = fx(x);
    return vm.call(f, &a, 1);
  };
  CHECK(call1(answer, 1) == fx(43));    // (+ 1 42)
  CHECK(call1(answer, -5) == fx(37));
  CHECK(call1(answer, 10) == fx(20));   // (* 10 2)
  Value adder = call1(e(golden::kMakeAdder), 5);
  REQUIRE(is(adder, Type::kClosure));
  CHECK(closure_def(adder) == e(golden::kAnswerDef));
  CHECK(call1(adder, 1) == fx(6));
  // the atom, the vars, the namespace
  Value ns = find_ns(make_symbol("golden"));
  CHECK(ns == e(golden::kNamespace));
  CHECK(ns_find_mapping(ns, make_symbol("answer")) == e(golden::kAnswerVar));
  CHECK(var_root(e(golden::kAnswerVar)) == answer);
  CHECK(var_root(e(golden::kStateVar)) == e(golden::kAtom));
  CHECK(var_root(ns_find_mapping(ns, make_symbol("make-adder"))) == e(golden::kMakeAdder));
  CHECK(slot(e(golden::kAtom), 0) == e(golden::kArrayMap));
  CHECK(pr_str(e(golden::kAnswerVar)) == "#'golden/answer");
  // the image's pages are immortal: a collection here keeps all of it
  g_heap->collect();
  check_data();
  CHECK(call1(answer, 2) == fx(44));
}

TEST_CASE("golden heap: this build writes the same bytes") {
  std::vector<char> want = slurp(kDir + "/heap/heap.img");
  golden::build_heap();
  std::vector<char> got = golden::heap_image();
  REQUIRE_MESSAGE(got.size() == want.size(), "heap image is " << got.size() << " bytes, golden " << want.size()
                                                              << ": the heap layout changed; bump heap/heap.h "
                                                                 "kFormatVersion when images no longer load, and "
                                                              << kRegen);
  std::vector<golden::Excluded> skip = golden::excluded_ranges();
  auto excluded = [&](uint64_t at) {
    for (const auto& x : skip)
      if (at >= x.first && at < x.end) return true;
    return false;
  };
  std::ostringstream diffs;
  int ndiff = 0;
  for (uint64_t at = 0; at < got.size(); ++at) {
    if (got[at] == want[at] || excluded(at)) continue;
    if (++ndiff <= 8)
      diffs << "\n  file offset " << at << ": golden " << unsigned(uint8_t(want[at])) << ", now "
            << unsigned(uint8_t(got[at])) << " (see tests/golden/heap/layout.md for what lies there)";
  }
  CHECK_MESSAGE(ndiff == 0, ndiff << " bytes differ from tests/golden/heap/heap.img:" << diffs.str()
                                  << "\nthe heap layout changed: bump heap/heap.h kFormatVersion when images no "
                                     "longer load, and "
                                  << kRegen);
  // the excluded ranges are all there is to exclude: the rest is compared
  uint64_t skipped = 0;
  for (const auto& x : skip) skipped += x.end - x.first;
  CHECK(skipped == 8 + heap::kSharedLockBytes);
}

// ---------------------------------------------------------------- wire

namespace {

std::vector<std::string> union_members() {
  std::vector<std::string> names;
  for (auto f : capnp::Schema::from<wire::Frame>().getUnionFields()) names.push_back(f.getProto().getName());
  return names;
}

std::unique_ptr<replication::ReceivedFrame> decode(const std::vector<char>& bytes) {
  replication::FrameDecoder d;
  d.feed(bytes.data(), bytes.size());
  auto f = d.next();
  REQUIRE(f != nullptr);
  CHECK(d.buffered() == 0);
  return f;
}

void check_id(wire::CommitId::Reader id) {
  CHECK(id.getNode() == 3);
  CHECK(id.getIncarnation() == 7);
  CHECK(id.getSequence() == 9);
}
void check_pattern(capnp::Data::Reader d, size_t n, uint8_t first, uint8_t step) {
  REQUIRE(d.size() == n);
  for (size_t i = 0; i < n; ++i) CHECK(d[i] == uint8_t(first + i * step));
}
void check_page(wire::Page::Reader p, uint64_t index) {
  CHECK(p.getIndex() == index);
  CHECK(p.getVersion() == 5);
  auto d = p.getData();
  REQUIRE(d.size() == 65536);
  for (size_t i = 0; i < 64; ++i) CHECK(d[i] == uint8_t(0x10 + 3 * i));
  for (size_t i = 64; i < d.size(); ++i)
    if (d[i] != 0) FAIL("page data byte " << i << " is not zero");
  auto e = p.getEntry();
  REQUIRE(e.size() == sizeof(heap::PageEntry));
  const uint8_t want[16] = {3, 4, 3, 0, 5, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0};  // small, class 4, owner 3, version 5, run 10
  for (size_t i = 0; i < 16; ++i) CHECK(e[i] == want[i]);
}
void check_updates(capnp::List<wire::CellUpdate>::Reader us) {
  REQUIRE(us.size() == 3);
  CHECK(us[0].getOffset() == 0x470008);
  CHECK(us[0].getExpected() == 0x11);
  CHECK(us[0].getDesired() == 0x21);
  CHECK(us[1].getOffset() == 0x470010);
  CHECK(us[1].getExpected() == 0x2);
  CHECK(us[1].getDesired() == 0x470041);
  CHECK(us[0].getOp() == wire::CellOp::COMPARE_AND_SET);
  CHECK(us[1].getOp() == wire::CellOp::COMPARE_AND_SET);
  CHECK(us[2].getOffset() == 0x470018);
  CHECK(us[2].getDesired() == 0x18);
  CHECK(us[2].getOp() == wire::CellOp::ADD_FIXNUM);
}

}  // namespace

TEST_CASE("golden wire: every Frame member has a golden frame, and this build encodes the same bytes") {
  auto frames = golden::wire_frames();
  std::vector<std::string> names;
  for (const auto& [name, bytes] : frames) names.push_back(name);
  CHECK_MESSAGE(names == union_members(), "tests/golden/golden.cpp kFrames must list every member of "
                                          "replication/folio.capnp's Frame union, in order");
  for (const auto& [name, bytes] : frames) {
    std::vector<char> want = slurp(kDir + "/wire/" + name + ".bin");
    bool same = want.size() == bytes.size() && std::equal(want.begin(), want.end(), bytes.begin(),
                                                          [](char a, uint8_t b) { return uint8_t(a) == b; });
    CHECK_MESSAGE(same, "frame " << name << " encodes to " << bytes.size() << " bytes unlike tests/golden/wire/"
                                 << name << ".bin (" << want.size() << " bytes): the wire format changed "
                                 << "(replication/folio.capnp); " << kRegen);
  }
}

TEST_CASE("golden wire: decoding the golden frames gives back every field") {
  std::set<std::string> seen;
  for (const std::string& name : union_members()) {
    CAPTURE(name);
    auto r = decode(slurp(kDir + "/wire/" + name + ".bin"));
    auto f = r->frame();
    CHECK(f.getSender().getNode() == 3);
    CHECK(f.getSender().getIncarnation() == 7);
    switch (f.which()) {
      case wire::Frame::CHALLENGE:
        CHECK(name == "challenge");
        check_pattern(f.getChallenge().getNonce(), 32, 0, 1);
        break;
      case wire::Frame::HELLO: {
        CHECK(name == "hello");
        auto h = f.getHello();
        CHECK(h.getProtocolVersion() == 5);
        CHECK(h.getHeapFormat() == 2);
        CHECK(h.getImageId() == 0x0123456789abcdefull);
        CHECK(h.getSender().getNode() == 3);
        CHECK(h.getSender().getIncarnation() == 7);
        CHECK(h.getLastApplied() == 41);
        check_pattern(h.getAuthProof(), 32, 0xa0, 1);
        break;
      }
      case wire::Frame::WELCOME: {
        CHECK(name == "welcome");
        auto w = f.getWelcome();
        CHECK(w.getNode() == 3);
        CHECK(w.getIncarnation() == 7);
        CHECK(w.getLogPosition() == 42);
        CHECK(w.getFullSnapshot() == true);
        CHECK(w.getGrantFirstPage() == 1024);
        CHECK(w.getGrantPageCount() == 256);
        CHECK(w.getLastSequence() == 9);
        REQUIRE(w.getLastResults().size() == 2);
        CHECK(w.getLastResults()[0] == 0x58);
        CHECK(w.getLastResults()[1] == 0x60);
        break;
      }
      case wire::Frame::SNAPSHOT_PAGE:
        CHECK(name == "snapshotPage");
        check_page(f.getSnapshotPage(), 70);
        break;
      case wire::Frame::SNAPSHOT_DONE:
        CHECK(name == "snapshotDone");
        CHECK(f.getSnapshotDone() == 42);
        break;
      case wire::Frame::COMMIT: {
        CHECK(name == "commit");
        auto c = f.getCommit();
        check_id(c.getId());
        CHECK(c.getReadPosition() == 41);
        REQUIRE(c.getPages().size() == 1);
        check_page(c.getPages()[0], 71);
        check_updates(c.getUpdates());
        break;
      }
      case wire::Frame::ACCEPT:
        CHECK(name == "accept");
        check_id(f.getAccept().getId());
        CHECK(f.getAccept().getLogPosition() == 43);
        break;
      case wire::Frame::REJECT: {
        CHECK(name == "reject");
        auto r2 = f.getReject();
        check_id(r2.getId());
        CHECK(r2.getFailed().getOffset() == 0x470008);
        CHECK(r2.getFailed().getExpected() == 0x11);
        CHECK(r2.getFailed().getDesired() == 0x21);
        CHECK(r2.getCurrent() == 0x31);
        break;
      }
      case wire::Frame::ENTRY: {
        CHECK(name == "entry");
        auto en = f.getEntry();
        CHECK(en.getLogPosition() == 43);
        check_id(en.getId());
        REQUIRE(en.getPages().size() == 1);
        check_page(en.getPages()[0], 71);
        check_updates(en.getUpdates());
        break;
      }
      case wire::Frame::CATCH_UP:
        CHECK(name == "catchUp");
        CHECK(f.getCatchUp().getFromPosition() == 40);
        break;
      case wire::Frame::HEARTBEAT:
        CHECK(name == "heartbeat");
        CHECK(f.getHeartbeat().getLogPosition() == 43);
        CHECK(f.getHeartbeat().getTimeMs() == 1700000000000ull);
        break;
      case wire::Frame::GOODBYE:
        CHECK(name == "goodbye");
        CHECK(std::string(f.getGoodbye().cStr()) == "shutting down");
        break;
      case wire::Frame::STATUS_REQUEST:
        CHECK(name == "statusRequest");
        break;
      case wire::Frame::STATUS: {
        CHECK(name == "status");
        auto s = f.getStatus();
        CHECK(s.getLogPosition() == 43);
        CHECK(s.getHeapPages() == 80);
        REQUIRE(s.getNodes().size() == 2);
        CHECK(s.getNodes()[0].getNode() == 3);
        CHECK(s.getNodes()[0].getIncarnation() == 7);
        CHECK(s.getNodes()[0].getApplied() == 43);
        CHECK(s.getNodes()[0].getConnected() == true);
        CHECK(s.getNodes()[1].getNode() == 4);
        CHECK(s.getNodes()[1].getIncarnation() == 1);
        CHECK(s.getNodes()[1].getApplied() == 40);
        CHECK(s.getNodes()[1].getConnected() == false);
        CHECK(s.getRetiredNodes() == 2);
        CHECK(s.getFreePages() == 126);
        break;
      }
      case wire::Frame::GRANT_REQUEST:
        CHECK(name == "grantRequest");
        CHECK(f.getGrantRequest() == 64);
        break;
      case wire::Frame::GRANT:
        CHECK(name == "grant");
        CHECK(f.getGrant().getFirstPage() == 2048);
        CHECK(f.getGrant().getPageCount() == 512);
        break;
      case wire::Frame::LEAVING:
        CHECK(name == "leaving");
        break;
      default:
        FAIL("no field checks for Frame member " << name << ": add a case to tests/unit/golden_test.cpp");
    }
    seen.insert(name);
  }
  CHECK(seen.size() == union_members().size());
}
