// frame_fuzzer.cpp - libFuzzer target for replication/frame.h's FrameDecoder.
//
// The input is a byte stream as a peer (or the commit log) would deliver it.
// It is fed to one decoder whole and to another in two pieces, split at a
// point taken from the input, and next() is called until it returns null.
// The contract checked (frame.h): bad input is a FrameError from next() and
// nothing else; a frame next() returns has been walked already, so reading
// every field of it afterwards - as the server and the nodes do - never
// throws. Anything else (another exception, a crash, a sanitizer report, the
// two decoders disagreeing) is a bug.
//
// Built by meson with -Dfuzz=true and CXX=clang++ (tests/fuzz/meson.build).
#include <kj/exception.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "replication/frame.h"

using folio::replication::FrameDecoder;
using folio::replication::FrameError;
using folio::replication::FrameLimits;
using folio::replication::ReceivedFrame;
namespace wire = folio::wire;

namespace {

// Small limits so that the fuzzer reaches the limit checks with short inputs.
FrameLimits fuzz_limits() {
  FrameLimits l;
  l.max_frame_words = 1 << 14;  // 128 KiB: a 64 KiB page still fits
  l.max_segments = 64;
  return l;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "frame_fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

// A digest of what a walk read, so that the two decoders can be compared and
// the reads cannot be optimised away.
struct Walk {
  uint64_t sum = 0;
  void add(uint64_t v) { sum = sum * 1000003 + v; }
  void add(capnp::Data::Reader d) {
    add(d.size());
    for (uint8_t b : d) add(b);
  }
  void add(capnp::Text::Reader t) {
    add(t.size());
    for (char c : t) add(uint8_t(c));
  }
  void sender(wire::Sender::Reader s) {
    add(s.getNode());
    add(s.getIncarnation());
  }
  void id(wire::CommitId::Reader c) {
    add(c.getNode());
    add(c.getIncarnation());
    add(c.getSequence());
  }
  void page(wire::Page::Reader p) {
    add(p.getIndex());
    add(p.getVersion());
    add(p.getData());
    add(p.getEntry());
  }
  void update(wire::CellUpdate::Reader u) {
    add(u.getOffset());
    add(u.getExpected());
    add(u.getDesired());
    add(uint64_t(u.getOp()));
  }
  // A commit and a log entry carry the same changes.
  template <typename Changes>
  void changes(Changes c) {
    id(c.getId());
    add(c.getPages().size());
    for (auto p : c.getPages()) page(p);
    add(c.getUpdates().size());
    for (auto u : c.getUpdates()) update(u);
  }

  void frame(wire::Frame::Reader f) {
    sender(f.getSender());
    add(uint64_t(f.which()));
    switch (f.which()) {
      case wire::Frame::CHALLENGE:
        add(f.getChallenge().getNonce());
        break;
      case wire::Frame::HELLO: {
        auto h = f.getHello();
        add(h.getProtocolVersion());
        add(h.getHeapFormat());
        add(h.getImageId());
        sender(h.getSender());
        add(h.getLastApplied());
        add(h.getAuthProof());
        break;
      }
      case wire::Frame::WELCOME: {
        auto w = f.getWelcome();
        add(w.getNode());
        add(w.getIncarnation());
        add(w.getLogPosition());
        add(w.getFullSnapshot());
        add(w.getGrantFirstPage());
        add(w.getGrantPageCount());
        add(w.getLastSequence());
        for (uint64_t word : w.getLastResults()) add(word);
        break;
      }
      case wire::Frame::SNAPSHOT_PAGE:
        page(f.getSnapshotPage());
        break;
      case wire::Frame::SNAPSHOT_DONE:
        add(f.getSnapshotDone());
        break;
      case wire::Frame::COMMIT:
        changes(f.getCommit());
        add(f.getCommit().getReadPosition());
        break;
      case wire::Frame::ACCEPT:
        id(f.getAccept().getId());
        add(f.getAccept().getLogPosition());
        break;
      case wire::Frame::REJECT: {
        auto r = f.getReject();
        id(r.getId());
        update(r.getFailed());
        add(r.getCurrent());
        break;
      }
      case wire::Frame::ENTRY:
        changes(f.getEntry());
        add(f.getEntry().getLogPosition());
        break;
      case wire::Frame::CATCH_UP:
        add(f.getCatchUp().getFromPosition());
        break;
      case wire::Frame::HEARTBEAT:
        add(f.getHeartbeat().getLogPosition());
        add(f.getHeartbeat().getTimeMs());
        break;
      case wire::Frame::GOODBYE:
        add(f.getGoodbye());
        break;
      case wire::Frame::STATUS_REQUEST:
        break;
      case wire::Frame::STATUS: {
        auto s = f.getStatus();
        add(s.getLogPosition());
        add(s.getHeapPages());
        add(s.getNodes().size());
        for (auto n : s.getNodes()) {
          add(n.getNode());
          add(n.getIncarnation());
          add(n.getApplied());
          add(n.getConnected());
        }
        add(s.getRetiredNodes());
        add(s.getFreePages());
        break;
      }
      case wire::Frame::GRANT_REQUEST:
        add(f.getGrantRequest());
        break;
      case wire::Frame::GRANT:
        add(f.getGrant().getFirstPage());
        add(f.getGrant().getPageCount());
        break;
      case wire::Frame::LEAVING:
        break;
    }  // no default: a member this build does not know has nothing to read, and a new one
       // in the schema fails the build here (-Werror=switch) until the walk reads it
  }
};

// What one decoder made of the stream: a digest per frame, then how it ended.
struct Outcome {
  std::vector<uint64_t> frames;
  size_t consumed = 0;  // stream bytes the frames came from
  std::string error;  // empty: the stream ended cleanly (maybe mid-frame)
  size_t buffered = 0;
};

void take_frames(FrameDecoder& d, const uint8_t* stream, size_t size, Outcome& out) {
  for (;;) {
    std::unique_ptr<ReceivedFrame> f;
    try {
      f = d.next();
    } catch (const FrameError& e) {
      out.error = e.what();
      return;
    } catch (const kj::Exception& e) {
      fail("next() let a kj::Exception out", e.getDescription().cStr());
    } catch (const std::exception& e) {
      fail("next() threw something other than FrameError", e.what());
    }
    if (!f) return;
    Walk w, again;
    try {
      w.frame(f->frame());
      again.frame(f->frame());  // a holder may read a frame more than once (frame.cpp: four full reads)
      if (again.sum != w.sum) fail("a second read", "saw other values");
      // bytes() gives back exactly the stretch of the stream the frame came from.
      auto bytes = f->bytes();
      if (bytes.size() > size - out.consumed || std::memcmp(bytes.data(), stream + out.consumed, bytes.size()) != 0)
        fail("bytes()", "not the bytes the frame came from");
      out.consumed += bytes.size();
    } catch (const kj::Exception& e) {
      fail("reading a decoded frame threw", e.getDescription().cStr());
    } catch (const std::exception& e) {
      fail("reading a decoded frame threw", e.what());
    }
    out.frames.push_back(w.sum);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // In one piece.
  Outcome whole;
  {
    FrameDecoder d(fuzz_limits());
    d.feed(data, size);
    take_frames(d, data, size, whole);
    whole.buffered = d.buffered();
  }

  // In two pieces, split where the input's last two bytes say, draining the
  // decoder between the pieces (as a socket read loop does).
  size_t split = size < 2 ? 0 : (size_t(data[size - 1]) << 8 | data[size - 2]) % (size + 1);
  Outcome pieces;
  {
    FrameDecoder d(fuzz_limits());
    d.feed(data, split);
    take_frames(d, data, size, pieces);
    if (pieces.error.empty()) {
      d.feed(data + split, size - split);
      take_frames(d, data, size, pieces);
    }
    pieces.buffered = d.buffered();
  }

  // The split must not change what comes out: the same frames, the same
  // error (or none); a clean end leaves the same bytes waiting.
  if (whole.frames != pieces.frames) fail("split changed the frames", std::to_string(whole.frames.size()) + " vs " + std::to_string(pieces.frames.size()));
  if (whole.error != pieces.error) fail("split changed the error", "'" + whole.error + "' vs '" + pieces.error + "'");
  if (whole.error.empty() && (whole.buffered != size - whole.consumed || pieces.buffered != whole.buffered))
    fail("a clean end does not leave the rest of the stream buffered", "");
  return 0;
}
