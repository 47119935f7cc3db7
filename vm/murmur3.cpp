#include "vm/murmur3.h"

#include "vm/utf8.h"

#include <vector>

namespace folio::murmur3 {
namespace {

constexpr uint32_t kC1 = 0xcc9e2d51, kC2 = 0x1b873593;

inline uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
inline uint32_t mix_k1(uint32_t k1) { return rotl(k1 * kC1, 15) * kC2; }
inline uint32_t mix_h1(uint32_t h1, uint32_t k1) { return rotl(h1 ^ k1, 13) * 5 + 0xe6546b64; }
inline uint32_t fmix(uint32_t h1, uint32_t length) {
  h1 ^= length;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return h1;
}

}  // namespace

int32_t hash_int(int32_t input) {
  if (input == 0) return 0;
  return int32_t(fmix(mix_h1(0, mix_k1(uint32_t(input))), 4));
}

int32_t hash_long(int64_t input) {
  if (input == 0) return 0;
  uint64_t u = uint64_t(input);
  uint32_t h1 = mix_h1(0, mix_k1(uint32_t(u)));
  h1 = mix_h1(h1, mix_k1(uint32_t(u >> 32)));
  return int32_t(fmix(h1, 8));
}

int32_t hash_unencoded_chars(const char16_t* s, size_t n) {
  uint32_t h1 = 0;
  for (size_t i = 1; i < n; i += 2) h1 = mix_h1(h1, mix_k1(uint32_t(s[i - 1]) | (uint32_t(s[i]) << 16)));
  if (n & 1) h1 ^= mix_k1(uint32_t(s[n - 1]));
  return int32_t(fmix(h1, uint32_t(2 * n)));
}

int32_t hash_utf8_as_utf16(std::string_view u) {
  std::vector<char16_t> out;
  out.reserve(u.size());
  for (size_t i = 0; i < u.size();) {
    uint32_t cp = next_code_point(u, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(char16_t(0xD800 + (cp >> 10)));
      out.push_back(char16_t(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(char16_t(cp));
    }
  }
  return hash_unencoded_chars(out.data(), out.size());
}

int32_t mix_coll_hash(int32_t hash, int32_t count) {
  return int32_t(fmix(mix_h1(0, mix_k1(uint32_t(hash))), uint32_t(count)));
}

int32_t hash_ordered_step(int32_t h, int32_t x) { return int32_t(31u * uint32_t(h) + uint32_t(x)); }

int32_t hash_combine(int32_t seed, int32_t hash) {
  uint32_t s = uint32_t(seed);
  s ^= uint32_t(hash) + 0x9e3779b9u + (s << 6) + uint32_t(seed >> 2);
  return int32_t(s);
}

}  // namespace folio::murmur3
