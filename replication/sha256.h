// sha256.h - SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104), for the cluster
// handshake: a node proves it holds the key file's key by answering the
// server's random challenge with HMAC(key, nonce). No crypto library is on
// the design card, and this is all the protocol needs.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace folio::replication {

using Digest = std::array<uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t n);
  Digest finish();  // the object is spent afterwards

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t used_ = 0;
  uint64_t total_ = 0;
};

Digest sha256(std::string_view data);
Digest hmac_sha256(std::string_view key, std::string_view message);
std::string to_hex(const Digest& d);
// Compares in time independent of where they differ (an attacker learns nothing from timing).
bool digests_equal(const Digest& a, const Digest& b);

}  // namespace folio::replication
