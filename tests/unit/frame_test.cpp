// Unit tests for replication/frame.h: frames round-trip in any chunking, and
// malformed, oversized or hostile input is a FrameError, never a crash.
#include <doctest/doctest.h>

#include <capnp/any.h>
#include <capnp/message.h>
#include <capnp/schema.h>

#include <algorithm>
#include <random>

#include "replication/frame.h"
#include "replication/sha256.h"

using namespace folio::replication;

namespace {

std::vector<uint8_t> commit_frame(uint64_t seq, int pages) {
  capnp::MallocMessageBuilder m;
  auto f = m.initRoot<folio::wire::Frame>();
  f.initSender().setNode(3);
  f.getSender().setIncarnation(7);
  auto c = f.initCommit();
  auto id = c.initId();
  id.setNode(3);
  id.setIncarnation(7);
  id.setSequence(seq);
  c.setReadPosition(41);
  auto ps = c.initPages(unsigned(pages));
  for (int i = 0; i < pages; ++i) {
    ps[unsigned(i)].setIndex(uint64_t(100 + i));
    ps[unsigned(i)].setVersion(uint32_t(i));
    auto data = ps[unsigned(i)].initData(65536);
    for (size_t b = 0; b < data.size(); ++b) data[b] = uint8_t(b * 31 + unsigned(i));
  }
  auto us = c.initUpdates(2);
  us[0].setOffset(0x10008);
  us[0].setExpected(1);
  us[0].setDesired(0x20001);
  us[1].setOffset(0x10010);
  us[1].setExpected(0);
  us[1].setDesired(8);
  return encode_frame(m);
}

void check_commit(ReceivedFrame& r, uint64_t seq, int pages) {
  auto f = r.frame();
  REQUIRE(f.which() == folio::wire::Frame::COMMIT);
  auto c = f.getCommit();
  CHECK(c.getId().getSequence() == seq);
  CHECK(c.getReadPosition() == 41);
  REQUIRE(c.getPages().size() == unsigned(pages));
  for (int i = 0; i < pages; ++i) {
    auto p = c.getPages()[unsigned(i)];
    CHECK(p.getIndex() == uint64_t(100 + i));
    auto data = p.getData();
    REQUIRE(data.size() == 65536);
    CHECK(data[12345] == uint8_t(12345 * 31 + unsigned(i)));
  }
  CHECK(c.getUpdates()[0].getDesired() == 0x20001);
}

std::string error_of(const std::vector<uint8_t>& bytes, FrameLimits limits = {}) {
  FrameDecoder d(limits);
  d.feed(bytes.data(), bytes.size());
  try {
    while (d.next()) {
    }
  } catch (const FrameError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("frames: a commit with pages round-trips, fed whole or a byte at a time") {
  auto bytes = commit_frame(5, 3);
  FrameDecoder whole;
  whole.feed(bytes.data(), bytes.size());
  auto r = whole.next();
  REQUIRE(r);
  check_commit(*r, 5, 3);
  CHECK_FALSE(whole.next());

  FrameDecoder trickle;
  std::unique_ptr<ReceivedFrame> got;
  for (size_t i = 0; i < bytes.size(); ++i) {
    trickle.feed(&bytes[i], 1);
    auto f = trickle.next();
    if (f) {
      CHECK(i == bytes.size() - 1);  // complete only with its last byte
      got = std::move(f);
    }
  }
  REQUIRE(got);
  check_commit(*got, 5, 3);
}

TEST_CASE("frames: several frames in one buffer come out in order") {
  std::vector<uint8_t> stream;
  for (uint64_t s = 1; s <= 4; ++s) {
    auto b = commit_frame(s, 1);
    stream.insert(stream.end(), b.begin(), b.end());
  }
  FrameDecoder d;
  d.feed(stream.data(), stream.size());
  for (uint64_t s = 1; s <= 4; ++s) {
    auto r = d.next();
    REQUIRE(r);
    check_commit(*r, s, 1);
  }
  CHECK_FALSE(d.next());
  CHECK(d.buffered() == 0);
}

TEST_CASE("frames: bad headers and lengths are refused before anything is allocated") {
  auto good = commit_frame(1, 1);
  auto bad_magic = good;
  bad_magic[0] ^= 0xff;
  CHECK(error_of(bad_magic).find("bad magic") != std::string::npos);
  auto huge = good;
  huge[4] = huge[5] = huge[6] = huge[7] = 0xff;  // 4 G words claimed
  CHECK(error_of(huge).find("outside") != std::string::npos);
  auto zero = good;
  zero[4] = zero[5] = zero[6] = zero[7] = 0;
  CHECK(error_of(zero).find("outside") != std::string::npos);
  FrameLimits small;
  small.max_frame_words = 1000;  // a 64 KiB page does not fit
  CHECK(error_of(good, small).find("outside") != std::string::npos);
}

TEST_CASE("frames: a segment table that lies about the payload is refused") {
  auto good = commit_frame(1, 1);
  auto many = good;
  many[8] = 0xff;  // segment count - 1 = 255 + ...
  many[9] = 0xff;
  CHECK(error_of(many).find("segments") != std::string::npos);
  auto bigger = good;
  bigger[12] ^= 0x40;  // segment 0's size no longer matches the frame length
  CHECK(error_of(bigger).find("segment") != std::string::npos);
}

TEST_CASE("frames: a decoder stays failed after an error") {
  auto good = commit_frame(1, 0);
  auto bad = good;
  bad[0] = 0;
  FrameDecoder d;
  d.feed(bad.data(), bad.size());
  CHECK_THROWS_AS(d.next(), FrameError);
  d.feed(good.data(), good.size());
  CHECK_THROWS_AS(d.next(), FrameError);
}

TEST_CASE("frames: random and mutated input never crashes the decoder") {
  std::mt19937_64 rng(20261127);
  auto good = commit_frame(9, 1);
  int errors = 0, frames = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<uint8_t> bytes = good;
    if (round % 3 == 0) {  // pure noise behind a valid header
      bytes.resize(8 + 8 * (rng() % 64));
      for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = uint8_t(rng());
      uint32_t words = uint32_t((bytes.size() - 8) / 8);
      for (int i = 0; i < 4; ++i) bytes[4 + size_t(i)] = uint8_t(words >> (8 * i));
    } else {  // a few flipped bytes in a real frame (its pointers and tables included)
      for (int k = 0; k < 1 + round % 5; ++k) bytes[8 + rng() % std::min<size_t>(bytes.size() - 8, 512)] ^= uint8_t(1 + rng() % 255);
    }
    FrameDecoder d;
    d.feed(bytes.data(), bytes.size());
    try {
      if (auto r = d.next()) {
        ++frames;
        (void)r->frame().which();
      }
    } catch (const FrameError&) {
      ++errors;
    }
  }
  CHECK(errors > 0);
  CHECK(errors + frames <= 3000);
}

// Found by tests/fuzz/frame_fuzzer: a frame whose pointers are all in bounds
// but do not match the schema used to come out of next(), and the first read
// of the field threw a kj::Exception at whoever read it.
TEST_CASE("frames: a Text without its NUL is refused by the decoder, not by its reader") {
  capnp::MallocMessageBuilder m;
  m.initRoot<folio::wire::Frame>().setGoodbye("bad image id");
  auto bytes = encode_frame(m);
  std::string text = "bad image id";
  auto at = std::search(bytes.begin(), bytes.end(), text.begin(), text.end());
  REQUIRE(at != bytes.end());
  at[std::ptrdiff_t(text.size())] = 'x';  // the NUL the list's length counts
  CHECK(error_of(bytes).find("NUL") != std::string::npos);
}

TEST_CASE("frames: a union member relabelled to a pointer of another kind is refused") {
  capnp::MallocMessageBuilder m;
  auto f = m.initRoot<folio::wire::Frame>();
  f.setGoodbye("bye");  // a byte list in the pointer slot the union members share
  auto discriminant = capnp::Schema::from<folio::wire::Frame>().getProto().getStruct().getDiscriminantOffset();
  auto data = capnp::toAny(f).getDataSection();
  REQUIRE(data.size() >= 2 * discriminant + 2);
  data[2 * discriminant] = uint8_t(folio::wire::Frame::COMMIT);  // little-endian u16
  data[2 * discriminant + 1] = 0;
  REQUIRE(f.which() == folio::wire::Frame::COMMIT);
  CHECK(error_of(encode_frame(m)).find("malformed message") != std::string::npos);
}

TEST_CASE("frames: an amplified list is refused, and a frame that passes can be read again") {
  // Commit.pages as a list of empty structs: each costs no bytes, but every
  // read of the list is charged one word per element.
  auto frame_with_empty_pages = [](unsigned count) {
    capnp::MallocMessageBuilder m;
    auto c = m.initRoot<folio::wire::Frame>().initCommit();
    auto slot = capnp::Schema::from<folio::wire::Commit>().getFieldByName("pages").getProto().getSlot().getOffset();
    capnp::toAny(c).getPointerSection()[slot].initAsListOfAnyStruct(0, 0, count);
    return encode_frame(m);
  };
  auto amplified = frame_with_empty_pages(100000);
  CHECK(amplified.size() < 200);
  CHECK(error_of(amplified).find("malformed message") != std::string::npos);

  auto modest = frame_with_empty_pages(40);
  FrameDecoder d;
  d.feed(modest.data(), modest.size());
  auto r = d.next();
  REQUIRE(r);
  for (int pass = 0; pass < 4; ++pass) {  // the holder's budget is not what the check spent
    auto pages = r->frame().getCommit().getPages();
    CHECK(pages.size() == 40);
    for (auto p : pages) CHECK(p.getData().size() == 0);
  }
}

// Expected digests computed with Python's hashlib/hmac when this test was written.
TEST_CASE("sha256 and hmac-sha256 match the standard's test vectors") {
  CHECK(to_hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 million;
  std::string chunk(1000, 'a');
  for (int i = 0; i < 1000; ++i) million.update(chunk.data(), chunk.size());
  CHECK(to_hex(million.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(to_hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(to_hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  CHECK(digests_equal(sha256("x"), sha256("x")));
  CHECK_FALSE(digests_equal(sha256("x"), sha256("y")));
}

TEST_CASE("frames: a list of words (Welcome.lastResults) made of narrower elements is refused") {
  auto welcome_with = [](bool narrow) {
    capnp::MallocMessageBuilder m;
    auto w = m.initRoot<folio::wire::Frame>().initWelcome();
    auto slot = capnp::Schema::from<folio::wire::Welcome>().getFieldByName("lastResults").getProto().getSlot().getOffset();
    if (narrow) capnp::toAny(w).getPointerSection()[slot].initAs<capnp::List<uint8_t>>(3);
    else w.initLastResults(2).set(1, 0x58);
    return encode_frame(m);
  };
  CHECK(error_of(welcome_with(true)).find("malformed message") != std::string::npos);
  auto good = welcome_with(false);
  FrameDecoder d;
  d.feed(good.data(), good.size());
  auto r = d.next();
  REQUIRE(r);
  CHECK(r->frame().getWelcome().getLastResults()[1] == 0x58);
}
