// make_frame_corpus.cpp - writes frame_fuzzer's seed corpus with the real
// encoder (encode_frame): one small frame of each kind, a commit split over
// several segments, and a stream of several frames.
//
//   build-fuzz/tests/fuzz/make_frame_corpus tests/fuzz/corpus/frame
#include <capnp/message.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "replication/frame.h"

using folio::replication::encode_frame;
namespace wire = folio::wire;

namespace {

using Fill = std::function<void(wire::Frame::Builder)>;

std::vector<uint8_t> frame_of(const Fill& fill, unsigned first_segment_words = capnp::SUGGESTED_FIRST_SEGMENT_WORDS) {
  // A small first segment (and fixed-size segments after it) makes a message of several segments.
  capnp::MallocMessageBuilder m(first_segment_words, capnp::AllocationStrategy::FIXED_SIZE);
  auto f = m.initRoot<wire::Frame>();
  f.initSender().setNode(2);
  f.getSender().setIncarnation(5);
  fill(f);
  return encode_frame(m);
}

void fill_data(capnp::Data::Builder d, unsigned seed) {
  for (size_t i = 0; i < d.size(); ++i) d[i] = uint8_t(i * 31 + seed);
}

void page(wire::Page::Builder p, uint64_t index) {
  p.setIndex(index);
  p.setVersion(3);
  fill_data(p.initData(64), unsigned(index));  // a real page is 64 KiB; the fuzzer needs no more than this
  fill_data(p.initEntry(16), 7);
}

void id(wire::CommitId::Builder c, uint64_t sequence) {
  c.setNode(2);
  c.setIncarnation(5);
  c.setSequence(sequence);
}

void update(wire::CellUpdate::Builder u, uint64_t offset) {
  u.setOffset(offset);
  u.setExpected(1);
  u.setDesired(0x20001);
}

void commit(wire::Commit::Builder c, unsigned pages) {
  id(c.initId(), 9);
  c.setReadPosition(41);
  auto ps = c.initPages(pages);
  for (unsigned i = 0; i < pages; ++i) page(ps[i], 100 + i);
  auto us = c.initUpdates(2);
  update(us[0], 0x10008);
  update(us[1], 0x10010);
}

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
  return std::fclose(out) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  std::vector<std::pair<std::string, std::vector<uint8_t>>> seeds = {
      {"challenge", frame_of([](auto f) { fill_data(f.initChallenge().initNonce(32), 1); })},
      {"hello", frame_of([](auto f) {
         auto h = f.initHello();
         h.setProtocolVersion(wire::PROTOCOL_VERSION);
         h.setHeapFormat(1);
         h.setImageId(0x1234567890abcdef);
         h.initSender().setNode(0);
         h.setLastApplied(17);
         fill_data(h.initAuthProof(32), 2);
       })},
      {"welcome", frame_of([](auto f) {
         auto w = f.initWelcome();
         w.setNode(2);
         w.setIncarnation(5);
         w.setLogPosition(17);
         w.setFullSnapshot(true);
         w.setGrantFirstPage(2048);
         w.setGrantPageCount(2048);
         w.setLastSequence(9);
         w.initLastResults(1).set(0, 0x58);
       })},
      {"snapshot_page", frame_of([](auto f) { page(f.initSnapshotPage(), 4); })},
      {"snapshot_done", frame_of([](auto f) { f.setSnapshotDone(17); })},
      {"commit", frame_of([](auto f) { commit(f.initCommit(), 2); })},
      {"commit_segments", frame_of([](auto f) { commit(f.initCommit(), 3); }, 8)},
      {"accept", frame_of([](auto f) {
         id(f.initAccept().initId(), 9);
         f.getAccept().setLogPosition(18);
       })},
      {"reject", frame_of([](auto f) {
         auto r = f.initReject();
         id(r.initId(), 9);
         update(r.initFailed(), 0x10008);
         r.setCurrent(0x30001);
       })},
      {"entry", frame_of([](auto f) {
         auto e = f.initEntry();
         e.setLogPosition(18);
         id(e.initId(), 9);
         page(e.initPages(1)[0], 100);
         update(e.initUpdates(1)[0], 0x10008);
       })},
      {"catch_up", frame_of([](auto f) { f.initCatchUp().setFromPosition(12); })},
      {"heartbeat", frame_of([](auto f) {
         f.initHeartbeat().setLogPosition(18);
         f.getHeartbeat().setTimeMs(1700000000000);
       })},
      {"goodbye", frame_of([](auto f) { f.setGoodbye("bad image id"); })},
      {"status_request", frame_of([](auto f) { f.setStatusRequest(); })},
      {"status", frame_of([](auto f) {
         auto s = f.initStatus();
         s.setLogPosition(18);
         s.setHeapPages(300);
         auto ns = s.initNodes(2);
         for (unsigned i = 0; i < 2; ++i) {
           ns[i].setNode(uint16_t(i + 1));
           ns[i].setIncarnation(5);
           ns[i].setApplied(18 - i);
           ns[i].setConnected(i == 0);
         }
         s.setRetiredNodes(3);
         s.setFreePages(189);
       })},
      {"grant_request", frame_of([](auto f) { f.setGrantRequest(512); })},
      {"grant", frame_of([](auto f) {
         f.initGrant().setFirstPage(8192);
         f.getGrant().setPageCount(1024);
       })},
      {"leaving", frame_of([](auto f) { f.setLeaving(); })},
  };
  // A stream: a handshake and a commit, back to back, as one read would bring them.
  std::vector<uint8_t> stream;
  for (const char* name : {"challenge", "hello", "commit", "heartbeat"})
    for (auto& [n, bytes] : seeds)
      if (n == name) stream.insert(stream.end(), bytes.begin(), bytes.end());
  seeds.emplace_back("stream", stream);

  for (auto& [name, bytes] : seeds) {
    std::string path = std::string(argv[1]) + "/" + name;
    if (!write_file(path, bytes)) {
      std::perror(path.c_str());
      return 1;
    }
  }
  std::printf("%zu seeds written to %s\n", seeds.size(), argv[1]);
  return 0;
}
