// murmur3.h - Clojure's hash functions (clojure.lang.Murmur3 and Util.hashCombine).
// Folio hashes exactly as JVM Clojure does, so hash maps and sets iterate,
// and therefore print, in the same order as on the JVM.
#pragma once
#include <cstdint>
#include <string_view>

namespace folio::murmur3 {

int32_t hash_int(int32_t input);
int32_t hash_long(int64_t input);
int32_t hash_unencoded_chars(const char16_t* s, size_t n);
int32_t hash_utf8_as_utf16(std::string_view utf8);  // hashUnencodedChars of the UTF-16 form
int32_t mix_coll_hash(int32_t hash, int32_t count);
int32_t hash_ordered_step(int32_t h, int32_t x);    // h = 31*h + x
int32_t hash_combine(int32_t seed, int32_t hash);

}  // namespace folio::murmur3
