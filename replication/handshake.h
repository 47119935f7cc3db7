// handshake.h - the frames that open a connection (docs/PROTOCOL.md):
// challenge (server), hello (node), welcome or goodbye (server).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "replication/frame.h"

namespace folio::replication {

using Nonce = std::array<uint8_t, 32>;
constexpr uint16_t kObserverNode = 0xFFFF;  // a status client: no node id, no pages

struct PeerIdentity {
  uint32_t heap_format = 0;
  uint64_t image_id = 0;  // same built-in image: same build, same native ids
};

Nonce random_nonce();
void build_challenge(capnp::MessageBuilder& m, const Nonce& nonce);
void build_hello(capnp::MessageBuilder& m, const PeerIdentity& me, uint16_t node, uint32_t incarnation,
                 uint64_t last_applied, std::string_view key, const Nonce& nonce);
void build_goodbye(capnp::MessageBuilder& m, std::string_view reason);
// Why the server refuses `hello` ("" when it accepts it).
std::string check_hello(wire::Hello::Reader hello, const PeerIdentity& mine, std::string_view key,
                        const Nonce& nonce);
// Reads a key file: its contents without trailing whitespace; throws
// std::runtime_error when unreadable, empty, or readable by group or others.
std::string read_key_file(const std::string& path);

}  // namespace folio::replication
