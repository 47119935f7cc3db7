#include "replication/sha256.h"

#include <cstring>

namespace folio::replication {
namespace {

// The constants are the first 32 bits of the fractional parts of the square
// roots (H0) and cube roots (K) of the first primes: computed exactly here with
// integer roots instead of being copied as tables.
uint32_t root_fraction_bits(uint64_t prime, int k) {
  unsigned __int128 n = static_cast<unsigned __int128>(prime) << (32 * k);
  uint64_t lo = 0, hi = uint64_t(1) << 40;  // the root of n is below 2^36
  while (lo < hi) {                          // the largest r with r^k <= n
    uint64_t mid = lo + (hi - lo + 1) / 2;
    unsigned __int128 p = mid;
    for (int i = 1; i < k; ++i) p *= mid;
    if (p <= n) lo = mid;
    else hi = mid - 1;
  }
  return uint32_t(lo);  // dropping the integer part keeps the fraction's first 32 bits
}

struct Constants {
  uint32_t k[64], h0[8];
  Constants() {
    int found = 0;
    for (uint64_t n = 2; found < 64; ++n) {
      bool prime = true;
      for (uint64_t d = 2; d * d <= n; ++d) prime = prime && n % d != 0;
      if (!prime) continue;
      if (found < 8) h0[found] = root_fraction_bits(n, 2);
      k[found++] = root_fraction_bits(n, 3);
    }
  }
};
const Constants& constants() {
  static const Constants c;
  return c;
}

inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

Sha256::Sha256() { std::memcpy(h_, constants().h0, sizeof h_); }

void Sha256::block(const uint8_t* p) {
  const uint32_t* k = constants().k;
  uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e, h_[5] += f, h_[6] += g, h_[7] += h;
}

void Sha256::update(const void* data, size_t n) {
  const auto* p = static_cast<const uint8_t*>(data);
  total_ += n;
  while (n > 0) {
    size_t take = std::min(n, sizeof buf_ - used_);
    std::memcpy(buf_ + used_, p, take);
    used_ += take, p += take, n -= take;
    if (used_ == sizeof buf_) {
      block(buf_);
      used_ = 0;
    }
  }
}

Digest Sha256::finish() {
  uint64_t bits = total_ * 8;
  uint8_t pad = 0x80;
  update(&pad, 1);
  uint8_t zero = 0;
  while (used_ != 56) update(&zero, 1);
  uint8_t len[8];
  for (int i = 0; i < 8; ++i) len[i] = uint8_t(bits >> (56 - 8 * i));
  update(len, 8);
  Digest out;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) out[size_t(4 * i + j)] = uint8_t(h_[i] >> (24 - 8 * j));
  return out;
}

Digest sha256(std::string_view data) {
  Sha256 s;
  s.update(data.data(), data.size());
  return s.finish();
}

Digest hmac_sha256(std::string_view key, std::string_view message) {
  uint8_t k[64] = {};
  if (key.size() > 64) {
    Digest d = sha256(key);
    std::memcpy(k, d.data(), d.size());
  } else {
    std::memcpy(k, key.data(), key.size());
  }
  uint8_t ipad[64], opad[64];
  for (int i = 0; i < 64; ++i) ipad[i] = k[i] ^ 0x36, opad[i] = k[i] ^ 0x5c;
  Sha256 inner;
  inner.update(ipad, 64);
  inner.update(message.data(), message.size());
  Digest in = inner.finish();
  Sha256 outer;
  outer.update(opad, 64);
  outer.update(in.data(), in.size());
  return outer.finish();
}

std::string to_hex(const Digest& d) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : d) s += digits[b >> 4], s += digits[b & 15];
  return s;
}

bool digests_equal(const Digest& a, const Digest& b) {
  uint8_t diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= uint8_t(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace folio::replication
