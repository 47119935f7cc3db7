// frame.h - Cap'n Proto frames on a byte stream, read with limits.
//
// A frame is an 8-byte header - the magic "FOL1" and the payload's length in
// 8-byte words, both little-endian u32 - then one message (folio.capnp's
// Frame) in Cap'n Proto's flat format: its segment table, then its segments.
// The decoder checks the length against a maximum before it allocates
// anything, copies the payload into 8-byte aligned words, checks the segment
// table against the payload itself (FlatArrayMessageReader checks neither the
// segment count nor the total), reads with explicit traversal and nesting
// limits, and reads every field of the schema once - with a reader and a
// budget of its own - so that a bad pointer, a pointer of the wrong kind or a
// Text without its NUL is found here, not by whoever reads a field later.
// Bad input is a FrameError with a reason, never a crash, never another
// exception and never an allocation the sender chose
// (tests/fuzz/frame_fuzzer.cpp holds the decoder to this).
#pragma once
#include <capnp/message.h>
#include <capnp/serialize.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "replication/folio.capnp.h"

namespace folio::replication {

constexpr uint32_t kFrameMagic = 0x314C4F46;  // "FOL1" read as little-endian
constexpr size_t kFrameHeaderBytes = 8;

struct FrameError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FrameLimits {
  uint64_t max_frame_words = uint64_t(16) << 20;  // 128 MiB: a commit of ~2000 pages
  uint32_t max_segments = 512;
  uint32_t nesting = 16;  // Frame > Commit > List(Page) > Page: 4 deep is all we use
};

// A Frame being built. Most frames are a few dozen words: a small first
// segment (grown as needed) spares each one zeroing capnp's default 8 KiB.
class FrameBuilder : public capnp::MallocMessageBuilder {
 public:
  explicit FrameBuilder(uint32_t first_segment_words = 64) : capnp::MallocMessageBuilder(first_segment_words) {}
};

// The bytes of one frame holding `message` (a Frame).
std::vector<uint8_t> encode_frame(capnp::MessageBuilder& message);

// A decoded frame: owns its aligned words; valid as long as it lives.
class ReceivedFrame {
 public:
  ReceivedFrame(kj::Array<capnp::word> words, const FrameLimits& limits);
  wire::Frame::Reader frame() { return root_; }
  size_t size_bytes() const { return words_.size() * sizeof(capnp::word); }
  // The frame as it came: header and message (to log it as received).
  std::vector<uint8_t> bytes() const;

 private:
  kj::Array<capnp::word> words_;
  capnp::FlatArrayMessageReader reader_;
  wire::Frame::Reader root_;
};

// Turns received bytes, in whatever pieces they arrive, into frames.
class FrameDecoder {
 public:
  explicit FrameDecoder(FrameLimits limits = {}) : limits_(limits) {}
  void feed(const void* data, size_t n);
  // The next complete frame, or nullptr when more bytes are needed. A
  // FrameError leaves the decoder unusable: the connection must be closed.
  std::unique_ptr<ReceivedFrame> next();
  size_t buffered() const { return buf_.size() - start_; }

 private:
  FrameLimits limits_;
  std::vector<uint8_t> buf_;  // received bytes; those before start_ are consumed
  size_t start_ = 0;
  bool failed_ = false;
};

}  // namespace folio::replication
